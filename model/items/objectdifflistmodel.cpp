#include "items/objectdifflistmodel.h"

#include "items/plaintext.h"

#include <algorithm>
#include <QLocale>

namespace lb {

namespace {

int statusRank(ChangeKind kind)
{
    // What a reviewer looks at first: edits, then additions and removals, unchanged last.
    switch (kind) {
    case ChangeKind::Edited:
        return 0;
    case ChangeKind::Added:
        return 1;
    case ChangeKind::Removed:
        return 2;
    case ChangeKind::Unchanged:
        return 3;
    }
    return 4;
}

QString number(double value)
{
    return QString::number(value, 'f', 3);
}

QString pixel(double value)
{
    return QString::number(qRound(value));
}

// "1.2–3.4 s" for audio, "characters 10–25" for text, several ranges joined; an HTML range by its nodes.
QString rangesText(const Geometry &g)
{
    if (g.ranges.isEmpty())
        return g.htmlRange.is_null() ? ObjectDiffListModel::tr("no range")
                                     : ObjectDiffListModel::tr("HTML range");
    QStringList parts;
    for (const LabelRange &range : g.ranges) {
        parts << (g.shape == ShapeType::Audio
                      ? ObjectDiffListModel::tr("%1–%2 s").arg(QString::number(range.start / 1000.0, 'f', 2),
                                                               QString::number(range.end / 1000.0, 'f', 2))
                      : ObjectDiffListModel::tr("characters %1–%2").arg(range.start).arg(range.end));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString changeKindDisplay(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return ObjectDiffListModel::tr("Added");
    case ChangeKind::Removed:
        return ObjectDiffListModel::tr("Removed");
    case ChangeKind::Edited:
        return ObjectDiffListModel::tr("Edited");
    case ChangeKind::Unchanged:
        return ObjectDiffListModel::tr("Unchanged");
    }
    return QString();
}

QString mergeChoiceDisplay(MergeChoice choice)
{
    switch (choice) {
    case MergeChoice::TakeSource:
        return ObjectDiffListModel::tr("take source");
    case MergeChoice::KeepTarget:
        return ObjectDiffListModel::tr("keep target");
    case MergeChoice::ThreeWay:
        return ObjectDiffListModel::tr("three-way");
    }
    return QString();
}

QString shapeTypeDisplay(ShapeType shape)
{
    switch (shape) {
    case ShapeType::BoundingBox:
        return ObjectDiffListModel::tr("box");
    case ShapeType::RotatableBoundingBox:
        return ObjectDiffListModel::tr("rotated box");
    case ShapeType::Polygon:
        return ObjectDiffListModel::tr("polygon");
    case ShapeType::Polyline:
        return ObjectDiffListModel::tr("polyline");
    case ShapeType::Point:
        return ObjectDiffListModel::tr("point");
    case ShapeType::Skeleton:
        return ObjectDiffListModel::tr("skeleton");
    case ShapeType::Bitmask:
        return ObjectDiffListModel::tr("mask");
    case ShapeType::Cuboid:
        return ObjectDiffListModel::tr("cuboid");
    case ShapeType::Cuboid2D:
        return ObjectDiffListModel::tr("2-D cuboid");
    case ShapeType::Audio:
        return ObjectDiffListModel::tr("audio range");
    case ShapeType::Text:
        return ObjectDiffListModel::tr("text range");
    case ShapeType::Other:
        return ObjectDiffListModel::tr("other");
    }
    return QString();
}

ObjectDiffListModel::ObjectDiffListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ObjectDiffListModel::setDiff(const ObjectDiff &diff, const Ontology &ontology, const QSize &imageSize)
{
    beginResetModel();
    m_diff = diff;
    m_ontology = ontology;
    m_imageSize = imageSize;
    m_choices.clear();
    m_verdicts.clear();
    m_frame = m_diff.changedFrames.isEmpty() ? 0 : m_diff.changedFrames.constFirst();
    if (m_diff.changedFrames.isEmpty() && !m_diff.frames.isEmpty())
        m_frame = m_diff.frames.constFirst().frame;
    m_rowOfObject.clear();
    m_changeIndex.clear();
    for (int row = 0; row < m_diff.instances.size(); ++row)
        m_rowOfObject.insert(m_diff.instances.at(row).objectHash, row);
    for (int i = 0; i < m_diff.objects.size(); ++i) {
        const ObjectChange &change = m_diff.objects.at(i);
        m_changeIndex.insert({change.frame, change.objectHash}, i);
    }
    endResetModel();
}

void ObjectDiffListModel::clear()
{
    setDiff(ObjectDiff(), Ontology());
}

void ObjectDiffListModel::setFrame(int frame)
{
    if (frame == m_frame)
        return;
    m_frame = frame;
    if (!m_diff.instances.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ObjectDiffListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diff.instances.size());
}

int ObjectDiffListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ObjectInstanceChange *ObjectDiffListModel::instanceAt(int row) const
{
    return row >= 0 && row < m_diff.instances.size() ? &m_diff.instances.at(row) : nullptr;
}

int ObjectDiffListModel::rowOfObject(const QString &objectHash) const
{
    return m_rowOfObject.value(objectHash, -1);
}

const ObjectChange *ObjectDiffListModel::changeOnFrame(const QString &objectHash, int frame) const
{
    const auto it = m_changeIndex.constFind({frame, objectHash});
    return it == m_changeIndex.constEnd() ? nullptr : &m_diff.objects.at(it.value());
}

QString ObjectDiffListModel::summaryText() const
{
    const int count = int(m_diff.instances.size());
    const QString objects = count == 1 ? tr("1 object") : tr("%1 objects").arg(count);
    return tr("%1: %2 added, %3 removed, %4 edited, %5 unchanged")
        .arg(objects)
        .arg(m_diff.added)
        .arg(m_diff.removed)
        .arg(m_diff.edited)
        .arg(m_diff.unchanged);
}

QString ObjectDiffListModel::geometryText(const std::optional<ObjectAnnotation> &annotation) const
{
    if (!annotation)
        return QString();
    const Geometry &g = annotation->geometry;
    const bool pixels = m_imageSize.isValid() && !m_imageSize.isEmpty();
    const double sx = pixels ? m_imageSize.width() : 1.0;
    const double sy = pixels ? m_imageSize.height() : 1.0;
    auto coord = [&](double x, double y) {
        return pixels ? QStringLiteral("%1, %2").arg(pixel(x * sx), pixel(y * sy))
                      : QStringLiteral("%1, %2").arg(number(x), number(y));
    };
    auto extent = [&](double w, double h) {
        return pixels ? QStringLiteral("%1 × %2").arg(pixel(w * sx), pixel(h * sy))
                      : QStringLiteral("%1 × %2").arg(number(w), number(h));
    };
    QString text;
    switch (g.shape) {
    case ShapeType::BoundingBox:
        text = tr("%1 · %2").arg(coord(g.x, g.y), extent(g.w, g.h));
        break;
    case ShapeType::RotatableBoundingBox:
        text = tr("%1 · %2 · %3°").arg(coord(g.x, g.y), extent(g.w, g.h), QString::number(g.theta, 'f', 1));
        break;
    case ShapeType::Point:
        text = g.points.isEmpty() ? tr("no point") : coord(g.points.constFirst().x, g.points.constFirst().y);
        break;
    case ShapeType::Polygon:
    case ShapeType::Polyline:
    case ShapeType::Skeleton: {
        double cx = 0.0, cy = 0.0;
        for (const NormalizedPoint &p : g.points) {
            cx += p.x;
            cy += p.y;
        }
        const int n = int(g.points.size());
        text = n == 0 ? tr("no points")
                      : (n == 1 ? tr("1 point at %1") : tr("%1 points around %2").arg(n))
                            .arg(coord(cx / n, cy / n));
        break;
    }
    case ShapeType::Bitmask:
        text = tr("mask %1 × %2 at %3, %4")
                   .arg(g.bitmask.width)
                   .arg(g.bitmask.height)
                   .arg(g.bitmask.left)
                   .arg(g.bitmask.top);
        break;
    case ShapeType::Cuboid:
        text = tr("centre %1, %2, %3")
                   .arg(number(g.cuboid.position[0]), number(g.cuboid.position[1]),
                        number(g.cuboid.position[2]));
        break;
    case ShapeType::Cuboid2D:
        text = tr("front face of %1 points").arg(g.points.size());
        break;
    case ShapeType::Audio:
    case ShapeType::Text:
        text = rangesText(g);
        break;
    case ShapeType::Other:
        text = tr("not drawable");
        break;
    }
    if (annotation->confidence < 1.0)
        text += tr(" · confidence %1").arg(QString::number(annotation->confidence, 'f', 2));
    return text;
}

QString ObjectDiffListModel::sideText(const ObjectInstanceChange &instance, bool source) const
{
    const QList<int> &frames = source ? instance.sourceFrames : instance.targetFrames;
    if (frames.isEmpty())
        return QStringLiteral("—");
    if (const ObjectChange *change = changeOnFrame(instance.objectHash, m_frame)) {
        const std::optional<ObjectAnnotation> &annotation = source ? change->source : change->target;
        if (annotation)
            return geometryText(annotation);
    }
    // "slice" for DICOM and NIfTI, "page" for PDF, as the canvas says.
    const DataType &type = m_diff.dataType;
    return tr("not on %1 %2 (%3 %4–%5)")
        .arg(type.frameWord())
        .arg(m_frame)
        .arg(type.frameWord(true))
        .arg(frames.constFirst())
        .arg(frames.constLast());
}

QString ObjectDiffListModel::tooltip(const ObjectInstanceChange &instance) const
{
    QStringList lines;
    lines << tr("%1 %2 (%3)")
                 .arg(changeKindDisplay(instance.kind), m_ontology.nameOf(instance.featureHash),
                      instance.objectHash);
    if (!instance.sourceFeatureHash.isEmpty() && !instance.targetFeatureHash.isEmpty() &&
        instance.sourceFeatureHash != instance.targetFeatureHash)
        lines << tr("Class: %1 → %2")
                     .arg(m_ontology.nameOf(instance.sourceFeatureHash),
                          m_ontology.nameOf(instance.targetFeatureHash));
    if (instance.reasons)
        lines << tr("Changes: %1").arg(editReasonNames(instance.reasons).join(QStringLiteral(", ")));
    if (instance.match != MatchMethod::Hash)
        lines << tr("Paired by shape%1: source object %2, target object %3")
                     .arg(instance.score ? tr(" (similarity %1)").arg(instance.score.value(), 0, 'f', 2)
                                         : QString(),
                          instance.sourceObjectHash, instance.objectHash);
    if (m_diff.dataType.labelsByFrame() || instance.sourceFrames.size() > 1 ||
        instance.targetFrames.size() > 1) {
        QString words = m_diff.dataType.frameWord(true);
        words[0] = words.at(0).toUpper();
        lines << tr("%1: %2 on source, %3 on target")
                     .arg(words)
                     .arg(instance.sourceFrames.size())
                     .arg(instance.targetFrames.size());
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant ObjectDiffListModel::data(const QModelIndex &index, int role) const
{
    const ObjectInstanceChange *instance = index.isValid() ? instanceAt(index.row()) : nullptr;
    if (!instance || index.column() < 0 || index.column() >= ColumnCount)
        return QVariant();
    const ObjectChange *onFrame = changeOnFrame(instance->objectHash, m_frame);

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*instance, onFrame, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(tooltip(*instance));
    case ObjectHashRole:
        return instance->objectHash;
    case ChangeKindRole:
        return int(instance->kind);
    case FeatureHashRole:
        return instance->featureHash;
    case EditReasonsRole:
        return int(instance->reasons.toInt());
    case OnFrameRole:
        return onFrame != nullptr;
    case FirstFrameRole:
        return firstFrameOf(*instance);
    case ChangedOnFrameRole:
        return onFrame && onFrame->kind != ChangeKind::Unchanged;
    case MergeChoiceRole: {
        const auto choice = m_choices.constFind(instance->objectHash);
        return choice == m_choices.cend() ? -1 : int(*choice);
    }
    case ReviewVerdictRole: {
        const auto verdict = m_verdicts.constFind(instance->objectHash);
        return verdict == m_verdicts.cend() ? -1 : int(*verdict);
    }
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return statusRank(instance->kind);
        case SourceColumn:
            return instance->sourceFrames.isEmpty() ? -1 : instance->sourceFrames.constFirst();
        case TargetColumn:
            return instance->targetFrames.isEmpty() ? -1 : instance->targetFrames.constFirst();
        default:
            return displayData(*instance, onFrame, index.column()).toString().toLower();
        }
    default:
        return QVariant();
    }
}

int ObjectDiffListModel::firstFrameOf(const ObjectInstanceChange &instance)
{
    int first = -1;
    if (!instance.sourceFrames.isEmpty())
        first = instance.sourceFrames.constFirst();
    if (!instance.targetFrames.isEmpty())
        first = first < 0 ? instance.targetFrames.constFirst()
                          : std::min(first, instance.targetFrames.constFirst());
    return std::max(first, 0);
}

// The shape on the shown frame (or the first frame the object is on); "Polygon → Polyline" when it changed.
QString ObjectDiffListModel::shapeText(const ObjectInstanceChange &instance,
                                       const ObjectChange *onFrame) const
{
    const ObjectChange *change =
        onFrame ? onFrame : changeOnFrame(instance.objectHash, firstFrameOf(instance));
    if (!change)
        return QString();
    const ShapeType s = change->target ? change->target->geometry.shape : change->source->geometry.shape;
    const ShapeType before = change->source ? change->source->geometry.shape : s;
    return before == s ? shapeTypeDisplay(s)
                       : tr("%1 → %2").arg(shapeTypeDisplay(before), shapeTypeDisplay(s));
}

QVariant ObjectDiffListModel::displayData(const ObjectInstanceChange &instance, const ObjectChange *onFrame,
                                          int column) const
{
    switch (column) {
    case StatusColumn:
        return changeKindDisplay(instance.kind);
    case ClassColumn:
        if (!instance.sourceFeatureHash.isEmpty() && !instance.targetFeatureHash.isEmpty() &&
            instance.sourceFeatureHash != instance.targetFeatureHash)
            return tr("%1 → %2").arg(m_ontology.nameOf(instance.sourceFeatureHash),
                                     m_ontology.nameOf(instance.targetFeatureHash));
        return m_ontology.nameOf(instance.featureHash);
    case ShapeColumn:
        return shapeText(instance, onFrame);
    case SourceColumn:
        return sideText(instance, true);
    case TargetColumn:
        return sideText(instance, false);
    case ChangesColumn:
        return changesText(instance);
    case MergeColumn: {
        if (const auto choice = m_choices.constFind(instance.objectHash); choice != m_choices.cend())
            return mergeChoiceDisplay(*choice);
        const auto verdict = m_verdicts.constFind(instance.objectHash);
        if (verdict == m_verdicts.cend())
            return QString();
        return *verdict == ReviewVerdict::Approved ? tr("✓ approved") : tr("✗ rejected");
    }
    case ObjectHashColumn:
        return instance.match == MatchMethod::Hash
                   ? instance.objectHash
                   : tr("%1 → %2").arg(instance.sourceObjectHash, instance.objectHash);
    }
    return QVariant();
}

void ObjectDiffListModel::setMergeChoices(const QHash<QString, MergeChoice> &choices)
{
    if (choices == m_choices)
        return;
    m_choices = choices;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, MergeColumn), index(rowCount() - 1, MergeColumn));
}

void ObjectDiffListModel::setReviewVerdicts(const QHash<QString, ReviewVerdict> &verdicts)
{
    if (verdicts == m_verdicts)
        return;
    m_verdicts = verdicts;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, MergeColumn), index(rowCount() - 1, MergeColumn));
}

// "moved, resized", and for a pair without a common objectHash how alike its shapes are.
QString ObjectDiffListModel::changesText(const ObjectInstanceChange &instance) const
{
    QStringList parts = editReasonNames(instance.reasons);
    if (instance.match != MatchMethod::Hash)
        parts << (instance.score ? tr("paired by shape %1").arg(instance.score.value(), 0, 'f', 2)
                                 : tr("paired by shape"));
    return parts.join(QStringLiteral(", "));
}

QVariant ObjectDiffListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StatusColumn:
            return tr("Status");
        case MergeColumn:
            return tr("Merge");
        case ClassColumn:
            return tr("Class");
        case ShapeColumn:
            return tr("Shape");
        case SourceColumn:
            return tr("Source");
        case TargetColumn:
            return tr("Target");
        case ChangesColumn:
            return tr("Changes");
        case ObjectHashColumn:
            return tr("Object hash");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SourceColumn:
            return tr("Where the source branch has the object (pixels: x, y, width × height)");
        case TargetColumn:
            return tr("Where the target branch has the object (pixels: x, y, width × height)");
        case ChangesColumn:
            return tr("Why an object on both branches counts as edited");
        case MergeColumn:
            return tr("What merging the chosen objects does with this one (s: take the source's, t: keep the "
                      "target's, w: three-way), or the review decision on it (Shift+A approves, Shift+R "
                      "rejects)");
        default:
            break;
        }
    }
    return QVariant();
}

Qt::ItemFlags ObjectDiffListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace lb
