#pragma once

#include "demo/demoscene.h"

#include <string>

// Edits that turn one branch's version of a scene into another's: what an annotator corrected on main,
// what a reviewer changed, what a snapshot taken earlier still lacks. Each marks what it touched as edited
// by `who` at `at`, and returns false when the scene had nothing it could apply to.

namespace lb::demo {

// Moves and resizes an object (from some frame on, for videos).
bool moveOne(Random &rng, Scene &scene, const std::string &who, qint64 at);
// Car <-> Truck: the box stays, the class (and with it the shape) changes.
bool relabelOne(Random &rng, Scene &scene, const std::string &who, qint64 at);
void addObjects(Random &rng, Scene &scene, const SceneContext &ctx, const Author &author, int count);
bool removeOne(Random &rng, Scene &scene);
void changeClassification(Random &rng, Scene &scene, int def, const std::string &who, qint64 at);

} // namespace lb::demo
