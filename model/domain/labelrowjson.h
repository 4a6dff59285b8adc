#pragma once

#include "domain/dataunit.h"

#include <nlohmann/json.hpp>
#include <QString>
#include <string>

// Small readers shared by the label-row parser's files: lenient about what Encord writes, strict about
// types, and quick, since a store summarises a hundred thousand rows.

namespace lb::labelrowjson {

QString fromStd(const std::string &text);
// Long hashes make messages unreadable; the first eight characters are enough to find the row.
QString shortHash(const QString &hash);
QString typeName(const nlohmann::json &value); // "a string", "an object", ... for messages
const nlohmann::json *member(const nlohmann::json &object, const char *key);
bool isAbsent(const nlohmann::json *value); // missing or null

enum class Read
{
    Ok,
    Absent,
    Invalid
};

// Encord's metadata carries "None", numeric strings or null where numbers belong; all of them are tolerated.
Read readLooseNumber(const nlohmann::json *value, double *out);
// Frame keys of video labels are decimal strings: "0", "17".
bool parseFrameKey(const std::string &key, int *frame);
// Whether a data unit's labels are keyed by frame (docs/encord-api.md §4.3): always for video, DICOM,
// NIfTI, PDF and scene rows, and for a type Encord adds later when every key is a frame number.
bool labelsKeyedByFrame(const DataType &type, const nlohmann::json &labels);

} // namespace lb::labelrowjson
