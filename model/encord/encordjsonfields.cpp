#include "encord/encordjsonfields.h"

#include "domain/boundedjson.h"
#include "domain/labelrowdocument.h"

#include <limits>

namespace lb::encordjson {

using json = nlohmann::json;

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

json field(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? json() : *it;
}

int intField(const json &object, const char *key, int fallback)
{
    const json value = field(object, key);
    if (value.is_number()) {
        // A number no int holds (1e300, 2^40) reads as a missing one: converting it would be undefined.
        const double number = value.get<double>();
        return number >= std::numeric_limits<int>::min() && number <= std::numeric_limits<int>::max()
                   ? int(number)
                   : fallback;
    }
    // Encord fixtures carry numbers as strings now and then ("None" too).
    if (value.is_string()) {
        bool ok = false;
        const int parsed = str(value).toInt(&ok);
        return ok ? parsed : fallback;
    }
    return fallback;
}

double doubleField(const json &object, const char *key)
{
    const json value = field(object, key);
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return str(value).toDouble();
    return 0.0;
}

QDateTime timeField(const json &object, const char *key)
{
    const QString text = str(field(object, key));
    return text.isEmpty() ? QDateTime() : parseEncordTimestamp(text);
}

QByteArray compactBytes(const json &value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

json parseBytes(const QByteArray &bytes)
{
    return boundedjson::parseOrDiscard(bytes);
}

} // namespace lb::encordjson
