#include "diff/labelrowparts.h"

#include "domain/labelrowjson.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace lb {

namespace {

using json = nlohmann::json;

const char *listKey(PartKind kind)
{
    return kind == PartKind::Object ? "objects" : "classifications";
}

const char *answersKey(PartKind kind)
{
    return kind == PartKind::Object ? "object_answers" : "classification_answers";
}

const char *hashKey(PartKind kind)
{
    return kind == PartKind::Object ? "objectHash" : "classificationHash";
}

// Labels keyed by frame hold objects of frame numbers; others hold the lists themselves.
bool keyedByFrame(const json &labels)
{
    if (labels.empty() || labels.contains("objects") || labels.contains("classifications"))
        return false;
    int frame = 0;
    return std::all_of(labels.items().begin(), labels.items().end(), [&frame](const auto &item) {
        return labelrowjson::parseFrameKey(item.key(), &frame);
    });
}

using ListVisitor = std::function<void(const std::string &unit, const std::string &frame, json &list)>;

// Every list of `kind` in the row, as it stands.
void forEachList(json &row, PartKind kind, const ListVisitor &visit)
{
    auto units = row.find("data_units");
    if (units == row.end() || !units->is_object())
        return;
    for (auto unit = units->begin(); unit != units->end(); ++unit) {
        if (!unit->is_object())
            continue;
        auto labels = unit->find("labels");
        if (labels == unit->end() || !labels->is_object())
            continue;
        if (!keyedByFrame(*labels)) {
            if (auto list = labels->find(listKey(kind)); list != labels->end() && list->is_array())
                visit(unit.key(), std::string(), *list);
            continue;
        }
        for (auto frame = labels->begin(); frame != labels->end(); ++frame) {
            if (!frame->is_object())
                continue;
            if (auto list = frame->find(listKey(kind)); list != frame->end() && list->is_array())
                visit(unit.key(), frame.key(), *list);
        }
    }
}

QString hashOf(const json &entry, PartKind kind)
{
    const auto hash = entry.find(hashKey(kind));
    return hash != entry.end() && hash->is_string()
               ? labelrowjson::fromStd(hash->get_ref<const std::string &>())
               : QString();
}

bool isTimestampKey(const std::string &key)
{
    return key == "createdAt" || key == "lastEditedAt";
}

bool isHashKey(const std::string &key)
{
    return key == "objectHash" || key == "classificationHash";
}

// The JSON as compared: no timestamps, every number a double (1 == 1.0), and at the top level no hash.
json normalised(const json &value, bool dropHash = false)
{
    if (value.is_object()) {
        json out = json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (isTimestampKey(it.key()) || (dropHash && isHashKey(it.key())))
                continue;
            out[it.key()] = normalised(it.value());
        }
        return out;
    }
    if (value.is_array()) {
        json out = json::array();
        for (const json &item : value)
            out.push_back(normalised(item));
        return out;
    }
    if (value.is_number())
        return value.get<double>();
    return value;
}

// An answers entry that holds nothing but its owner's hash and empty lists says no more than no entry.
bool isEmptyAnswers(const json &answers)
{
    if (!answers.is_object())
        return false;
    return std::all_of(answers.items().begin(), answers.items().end(), [](const auto &item) {
        const json &v = item.value();
        return v.is_null() || (v.is_array() && v.empty()) || isHashKey(item.key()) ||
               item.key() == "featureHash" || isTimestampKey(item.key());
    });
}

// The comparable text of a part: its entries in frame order, then its answers.
std::vector<std::string> comparable(const LabelPart &part)
{
    std::vector<std::tuple<std::string, std::string, std::string>> entries;
    for (const PlacedEntry &placed : part.placed)
        entries.emplace_back(placed.unitKey, placed.frameKey, normalised(placed.entry, true).dump());
    std::sort(entries.begin(), entries.end());
    std::vector<std::string> text;
    for (const auto &[unit, frame, entry] : entries)
        text.push_back(unit + '\n' + frame + '\n' + entry);
    if (part.answers && !isEmptyAnswers(*part.answers)) {
        text.push_back("answers\n" + normalised(*part.answers, true).dump());
    }
    return text;
}

void setHash(json &entry, PartKind kind, const QString &hash)
{
    if (entry.is_object())
        entry[hashKey(kind)] = hash.toStdString();
}

} // namespace

Result<std::map<QString, LabelPart>> LabelRowParts::read(const json &row, const DataType &type, PartKind kind)
{
    if (type.isContainer())
        return fail(
            QStringLiteral("a %1 keeps its objects in its children's rows; it is merged as a whole, not "
                           "object by object")
                .arg(type.displayName()));
    std::map<QString, LabelPart> parts;
    json copy = row; // forEachList visits mutable lists; the row itself is not changed
    forEachList(copy, kind, [&](const std::string &unit, const std::string &frame, json &list) {
        for (const json &entry : list) {
            const QString hash = hashOf(entry, kind);
            if (!hash.isEmpty())
                parts[hash].placed.push_back({unit, frame, entry});
        }
    });
    if (auto answers = row.find(answersKey(kind)); answers != row.end() && answers->is_object()) {
        for (auto it = answers->begin(); it != answers->end(); ++it)
            parts[labelrowjson::fromStd(it.key())].answers = it.value();
    }
    return parts;
}

bool LabelRowParts::same(const LabelPart &a, const LabelPart &b)
{
    return comparable(a) == comparable(b);
}

bool LabelRowParts::same(const std::optional<LabelPart> &a, const std::optional<LabelPart> &b)
{
    const bool aEmpty = !a || a->isEmpty();
    const bool bEmpty = !b || b->isEmpty();
    if (aEmpty || bEmpty)
        return aEmpty == bEmpty;
    return same(*a, *b);
}

void LabelRowParts::remove(json &row, PartKind kind, const QString &hash)
{
    forEachList(row, kind, [&](const std::string &, const std::string &, json &list) {
        json kept = json::array();
        for (json &entry : list) {
            if (hashOf(entry, kind) != hash)
                kept.push_back(std::move(entry));
        }
        list = std::move(kept);
    });
    if (auto answers = row.find(answersKey(kind)); answers != row.end() && answers->is_object())
        answers->erase(hash.toStdString());
}

Result<void> LabelRowParts::put(json &row, PartKind kind, const QString &hash, const LabelPart &part)
{
    // Where the row had this part, so a replaced entry keeps its place in its frame's list.
    std::map<std::pair<std::string, std::string>, std::size_t> places;
    forEachList(row, kind, [&](const std::string &unit, const std::string &frame, json &list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (hashOf(list[i], kind) == hash) {
                places.emplace(std::make_pair(unit, frame), i);
                break;
            }
        }
    });
    remove(row, kind, hash);
    auto units = row.find("data_units");
    if (units == row.end() || !units->is_object())
        return fail(QStringLiteral("the row has no data units to put %1 on").arg(hash));
    for (const PlacedEntry &placed : part.placed) {
        auto unit = units->find(placed.unitKey);
        if (unit == units->end() || !unit->is_object())
            return fail(QStringLiteral("%1 lies on data unit %2, which the target row does not have")
                            .arg(hash, labelrowjson::fromStd(placed.unitKey)));
        json &labels = (*unit)["labels"];
        if (labels.is_null())
            labels = json::object();
        json &holder = placed.frameKey.empty() ? labels : labels[placed.frameKey];
        if (holder.is_null())
            holder = json::object();
        if (!holder.is_object())
            return fail(QStringLiteral("the target row's labels of %1 are not an object").arg(hash));
        json &list = holder[listKey(kind)];
        if (list.is_null())
            list = json::array();
        json entry = placed.entry;
        setHash(entry, kind, hash);
        const auto place = places.find({placed.unitKey, placed.frameKey});
        if (place != places.end() && place->second <= list.size()) {
            list.insert(list.begin() + std::ptrdiff_t(place->second), std::move(entry));
            places.erase(place); // a second entry on that frame goes after the first
        } else {
            list.push_back(std::move(entry));
        }
    }
    if (part.answers) {
        json answers = *part.answers;
        if (answers.is_object() && answers.contains(hashKey(kind)))
            setHash(answers, kind, hash);
        json &map = row[answersKey(kind)];
        if (!map.is_object())
            map = json::object();
        map[hash.toStdString()] = std::move(answers);
    }
    return {};
}

json LabelRowParts::withoutParts(const json &row)
{
    json out = row;
    for (PartKind kind : {PartKind::Object, PartKind::Classification}) {
        forEachList(out, kind,
                    [](const std::string &, const std::string &, json &list) { list = json::array(); });
        if (out.contains(answersKey(kind)))
            out[answersKey(kind)] = json::object();
    }
    return out;
}

} // namespace lb
