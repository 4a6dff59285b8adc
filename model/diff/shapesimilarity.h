#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <optional>
#include <QPointF>
#include <QSizeF>

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

// Intersection over union of two polygons in pixels, concave or touching themselves; none when either has
// no area or the geometry library cannot intersect them.
std::optional<double> polygonIoU(const QList<QPointF> &a, const QList<QPointF> &b);

// A rotatable box's corners in pixels: Encord turns it by theta degrees about its centre.
QList<QPointF> rotatedBoxCorners(const Geometry &box, const QSizeF &imageSize);

// Points, skeleton nodes and polylines are alike when they are close: 1 at no distance, falling to 0 at
// this fraction of the image diagonal.
inline constexpr double kDistanceScale = 0.1;
// Points and skeletons: the mean over their points, paired by node name (or position when unnamed).
double pointSimilarity(const QList<NormalizedPoint> &a, const QList<NormalizedPoint> &b,
                       const QSizeF &imageSize);
// Polylines: from the symmetric mean distance of each one's vertices to the other line.
double polylineSimilarity(const QList<NormalizedPoint> &a, const QList<NormalizedPoint> &b,
                          const QSizeF &imageSize);

// How alike two shapes of the same kind are, by the measure that fits the kind: IoU for boxes, rotatable
// boxes, polygons, 2-D cuboids (their front faces), bitmasks and audio or text ranges; closeness for points,
// skeletons and polylines; a box and a rotatable box are compared as areas. None for other shapes of
// different kinds, 3-D cuboids, and shapes that cannot be read
// (a mask that does not decode, an HTML range). `imageSize` is in pixels (1 x 1 when unknown).
std::optional<double> similarity(const Geometry &a, const Geometry &b,
                                 const QSizeF &imageSize = QSizeF(1, 1));

} // namespace shapesimilarity

} // namespace lb
