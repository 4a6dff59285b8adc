#pragma once

#include <nlohmann/json.hpp>
#include <QByteArray>

namespace lb {

// Serialises JSON the way Python's json.dumps does by default (", " and ": " separators, non-ASCII as
// \uXXXX), which is what the Encord SDK sends. The bytes are pure ASCII, so what is signed is unambiguous.
class PythonJson
{
public:
    static QByteArray dump(const nlohmann::ordered_json &value);
    static QByteArray dump(const nlohmann::json &value);
};

} // namespace lb
