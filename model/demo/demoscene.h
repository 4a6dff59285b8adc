#pragma once

#include "demo/demoontology.h"
#include "demo/demorandom.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

// Scenes of the demo project: road, objects and their geometry per frame, as the model predicted them,
// before they become Encord JSON. Images are one-frame scenes; video tracks are sampled on every frame.

namespace lb::demo {

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

// What a project file lists about a scene's label row, the way LabelRowDocument counts it: distinct object
// hashes (in total and per class feature hash) and distinct classification hashes.
struct SceneFacts
{
    int objectCount = 0;
    int classificationCount = 0;
    std::map<std::string, int> classCounts; // feature hash -> objects
};

SceneFacts factsOf(const Scene &scene);

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

// Sets a clamped, rounded box (normalised coordinates) on `g`.
void setBox(Shape &g, double x, double y, double w, double h);
Pt point(double x, double y); // clamped to the image and rounded
bool isBox(int cls);
bool isBackground(int cls); // lane markings and drivable area: always there, never moved or removed

// Draws a track of class `cls` (one frame for images) and samples its geometry on every visible frame.
DemoObject makeObject(int cls, Random &rng, const SceneContext &ctx, const Author &author,
                      double laneFraction = 0.5);
// What the detector found in one data unit: background, a class-dependent number of objects and one answer
// per classification.
Scene predictionScene(Random &rng, const SceneContext &ctx, const Author &model);

} // namespace lb::demo
