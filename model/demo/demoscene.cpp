#include "demo/demoscene.h"

#include <algorithm>
#include <set>

namespace lb::demo {

void setBox(Shape &g, double x, double y, double w, double h)
{
    if (x < 0.0) {
        w += x;
        x = 0.0;
    }
    if (y < 0.0) {
        h += y;
        y = 0.0;
    }
    x = std::min(x, 0.995);
    y = std::min(y, 0.995);
    w = std::clamp(std::min(w, 1.0 - x), 0.002, 1.0);
    h = std::clamp(std::min(h, 1.0 - y), 0.002, 1.0);
    g.x = round4(x);
    g.y = round4(y);
    g.w = round4(w);
    g.h = round4(h);
}

Pt point(double x, double y)
{
    return Pt{round4(clamp01(x)), round4(clamp01(y))};
}

namespace {

Shape shapeOf(int cls, const TrackState &s, const Road &road, double aspect)
{
    Shape g;
    const double t = std::clamp(s.t, 0.0, 1.0);
    const double left = road.left(t), right = road.right(t);
    const double cx = left + s.lat * (right - left);
    const double yb = road.yAt(t);
    switch (cls) {
    case Car: {
        const double h = (0.03 + 0.30 * t) * s.size;
        const double w = h * s.extra * aspect;
        setBox(g, cx - w / 2, yb - h, w, h);
        break;
    }
    case Truck: {
        const double h = (0.05 + 0.38 * t) * s.size;
        const double w = h * 1.25 * aspect;
        setBox(g, cx - w / 2, yb - h, w, h);
        g.theta = round2(s.extra);
        break;
    }
    case Pedestrian: {
        const double h = (0.06 + 0.30 * t) * s.size;
        const double w = h * 0.38 * aspect;
        setBox(g, cx - w / 2, yb - h, w, h);
        break;
    }
    case Cyclist: {
        const double h = (0.06 + 0.28 * t) * s.size;
        const double w = h * 0.95 * aspect;
        const double x0 = cx - w / 2, y0 = yb - h;
        for (const SkeletonNodeDef &node : kCyclistNodes)
            g.pts.push_back(point(x0 + node.rx * w, y0 + node.ry * h));
        break;
    }
    case TrafficSign: {
        const double h = (0.025 + 0.07 * t) * s.size;
        const double w = h * s.extra * aspect;
        const double bottom = road.horizon - 0.04 - 0.25 * t;
        setBox(g, cx - w / 2, bottom - h, w, h);
        break;
    }
    case TrafficLight:
        g.pts.push_back(point(cx, std::max(0.02, road.horizon - 0.06 - 0.35 * t)));
        break;
    case LaneMarking:
        for (double depth : {1.0, 0.6, 0.3, 0.08}) {
            const double l = road.left(depth), r = road.right(depth);
            g.pts.push_back(point(l + s.lat * (r - l), road.yAt(depth)));
        }
        break;
    case DrivableArea:
        g.pts.push_back(point(road.bottomLeft, 0.9999));
        g.pts.push_back(point(road.left(0.5) - s.extra, road.yAt(0.5)));
        g.pts.push_back(point(road.left(0.03), road.yAt(0.03)));
        g.pts.push_back(point(road.right(0.03), road.yAt(0.03)));
        g.pts.push_back(point(road.right(0.5) + s.extra, road.yAt(0.5)));
        g.pts.push_back(point(road.bottomRight, 0.9999));
        break;
    default:
        break;
    }
    return g;
}

TrackState lerp(const TrackState &a, const TrackState &b, double s)
{
    const double k = s * s * (3.0 - 2.0 * s); // eases in and out, so tracks move smoothly
    return TrackState{a.t + (b.t - a.t) * k, a.lat + (b.lat - a.lat) * k, a.size + (b.size - a.size) * k,
                      a.extra + (b.extra - a.extra) * k};
}

double side(Random &rng, double nearLo, double nearHi)
{
    // A lateral position outside the road, on either side: [-nearHi, -nearLo] or [1 + nearLo, 1 + nearHi].
    const double d = rng.range(nearLo, nearHi);
    return rng.chance(0.5) ? -d : 1.0 + d;
}

// Where a track of class `cls` starts and ends (the same place for background and still objects).
std::pair<TrackState, TrackState> trackEnds(int cls, Random &rng, double laneFraction)
{
    TrackState from, to;
    from.size = rng.range(0.85, 1.15);
    switch (cls) {
    case Car:
        from.t = rng.range(0.08, 0.85);
        from.lat = rng.range(0.15, 0.85);
        from.extra = rng.range(1.3, 1.8);
        to = from;
        to.t = std::clamp(from.t + rng.range(-0.25, 0.25), 0.05, 0.95);
        to.lat = from.lat + rng.range(-0.15, 0.15);
        break;
    case Truck:
        from.t = rng.range(0.1, 0.7);
        from.lat = rng.range(0.2, 0.8);
        from.extra = rng.range(-6.0, 6.0);
        to = from;
        to.t = std::clamp(from.t + rng.range(-0.2, 0.2), 0.05, 0.9);
        to.extra = from.extra + rng.range(-2.0, 2.0);
        break;
    case Pedestrian:
        from.t = rng.range(0.1, 0.75);
        from.lat = side(rng, 0.05, 0.35);
        to = from;
        to.t = std::clamp(from.t + rng.range(-0.08, 0.08), 0.05, 0.9);
        to.lat = from.lat + rng.range(-0.05, 0.05);
        break;
    case Cyclist:
        from.t = rng.range(0.15, 0.7);
        from.lat = rng.chance(0.5) ? rng.range(0.03, 0.12) : rng.range(0.88, 0.97);
        to = from;
        to.t = std::clamp(from.t + rng.range(-0.2, 0.2), 0.05, 0.9);
        break;
    case TrafficSign:
        from.t = rng.range(0.05, 0.5);
        from.lat = side(rng, 0.1, 0.5);
        from.extra = rng.range(0.9, 1.2);
        to = from;
        to.t = from.t + rng.range(0.1, 0.3); // the car drives towards it
        break;
    case TrafficLight:
        from.t = rng.range(0.05, 0.5);
        from.lat = rng.range(-0.1, 1.1);
        to = from;
        to.t = from.t + rng.range(0.1, 0.3);
        break;
    case LaneMarking:
        from.lat = laneFraction + rng.range(-0.02, 0.02);
        to = from;
        break;
    case DrivableArea:
        from.extra = rng.range(-0.03, 0.03);
        to = from;
        break;
    default:
        break;
    }
    return {from, to};
}

int pickOption(Random &rng, const ClassificationDef &def)
{
    double r = rng.unit();
    for (int i = 0; i < def.optionCount; ++i) {
        r -= def.options[i].weight;
        if (r < 0.0)
            return i;
    }
    return def.optionCount - 1;
}

} // namespace

bool isBox(int cls)
{
    return cls == Car || cls == Truck || cls == Pedestrian || cls == TrafficSign;
}

bool isBackground(int cls)
{
    return cls == LaneMarking || cls == DrivableArea;
}

DemoObject makeObject(int cls, Random &rng, const SceneContext &ctx, const Author &author,
                      double laneFraction)
{
    const auto [from, to] = trackEnds(cls, rng, laneFraction);

    DemoObject o;
    o.hash = shortHash(rng);
    o.cls = cls;
    o.manual = author.manual;
    o.confidence =
        author.manual ? 1.0 : round2(rng.range(isBackground(cls) ? 0.8 : author.minConfidence, 0.99));
    o.createdBy = author.who;
    o.createdAt = author.at;
    o.editedAt = author.at;
    if (cls == Cyclist && rng.chance(0.3))
        o.occludedNode = rng.between(2, 4);

    int first = 0, last = ctx.frames - 1;
    if (ctx.frames > 1 && !isBackground(cls)) {
        first = rng.chance(0.4) ? 0 : rng.between(0, ctx.frames / 3);
        last = rng.chance(0.4) ? ctx.frames - 1 : rng.between(2 * ctx.frames / 3, ctx.frames - 1);
    }
    o.frames.reserve(static_cast<size_t>(last - first + 1));
    for (int f = first; f <= last; ++f) {
        const double s = last > first ? static_cast<double>(f - first) / (last - first) : 0.0;
        o.frames.emplace_back(f, shapeOf(cls, lerp(from, to, s), ctx.roadAt(f), ctx.aspect));
    }
    return o;
}

Scene predictionScene(Random &rng, const SceneContext &ctx, const Author &model)
{
    Scene scene;
    auto add = [&](int cls, int count) {
        for (int i = 0; i < count; ++i)
            scene.objects.push_back(makeObject(cls, rng, ctx, model));
    };
    const bool video = ctx.frames > 1;
    if (video || rng.chance(ctx.dense ? 0.95 : 0.9))
        add(DrivableArea, 1);
    const int lanes = video ? 2 : rng.between(1, ctx.dense ? 3 : 2);
    static const double laneFractions[4][3] = {{}, {0.5}, {0.33, 0.67}, {0.25, 0.5, 0.75}};
    for (int i = 0; i < lanes; ++i)
        scene.objects.push_back(makeObject(LaneMarking, rng, ctx, model, laneFractions[lanes][i]));
    if (video) {
        add(Car, rng.between(2, 5));
        add(Truck, rng.chance(0.5) ? 1 : 0);
        add(Pedestrian, rng.between(0, 3));
        add(Cyclist, rng.chance(0.4) ? 1 : 0);
        add(TrafficLight, rng.between(0, 2));
        add(TrafficSign, rng.between(0, 2));
    } else if (ctx.dense) {
        add(Car, rng.between(0, 5));
        add(Truck, rng.chance(0.35) ? 1 : 0);
        add(Pedestrian, rng.between(0, 3));
        add(Cyclist, rng.chance(0.3) ? 1 : 0);
        add(TrafficLight, rng.between(0, 2));
        add(TrafficSign, rng.between(0, 2));
    } else {
        add(Car, rng.between(0, 2));
        add(Truck, rng.chance(0.15) ? 1 : 0);
        add(Pedestrian, rng.between(0, 1));
        add(Cyclist, rng.chance(0.1) ? 1 : 0);
        add(TrafficLight, rng.between(0, 1));
        add(TrafficSign, rng.between(0, 1));
    }
    for (int d = 0; d < static_cast<int>(kClassifications.size()); ++d) {
        DemoClassification c;
        c.def = d;
        c.option = pickOption(rng, kClassifications[d]);
        c.hash = shortHash(rng);
        c.createdBy = model.who;
        c.manual = model.manual;
        c.confidence = model.manual ? 1.0 : round2(rng.range(0.6, 0.99));
        c.createdAt = model.at;
        c.editedAt = model.at;
        scene.classifications.push_back(c);
    }
    return scene;
}

SceneFacts factsOf(const Scene &scene)
{
    // Sets, not sizes: two objects drawn with the same hash would be one object to the parser.
    std::set<std::string> objects;
    std::map<std::string, std::set<std::string>> perClass;
    for (const DemoObject &o : scene.objects) {
        if (o.frames.empty())
            continue; // on no frame: the parser never sees it
        objects.insert(o.hash);
        perClass[kClasses[static_cast<size_t>(o.cls)].featureHash].insert(o.hash);
    }
    std::set<std::string> classifications;
    for (const DemoClassification &c : scene.classifications)
        classifications.insert(c.hash);
    SceneFacts facts;
    facts.objectCount = static_cast<int>(objects.size());
    facts.classificationCount = static_cast<int>(classifications.size());
    for (const auto &[feature, hashes] : perClass)
        facts.classCounts.emplace(feature, static_cast<int>(hashes.size()));
    return facts;
}

} // namespace lb::demo
