#include "demo/demorowjson.h"

#include "demo/demojsonwriter.h"
#include "domain/labelcontenthash.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

// Members are written in sorted key order (ASCII: '_' sorts before lower-case letters), which is how
// nlohmann::json orders them and so how a parsed row writes itself back.

namespace lb::demo {

namespace {

// The long-form times of every object and classification, formatted once for all frames they appear on.
struct Times
{
    std::string created, edited;
};

struct SceneTimes
{
    std::vector<Times> objects;
    std::vector<Times> classifications;
};

SceneTimes sceneTimes(const Scene &scene)
{
    SceneTimes times;
    times.objects.reserve(scene.objects.size());
    for (const DemoObject &o : scene.objects)
        times.objects.push_back({longTime(o.createdAt), longTime(o.editedAt)});
    times.classifications.reserve(scene.classifications.size());
    for (const DemoClassification &c : scene.classifications)
        times.classifications.push_back({longTime(c.createdAt), longTime(c.editedAt)});
    return times;
}

// Indices 0..count-1 in the order a JSON object sorts their decimal spellings as keys ("10" before "2").
const std::vector<std::string> &indexKeys(size_t count)
{
    thread_local std::map<size_t, std::vector<std::string>> cache; // stable while a caller iterates
    std::vector<std::string> &keys = cache[count];
    if (keys.size() != count) {
        keys.clear();
        for (size_t i = 0; i < count; ++i)
            keys.push_back(std::to_string(i));
        std::sort(keys.begin(), keys.end());
    }
    return keys;
}

size_t indexOf(const std::string &key)
{
    return static_cast<size_t>(std::stoul(key));
}

// Entries keyed by `keyOf(i)` as a JSON object holds them: sorted, and a later entry replacing an earlier
// one with the same key.
template <typename KeyOf> std::vector<size_t> objectOrder(size_t count, KeyOf keyOf)
{
    std::vector<size_t> order(count);
    for (size_t i = 0; i < count; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keyOf(a) < keyOf(b); });
    std::vector<size_t> kept;
    kept.reserve(count);
    for (size_t k = 0; k < order.size(); ++k) {
        if (k + 1 < order.size() && keyOf(order[k]) == keyOf(order[k + 1]))
            continue;
        kept.push_back(order[k]);
    }
    return kept;
}

void point(DemoJsonWriter &w, const Pt &p)
{
    w.beginObject();
    w.key("x").number(p.x);
    w.key("y").number(p.y);
    w.endObject();
}

void box(DemoJsonWriter &w, const Shape &g, bool rotatable)
{
    w.beginObject();
    w.key("h").number(g.h);
    if (rotatable)
        w.key("theta").number(g.theta);
    w.key("w").number(g.w);
    w.key("x").number(g.x);
    w.key("y").number(g.y);
    w.endObject();
}

// {"0": point, "1": point, ...}
void pointMap(DemoJsonWriter &w, const std::vector<Pt> &pts)
{
    w.beginObject();
    for (const std::string &key : indexKeys(pts.size()))
        point(w.key(key), pts[indexOf(key)]);
    w.endObject();
}

void skeleton(DemoJsonWriter &w, const DemoObject &o, const Shape &g)
{
    w.beginObject();
    for (const std::string &key : indexKeys(std::min(g.pts.size(), kCyclistNodes.size()))) {
        const size_t i = indexOf(key);
        const SkeletonNodeDef &node = kCyclistNodes[i];
        w.key(key).beginObject();
        w.key("color").string(node.color);
        w.key("featureHash").string(node.featureHash);
        w.key("name").string(node.name);
        w.key("value").string(node.value);
        w.key("visibility").string(static_cast<int>(i) == o.occludedNode ? "occluded" : "visible");
        w.key("x").number(g.pts[i].x);
        w.key("y").number(g.pts[i].y);
        w.endObject();
    }
    w.endObject();
}

// The geometries whose keys sort between "objectHash" and "shape".
void pointGeometry(DemoJsonWriter &w, const DemoObject &o, const Shape &g)
{
    if (o.cls == TrafficLight) {
        w.key("point").beginObject();
        point(w.key("0"), g.pts.front());
        w.endObject();
    } else if (o.cls == DrivableArea) {
        pointMap(w.key("polygon"), g.pts);
        w.key("polygons").beginArray();
        w.beginArray();
        w.beginArray();
        for (const Pt &p : g.pts) {
            w.number(p.x);
            w.number(p.y);
        }
        w.endArray();
        w.endArray();
        w.endArray();
    } else if (o.cls == LaneMarking) {
        pointMap(w.key("polyline"), g.pts);
    } else if (o.cls == Truck) {
        box(w.key("rotatableBoundingBox"), g, true);
    }
}

void object(DemoJsonWriter &w, const DemoObject &o, const Shape &g, const Times &times)
{
    const ClassDef &c = kClasses[static_cast<size_t>(o.cls)];
    w.beginObject();
    if (o.cls == Car || o.cls == Pedestrian || o.cls == TrafficSign)
        box(w.key("boundingBox"), g, false);
    w.key("color").string(c.color);
    w.key("confidence").number(o.confidence);
    w.timestamp("createdAt", times.created);
    w.key("createdBy").string(o.createdBy);
    w.key("featureHash").string(c.featureHash);
    w.timestamp("lastEditedAt", times.edited);
    if (!o.lastEditedBy.empty())
        w.key("lastEditedBy").string(o.lastEditedBy);
    w.key("manualAnnotation").boolean(o.manual);
    w.key("name").string(c.name);
    w.key("objectHash").string(o.hash);
    pointGeometry(w, o, g);
    w.key("shape").string(c.shape);
    if (o.cls == Cyclist)
        skeleton(w.key("skeleton"), o, g);
    w.key("value").string(c.value);
    w.endObject();
}

void classificationOnFrame(DemoJsonWriter &w, const DemoClassification &c, const Times &times)
{
    const ClassificationDef &def = kClassifications[static_cast<size_t>(c.def)];
    w.beginObject();
    w.key("classificationHash").string(c.hash);
    w.key("confidence").number(c.confidence);
    w.timestamp("createdAt", times.created);
    w.key("createdBy").string(c.createdBy);
    w.key("featureHash").string(def.featureHash);
    w.timestamp("lastEditedAt", times.edited);
    if (!c.lastEditedBy.empty())
        w.key("lastEditedBy").string(c.lastEditedBy);
    w.key("manualAnnotation").boolean(c.manual);
    w.key("name").string(def.attributeName);
    w.key("value").string(def.attributeValue);
    w.endObject();
}

void classificationAnswer(DemoJsonWriter &w, const DemoClassification &c, const UnitInfo &unit,
                          const Times &times)
{
    const ClassificationDef &def = kClassifications[static_cast<size_t>(c.def)];
    const OptionDef &option = def.options[static_cast<size_t>(c.option)];
    w.beginObject();
    w.key("classificationHash").string(c.hash);
    w.key("classifications").beginArray();
    w.beginObject();
    w.key("answers").beginArray();
    w.beginObject();
    w.key("featureHash").string(option.featureHash);
    w.key("name").string(option.label);
    w.key("value").string(option.value);
    w.endObject();
    w.endArray();
    w.key("featureHash").string(def.attributeHash);
    w.key("manualAnnotation").boolean(c.manual);
    w.key("name").string(def.attributeName);
    w.key("value").string(def.attributeValue);
    w.endObject();
    w.endArray();
    w.timestamp("createdAt", times.created);
    w.key("createdBy").string(c.createdBy);
    w.key("featureHash").string(def.featureHash);
    w.timestamp("lastEditedAt", times.edited);
    if (c.lastEditedBy.empty())
        w.key("lastEditedBy").null();
    else
        w.key("lastEditedBy").string(c.lastEditedBy);
    w.key("manualAnnotation").boolean(c.manual);
    if (unit.video) {
        w.key("range").beginArray();
        w.beginArray();
        w.integer(0);
        w.integer(unit.frames - 1);
        w.endArray();
        w.endArray();
    }
    w.key("spaces").emptyObject();
    w.endObject();
}

void classificationAnswers(DemoJsonWriter &w, const Scene &scene, const UnitInfo &unit,
                           const SceneTimes &times)
{
    const auto &list = scene.classifications;
    w.beginObject();
    for (const size_t i :
         objectOrder(list.size(), [&list](size_t k) -> const std::string & { return list[k].hash; }))
        classificationAnswer(w.key(list[i].hash), list[i], unit, times.classifications[i]);
    w.endObject();
}

// One object on one frame.
struct Placed
{
    size_t object;
    const Shape *shape;
};

// A frame's objects. The canonical form treats them as a set: ordered by object hash, then by text.
void frameObjects(DemoJsonWriter &w, const Scene &scene, const std::vector<Placed> &placed,
                  const SceneTimes &times)
{
    if (!w.canonical()) {
        w.beginArray();
        for (const Placed &p : placed)
            object(w, scene.objects[p.object], *p.shape, times.objects[p.object]);
        w.endArray();
        return;
    }
    std::vector<std::pair<std::string_view, std::string>> items;
    items.reserve(placed.size());
    for (const Placed &p : placed) {
        std::string text;
        DemoJsonWriter item(text, DemoJsonWriter::Form::Canonical);
        object(item, scene.objects[p.object], *p.shape, times.objects[p.object]);
        items.emplace_back(scene.objects[p.object].hash, std::move(text));
    }
    std::sort(items.begin(), items.end());
    w.beginArray();
    for (const auto &item : items)
        w.raw(item.second);
    w.endArray();
}

// {"classifications": [...], "objects": [...]}; the canonical form leaves empty lists out.
void frame(DemoJsonWriter &w, const Scene &scene, const std::vector<Placed> &placed, const SceneTimes &times)
{
    w.beginObject();
    if (!w.canonical() || !scene.classifications.empty()) {
        w.key("classifications").beginArray();
        for (size_t i = 0; i < scene.classifications.size(); ++i)
            classificationOnFrame(w, scene.classifications[i], times.classifications[i]);
        w.endArray();
    }
    if (!w.canonical() || !placed.empty())
        frameObjects(w.key("objects"), scene, placed, times);
    w.endObject();
}

// An image's labels are one frame; a video's are keyed by frame number, each with the objects on it. The
// canonical form leaves out frames with nothing on them.
void labels(DemoJsonWriter &w, const UnitInfo &unit, const Scene &scene, const SceneTimes &times)
{
    if (!unit.video) {
        std::vector<Placed> placed;
        placed.reserve(scene.objects.size());
        for (size_t i = 0; i < scene.objects.size(); ++i)
            placed.push_back({i, &scene.objects[i].frames.front().second});
        frame(w, scene, placed, times);
        return;
    }
    std::vector<std::vector<Placed>> frames(static_cast<size_t>(unit.frames));
    for (size_t i = 0; i < scene.objects.size(); ++i)
        for (const auto &[f, shape] : scene.objects[i].frames)
            frames[static_cast<size_t>(f)].push_back({i, &shape});
    w.beginObject();
    for (const std::string &key : indexKeys(frames.size())) {
        const std::vector<Placed> &placed = frames[indexOf(key)];
        if (w.canonical() && placed.empty() && scene.classifications.empty())
            continue;
        frame(w.key(key), scene, placed, times);
    }
    w.endObject();
}

void dataUnit(DemoJsonWriter &w, const UnitInfo &unit, const Scene &scene, const SceneTimes &times)
{
    w.beginObject();
    if (unit.video) {
        w.key("data_duration").number(unit.frames / unit.fps);
        w.key("data_fps").number(unit.fps);
    }
    w.key("data_hash").string(unit.dataHash);
    w.key("data_link").null();
    w.key("data_sequence").integer(0);
    w.key("data_title").string(unit.title);
    w.key("data_type").string(unit.video ? "video/mp4" : "image/jpeg");
    w.key("height").integer(unit.height);
    labels(w.key("labels"), unit, scene, times);
    w.key("width").integer(unit.width);
    w.endObject();
}

void objectAnswers(DemoJsonWriter &w, const Scene &scene)
{
    const auto &list = scene.objects;
    w.beginObject();
    for (const size_t i :
         objectOrder(list.size(), [&list](size_t k) -> const std::string & { return list[k].hash; })) {
        w.key(list[i].hash).beginObject();
        w.key("classifications").emptyArray();
        w.key("objectHash").string(list[i].hash);
        w.endObject();
    }
    w.endObject();
}

} // namespace

std::string rowJson(const UnitInfo &unit, const std::string &datasetHash, const std::string &datasetTitle,
                    const Scene &scene, const RowMeta &meta)
{
    const SceneTimes times = sceneTimes(scene);
    std::string text;
    text.reserve(4096);
    DemoJsonWriter w(text, DemoJsonWriter::Form::Stored);
    w.beginObject();
    w.key("annotation_task_status").null();
    w.key("branch_name").string(meta.branch);
    classificationAnswers(w.key("classification_answers"), scene, unit, times);
    w.key("created_at").string(longTime(meta.createdAt));
    w.key("data_hash").string(unit.dataHash);
    w.key("data_title").string(unit.title);
    w.key("data_type").string(unit.video ? "video" : "image");
    w.key("data_units").beginObject();
    dataUnit(w.key(unit.dataHash), unit, scene, times);
    w.endObject();
    w.key("dataset_hash").string(datasetHash);
    w.key("dataset_title").string(datasetTitle);
    w.key("is_shadow_data").boolean(false);
    w.key("label_hash").string(meta.labelHash);
    w.key("label_status").string(meta.status);
    w.key("last_edited_at").string(longTime(meta.editedAt));
    w.key("object_actions").emptyObject();
    objectAnswers(w.key("object_answers"), scene);
    w.key("spaces").emptyObject();
    w.endObject();
    return text;
}

std::string canonicalLabels(const UnitInfo &unit, const Scene &scene)
{
    const SceneTimes times = sceneTimes(scene);
    std::string text(kCanonicalFormTag);
    text.reserve(4096);
    DemoJsonWriter w(text, DemoJsonWriter::Form::Canonical);
    w.beginObject();
    classificationAnswers(w.key("classification_answers"), scene, unit, times);
    w.key("data_units").beginObject();
    w.key(unit.dataHash).beginObject();
    labels(w.key("labels"), unit, scene, times);
    w.endObject();
    w.endObject();
    w.key("object_actions").emptyObject();
    // Every object's answers entry is empty (no attributes), and the canonical form leaves those out.
    w.key("object_answers").emptyObject();
    w.endObject();
    return text;
}

} // namespace lb::demo
