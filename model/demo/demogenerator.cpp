#include "demo/demogenerator.h"

#include "domain/branchname.h"
#include "store/sqlite/sqlitestore.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimeZone>
#include <random>
#include <string>
#include <vector>

namespace lb {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------------
// Randomness. std distributions are implementation-defined, so ranges are mapped by hand; only
// +, -, *, / and rounding touch the numbers, which keeps the output identical across libm versions.

quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

enum class Stream : quint64
{
    Project = 1,
    Identity,
    Plan,
    Scene,
    Correction,
    Export,
    Review,
    Times
};

quint64 streamSeed(quint64 seed, quint64 unit, Stream stream)
{
    return splitMix(splitMix(splitMix(seed) ^ unit) ^ (static_cast<quint64>(stream) * 0xD1B54A32D192ED03ull));
}

class Random
{
public:
    explicit Random(quint64 seed) : m_engine(seed) {}

    quint64 next() { return m_engine(); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double range(double lo, double hi) { return lo + (hi - lo) * unit(); }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<quint64>(hi - lo + 1)); }
    bool chance(double p) { return unit() < p; }
    double sign() { return chance(0.5) ? 1.0 : -1.0; }

private:
    std::mt19937_64 m_engine;
};

double round4(double v)
{
    return std::round(v * 10000.0) / 10000.0;
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}

std::string uuidFrom(Random &rng)
{
    std::array<unsigned char, 16> b{};
    const quint64 hi = rng.next(), lo = rng.next();
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0F]);
    }
    return out;
}

// Encord object and classification hashes: base64 of 6 random bytes.
std::string shortHash(Random &rng)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const quint64 bits = rng.next() >> 16; // 48 bits
    std::string out(8, 'A');
    for (int i = 0; i < 8; ++i)
        out[i] = alphabet[(bits >> (42 - 6 * i)) & 0x3F];
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Time: seconds since the epoch, formatted without time-zone machinery.

qint64 epochOf(int year, int month, int day, int hour = 0, int minute = 0)
{
    const qint64 days = QDate(year, month, day).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return days * 86400 + hour * 3600 + minute * 60;
}

constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

std::string longTime(qint64 secs)
{
    static const char *const dayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const monthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate date = QDate(1970, 1, 1).addDays(secs / kDay);
    const qint64 rest = secs % kDay;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d UTC",
                  dayNames[date.dayOfWeek() - 1], date.day(), monthNames[date.month() - 1], date.year(),
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60));
    return buffer;
}

// ---------------------------------------------------------------------------------------------------
// The ontology.

enum ClassId
{
    Car,
    Truck,
    Pedestrian,
    Cyclist,
    TrafficSign,
    TrafficLight,
    LaneMarking,
    DrivableArea,
    ClassCount
};

struct ClassDef
{
    const char *featureHash;
    const char *name;
    const char *value;
    const char *shape;
    const char *color;
};

constexpr std::array<ClassDef, ClassCount> kClasses = {{
    {"Zm9PnT4c", "Car", "car", "bounding_box", "#1E88E5"},
    {"kTr7uQw2", "Truck", "truck", "rotatable_bounding_box", "#3949AB"},
    {"pD3sW9eL", "Pedestrian", "pedestrian", "bounding_box", "#E53935"},
    {"cY5lQ1sT", "Cyclist", "cyclist", "skeleton", "#FB8C00"},
    {"sG8nA2kV", "Traffic sign", "traffic_sign", "bounding_box", "#FDD835"},
    {"lT4gH7xB", "Traffic light", "traffic_light", "point", "#43A047"},
    {"lN6mK0rJ", "Lane marking", "lane_marking", "polyline", "#00ACC1"},
    {"dR2vB8aE", "Drivable area", "drivable_area", "polygon", "#8E24AA"},
}};

struct SkeletonNodeDef
{
    const char *featureHash;
    const char *name;
    const char *value;
    const char *color;
    double rx, ry; // position inside the rider's box
};

constexpr std::array<SkeletonNodeDef, 5> kCyclistNodes = {{
    {"hE1aD2sN", "head", "head", "#FFB74D", 0.58, 0.06},
    {"sH3oU4lD", "shoulders", "shoulders", "#FFA726", 0.50, 0.24},
    {"hI5pP6xY", "hip", "hip", "#FF9800", 0.38, 0.50},
    {"fW7hE8lZ", "front wheel", "front_wheel", "#F57C00", 0.82, 0.84},
    {"rW9hE0lQ", "rear wheel", "rear_wheel", "#EF6C00", 0.16, 0.84},
}};

struct OptionDef
{
    const char *featureHash;
    const char *label;
    const char *value;
    double weight;
};

struct ClassificationDef
{
    const char *featureHash;
    const char *attributeName;
    const char *attributeValue;
    const char *attributeHash;
    std::array<OptionDef, 4> options;
    int optionCount;
};

constexpr std::array<ClassificationDef, 2> kClassifications = {{
    {"wE4tH9rQ",
     "Weather",
     "weather",
     "wA7tT1rB",
     {{{"cL3aR5xA", "Clear", "clear", 0.6},
       {"rA1nY6zB", "Rain", "rain", 0.2},
       {"fO9gG2qC", "Fog", "fog", 0.1},
       {"sN0wW4pD", "Snow", "snow", 0.1}}},
     4},
    {"tD5yQ8mF",
     "Time of day",
     "time_of_day",
     "tA2oD7kG",
     {{{"dA8yL3nH", "Day", "day", 0.7},
       {"dU6sK1jI", "Dusk", "dusk", 0.15},
       {"nI3gH5tJ", "Night", "night", 0.15},
       {nullptr, nullptr, nullptr, 0.0}}},
     3},
}};

const char *const kAnnotators[] = {"ann.kowalski@example.com", "li.wei@example.com", "sam.okafor@example.com",
                                   "maria.rossi@example.com"};
const char *const kCameras[] = {"cam-front", "cam-left", "cam-right", "cam-rear"};

// ---------------------------------------------------------------------------------------------------
// Scenes: objects with geometry per frame, before they become Encord JSON.

struct Pt
{
    double x = 0.0, y = 0.0;
};

struct Shape
{
    double x = 0.0, y = 0.0, w = 0.0, h = 0.0, theta = 0.0;
    std::vector<Pt> pts;
};

struct DemoObject
{
    std::string hash;
    int cls = Car;
    double confidence = 1.0;
    bool manual = true;
    std::string createdBy;
    std::string lastEditedBy;
    qint64 createdAt = 0;
    qint64 editedAt = 0;
    int occludedNode = -1; // skeleton node drawn as occluded
    std::vector<std::pair<int, Shape>> frames;
};

struct DemoClassification
{
    int def = 0;
    int option = 0;
    std::string hash;
    std::string createdBy;
    std::string lastEditedBy;
    double confidence = 1.0;
    bool manual = true;
    qint64 createdAt = 0;
    qint64 editedAt = 0;
};

struct Scene
{
    std::vector<DemoObject> objects;
    std::vector<DemoClassification> classifications;
};

struct Author
{
    std::string who;
    double minConfidence = 1.0; // model predictions draw a confidence, people give 1.0
    bool manual = true;
    qint64 at = 0;
};

// The road in normalised image coordinates: a trapezoid from the bottom edge to a vanishing point on the
// horizon. t is depth: 0 at the horizon, 1 at the bottom of the image.
struct Road
{
    double horizon = 0.47;
    double vanishX = 0.5;
    double bottomLeft = 0.05;
    double bottomRight = 0.95;

    double left(double t) const { return vanishX + (bottomLeft - vanishX) * t; }
    double right(double t) const { return vanishX + (bottomRight - vanishX) * t; }
    double yAt(double t) const { return horizon + t * (1.0 - horizon); }
};

struct TrackState
{
    double t = 0.5;     // depth
    double lat = 0.5;   // across the road: 0 left edge, 1 right edge, outside is the roadside
    double size = 1.0;  // multiplicative jitter
    double extra = 0.0; // aspect (car, sign), theta (truck), polygon bulge (area)
};

struct SceneContext
{
    Road road;
    double drift = 0.0; // vanishing-point drift over a video (the car steers)
    int frames = 1;
    double aspect = 0.5625; // height / width, to keep boxes in plausible pixel proportions
    bool dense = true;

    Road roadAt(int frame) const
    {
        Road r = road;
        if (frames > 1)
            r.vanishX += drift * frame / (frames - 1);
        return r;
    }
};

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

bool isBox(int cls)
{
    return cls == Car || cls == Truck || cls == Pedestrian || cls == TrafficSign;
}

bool isBackground(int cls)
{
    return cls == LaneMarking || cls == DrivableArea;
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

// Draws a track of class `cls` (one frame for images) and samples its geometry on every visible frame.
DemoObject makeObject(int cls, Random &rng, const SceneContext &ctx, const Author &author,
                      double laneFraction = 0.5)
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

// --- edits that turn one branch's version of a scene into another's --------------------------------

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

// ---------------------------------------------------------------------------------------------------
// Encord label-row JSON (encord-protocol.md §4.2-4.5).

struct UnitInfo
{
    int index = 0;
    std::string dataHash;
    std::string title;
    bool video = false;
    int width = 1920;
    int height = 1080;
    int frames = 1;
    double fps = 0.0;
    std::array<std::string, 4> labelHashes; // per branch
};

struct RowMeta
{
    std::string labelHash;
    std::string branch;
    std::string status;
    qint64 createdAt = 0;
    qint64 editedAt = 0;
};

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

json rowJson(const UnitInfo &unit, const std::string &datasetHash, const std::string &datasetTitle,
             const Scene &scene, const RowMeta &meta)
{
    struct Times
    {
        std::string created, edited;
    };
    std::vector<Times> objectTimes;
    objectTimes.reserve(scene.objects.size());
    json objectAnswers = json::object();
    for (const DemoObject &o : scene.objects) {
        objectTimes.push_back({longTime(o.createdAt), longTime(o.editedAt)});
        objectAnswers[o.hash] = {{"classifications", json::array()}, {"objectHash", o.hash}};
    }
    std::vector<Times> classificationTimes;
    json classificationAnswers = json::object();
    for (const DemoClassification &c : scene.classifications) {
        classificationTimes.push_back({longTime(c.createdAt), longTime(c.editedAt)});
        classificationAnswers[c.hash] = classificationAnswerJson(c, unit.frames, unit.video);
    }

    json labels = json::object();
    if (!unit.video) {
        json objects = json::array();
        for (size_t i = 0; i < scene.objects.size(); ++i)
            objects.push_back(objectJson(scene.objects[i], scene.objects[i].frames.front().second,
                                         objectTimes[i].created, objectTimes[i].edited));
        json classifications = json::array();
        for (size_t i = 0; i < scene.classifications.size(); ++i)
            classifications.push_back(classificationFrameJson(
                scene.classifications[i], classificationTimes[i].created, classificationTimes[i].edited));
        labels = {{"objects", std::move(objects)}, {"classifications", std::move(classifications)}};
    } else {
        std::vector<json> frames(static_cast<size_t>(unit.frames), json::array());
        for (size_t i = 0; i < scene.objects.size(); ++i)
            for (const auto &[frame, shape] : scene.objects[i].frames)
                frames[static_cast<size_t>(frame)].push_back(
                    objectJson(scene.objects[i], shape, objectTimes[i].created, objectTimes[i].edited));
        for (int f = 0; f < unit.frames; ++f) {
            json classifications = json::array();
            for (size_t i = 0; i < scene.classifications.size(); ++i)
                classifications.push_back(classificationFrameJson(
                    scene.classifications[i], classificationTimes[i].created, classificationTimes[i].edited));
            labels[std::to_string(f)] = {{"objects", std::move(frames[static_cast<size_t>(f)])},
                                         {"classifications", std::move(classifications)}};
        }
    }

    json dataUnit = {{"data_hash", unit.dataHash}, {"data_title", unit.title},
                     {"data_link", nullptr},       {"data_type", unit.video ? "video/mp4" : "image/jpeg"},
                     {"data_sequence", 0},         {"width", unit.width},
                     {"height", unit.height},      {"labels", std::move(labels)}};
    if (unit.video) {
        dataUnit["data_fps"] = unit.fps;
        dataUnit["data_duration"] = unit.frames / unit.fps;
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
                {"data_units", {{unit.dataHash, std::move(dataUnit)}}},
                {"spaces", json::object()}};
}

// ---------------------------------------------------------------------------------------------------
// Per data unit: what each branch has, decided by the unit's plan stream.

enum BranchIndex
{
    MainBranch,
    PreLabelsBranch,
    ExportBranch,
    ReviewBranch,
    BranchCount
};

enum class PreKind
{
    None,
    Same,
    Missing,
    Extra,
    Moved,
    Relabelled,
    OnlyOnPreLabels
};
enum class ExportKind
{
    Absent,
    Same,
    Older
};
enum class ReviewKind
{
    None,
    Copy,
    Edited
};

struct UnitPlan
{
    bool onMain = true;
    PreKind pre = PreKind::Same;
    ExportKind exported = ExportKind::Same;
    ReviewKind review = ReviewKind::None;
};

UnitPlan planFor(Random &rng)
{
    UnitPlan plan;
    plan.onMain = rng.chance(0.92);
    if (!plan.onMain) {
        plan.pre = rng.chance(0.5) ? PreKind::OnlyOnPreLabels : PreKind::None;
        plan.exported = ExportKind::Absent;
        return plan;
    }
    const double r = rng.unit();
    plan.pre = r < 0.665   ? PreKind::Same
               : r < 0.75  ? PreKind::Missing
               : r < 0.835 ? PreKind::Extra
               : r < 0.92  ? PreKind::Moved
                           : PreKind::Relabelled;
    const double e = rng.unit();
    plan.exported = e < 0.04 ? ExportKind::Absent : e < 0.16 ? ExportKind::Older : ExportKind::Same;
    if (rng.chance(0.10))
        plan.review = rng.chance(0.4) ? ReviewKind::Edited : ReviewKind::Copy;
    return plan;
}

const qint64 kModelRun = epochOf(2026, 9, 28, 2);
const qint64 kLabellingStart = epochOf(2026, 10, 1, 8);
const qint64 kSnapshotTaken = epochOf(2026, 11, 20, 9);
const qint64 kAfterSnapshot = epochOf(2026, 11, 21, 8);
const qint64 kReviewStart = epochOf(2026, 12, 7, 9);

qint64 someTime(Random &rng, qint64 from, qint64 days)
{
    return from + rng.between(0, static_cast<int>(days * kDay / 60)) * 60;
}

struct UnitDocs
{
    std::array<std::optional<LabelRowDocument>, BranchCount> docs;
    QString error;
};

Result<LabelRowDocument> toDocument(const json &row, int index)
{
    try {
        return LabelRowDocument::fromJson(row, QStringLiteral("demo data unit %1").arg(index));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("demo data unit %1: %2").arg(index).arg(QString::fromUtf8(e.what())));
    }
}

QDateTime utcTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
}

struct DemoUnitBuilder
{
    const DemoGenerator &generator;
    std::string datasetHash;
    std::string datasetTitle;

    UnitInfo unitInfo(int index) const;
    UnitDocs build(int index) const;
};

int digitsOf(int n)
{
    int digits = 1;
    while (n >= 10) {
        n /= 10;
        ++digits;
    }
    return digits;
}

std::string padded(int value, int width)
{
    std::string s = std::to_string(value);
    if (static_cast<int>(s.size()) < width)
        s.insert(0, static_cast<size_t>(width - static_cast<int>(s.size())), '0');
    return s;
}

constexpr int kImagesPerCamera = 25;
constexpr int kImagesPerDrive = kImagesPerCamera * 4;

const std::array<QString, BranchCount> &branchNameTable()
{
    static const std::array<QString, BranchCount> names = {kMainBranch, DemoGenerator::preLabelsBranch(),
                                                           DemoGenerator::exportBranch(),
                                                           DemoGenerator::reviewBranch()};
    return names;
}

std::string projectUuid(quint64 seed, int which)
{
    Random rng(streamSeed(seed, static_cast<quint64>(which), Stream::Project));
    return uuidFrom(rng);
}

UnitInfo DemoUnitBuilder::unitInfo(int index) const
{
    const int n = generator.size();
    const int videos = generator.videoCount();
    const qint64 i = index;
    const int videosBefore = static_cast<int>(i * videos / n);
    const bool video = (i + 1) * videos / n > videosBefore;

    Random rng(streamSeed(generator.seed(), static_cast<quint64>(index), Stream::Identity));
    UnitInfo u;
    u.index = index;
    u.video = video;
    u.dataHash = uuidFrom(rng);
    for (std::string &labelHash : u.labelHashes)
        labelHash = uuidFrom(rng);

    const int images = n - videos;
    const int driveDigits = std::max(2, digitsOf(std::max(images / kImagesPerDrive + 1, videos / 4 + 1)));
    int camera = 0;
    if (video) {
        const int k = videosBefore;
        camera = k % 4;
        u.title = "drive-" + padded(k / 4 + 1, driveDigits) + "/" + kCameras[camera] + ".mp4";
        u.frames = rng.between(30, n <= DemoGenerator::kDenseSceneLimit ? 120 : 60);
        u.fps = 10.0;
    } else {
        const int j = index - videosBefore;
        camera = (j % kImagesPerDrive) / kImagesPerCamera;
        const int frameNumber = (j % kImagesPerCamera) * 40 + rng.between(0, 39);
        u.title = "drive-" + padded(j / kImagesPerDrive + 1, driveDigits) + "/" + kCameras[camera] + "/" +
                  padded(frameNumber, 6) + ".jpg";
    }
    const bool wide = camera == 0 || camera == 3; // front and rear cameras are full HD
    u.width = wide ? 1920 : 1280;
    u.height = wide ? 1080 : 720;
    return u;
}

UnitDocs DemoUnitBuilder::build(int index) const
{
    const UnitInfo unit = unitInfo(index);
    const quint64 seed = generator.seed();
    const quint64 unitKey = static_cast<quint64>(index);

    Random planRng(streamSeed(seed, unitKey, Stream::Plan));
    const UnitPlan plan = planFor(planRng);
    UnitDocs out;
    if (!plan.onMain && plan.pre == PreKind::None)
        return out;

    Random timeRng(streamSeed(seed, unitKey, Stream::Times));
    const qint64 modelAt = kModelRun + timeRng.between(0, 3 * 3600);
    const std::string annotator = kAnnotators[timeRng.between(0, 3)];
    qint64 mainCreated = someTime(timeRng, kLabellingStart, 44);
    qint64 mainEdited = mainCreated + timeRng.between(0, 5 * 24) * kHour + timeRng.between(0, 59) * 60;
    mainEdited = std::min(mainEdited, kSnapshotTaken - kHour);
    const qint64 snapshotEdited = mainEdited; // what main looked like when the snapshot was taken
    if (plan.exported == ExportKind::Older)
        mainEdited = someTime(timeRng, kAfterSnapshot, 14);
    if (plan.exported == ExportKind::Absent && plan.onMain) {
        mainCreated = someTime(timeRng, kAfterSnapshot, 10);
        mainEdited = mainCreated + timeRng.between(0, 72) * kHour;
    }
    static const char *const mainStatuses[] = {"LABELLED", "LABELLED", "REVIEWED", "LABEL_IN_PROGRESS",
                                               "REVIEWED"};
    const std::string mainStatus = mainStatuses[timeRng.between(0, 4)];
    const qint64 reviewCreated = someTime(timeRng, kReviewStart, 2);
    const qint64 reviewEdited = reviewCreated + timeRng.between(1, 72) * kHour;

    SceneContext ctx;
    Random sceneRng(streamSeed(seed, unitKey, Stream::Scene));
    ctx.frames = unit.frames;
    ctx.aspect = static_cast<double>(unit.height) / unit.width;
    ctx.dense = generator.size() <= DemoGenerator::kDenseSceneLimit;
    ctx.road.horizon = sceneRng.range(0.42, 0.52);
    ctx.road.vanishX = sceneRng.range(0.42, 0.58);
    ctx.road.bottomLeft = sceneRng.range(-0.1, 0.15);
    ctx.road.bottomRight = sceneRng.range(0.85, 1.1);
    ctx.drift = unit.video ? sceneRng.range(-0.08, 0.08) : 0.0;

    const Author model{DemoGenerator::modelAuthor().toStdString(), 0.3, false, modelAt};
    const Scene base = predictionScene(sceneRng, ctx, model);

    // main was initialised from the predictions; a third of its rows were then corrected by annotators.
    Random fixRng(streamSeed(seed, unitKey, Stream::Correction));
    const Author fixer{annotator, 1.0, true, mainEdited};
    Scene pre = base;
    Scene main = base;
    switch (plan.pre) {
    case PreKind::Missing:
        addObjects(fixRng, main, ctx, fixer, fixRng.between(1, 2));
        break;
    case PreKind::Extra: {
        const Author falsePositive{model.who, 0.3, false, modelAt};
        const int count = fixRng.between(1, 2);
        for (int k = 0; k < count; ++k) {
            DemoObject o =
                makeObject(fixRng.chance(0.5) ? Pedestrian : TrafficSign, fixRng, ctx, falsePositive);
            o.confidence = round2(fixRng.range(0.3, 0.55));
            pre.objects.push_back(std::move(o));
        }
        break;
    }
    case PreKind::Relabelled:
        if (relabelOne(fixRng, main, annotator, mainEdited))
            break;
        [[fallthrough]];
    case PreKind::Moved:
        if (moveOne(fixRng, main, annotator, mainEdited))
            break;
        addObjects(fixRng, main, ctx, fixer, 1);
        break;
    default:
        break;
    }

    auto render = [&](int branch, const Scene &scene, const std::string &status, qint64 created,
                      qint64 edited) {
        const RowMeta meta{unit.labelHashes[static_cast<size_t>(branch)],
                           branchNameTable()[static_cast<size_t>(branch)].toStdString(), status, created,
                           edited};
        auto doc = toDocument(rowJson(unit, datasetHash, datasetTitle, scene, meta), index);
        if (!doc) {
            out.error = doc.error();
            return false;
        }
        out.docs[static_cast<size_t>(branch)] = std::move(doc).value();
        return true;
    };
    // Most rows on the other branches have main's content: they are main's document under another identity,
    // which saves building and parsing the JSON again.
    auto reuseMain = [&](int branch, const std::string &status, qint64 created, qint64 edited) {
        LabelRowDocument doc = *out.docs[MainBranch];
        doc.setLabelHash(QString::fromStdString(unit.labelHashes[static_cast<size_t>(branch)]));
        doc.setBranchName(branchNameTable()[static_cast<size_t>(branch)]);
        doc.setLabelStatus(QString::fromStdString(status));
        doc.setTimestamps(utcTime(created), utcTime(edited));
        out.docs[static_cast<size_t>(branch)] = std::move(doc);
    };

    if (!plan.onMain) {
        render(PreLabelsBranch, pre, "LABEL_IN_PROGRESS", modelAt, modelAt);
        return out;
    }
    if (!render(MainBranch, main, mainStatus, mainCreated, mainEdited))
        return out;
    if (plan.pre == PreKind::Same)
        reuseMain(PreLabelsBranch, "LABEL_IN_PROGRESS", modelAt, modelAt);
    else if (!render(PreLabelsBranch, pre, "LABEL_IN_PROGRESS", modelAt, modelAt))
        return out;

    if (plan.exported == ExportKind::Same) {
        reuseMain(ExportBranch, mainStatus, kSnapshotTaken, snapshotEdited);
    } else if (plan.exported == ExportKind::Older) {
        // main was edited after the snapshot: the snapshot still lacks an object added later, or has
        // a box where it was before it was adjusted.
        Scene older = main;
        Random exportRng(streamSeed(seed, unitKey, Stream::Export));
        const bool removed = exportRng.chance(0.5) && removeOne(exportRng, older);
        if (!removed && !moveOne(exportRng, older, annotator, snapshotEdited))
            changeClassification(exportRng, older, 0, annotator, snapshotEdited);
        if (!render(ExportBranch, older, "LABEL_IN_PROGRESS", kSnapshotTaken, snapshotEdited))
            return out;
    }

    if (plan.review == ReviewKind::Copy) {
        reuseMain(ReviewBranch, "REVIEW_IN_PROGRESS", reviewCreated, reviewCreated);
    } else if (plan.review == ReviewKind::Edited) {
        Scene reviewed = main;
        Random reviewRng(streamSeed(seed, unitKey, Stream::Review));
        const std::string alice = DemoGenerator::reviewer().toStdString();
        const double r = reviewRng.unit();
        bool done = false;
        if (r < 0.4) {
            done = moveOne(reviewRng, reviewed, alice, reviewEdited);
        } else if (r < 0.7) {
            const Author author{alice, 1.0, true, reviewEdited};
            reviewed.objects.push_back(makeObject(Pedestrian, reviewRng, ctx, author));
            done = true;
        }
        if (!done)
            changeClassification(reviewRng, reviewed, 0, alice, reviewEdited);
        render(ReviewBranch, reviewed, "REVIEWED", reviewCreated, reviewEdited);
    }
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------------

DemoGenerator::DemoGenerator(int size, quint64 seed)
    : m_size(std::clamp(size, kMinSize, kMaxSize)), m_seed(seed)
{
    // 12 videos in the default project; at benchmark sizes the count is capped so videos do not dominate.
    const int scaled = static_cast<int>((static_cast<qint64>(m_size) * 12 + kDefaultSize / 2) / kDefaultSize);
    m_videoCount = std::clamp(scaled, m_size >= 20 ? 1 : 0, 48);
}

Result<int> DemoGenerator::parseSize(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("small"))
        return kSmallSize;
    if (t == QLatin1String("default"))
        return kDefaultSize;
    if (t == QLatin1String("large"))
        return kLargeSize;
    bool ok = false;
    const int n = t.toInt(&ok);
    if (!ok || n < kMinSize || n > kMaxSize)
        return fail(
            QStringLiteral("demo size must be small, default, large or a number from %1 to %2, not '%3'")
                .arg(kMinSize)
                .arg(kMaxSize)
                .arg(text));
    return n;
}

ProjectInfo DemoGenerator::projectInfo() const
{
    ProjectInfo info;
    info.projectHash = QString::fromStdString(projectUuid(m_seed, 1));
    info.title = QStringLiteral("Urban driving demo");
    info.description = QStringLiteral("Generated driving scenes: %1 data units (%2 videos), seed %3")
                           .arg(m_size)
                           .arg(m_videoCount)
                           .arg(m_seed);
    return info;
}

Ontology DemoGenerator::ontology() const
{
    Ontology o;
    o.ontologyHash = QString::fromStdString(projectUuid(m_seed, 2));
    o.title = QStringLiteral("Driving scenes");
    for (const ClassDef &c : kClasses)
        o.objects.append(OntologyObject{QString::fromLatin1(c.featureHash), QString::fromLatin1(c.name),
                                        QString::fromLatin1(c.shape), QString::fromLatin1(c.color)});
    for (const ClassificationDef &def : kClassifications) {
        OntologyClassification c;
        c.featureHash = QString::fromLatin1(def.featureHash);
        c.name = QString::fromLatin1(def.attributeName);
        c.attributeHash = QString::fromLatin1(def.attributeHash);
        for (int i = 0; i < def.optionCount; ++i) {
            c.optionLabels.append(QString::fromLatin1(def.options[static_cast<size_t>(i)].label));
            c.optionHashes.append(QString::fromLatin1(def.options[static_cast<size_t>(i)].featureHash));
        }
        o.classifications.append(c);
    }
    return o;
}

QList<DataUnit> DemoGenerator::dataUnits() const
{
    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QList<DataUnit> units;
    units.reserve(m_size);
    for (int i = 0; i < m_size; ++i) {
        const UnitInfo u = builder.unitInfo(i);
        DataUnit d;
        d.dataHash = QString::fromStdString(u.dataHash);
        d.dataTitle = QString::fromStdString(u.title);
        d.dataType = u.video ? DataType::Video : DataType::Image;
        d.datasetHash = QString::fromStdString(builder.datasetHash);
        d.datasetTitle = QString::fromStdString(builder.datasetTitle);
        d.width = u.width;
        d.height = u.height;
        d.frameCount = u.frames;
        d.fps = u.fps;
        units.append(d);
    }
    return units;
}

QStringList DemoGenerator::branchNames() const
{
    QStringList names;
    for (const QString &name : branchNameTable())
        names.append(name);
    return names;
}

Result<QList<LabelRowDocument>> DemoGenerator::rows(const QString &branch, int first, int count) const
{
    const auto &names = branchNameTable();
    const auto it = std::find(names.begin(), names.end(), branch);
    if (it == names.end())
        return fail(QStringLiteral("the demo project has no branch '%1'").arg(branch));
    const size_t b = static_cast<size_t>(it - names.begin());
    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QList<LabelRowDocument> out;
    const int end = std::min(m_size, first + std::max(0, count));
    for (int i = std::max(0, first); i < end; ++i) {
        try {
            UnitDocs unit = builder.build(i);
            if (!unit.error.isEmpty())
                return fail(unit.error);
            if (unit.docs[b])
                out.append(std::move(*unit.docs[b]));
        } catch (const std::exception &e) {
            return fail(QStringLiteral("demo data unit %1: %2").arg(i).arg(QString::fromUtf8(e.what())));
        }
    }
    return out;
}

namespace {

// The rows of a run of data units, per branch, built off the writing thread.
struct GeneratedChunk
{
    int end = 0;
    std::array<QList<LabelRowDocument>, BranchCount> perBranch;
    QString error;
};

GeneratedChunk generateChunk(const DemoUnitBuilder &builder, int first, int end)
{
    struct Slot
    {
        int index = 0;
        UnitDocs docs;
    };
    QList<Slot> slots;
    slots.reserve(end - first);
    for (int i = first; i < end; ++i)
        slots.append(Slot{i, {}});
    // Units are independent streams, so they can be built on any thread in any order.
    QtConcurrent::blockingMap(slots, [&builder](Slot &slot) {
        try {
            slot.docs = builder.build(slot.index);
        } catch (const std::exception &e) {
            slot.docs.error =
                QStringLiteral("demo data unit %1: %2").arg(slot.index).arg(QString::fromUtf8(e.what()));
        }
    });
    GeneratedChunk chunk;
    chunk.end = end;
    for (Slot &slot : slots) {
        if (!slot.docs.error.isEmpty()) {
            chunk.error = slot.docs.error;
            return chunk;
        }
        for (size_t b = 0; b < chunk.perBranch.size(); ++b)
            if (slot.docs.docs[b])
                chunk.perBranch[b].append(std::move(*slot.docs.docs[b]));
    }
    return chunk;
}

void removeProjectFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

} // namespace

Result<DemoReport> DemoGenerator::writeProject(const QString &path, const JobControl &control) const
{
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given for the demo project"));
    if (QFileInfo::exists(path))
        return fail(
            QStringLiteral("%1 already exists; the demo project is only written to a new file").arg(path));

    const QList<DataUnit> units = dataUnits();
    DemoReport report;
    report.path = path;
    report.dataUnits = m_size;
    report.videos = m_videoCount;
    report.images = m_size - m_videoCount;

    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QFuture<GeneratedChunk> pending;
    QList<QFuture<void>> disposals;
    std::unique_ptr<SqliteStore> store;
    auto failed = [&](const QString &message) -> Result<DemoReport> {
        pending.waitForFinished(); // it reads `builder`
        for (QFuture<void> &d : disposals)
            d.waitForFinished();
        store.reset(); // close the connection before the file goes
        removeProjectFiles(path);
        return fail(message);
    };

    Progress progress;
    progress.total = m_size;
    progress.stage = QStringLiteral("creating project");
    control.report(progress);

    auto created = SqliteStore::create(path, projectInfo(), ontology(), units);
    if (!created) {
        // create() refuses to touch an existing file, so anything on disk now is its own half-made file.
        if (!QFileInfo::exists(path))
            return created.takeError();
        return failed(created.error());
    }
    store = std::move(created).value();

    const auto &names = branchNameTable();
    const QString createdFrom[BranchCount] = {QString(), QString(), kMainBranch, kMainBranch};
    const bool snapshot[BranchCount] = {false, false, true, false};
    for (int b = 0; b < BranchCount; ++b) {
        auto exists = store->branchExists(names[static_cast<size_t>(b)]);
        if (!exists)
            return failed(exists.error());
        if (exists.value())
            continue;
        auto made = store->createBranch(names[static_cast<size_t>(b)], createdFrom[b], snapshot[b]);
        if (!made)
            return failed(made.error());
    }

    // A pipeline: the next chunk is generated while this one is written, and written documents are freed
    // on a pool thread, so the writing thread does little besides writing.
    constexpr int kChunk = 256;
    std::array<int, BranchCount> rowCounts{};
    progress.stage = QStringLiteral("writing label rows");
    progress.batchesTotal = (m_size + kChunk - 1) / kChunk;
    auto startChunk = [&](int first) {
        const int end = std::min(m_size, first + kChunk);
        pending = QtConcurrent::run([&builder, first, end] { return generateChunk(builder, first, end); });
    };
    startChunk(0);
    for (int first = 0; first < m_size; first += kChunk) {
        GeneratedChunk chunk = pending.takeResult();
        const int end = chunk.end;
        if (end < m_size)
            startChunk(end);
        if (control.isCancelled())
            return failed(QStringLiteral("demo project cancelled; the partly written file was removed"));
        if (!chunk.error.isEmpty())
            return failed(chunk.error);
        for (size_t b = 0; b < chunk.perBranch.size(); ++b) {
            if (chunk.perBranch[b].isEmpty())
                continue;
            auto written = store->writeRows(0, names[b], chunk.perBranch[b], false);
            if (!written)
                return failed(written.error());
            rowCounts[b] += chunk.perBranch[b].size();
        }
        disposals.append(
            QtConcurrent::run([written = std::move(chunk)]() mutable { written = GeneratedChunk(); }));
        progress.done = end;
        ++progress.batchesDone;
        control.report(progress);
    }
    for (QFuture<void> &d : disposals)
        d.waitForFinished();

    for (size_t b = 0; b < names.size(); ++b)
        report.rowsPerBranch.append({names[b], rowCounts[b]});
    return report;
}

} // namespace lb
