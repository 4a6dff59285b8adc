#include "domain/labelrowjson.h"

#include <charconv>
#include <string_view>

namespace lb::labelrowjson {

using json = nlohmann::json;

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Long hashes make messages unreadable; the first eight characters are enough to find the row.
QString shortHash(const QString &hash)
{
    return hash.size() > 8 ? hash.left(8) + QChar(0x2026) : hash;
}

QString typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::null:
        return QStringLiteral("null");
    case json::value_t::boolean:
        return QStringLiteral("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return QStringLiteral("a number");
    case json::value_t::string:
        return QStringLiteral("a string");
    case json::value_t::array:
        return QStringLiteral("an array");
    case json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("an unsupported value");
    }
}

const json *member(const json &object, const char *key)
{
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

bool isAbsent(const json *value)
{
    return !value || value->is_null();
}

// Encord's metadata carries "None", numeric strings or null where numbers belong; all of them are tolerated.
Read readLooseNumber(const json *value, double *out)
{
    if (isAbsent(value))
        return Read::Absent;
    if (value->is_number()) {
        *out = value->get<double>();
        return Read::Ok;
    }
    if (!value->is_string())
        return Read::Invalid;
    std::string_view text = value->get_ref<const std::string &>();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty() || text == "None" || text == "none" || text == "null" || text == "NaN" || text == "nan")
        return Read::Absent;
    if (text.front() == '+')
        text.remove_prefix(1);
    double parsed = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return Read::Invalid;
    *out = parsed;
    return Read::Ok;
}

// Frame keys of video labels are decimal strings: "0", "17".
bool parseFrameKey(const std::string &key, int *frame)
{
    if (key.empty() || key.size() > 9)
        return false;
    int value = 0;
    const auto result = std::from_chars(key.data(), key.data() + key.size(), value);
    if (result.ec != std::errc() || result.ptr != key.data() + key.size() || value < 0)
        return false;
    *frame = value;
    return true;
}

bool labelsKeyedByFrame(const DataType &type, const nlohmann::json &labels)
{
    if (type.labelsByFrame())
        return true;
    if (type.kind() != DataType::Other || !labels.is_object() || labels.empty())
        return false;
    int frame = 0;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (!parseFrameKey(it.key(), &frame))
            return false;
    }
    return true;
}

} // namespace lb::labelrowjson
