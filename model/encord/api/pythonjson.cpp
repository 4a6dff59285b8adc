#include "encord/api/pythonjson.h"

#include <string>

namespace lb {

namespace {

template <typename Json> void append(std::string &out, const Json &value)
{
    if (value.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!first)
                out += ", ";
            first = false;
            out += Json(it.key()).dump(-1, ' ', true, Json::error_handler_t::replace);
            out += ": ";
            append(out, it.value());
        }
        out += '}';
    } else if (value.is_array()) {
        out += '[';
        bool first = true;
        for (const auto &element : value) {
            if (!first)
                out += ", ";
            first = false;
            append(out, element);
        }
        out += ']';
    } else {
        out += value.dump(-1, ' ', true, Json::error_handler_t::replace);
    }
}

template <typename Json> QByteArray dumpAny(const Json &value)
{
    std::string out;
    append(out, value);
    return QByteArray(out.data(), qsizetype(out.size()));
}

} // namespace

QByteArray PythonJson::dump(const nlohmann::ordered_json &value)
{
    return dumpAny(value);
}

QByteArray PythonJson::dump(const nlohmann::json &value)
{
    return dumpAny(value);
}

} // namespace lb
