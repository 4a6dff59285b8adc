#include "diff/objectdiff.h"

#include "diff/instancepairing.h"
#include "diff/shapesimilarity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <QMap>
#include <QSet>
#include <string>

namespace lb {

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Unchanged:
        return QStringLiteral("unchanged");
    case ChangeKind::Edited:
        return QStringLiteral("edited");
    }
    return QString();
}

QStringList editReasonNames(EditReasons reasons)
{
    static const std::pair<EditReason, const char *> kNames[] = {
        {EditReason::Moved, "moved"},
        {EditReason::Resized, "resized"},
        {EditReason::Rotated, "rotated"},
        {EditReason::Reshaped, "reshaped"},
        {EditReason::ClassChanged, "class changed"},
        {EditReason::AttributesChanged, "attributes changed"},
        {EditReason::ConfidenceChanged, "confidence changed"},
        {EditReason::FramesChanged, "frames changed"},
    };
    QStringList names;
    for (const auto &[reason, name] : kNames) {
        if (reasons.testFlag(reason))
            names.append(QString::fromLatin1(name));
    }
    return names;
}

bool FrameDiff::hasChanges() const
{
    return std::any_of(objects.cbegin(), objects.cend(),
                       [](const ObjectChange &c) { return c.kind != ChangeKind::Unchanged; }) ||
           std::any_of(classifications.cbegin(), classifications.cend(),
                       [](const ClassificationChange &c) { return c.kind != ChangeKind::Unchanged; });
}

bool ObjectDiff::isIdentical() const
{
    return added == 0 && removed == 0 && edited == 0 && classificationsAdded == 0 &&
           classificationsRemoved == 0 && classificationsChanged == 0;
}

namespace {

using json = nlohmann::json;

// Confidences are written by models with full double precision; only a real change counts.
constexpr double kConfidenceEpsilon = 1e-6;

struct Extent
{
    double minX = std::numeric_limits<double>::max(), minY = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest(), maxY = std::numeric_limits<double>::lowest();
    double centreX() const { return (minX + maxX) / 2.0; }
    double centreY() const { return (minY + maxY) / 2.0; }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

Extent extentOf(const QList<NormalizedPoint> &points)
{
    Extent e;
    for (const NormalizedPoint &p : points) {
        e.minX = std::min(e.minX, p.x);
        e.minY = std::min(e.minY, p.y);
        e.maxX = std::max(e.maxX, p.x);
        e.maxY = std::max(e.maxY, p.y);
    }
    return e;
}

bool beyond(double a, double b, double tolerance)
{
    return std::abs(a - b) > tolerance;
}

// Smallest difference between two angles in degrees, so 359 and 1 are 2 apart.
double angleDistance(double a, double b)
{
    double d = std::fmod(std::abs(a - b), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

// Audio milliseconds and text characters are whole units: ranges are the same or they moved.
bool sameRanges(const QList<LabelRange> &a, const QList<LabelRange> &b)
{
    return std::equal(
        a.cbegin(), a.cend(), b.cbegin(), b.cend(),
        [](const LabelRange &x, const LabelRange &y) { return x.start == y.start && x.end == y.end; });
}

// The stored entry of an object, for shapes whose geometry is compared as written (bitmask, cuboid, ...).
const json *rawObjectEntry(const LabelRowDocument &doc, const ObjectAnnotation &object)
{
    const json &row = doc.json();
    const auto units = row.find("data_units");
    if (units == row.end() || !units->is_object())
        return nullptr;
    const auto unit = units->find(object.dataUnitHash.toStdString());
    if (unit == units->end() || !unit->is_object())
        return nullptr;
    const auto labels = unit->find("labels");
    if (labels == unit->end() || !labels->is_object())
        return nullptr;
    const json *frame = &*labels;
    if (!labels->contains("objects")) { // keyed by frame
        const auto found = labels->find(std::to_string(object.frame));
        if (found == labels->end())
            return nullptr;
        frame = &*found;
    }
    const auto objects = frame->find("objects");
    if (objects == frame->end() || !objects->is_array())
        return nullptr;
    const std::string hash = object.objectHash.toStdString();
    for (const json &entry : *objects) {
        const auto h = entry.find("objectHash");
        if (h != entry.end() && h->is_string() && h->get_ref<const std::string &>() == hash)
            return &entry;
    }
    return nullptr;
}

// The geometry payload of a raw entry: everything but the metadata every shape shares.
json geometryPayload(const json *entry)
{
    static const char *const kMetadata[] = {"name",       "color",      "shape",        "value",
                                            "createdAt",  "createdBy",  "lastEditedAt", "lastEditedBy",
                                            "confidence", "objectHash", "featureHash",  "manualAnnotation",
                                            "isDeleted",  "reviews"};
    if (!entry || !entry->is_object())
        return json();
    json payload = *entry;
    for (const char *key : kMetadata)
        payload.erase(key);
    return payload;
}

bool sameAnswers(const json &a, const json &b)
{
    // A missing answer list and an empty one both mean "no answers".
    const bool aEmpty = a.is_null() || (a.is_array() && a.empty());
    const bool bEmpty = b.is_null() || (b.is_array() && b.empty());
    if (aEmpty || bEmpty)
        return aEmpty == bEmpty;
    return a == b; // nlohmann compares 1 and 1.0 as equal and objects regardless of key order
}

class ObjectComparer
{
public:
    ObjectComparer(const LabelRowDocument *source, const LabelRowDocument *target,
                   const ObjectDiffOptions &options)
        : m_source(source), m_target(target), m_options(options)
    {
    }

    EditReasons compare(const ObjectAnnotation &a, const ObjectAnnotation &b) const
    {
        EditReasons reasons = geometryReasons(a, b);
        if (a.featureHash != b.featureHash)
            reasons |= EditReason::ClassChanged;
        if (!sameAnswers(a.attributes, b.attributes))
            reasons |= EditReason::AttributesChanged;
        if (beyond(a.confidence, b.confidence, kConfidenceEpsilon))
            reasons |= EditReason::ConfidenceChanged;
        return reasons;
    }

private:
    EditReasons geometryReasons(const ObjectAnnotation &a, const ObjectAnnotation &b) const
    {
        const Geometry &ga = a.geometry;
        const Geometry &gb = b.geometry;
        const double tol = m_options.tolerance;
        EditReasons reasons;
        if (ga.shape != gb.shape)
            return EditReason::Reshaped;

        switch (ga.shape) {
        case ShapeType::BoundingBox:
        case ShapeType::RotatableBoundingBox:
            if (beyond(ga.x + ga.w / 2.0, gb.x + gb.w / 2.0, tol) ||
                beyond(ga.y + ga.h / 2.0, gb.y + gb.h / 2.0, tol))
                reasons |= EditReason::Moved;
            if (beyond(ga.w, gb.w, tol) || beyond(ga.h, gb.h, tol))
                reasons |= EditReason::Resized;
            if (ga.shape == ShapeType::RotatableBoundingBox &&
                angleDistance(ga.theta, gb.theta) > m_options.angleTolerance)
                reasons |= EditReason::Rotated;
            return reasons;
        case ShapeType::Polygon:
        case ShapeType::Polyline:
        case ShapeType::Point:
        case ShapeType::Skeleton:
            return pointReasons(ga.points, gb.points, ga.shape == ShapeType::Skeleton);
        case ShapeType::Audio:
        case ShapeType::Text:
            if (!sameRanges(ga.ranges, gb.ranges) || ga.htmlRange != gb.htmlRange)
                reasons |= EditReason::Moved;
            return reasons;
        case ShapeType::Bitmask:
        case ShapeType::Cuboid:
        case ShapeType::Cuboid2D:
        case ShapeType::Other:
            break;
        }
        // Undrawn shapes: compare what is stored, since the parser keeps no geometry for them.
        if (m_source && m_target &&
            geometryPayload(rawObjectEntry(*m_source, a)) != geometryPayload(rawObjectEntry(*m_target, b)))
            reasons |= EditReason::Reshaped;
        return reasons;
    }

    // Point shapes are compared through the bounding box of their points (moved, resized) and then point by
    // point relative to that box's centre (reshaped), so a translated polygon is "moved" and nothing else.
    EditReasons pointReasons(const QList<NormalizedPoint> &a, const QList<NormalizedPoint> &b,
                             bool named) const
    {
        const double tol = m_options.tolerance;
        EditReasons reasons;
        if (a.isEmpty() || b.isEmpty())
            return a.size() == b.size() ? reasons : EditReasons(EditReason::Reshaped);
        const Extent ea = extentOf(a);
        const Extent eb = extentOf(b);
        if (beyond(ea.centreX(), eb.centreX(), tol) || beyond(ea.centreY(), eb.centreY(), tol))
            reasons |= EditReason::Moved;
        if (beyond(ea.width(), eb.width(), tol) || beyond(ea.height(), eb.height(), tol))
            reasons |= EditReason::Resized;
        if (a.size() != b.size())
            return reasons | EditReason::Reshaped;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const double ax = a[i].x - ea.centreX(), ay = a[i].y - ea.centreY();
            const double bx = b[i].x - eb.centreX(), by = b[i].y - eb.centreY();
            if (named && a[i].name != b[i].name)
                return reasons | EditReason::Reshaped;
            // A resize moves points relative to the centre too; only movement beyond the scaling counts.
            const double sx = ea.width() > tol ? eb.width() / ea.width() : 1.0;
            const double sy = ea.height() > tol ? eb.height() / ea.height() : 1.0;
            if (beyond(ax * sx, bx, tol) || beyond(ay * sy, by, tol))
                return reasons | EditReason::Reshaped;
        }
        return reasons;
    }

    const LabelRowDocument *m_source;
    const LabelRowDocument *m_target;
    ObjectDiffOptions m_options;
};

EditReasons classificationReasons(const ClassificationAnnotation &a, const ClassificationAnnotation &b)
{
    EditReasons reasons;
    if (a.featureHash != b.featureHash)
        reasons |= EditReason::ClassChanged;
    if (!sameAnswers(a.answers, b.answers))
        reasons |= EditReason::AttributesChanged;
    if (beyond(a.confidence, b.confidence, kConfidenceEpsilon))
        reasons |= EditReason::ConfidenceChanged;
    return reasons;
}

using FrameKey = std::pair<int, QString>; // frame, hash

template <typename T, typename KeyOf>
QMap<FrameKey, const T *> indexByFrame(const QList<T> &items, KeyOf keyOf)
{
    QMap<FrameKey, const T *> index;
    for (const T &item : items) {
        const FrameKey key{item.frame, keyOf(item)};
        if (!index.contains(key)) // a duplicate on the same frame is malformed; the first one counts
            index.insert(key, &item);
    }
    return index;
}

ChangeKind kindOf(bool onSource, bool onTarget, EditReasons reasons)
{
    if (!onSource)
        return ChangeKind::Added;
    if (!onTarget)
        return ChangeKind::Removed;
    return reasons ? ChangeKind::Edited : ChangeKind::Unchanged;
}

void countKind(ChangeKind kind, int *added, int *removed, int *edited, int *unchanged)
{
    switch (kind) {
    case ChangeKind::Added:
        ++*added;
        break;
    case ChangeKind::Removed:
        ++*removed;
        break;
    case ChangeKind::Edited:
        ++*edited;
        break;
    case ChangeKind::Unchanged:
        ++*unchanged;
        break;
    }
}

FrameDiff &frameEntry(QMap<int, FrameDiff> &frames, int frame)
{
    FrameDiff &entry = frames[frame];
    entry.frame = frame;
    return entry;
}

template <typename T>
QList<FrameKey> unionOfKeys(const QMap<FrameKey, const T *> &source, const QMap<FrameKey, const T *> &target)
{
    QList<FrameKey> keys = source.keys();
    for (const FrameKey &key : target.keys()) {
        if (!source.contains(key))
            keys.append(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

// One object instance gathered across the frames it appears on.
struct InstanceState
{
    ObjectInstanceChange change;
    bool onSource = false, onTarget = false;
};

// Source instances paired with a target instance by shape.
struct Pairing
{
    QHash<QString, InstancePair> bySource;
    QHash<QString, MatchMethod> methodByTarget;
    MatchMethod methodOf(const QString &targetHash) const
    {
        return methodByTarget.value(targetHash, MatchMethod::Hash);
    }
};

ObjectChange objectChange(const FrameKey &key, const ObjectAnnotation *a, const ObjectAnnotation *b,
                          const ObjectComparer &comparer, const Pairing &pairing, const QSizeF &imageSize)
{
    ObjectChange change;
    change.objectHash = key.second;
    change.frame = key.first;
    if (a)
        change.sourceObjectHash = a->objectHash;
    change.match = pairing.methodOf(key.second);
    if (a && b)
        change.reasons = comparer.compare(*a, *b);
    if (a && b && change.match != MatchMethod::Hash)
        change.score = shapesimilarity::similarity(a->geometry, b->geometry, imageSize);
    change.kind = kindOf(a != nullptr, b != nullptr, change.reasons);
    change.featureHash = b ? b->featureHash : a->featureHash;
    if (a)
        change.source = *a;
    if (b)
        change.target = *b;
    return change;
}

void addToInstance(InstanceState &state, const ObjectChange &change, const ObjectAnnotation *a,
                   const ObjectAnnotation *b)
{
    state.change.objectHash = change.objectHash;
    state.change.match = change.match;
    state.change.reasons |= change.reasons;
    if (a) {
        state.onSource = true;
        state.change.sourceObjectHash = a->objectHash;
        state.change.sourceFrames.append(change.frame);
        if (state.change.sourceFeatureHash.isEmpty())
            state.change.sourceFeatureHash = a->featureHash;
    }
    if (b) {
        state.onTarget = true;
        state.change.targetFrames.append(change.frame);
        if (state.change.targetFeatureHash.isEmpty())
            state.change.targetFeatureHash = b->featureHash;
    }
}

// The size shapes are compared at (pixels), from whichever row says it; 1 x 1 when neither does.
QSizeF imageSizeOf(const LabelRowDocument *source, const LabelRowDocument *target)
{
    for (const LabelRowDocument *row : {target, source}) {
        if (row && row->width() > 0 && row->height() > 0)
            return QSizeF(row->width(), row->height());
    }
    return QSizeF(1, 1);
}

Pairing pairByShape(const QList<ObjectAnnotation> &sourceObjects,
                    const QList<ObjectAnnotation> &targetObjects, const ObjectDiffOptions &options,
                    const QSizeF &imageSize)
{
    if (options.matchThreshold <= 0 || sourceObjects.isEmpty() || targetObjects.isEmpty())
        return {};
    MatchOptions match;
    match.threshold = options.matchThreshold;
    match.imageSize = imageSize;
    match.classAgnostic = options.matchAcrossClasses;
    Pairing pairing;
    pairing.bySource = pairInstancesByGeometry(sourceObjects, targetObjects, match);
    for (auto it = pairing.bySource.cbegin(); it != pairing.bySource.cend(); ++it)
        pairing.methodByTarget.insert(it->targetHash, it->method);
    return pairing;
}

// The mean similarity of each instance paired by shape, over the frames it is on both sides.
void scoreInstances(const QList<ObjectChange> &changes, QMap<QString, InstanceState> &instances)
{
    QHash<QString, std::pair<double, int>> sums;
    for (const ObjectChange &change : changes) {
        if (change.score) {
            auto &sum = sums[change.objectHash];
            sum.first += *change.score;
            ++sum.second;
        }
    }
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        instances[it.key()].change.score = it->first / it->second;
}

// Objects frame by frame, matched by objectHash (a source object paired by shape under its target's hash);
// each also lands in its instance's state.
void diffObjectFrames(const QList<ObjectAnnotation> &sourceObjects,
                      const QList<ObjectAnnotation> &targetObjects, const ObjectComparer &comparer,
                      const ObjectDiffOptions &options, const QSizeF &imageSize, ObjectDiff &diff,
                      QMap<int, FrameDiff> &frames, QMap<QString, InstanceState> &instances)
{
    const Pairing pairing = pairByShape(sourceObjects, targetObjects, options, imageSize);
    const auto sourceIndex = indexByFrame(sourceObjects, [&pairing](const ObjectAnnotation &object) {
        const auto paired = pairing.bySource.constFind(object.objectHash);
        return paired == pairing.bySource.cend() ? object.objectHash : paired->targetHash;
    });
    const auto targetIndex =
        indexByFrame(targetObjects, [](const ObjectAnnotation &object) { return object.objectHash; });
    for (const FrameKey &key : unionOfKeys(sourceIndex, targetIndex)) {
        const ObjectAnnotation *a = sourceIndex.value(key);
        const ObjectAnnotation *b = targetIndex.value(key);
        ObjectChange change = objectChange(key, a, b, comparer, pairing, imageSize);
        addToInstance(instances[change.objectHash], change, a, b);
        frameEntry(frames, change.frame).objects.append(change);
        diff.objects.append(std::move(change));
    }
    scoreInstances(diff.objects, instances);
}

// Object instances across frames: their kind, and the totals overall and per class.
void diffInstances(QMap<QString, InstanceState> &instances, ObjectDiff &diff)
{
    for (auto it = instances.begin(); it != instances.end(); ++it) {
        InstanceState &state = it.value();
        ObjectInstanceChange &change = state.change;
        const bool onBoth = state.onSource && state.onTarget;
        if (onBoth && change.sourceFrames != change.targetFrames)
            change.reasons |= EditReason::FramesChanged;
        // Class may differ per frame in a malformed row; the per-frame reasons already carry ClassChanged.
        const bool reclassified = onBoth && change.sourceFeatureHash != change.targetFeatureHash;
        if (reclassified)
            change.reasons |= EditReason::ClassChanged;
        change.kind = kindOf(state.onSource, state.onTarget, change.reasons);
        change.featureHash = state.onTarget ? change.targetFeatureHash : change.sourceFeatureHash;

        countKind(change.kind, &diff.added, &diff.removed, &diff.edited, &diff.unchanged);
        ClassChangeTotals &totals = diff.classTotals[change.featureHash];
        countKind(change.kind, &totals.added, &totals.removed, &totals.edited, &totals.unchanged);
        if (reclassified) {
            ++totals.reclassifiedIn;
            ++diff.classTotals[change.sourceFeatureHash].reclassifiedOut;
        }
        diff.instances.append(std::move(change));
    }
}

ClassificationChange classificationChange(const FrameKey &key, const ClassificationAnnotation *a,
                                          const ClassificationAnnotation *b)
{
    ClassificationChange change;
    change.classificationHash = key.second;
    change.frame = key.first;
    if (a && b)
        change.reasons = classificationReasons(*a, *b);
    change.kind = kindOf(a != nullptr, b != nullptr, change.reasons);
    change.featureHash = b ? b->featureHash : a->featureHash;
    if (a)
        change.source = *a;
    if (b)
        change.target = *b;
    return change;
}

// One classification gathered across frames: on which sides, whether its frames differ, and why edited.
struct ClassificationState
{
    bool onSource = false, onTarget = false;
    bool framesDiffer = false;
    EditReasons reasons;
};

// Classifications frame by frame, matched by classificationHash, then counted once per hash.
void diffClassifications(const QList<ClassificationAnnotation> &sourceClassifications,
                         const QList<ClassificationAnnotation> &targetClassifications, ObjectDiff &diff,
                         QMap<int, FrameDiff> &frames)
{
    const auto hashOf = [](const ClassificationAnnotation &c) { return c.classificationHash; };
    const auto sourceIndex = indexByFrame(sourceClassifications, hashOf);
    const auto targetIndex = indexByFrame(targetClassifications, hashOf);
    QMap<QString, ClassificationState> states;
    for (const FrameKey &key : unionOfKeys(sourceIndex, targetIndex)) {
        const ClassificationAnnotation *a = sourceIndex.value(key);
        const ClassificationAnnotation *b = targetIndex.value(key);
        ClassificationChange change = classificationChange(key, a, b);
        ClassificationState &state = states[change.classificationHash];
        state.onSource |= a != nullptr;
        state.onTarget |= b != nullptr;
        state.reasons |= change.reasons;
        // Present on both branches but on other frames: its range changed.
        if ((a == nullptr) != (b == nullptr))
            state.framesDiffer = true;
        frameEntry(frames, change.frame).classifications.append(change);
        diff.classifications.append(std::move(change));
    }
    for (const ClassificationState &state : std::as_const(states)) {
        if (!state.onSource)
            ++diff.classificationsAdded;
        else if (!state.onTarget)
            ++diff.classificationsRemoved;
        else if (state.reasons || state.framesDiffer)
            ++diff.classificationsChanged;
        else
            ++diff.classificationsUnchanged;
    }
}

} // namespace

ObjectDiff computeObjectDiff(const LabelRowDocument *source, const LabelRowDocument *target,
                             const ObjectDiffOptions &options)
{
    ObjectDiff diff;
    diff.sourcePresent = source != nullptr;
    diff.targetPresent = target != nullptr;
    if (const LabelRowDocument *any = target ? target : source) {
        diff.dataHash = any->dataHash();
        diff.dataType = any->dataType();
    }

    static const QList<ObjectAnnotation> noObjects;
    static const QList<ClassificationAnnotation> noClassifications;
    QMap<int, FrameDiff> frames;
    QMap<QString, InstanceState> instances;
    diffObjectFrames(source ? source->objects() : noObjects, target ? target->objects() : noObjects,
                     ObjectComparer(source, target, options), options, imageSizeOf(source, target), diff,
                     frames, instances);
    diffInstances(instances, diff);
    diffClassifications(source ? source->classifications() : noClassifications,
                        target ? target->classifications() : noClassifications, diff, frames);

    for (auto it = frames.begin(); it != frames.end(); ++it) {
        if (it.value().hasChanges())
            diff.changedFrames.append(it.key());
        diff.frames.append(std::move(it.value()));
    }
    return diff;
}

} // namespace lb
