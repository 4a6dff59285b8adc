#pragma once

#include "diff/objectmatcher.h"
#include "domain/dataunit.h"
#include "domain/labelrowdocument.h"

#include <optional>
#include <QFlags>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

// What happened to one object or classification between the source row and the target row.
enum class ChangeKind
{
    Added,
    Removed,
    Unchanged,
    Edited
};
QString changeKindName(
    ChangeKind kind); // "added" (only on target), "removed" (only on source), "unchanged", "edited"

// Why an object (or classification) present on both sides is "edited". Several can hold at once.
enum class EditReason : unsigned
{
    Moved = 0x01,             // the geometry's centre moved beyond the tolerance
    Resized = 0x02,           // its width or height (of the box, or of the points' bounding box) changed
    Rotated = 0x04,           // rotatable box angle changed beyond the angle tolerance
    Reshaped = 0x08,          // points moved relative to the shape, points added/removed, shape type changed,
                              // or the payload of an undrawn shape (bitmask, cuboid, ...) changed
    ClassChanged = 0x10,      // featureHash differs
    AttributesChanged = 0x20, // object_answers (classifications: answers) differ
    ConfidenceChanged = 0x40,
    FramesChanged = 0x80, // a video object appears on other frames (object instances only)
};
Q_DECLARE_FLAGS(EditReasons, EditReason)
// Readable names in a fixed order: "moved", "resized", "rotated", "reshaped", "class changed",
// "attributes changed", "confidence changed", "frames changed".
QStringList editReasonNames(EditReasons reasons);

struct ObjectDiffOptions
{
    double tolerance = 0.002;    // in normalised image units: smaller moves and resizes are not edits
    double angleTolerance = 0.5; // degrees, for rotatable boxes
    // Objects with no objectHash in common are paired by class and shape (diff/instancepairing.h) when
    // they are alike at least this much (IoU, or closeness for points and lines); 0 turns pairing off.
    double matchThreshold = 0.5;
    bool matchAcrossClasses = true; // pair leftovers of different classes too (then "class changed")
};

// One object on one frame: matched by objectHash on that frame, or by its instance's pairing by shape.
struct ObjectChange
{
    QString objectHash;       // the target's hash, or the source's when only the source has the object
    QString sourceObjectHash; // the source's hash (the same unless matched by shape); empty when added
    MatchMethod match = MatchMethod::Hash;
    std::optional<double> score; // shape similarity of a pair matched by shape (diff/shapesimilarity.h)
    int frame = 0;
    ChangeKind kind = ChangeKind::Unchanged;
    EditReasons reasons;
    QString featureHash; // the target's class, or the source's when removed
    std::optional<ObjectAnnotation> source;
    std::optional<ObjectAnnotation> target;
};

// One object instance (one objectHash, or a source and a target instance paired by shape) across all
// frames of the row.
struct ObjectInstanceChange
{
    QString objectHash;       // as in ObjectChange
    QString sourceObjectHash; // empty when added
    MatchMethod match = MatchMethod::Hash;
    std::optional<double> score; // mean shape similarity over the frames the pair was matched on
    ChangeKind kind = ChangeKind::Unchanged;
    EditReasons reasons;       // union of its frames' reasons, plus FramesChanged
    QString featureHash;       // the target's class, or the source's when removed
    QString sourceFeatureHash; // empty when added
    QString targetFeatureHash; // empty when removed
    QList<int> sourceFrames;   // ascending
    QList<int> targetFrames;
};

// One classification on one frame, matched by classificationHash. Edited reasons: ClassChanged,
// AttributesChanged (the answers), ConfidenceChanged.
struct ClassificationChange
{
    QString classificationHash;
    int frame = 0;
    ChangeKind kind = ChangeKind::Unchanged;
    EditReasons reasons;
    QString featureHash;
    std::optional<ClassificationAnnotation> source;
    std::optional<ClassificationAnnotation> target;
};

struct FrameDiff
{
    int frame = 0;
    QList<ObjectChange> objects;                 // ordered by objectHash
    QList<ClassificationChange> classifications; // ordered by classificationHash
    bool hasChanges() const;
};

// Object instances of one class (featureHash) by kind. An instance whose class changed counts as edited under
// its target class and also as reclassifiedIn there and reclassifiedOut under its source class.
struct ClassChangeTotals
{
    int added = 0;
    int removed = 0;
    int edited = 0;
    int unchanged = 0;
    int reclassifiedIn = 0;
    int reclassifiedOut = 0;
    bool operator==(const ClassChangeTotals &other) const = default;
};

// The object-level difference of one data unit between a source and a target label row.
struct ObjectDiff
{
    QString dataHash;
    DataType dataType = DataType::Image;
    bool sourcePresent = false;
    bool targetPresent = false;

    QList<ObjectChange> objects;                 // every object on every frame, by frame then objectHash
    QList<ObjectInstanceChange> instances;       // by objectHash
    QList<ClassificationChange> classifications; // by frame then classificationHash
    QList<FrameDiff> frames;                     // every frame with something on either side, ascending
    QList<int> changedFrames;                    // frames with an added, removed or edited entry, ascending

    QHash<QString, ClassChangeTotals> classTotals;         // featureHash -> instance totals
    int added = 0, removed = 0, edited = 0, unchanged = 0; // object instances
    int classificationsAdded = 0, classificationsRemoved = 0, classificationsChanged = 0,
        classificationsUnchanged = 0; // distinct classificationHash values

    bool isIdentical() const; // nothing added, removed or edited, objects nor classifications
};

// Pure: compares the labels of one data unit on two branches. Either row may be absent (the data unit has no
// row on that branch): everything on the other side is then added or removed. Objects are matched by
// objectHash, then instances without a common hash by shape, so a moved box a model predicted and a person
// corrected is one edited object rather than one removed and one added.
ObjectDiff computeObjectDiff(const LabelRowDocument *source, const LabelRowDocument *target,
                             const ObjectDiffOptions &options = {});

} // namespace lb

Q_DECLARE_OPERATORS_FOR_FLAGS(lb::EditReasons)
