#pragma once

#include "domain/dataunit.h"
#include "domain/result.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <QString>
#include <string>
#include <vector>

namespace lb {

// What a label row's objects or classifications are made of in Encord's JSON (docs/encord-api.md §4.3): an
// entry per frame it is drawn on (data_units[unit].labels.objects, or labels["<frame>"].objects for video,
// DICOM, NIfTI, PDF and scenes) and one answers entry at row level (object_answers, classification_answers)
// keyed by its hash, which holds the attributes, and for audio and text the ranges themselves.
enum class PartKind
{
    Object,
    Classification
};

// One entry of a part on one frame: where it is and its JSON as written.
struct PlacedEntry
{
    std::string unitKey;  // key of data_units
    std::string frameKey; // key of labels for labels keyed by frame; empty when labels hold the lists
    nlohmann::json entry;
};

// Everything of one object instance (or classification) in a row, across frames and data units.
struct LabelPart
{
    std::vector<PlacedEntry> placed; // in the order of the row
    std::optional<nlohmann::json> answers;

    bool isEmpty() const { return placed.empty() && !answers; }
};

// Reading the parts of a row out of its JSON and writing them back, for the per-object merge
// (diff/objectmerge.h). Pure; everything of the row that is not touched stays as it was.
class LabelRowParts
{
public:
    // Every part of `kind` keyed by its hash. Data groups and DICOM studies keep their objects in their
    // children's spaces: refused.
    static Result<std::map<QString, LabelPart>> read(const nlohmann::json &row, const DataType &type,
                                                     PartKind kind);
    // Whether two parts hold the same labels: their hashes (paired parts carry one each), createdAt and
    // lastEditedAt, number spelling (1 and 1.0) and the order of their frames do not count, and an answers
    // entry without answers is as good as none, as in the row's content hash (domain/labelcontenthash.h).
    static bool same(const LabelPart &a, const LabelPart &b);
    static bool same(const std::optional<LabelPart> &a, const std::optional<LabelPart> &b);

    // Takes every entry and the answers of `hash` out of `row`.
    static void remove(nlohmann::json &row, PartKind kind, const QString &hash);
    // Puts `part` into `row` under `hash` (its own hash fields rewritten), replacing what `row` had under
    // that hash: an entry on a frame where the row had one takes its place in the list, others go last.
    static Result<void> put(nlohmann::json &row, PartKind kind, const QString &hash, const LabelPart &part);
    // The row without any part of either kind: what a merge into a data unit without a target row starts
    // from.
    static nlohmann::json withoutParts(const nlohmann::json &row);
};

} // namespace lb
