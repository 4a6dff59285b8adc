#pragma once

#include "domain/labelrowdocument.h"

#include <optional>
#include <QList>
#include <QSizeF>

namespace lb {

// How two objects on different branches were found to be the same object.
enum class MatchMethod
{
    Hash,         // the same objectHash
    Geometry,     // the same class, and shapes alike above the threshold
    ClassAgnostic // shapes alike above the threshold, classes different (for a confusion matrix)
};

struct ObjectMatch
{
    qsizetype source = -1; // index in the source objects
    qsizetype target = -1; // index in the target objects
    MatchMethod method = MatchMethod::Hash;
    std::optional<double> score; // diff/shapesimilarity.h's measure; none when the shapes cannot be compared
};

struct ObjectMatching
{
    QList<ObjectMatch> pairs; // hash pairs first, then by descending score
    QList<qsizetype> unmatchedSource, unmatchedTarget;
};

struct MatchOptions
{
    double threshold = 0.5; // the least similarity that pairs objects without a common hash
    QSizeF imageSize{1, 1}; // pixels, for rotation and distances
    bool classAgnostic = true;
};

// Pairs the objects of one frame (or one data unit, for types without frames) on two branches: by
// objectHash first; then, per class, by shape similarity (diff/shapesimilarity.h: IoU for areas, masks and
// ranges, closeness for points and lines), greedily by descending score as COCO's evaluation does, ties to
// the earlier source and then the earlier target object; then, when asked, the leftovers of different classes
// the same way. Each object is in at most one pair. Pure: no store, no JSON.
ObjectMatching matchObjects(const QList<ObjectAnnotation> &source, const QList<ObjectAnnotation> &target,
                            const MatchOptions &options = {});

} // namespace lb
