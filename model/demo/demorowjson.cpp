#include "demo/demorowjson.h"

namespace lb::demo {

using json = nlohmann::json;

namespace {

json pointJson(const Pt &p)
{
    return json{{"x", p.x}, {"y", p.y}};
}

json objectJson(const DemoObject &o, const Shape &g, const std::string &createdAt,
                const std::string &editedAt)
{
    const ClassDef &c = kClasses[static_cast<size_t>(o.cls)];
    json e = {{"name", c.name},
              {"color", c.color},
              {"shape", c.shape},
              {"value", c.value},
              {"createdAt", createdAt},
              {"createdBy", o.createdBy},
              {"confidence", o.confidence},
              {"objectHash", o.hash},
              {"featureHash", c.featureHash},
              {"manualAnnotation", o.manual},
              {"lastEditedAt", editedAt}};
    if (!o.lastEditedBy.empty())
        e["lastEditedBy"] = o.lastEditedBy;
    switch (o.cls) {
    case Car:
    case Pedestrian:
    case TrafficSign:
        e["boundingBox"] = {{"h", g.h}, {"w", g.w}, {"x", g.x}, {"y", g.y}};
        break;
    case Truck:
        e["rotatableBoundingBox"] = {{"h", g.h}, {"w", g.w}, {"x", g.x}, {"y", g.y}, {"theta", g.theta}};
        break;
    case DrivableArea: {
        json ring = json::object();
        json flat = json::array();
        for (size_t i = 0; i < g.pts.size(); ++i) {
            ring[std::to_string(i)] = pointJson(g.pts[i]);
            flat.push_back(g.pts[i].x);
            flat.push_back(g.pts[i].y);
        }
        e["polygon"] = std::move(ring);
        e["polygons"] = json::array({json::array({std::move(flat)})});
        break;
    }
    case LaneMarking: {
        json line = json::object();
        for (size_t i = 0; i < g.pts.size(); ++i)
            line[std::to_string(i)] = pointJson(g.pts[i]);
        e["polyline"] = std::move(line);
        break;
    }
    case TrafficLight:
        e["point"] = {{"0", pointJson(g.pts.front())}};
        break;
    case Cyclist: {
        json nodes = json::object();
        for (size_t i = 0; i < g.pts.size() && i < kCyclistNodes.size(); ++i) {
            const SkeletonNodeDef &node = kCyclistNodes[i];
            nodes[std::to_string(i)] = {
                {"x", g.pts[i].x},
                {"y", g.pts[i].y},
                {"name", node.name},
                {"color", node.color},
                {"value", node.value},
                {"featureHash", node.featureHash},
                {"visibility", static_cast<int>(i) == o.occludedNode ? "occluded" : "visible"}};
        }
        e["skeleton"] = std::move(nodes);
        break;
    }
    default:
        break;
    }
    return e;
}

json classificationFrameJson(const DemoClassification &c, const std::string &createdAt,
                             const std::string &editedAt)
{
    const ClassificationDef &def = kClassifications[static_cast<size_t>(c.def)];
    json e = {
        {"name", def.attributeName},    {"value", def.attributeValue},  {"createdAt", createdAt},
        {"createdBy", c.createdBy},     {"confidence", c.confidence},   {"featureHash", def.featureHash},
        {"classificationHash", c.hash}, {"manualAnnotation", c.manual}, {"lastEditedAt", editedAt}};
    if (!c.lastEditedBy.empty())
        e["lastEditedBy"] = c.lastEditedBy;
    return e;
}

json classificationAnswerJson(const DemoClassification &c, int frames, bool video)
{
    const ClassificationDef &def = kClassifications[static_cast<size_t>(c.def)];
    const OptionDef &option = def.options[static_cast<size_t>(c.option)];
    json answer = {
        {"classificationHash", c.hash},
        {"featureHash", def.featureHash},
        {"spaces", json::object()},
        {"classifications", json::array({{{"name", def.attributeName},
                                          {"value", def.attributeValue},
                                          {"answers", json::array({{{"name", option.label},
                                                                    {"value", option.value},
                                                                    {"featureHash", option.featureHash}}})},
                                          {"featureHash", def.attributeHash},
                                          {"manualAnnotation", c.manual}}})},
        {"createdBy", c.createdBy},
        {"createdAt", longTime(c.createdAt)},
        {"lastEditedBy", c.lastEditedBy.empty() ? json(nullptr) : json(c.lastEditedBy)},
        {"lastEditedAt", longTime(c.editedAt)},
        {"manualAnnotation", c.manual}};
    if (video)
        answer["range"] = json::array({json::array({0, frames - 1})});
    return answer;
}

} // namespace

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

json classificationsJson(const Scene &scene, const SceneTimes &times)
{
    json classifications = json::array();
    for (size_t i = 0; i < scene.classifications.size(); ++i)
        classifications.push_back(classificationFrameJson(
            scene.classifications[i], times.classifications[i].created, times.classifications[i].edited));
    return classifications;
}

// An image's labels are one frame; a video's are keyed by frame number, each with the objects on it.
json labelsJson(const UnitInfo &unit, const Scene &scene, const SceneTimes &times)
{
    if (!unit.video) {
        json objects = json::array();
        for (size_t i = 0; i < scene.objects.size(); ++i)
            objects.push_back(objectJson(scene.objects[i], scene.objects[i].frames.front().second,
                                         times.objects[i].created, times.objects[i].edited));
        return {{"objects", std::move(objects)}, {"classifications", classificationsJson(scene, times)}};
    }
    json labels = json::object();
    std::vector<json> frames(static_cast<size_t>(unit.frames), json::array());
    for (size_t i = 0; i < scene.objects.size(); ++i)
        for (const auto &[frame, shape] : scene.objects[i].frames)
            frames[static_cast<size_t>(frame)].push_back(
                objectJson(scene.objects[i], shape, times.objects[i].created, times.objects[i].edited));
    for (int f = 0; f < unit.frames; ++f)
        labels[std::to_string(f)] = {{"objects", std::move(frames[static_cast<size_t>(f)])},
                                     {"classifications", classificationsJson(scene, times)}};
    return labels;
}

json dataUnitJson(const UnitInfo &unit, json labels)
{
    json dataUnit = {{"data_hash", unit.dataHash}, {"data_title", unit.title},
                     {"data_link", nullptr},       {"data_type", unit.video ? "video/mp4" : "image/jpeg"},
                     {"data_sequence", 0},         {"width", unit.width},
                     {"height", unit.height},      {"labels", std::move(labels)}};
    if (unit.video) {
        dataUnit["data_fps"] = unit.fps;
        dataUnit["data_duration"] = unit.frames / unit.fps;
    }
    return dataUnit;
}

} // namespace

json rowJson(const UnitInfo &unit, const std::string &datasetHash, const std::string &datasetTitle,
             const Scene &scene, const RowMeta &meta)
{
    SceneTimes times;
    times.objects.reserve(scene.objects.size());
    json objectAnswers = json::object();
    for (const DemoObject &o : scene.objects) {
        times.objects.push_back({longTime(o.createdAt), longTime(o.editedAt)});
        objectAnswers[o.hash] = {{"classifications", json::array()}, {"objectHash", o.hash}};
    }
    json classificationAnswers = json::object();
    for (const DemoClassification &c : scene.classifications) {
        times.classifications.push_back({longTime(c.createdAt), longTime(c.editedAt)});
        classificationAnswers[c.hash] = classificationAnswerJson(c, unit.frames, unit.video);
    }

    return json{{"label_hash", meta.labelHash},
                {"branch_name", meta.branch},
                {"created_at", longTime(meta.createdAt)},
                {"last_edited_at", longTime(meta.editedAt)},
                {"data_hash", unit.dataHash},
                {"dataset_hash", datasetHash},
                {"dataset_title", datasetTitle},
                {"data_title", unit.title},
                {"data_type", unit.video ? "video" : "image"},
                {"annotation_task_status", nullptr},
                {"is_shadow_data", false},
                {"object_answers", std::move(objectAnswers)},
                {"classification_answers", std::move(classificationAnswers)},
                {"object_actions", json::object()},
                {"label_status", meta.status},
                {"data_units", {{unit.dataHash, dataUnitJson(unit, labelsJson(unit, scene, times))}}},
                {"spaces", json::object()}};
}

} // namespace lb::demo
