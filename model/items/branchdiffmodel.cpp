#include "items/branchdiffmodel.h"

#include <algorithm>
#include <QSet>

namespace lb {

namespace {

const QString kMissing = QStringLiteral("\u2014"); // em dash: no row on that side

QString threeWayToolTip(ThreeWayStatus status, const QString &source, const QString &target)
{
    switch (status) {
    case ThreeWayStatus::NotCopied:
        return QStringLiteral("The %1 row was not copied from %2 by labelbranch").arg(target, source);
    case ThreeWayStatus::Unchanged:
        return QStringLiteral("Copied from %1; neither side changed since the copy").arg(source);
    case ThreeWayStatus::SourceChanged:
        return QStringLiteral(
                   "Copied from %1; only %1 changed since the copy, so a sync brings the change over")
            .arg(source);
    case ThreeWayStatus::TargetChanged:
        return QStringLiteral(
                   "Copied from %1; only %2 changed since the copy, so a sync would undo those edits")
            .arg(source, target);
    case ThreeWayStatus::Conflict:
        return QStringLiteral("Copied from %1; both branches changed since the copy: a sync overwrites the "
                              "changes made on %2")
            .arg(source, target);
    }
    return QString();
}

} // namespace

BranchDiffModel::BranchDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void BranchDiffModel::setDiff(BranchDiff diff, const Ontology &ontology)
{
    QSet<QString> present;
    for (auto it = diff.summary.sourceClassTotals.cbegin(); it != diff.summary.sourceClassTotals.cend(); ++it)
        present.insert(it.key());
    for (auto it = diff.summary.targetClassTotals.cbegin(); it != diff.summary.targetClassTotals.cend(); ++it)
        present.insert(it.key());
    for (const DiffEntry &entry : std::as_const(diff.entries)) {
        for (auto it = entry.classDeltas.cbegin(); it != entry.classDeltas.cend(); ++it)
            present.insert(it.key());
    }

    QStringList hashes;
    QStringList names;
    for (const OntologyObject &object : ontology.objects) {
        if (hashes.contains(object.featureHash))
            continue;
        hashes.append(object.featureHash);
        names.append(object.name.isEmpty() ? object.featureHash : object.name);
    }
    QStringList unknown;
    for (const QString &hash : std::as_const(present)) {
        if (!hashes.contains(hash))
            unknown.append(hash);
    }
    std::sort(unknown.begin(), unknown.end());
    hashes += unknown;
    names += unknown;

    beginResetModel();
    m_diff = std::move(diff);
    m_classHashes = hashes;
    m_classNames = names;
    endResetModel();
}

void BranchDiffModel::clear()
{
    beginResetModel();
    m_diff = BranchDiff();
    m_classHashes.clear();
    m_classNames.clear();
    endResetModel();
}

int BranchDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diff.entries.size());
}

int BranchDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstClassColumn + int(m_classHashes.size());
}

const DiffEntry *BranchDiffModel::entryAt(int row) const
{
    return row >= 0 && row < m_diff.entries.size() ? &m_diff.entries.at(row) : nullptr;
}

int BranchDiffModel::rowOfDataHash(const QString &dataHash) const
{
    for (qsizetype i = 0; i < m_diff.entries.size(); ++i) {
        if (m_diff.entries.at(i).dataHash == dataHash)
            return int(i);
    }
    return -1;
}

QString BranchDiffModel::classFeatureHash(int column) const
{
    const int classIndex = column - FirstClassColumn;
    return classIndex >= 0 && classIndex < m_classHashes.size() ? m_classHashes.at(classIndex) : QString();
}

int BranchDiffModel::columnOfClass(const QString &featureHash) const
{
    const qsizetype classIndex = m_classHashes.indexOf(featureHash);
    return classIndex < 0 ? -1 : FirstClassColumn + int(classIndex);
}

QString BranchDiffModel::formatDelta(int delta)
{
    if (delta > 0)
        return QLatin1Char('+') + QString::number(delta);
    if (delta < 0)
        return QStringLiteral("\u2212") + QString::number(-qint64(delta));
    return QStringLiteral("0");
}

BranchDiffModel::ChangeKind BranchDiffModel::changeKindOf(const DiffEntry &entry)
{
    switch (entry.status) {
    case DiffStatus::OnlyInTarget:
        return ChangeKind::Added;
    case DiffStatus::OnlyInSource:
        return ChangeKind::Removed;
    case DiffStatus::CountDiffers:
        return entry.delta > 0   ? ChangeKind::Added
               : entry.delta < 0 ? ChangeKind::Removed
                                 : ChangeKind::Changed;
    case DiffStatus::ChangedSameCount:
        return ChangeKind::Changed;
    case DiffStatus::Identical:
    case DiffStatus::UninitialisedOnBoth:
        return ChangeKind::None;
    }
    return ChangeKind::None;
}

int BranchDiffModel::statusRank(DiffStatus status)
{
    switch (status) {
    case DiffStatus::OnlyInSource:
        return 0;
    case DiffStatus::OnlyInTarget:
        return 1;
    case DiffStatus::CountDiffers:
        return 2;
    case DiffStatus::ChangedSameCount:
        return 3;
    case DiffStatus::Identical:
        return 4;
    case DiffStatus::UninitialisedOnBoth:
        return 5;
    }
    return 6;
}

QString BranchDiffModel::threeWayShortText(ThreeWayStatus status)
{
    switch (status) {
    case ThreeWayStatus::NotCopied:
        return QString();
    case ThreeWayStatus::Unchanged:
        return QStringLiteral("Unchanged");
    case ThreeWayStatus::SourceChanged:
        return QStringLiteral("Source edited");
    case ThreeWayStatus::TargetChanged:
        return QStringLiteral("Target edited");
    case ThreeWayStatus::Conflict:
        return QStringLiteral("\u26a0 Conflict");
    }
    return QString();
}

int BranchDiffModel::findDifferenceRow(const QAbstractItemModel &model, int fromRow, Direction direction,
                                       bool wrap)
{
    const int count = model.rowCount();
    if (count <= 0)
        return -1;
    const int step = direction == Direction::Next ? 1 : -1;
    // Outside the rows, start just before the first (Next) or just after the last (Previous) row.
    int start = fromRow;
    if (start < 0 || start >= count)
        start = direction == Direction::Next ? -1 : count;

    for (int k = 1; k <= count; ++k) {
        int row = start + step * k;
        if (row < 0 || row >= count) {
            if (!wrap)
                return -1;
            row = ((row % count) + count) % count;
        }
        if (model.index(row, 0).data(IsDifferenceRole).toBool())
            return row;
    }
    return -1;
}

QVariant BranchDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const DiffEntry &entry = m_diff.entries.at(index.row());
    const int column = index.column();
    if (column >= FirstClassColumn)
        return classData(entry, column - FirstClassColumn, role);

    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, column);
    case Qt::ToolTipRole:
        if (column == TitleColumn || column == StatusColumn) {
            return QStringLiteral("%1\ndata hash: %2\n%3")
                .arg(entry.dataTitle, entry.dataHash, diffStatusDisplay(entry.status));
        }
        if (column == ThreeWayColumn)
            return threeWayToolTip(entry.threeWay, m_diff.sourceBranch, m_diff.targetBranch);
        return QVariant();
    case Qt::TextAlignmentRole:
        if (column == TitleColumn || column == StatusColumn || column == ThreeWayColumn)
            return QVariant();
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case DeltaRole:
        return entry.delta;
    case ChangeKindRole:
        if (column == SourceCountColumn || column == TargetCountColumn)
            return int(ChangeKind::None);
        return int(changeKindOf(entry));
    case FeatureHashRole:
        return QVariant();
    case SortRole:
        return sortData(entry, column);
    }
    return rowData(entry, role);
}

QVariant BranchDiffModel::displayData(const DiffEntry &entry, int column) const
{
    switch (column) {
    case TitleColumn:
        return entry.dataTitle;
    case SourceCountColumn:
        return !entry.sourceLabelHash.isEmpty() ? QString::number(entry.sourceCount) : kMissing;
    case TargetCountColumn:
        return !entry.targetLabelHash.isEmpty() ? QString::number(entry.targetCount) : kMissing;
    case DeltaColumn:
        return formatDelta(entry.delta);
    case StatusColumn:
        return diffStatusDisplay(entry.status);
    case ThreeWayColumn:
        return threeWayShortText(entry.threeWay);
    }
    return QVariant();
}

QVariant BranchDiffModel::sortData(const DiffEntry &entry, int column) const
{
    switch (column) {
    case TitleColumn:
        return entry.dataTitle.toLower();
    case SourceCountColumn: // "no row" sorts below an empty row
        return !entry.sourceLabelHash.isEmpty() ? entry.sourceCount : -1;
    case TargetCountColumn:
        return !entry.targetLabelHash.isEmpty() ? entry.targetCount : -1;
    case DeltaColumn:
        return entry.delta;
    case StatusColumn:
        return statusRank(entry.status);
    case ThreeWayColumn:
        return threeWayReviewRank(entry.threeWay);
    }
    return QVariant();
}

QVariant BranchDiffModel::classData(const DiffEntry &entry, int classIndex, int role) const
{
    const QString &featureHash = m_classHashes.at(classIndex);
    const int classDelta = entry.classDeltas.value(featureHash, 0);
    switch (role) {
    case Qt::DisplayRole:
        return classDelta == 0 ? QString() : formatDelta(classDelta);
    case Qt::ToolTipRole:
        return QStringLiteral("%1: %2 on the target")
            .arg(m_classNames.at(classIndex), formatDelta(classDelta));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case DeltaRole:
    case SortRole:
        return classDelta;
    case ChangeKindRole:
        return int(classDelta > 0   ? ChangeKind::Added
                   : classDelta < 0 ? ChangeKind::Removed
                                    : ChangeKind::None);
    case FeatureHashRole:
        return featureHash;
    }
    return rowData(entry, role);
}

// The roles that describe the whole data unit, the same in every column.
QVariant BranchDiffModel::rowData(const DiffEntry &entry, int role) const
{
    switch (role) {
    case DiffStatusRole:
        return int(entry.status);
    case DiffStatusNameRole:
        return diffStatusName(entry.status);
    case DataHashRole:
        return entry.dataHash;
    case TitleRole:
        return entry.dataTitle;
    case SourceCountRole:
        return entry.sourceCount;
    case TargetCountRole:
        return entry.targetCount;
    case IsDifferenceRole:
        return diffStatusIsDifference(entry.status);
    case ThreeWayRole:
        return int(entry.threeWay);
    case ThreeWayNameRole:
        return threeWayStatusName(entry.threeWay);
    }
    return QVariant();
}

QVariant BranchDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= FirstClassColumn) {
        const int classIndex = section - FirstClassColumn;
        switch (role) {
        case Qt::DisplayRole:
            return m_classNames.at(classIndex);
        case Qt::ToolTipRole:
            return QStringLiteral("Change in %1 objects (target \u2212 source)")
                .arg(m_classNames.at(classIndex));
        case FeatureHashRole:
            return m_classHashes.at(classIndex);
        }
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SourceCountColumn:
            return QStringLiteral("Objects on %1").arg(m_diff.sourceBranch);
        case TargetCountColumn:
            return QStringLiteral("Objects on %1").arg(m_diff.targetBranch);
        case DeltaColumn:
            return QStringLiteral("Objects on the target minus objects on the source");
        case ThreeWayColumn:
            return QStringLiteral("For rows labelbranch copied from %1: which side changed since the copy")
                .arg(m_diff.sourceBranch.isEmpty() ? QStringLiteral("the source") : m_diff.sourceBranch);
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Data title");
    case SourceCountColumn:
        return m_diff.sourceBranch.isEmpty() ? QStringLiteral("Source") : m_diff.sourceBranch;
    case TargetCountColumn:
        return m_diff.targetBranch.isEmpty() ? QStringLiteral("Target") : m_diff.targetBranch;
    case DeltaColumn:
        return QStringLiteral("Delta");
    case StatusColumn:
        return QStringLiteral("Status");
    case ThreeWayColumn:
        return QStringLiteral("Since copy");
    }
    return QVariant();
}

Qt::ItemFlags BranchDiffModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> BranchDiffModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DiffStatusRole, "diffStatus");
    names.insert(DiffStatusNameRole, "diffStatusName");
    names.insert(DeltaRole, "delta");
    names.insert(SortRole, "sortKey");
    names.insert(DataHashRole, "dataHash");
    names.insert(TitleRole, "title");
    names.insert(SourceCountRole, "sourceCount");
    names.insert(TargetCountRole, "targetCount");
    names.insert(IsDifferenceRole, "isDifference");
    names.insert(ChangeKindRole, "changeKind");
    names.insert(FeatureHashRole, "featureHash");
    names.insert(ThreeWayRole, "threeWay");
    names.insert(ThreeWayNameRole, "threeWayName");
    return names;
}

} // namespace lb
