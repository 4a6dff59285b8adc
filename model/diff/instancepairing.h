#pragma once

#include "diff/objectmatcher.h"
#include "domain/labelrowdocument.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lb {

// An object instance on the source paired with one on the target although their objectHash differs.
struct InstancePair
{
    QString targetHash;
    MatchMethod method = MatchMethod::Geometry; // ClassAgnostic when most paired frames differ in class
    int frames = 0;                             // frames on which the two were matched
    double meanScore = 0;                       // their mean shape similarity over those frames
};

// Pairs the object instances of one data unit that share no objectHash across the two rows (a model's
// predictions and a person's drawing, or rows that went through an export and an import): frame by frame,
// the objects whose hash is only on their own side are matched by diff/objectmatcher.h; each pairing of a
// source instance with a target instance is a vote, and instances are paired one to one by most frames
// matched, then by the higher mean similarity, then by hash. Keyed by the source instance's objectHash.
// Objects whose hash is on both sides are left to the hash. Pure.
QHash<QString, InstancePair> pairInstancesByGeometry(const QList<ObjectAnnotation> &source,
                                                     const QList<ObjectAnnotation> &target,
                                                     const MatchOptions &options);

} // namespace lb
