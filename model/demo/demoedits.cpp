#include "demo/demoedits.h"

namespace lb::demo {

namespace {

void markEdited(DemoObject &o, const std::string &who, qint64 at)
{
    o.manual = true;
    o.confidence = 1.0;
    o.lastEditedBy = who;
    o.editedAt = at;
}

int pickObject(Random &rng, const Scene &scene, bool (*accept)(int cls))
{
    std::vector<int> candidates;
    for (size_t i = 0; i < scene.objects.size(); ++i)
        if (accept(scene.objects[i].cls))
            candidates.push_back(static_cast<int>(i));
    if (candidates.empty())
        return -1;
    return candidates[static_cast<size_t>(rng.between(0, static_cast<int>(candidates.size()) - 1))];
}

bool isForeground(int cls)
{
    return !isBackground(cls);
}

} // namespace

// Moves and resizes an object (from some frame on, for videos). Returns false when there was nothing
// to move.
bool moveOne(Random &rng, Scene &scene, const std::string &who, qint64 at)
{
    int index = pickObject(rng, scene, isBox);
    if (index < 0)
        index = pickObject(rng, scene, isForeground);
    if (index < 0)
        return false;
    DemoObject &o = scene.objects[static_cast<size_t>(index)];
    const Shape &firstShape = o.frames.front().second;
    const double refX = firstShape.pts.empty() ? firstShape.x + firstShape.w / 2 : firstShape.pts.front().x;
    const double dx =
        (refX < 0.5 ? 1.0 : -1.0) * rng.range(0.006, 0.03); // towards the centre: never clamped away
    const double dy = rng.range(-0.012, 0.012);
    const double scale = rng.range(0.9, 1.12);
    const size_t from =
        o.frames.size() > 1 ? static_cast<size_t>(rng.between(0, static_cast<int>(o.frames.size()) / 2)) : 0;
    for (size_t i = from; i < o.frames.size(); ++i) {
        Shape &g = o.frames[i].second;
        if (g.pts.empty()) {
            setBox(g, g.x + dx, g.y + dy, g.w * scale, g.h * scale);
        } else {
            for (Pt &p : g.pts)
                p = point(p.x + dx, p.y + dy);
        }
    }
    markEdited(o, who, at);
    return true;
}

// Car <-> Truck: the box stays, the class (and with it the shape) changes.
bool relabelOne(Random &rng, Scene &scene, const std::string &who, qint64 at)
{
    const int index = pickObject(rng, scene, [](int cls) { return cls == Car || cls == Truck; });
    if (index < 0)
        return false;
    DemoObject &o = scene.objects[static_cast<size_t>(index)];
    o.cls = o.cls == Car ? Truck : Car;
    for (auto &frame : o.frames)
        frame.second.theta = 0.0;
    markEdited(o, who, at);
    return true;
}

void addObjects(Random &rng, Scene &scene, const SceneContext &ctx, const Author &author, int count)
{
    static const int kinds[] = {Pedestrian, Car, TrafficSign, Car, TrafficLight, Pedestrian};
    for (int i = 0; i < count; ++i)
        scene.objects.push_back(makeObject(kinds[rng.between(0, 5)], rng, ctx, author));
}

bool removeOne(Random &rng, Scene &scene)
{
    const int index = pickObject(rng, scene, isForeground);
    if (index < 0)
        return false;
    scene.objects.erase(scene.objects.begin() + index);
    return true;
}

void changeClassification(Random &rng, Scene &scene, int def, const std::string &who, qint64 at)
{
    for (DemoClassification &c : scene.classifications) {
        if (c.def != def)
            continue;
        const int count = kClassifications[def].optionCount;
        c.option = (c.option + rng.between(1, count - 1)) % count;
        c.manual = true;
        c.confidence = 1.0;
        c.lastEditedBy = who;
        c.editedAt = at;
    }
}

} // namespace lb::demo
