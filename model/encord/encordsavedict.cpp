#include "encord/encordsavedict.h"

#include "domain/labelrowdocument.h"

#include <QSet>

namespace lb {

namespace {

using json = nlohmann::json;

json valueOr(const json &object, const char *key, const json &fallback)
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return it == object.end() ? fallback : *it;
}

// Encord serves "2023-03-21 10:25:48" but the SDK always writes the long form back.
json longTimestamp(const json &value)
{
    if (!value.is_string())
        return nullptr;
    const QDateTime time = parseEncordTimestamp(QString::fromStdString(value.get<std::string>()));
    if (!time.isValid())
        return value;
    return formatEncordLongTimestamp(time).toStdString();
}

void collectObjectHashes(const json &frame, QSet<QString> *hashes)
{
    if (!frame.is_object())
        return;
    const auto objects = frame.find("objects");
    if (objects == frame.end() || !objects->is_array())
        return;
    for (const json &object : *objects) {
        if (object.is_object() && object.contains("objectHash") && object["objectHash"].is_string())
            hashes->insert(QString::fromStdString(object["objectHash"].get<std::string>()));
    }
}

// Every object on a frame needs an object_answers entry, or Encord may refuse the save
// (ANSWER_DICTIONARY_ERROR); the SDK always writes one.
void completeObjectAnswers(const json &dataUnits, json &objectAnswers)
{
    if (!objectAnswers.is_object())
        objectAnswers = json::object();
    QSet<QString> hashes;
    if (dataUnits.is_object()) {
        for (const auto &unit : dataUnits) {
            const json labels = valueOr(unit, "labels", json::object());
            if (labels.contains("objects")) {
                collectObjectHashes(labels, &hashes);
            } else if (labels.is_object()) {
                for (const auto &frame : labels)
                    collectObjectHashes(frame, &hashes);
            }
        }
    }
    for (const QString &hash : std::as_const(hashes)) {
        const std::string key = hash.toStdString();
        if (!objectAnswers.contains(key))
            objectAnswers[key] = json{{"classifications", json::array()}, {"objectHash", key}};
    }
}

// The SDK's parser indexes "spaces" of every classification answer directly.
void completeClassificationAnswers(json &answers)
{
    if (!answers.is_object()) {
        answers = json::object();
        return;
    }
    for (auto &entry : answers) {
        if (entry.is_object() && !entry.contains("spaces"))
            entry["spaces"] = json::object();
    }
}

// A unit's (or a data-group child's) labels with nothing on them, in the same layout: one frame held
// directly (images) or frames by index (videos, DICOM, ...), docs/encord-api.md §4.3.
json emptiedLabels(const json &labels)
{
    if (labels.is_object() && labels.contains("objects"))
        return json{{"objects", json::array()}, {"classifications", json::array()}};
    return json::object();
}

} // namespace

nlohmann::ordered_json EncordSaveDict::build(const json &content, const json &identity, const QString &branch,
                                             bool isShadowData)
{
    json dataUnits = valueOr(content, "data_units", json::object());
    json objectAnswers = valueOr(content, "object_answers", json::object());
    json classificationAnswers = valueOr(content, "classification_answers", json::object());
    completeObjectAnswers(dataUnits, objectAnswers);
    completeClassificationAnswers(classificationAnswers);

    nlohmann::ordered_json dict = nlohmann::ordered_json::object();
    dict["label_hash"] = valueOr(identity, "label_hash", nullptr);
    dict["branch_name"] = branch.toStdString();
    dict["created_at"] = longTimestamp(valueOr(identity, "created_at", nullptr));
    dict["last_edited_at"] = longTimestamp(valueOr(identity, "last_edited_at", nullptr));
    dict["data_hash"] = valueOr(content, "data_hash", valueOr(identity, "data_hash", nullptr));
    dict["dataset_hash"] = valueOr(content, "dataset_hash", valueOr(identity, "dataset_hash", nullptr));
    dict["dataset_title"] = valueOr(content, "dataset_title", valueOr(identity, "dataset_title", nullptr));
    dict["data_title"] = valueOr(content, "data_title", valueOr(identity, "data_title", nullptr));
    dict["data_type"] = valueOr(content, "data_type", valueOr(identity, "data_type", nullptr));
    dict["annotation_task_status"] = valueOr(identity, "annotation_task_status", nullptr);
    dict["is_shadow_data"] = isShadowData;
    dict["object_answers"] = objectAnswers;
    dict["classification_answers"] = classificationAnswers;
    dict["object_actions"] = valueOr(content, "object_actions", json::object());
    dict["label_status"] = valueOr(identity, "label_status", valueOr(content, "label_status", nullptr));
    dict["data_units"] = dataUnits;
    dict["spaces"] = valueOr(content, "spaces", json::object());
    return dict;
}

json EncordSaveDict::emptied(const json &row)
{
    json out = row;
    for (const char *key : {"data_units", "spaces"}) {
        if (!out.contains(key) || !out[key].is_object())
            continue;
        for (auto &holder : out[key]) {
            if (holder.is_object() && holder.contains("labels"))
                holder["labels"] = emptiedLabels(holder["labels"]);
        }
    }
    out["object_answers"] = json::object();
    out["classification_answers"] = json::object();
    out["object_actions"] = json::object();
    return out;
}

} // namespace lb
