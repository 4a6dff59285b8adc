#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <optional>

namespace lb {

// How much two shapes of an object overlap, from 0 (nothing in common) to 1 (the same): what matches an
// object on one branch with an object on the other when they share no objectHash (a model's prediction and
// a person's correction, or rows that went through an export and an import). Pure functions over Encord's
// geometry (docs/encord-api.md §4.4).
namespace shapesimilarity {

// Intersection over union of two sets of 1-D ranges (audio in milliseconds, text in characters); ranges of
// one set that overlap count once. 0 when either set is empty.
double rangeIoU(const QList<LabelRange> &a, const QList<LabelRange> &b);

// Intersection over union of two axis-aligned boxes (x, y, w, h); 0 when either has no area.
double boxIoU(const Geometry &a, const Geometry &b);

// Intersection over union of two bitmasks in image pixels, each placed at its own top and left. Fails when
// either mask does not decode.
Result<double> maskIoU(const BitmaskGeometry &a, const BitmaskGeometry &b);

// The overlap of two shapes of the same kind that this module compares (bounding boxes, bitmasks, audio
// and text ranges); none for other pairs, and for masks that do not decode.
std::optional<double> overlap(const Geometry &a, const Geometry &b);

} // namespace shapesimilarity

} // namespace lb
