#include "items/branchdiffmodel.h"
#include "items/plaintext.h"
#include "items/reviewlistmodel.h"

namespace lb {

// The cells of the Review list: texts, tool tips, sort keys, headers and roles.

namespace {

QString titleOf(const ReviewItem &item)
{
    return item.diff.dataTitle.isEmpty() ? item.diff.dataHash : item.diff.dataTitle;
}

// The decision whose comment, reviewer and time a row shows; empty when undecided.
ReviewDecision shownDecision(const ReviewItem &item)
{
    if (item.byObjects())
        return ReviewListModel::standIn(item.objectDecisions);
    return item.hasDecision ? item.decision : ReviewDecision();
}

} // namespace

int ReviewListModel::decisionRank(DecisionState state)
{
    // Undecided and stale first: they are what is left to do.
    switch (state) {
    case ReviewListModel::DecisionState::Undecided:
        return 0;
    case ReviewListModel::DecisionState::StaleApproved:
    case ReviewListModel::DecisionState::StaleRejected:
        return 1;
    case ReviewListModel::DecisionState::Rejected:
        return 2;
    case ReviewListModel::DecisionState::Approved:
        return 3;
    }
    return 0;
}

ReviewListModel::DecisionState ReviewListModel::decisionStateOf(const ReviewItem &item)
{
    if (item.byObjects())
        return item.isApproved() ? DecisionState::Approved : DecisionState::Rejected;
    if (!item.hasDecision)
        return DecisionState::Undecided;
    const bool approved = item.decision.verdict == ReviewVerdict::Approved;
    if (item.stale)
        return approved ? DecisionState::StaleApproved : DecisionState::StaleRejected;
    return approved ? DecisionState::Approved : DecisionState::Rejected;
}

QString ReviewListModel::decisionText(DecisionState state)
{
    switch (state) {
    case DecisionState::Undecided:
        return QStringLiteral("Undecided");
    case DecisionState::Approved:
        return QStringLiteral("\u2713 Approved");
    case DecisionState::Rejected:
        return QStringLiteral("\u2717 Rejected");
    case DecisionState::StaleApproved:
        return QStringLiteral("Stale (was approved)");
    case DecisionState::StaleRejected:
        return QStringLiteral("Stale (was rejected)");
    }
    return QString();
}

QString ReviewListModel::progressText(const ReviewProgress &progress)
{
    return QStringLiteral("%1 \u00b7 %2 approved \u00b7 %3 rejected \u00b7 %4 stale")
        .arg(progress.text())
        .arg(progress.approved)
        .arg(progress.rejected)
        .arg(progress.stale);
}

int ReviewListModel::findUndecidedRow(const QAbstractItemModel &model, int fromRow, Direction direction,
                                      bool wrap)
{
    const int count = model.rowCount();
    if (count <= 0)
        return -1;
    const int step = direction == Direction::Next ? 1 : -1;
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
        if (!model.index(row, 0).data(IsDecidedRole).toBool())
            return row;
    }
    return -1;
}

QVariant ReviewListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int base = m_visible.at(index.row());
    if (const QVariant known = keyData(base, role); known.isValid())
        return known;
    if (role == Qt::TextAlignmentRole)
        return index.column() == DeltaColumn
                   ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    if (index.column() == DecisionColumn && role == Qt::DisplayRole)
        return decisionDisplay(base);
    const ReviewItem *shown = itemAt(index.row());
    if (!shown)
        return QVariant();
    const ReviewItem &item = *shown;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(item, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(item, index.column()));
    case SortRole:
        return sortData(item, index.column());
    }
    return rowData(item, role);
}

ReviewListModel::DecisionState ReviewListModel::stateOfBase(int base) const
{
    const ReviewRow &row = m_rows.at(base);
    if (!row.hasDecision)
        return DecisionState::Undecided;
    const bool approved = m_decisions.value(base).verdict == ReviewVerdict::Approved;
    if (row.stale)
        return approved ? DecisionState::StaleApproved : DecisionState::StaleRejected;
    return approved ? DecisionState::Approved : DecisionState::Rejected;
}

// "✓ Approved", or for a row decided object by object "✓ 2 objects", "✗ 1 object", "✓ 2 ✗ 1 objects".
QString ReviewListModel::decisionDisplay(int base) const
{
    const auto objects = m_objectDecisions.constFind(base);
    if (objects == m_objectDecisions.cend())
        return decisionText(stateOfBase(base));
    ReviewItem item;
    item.objectDecisions = objects.value();
    return objectsDecisionText(item);
}

QString ReviewListModel::objectsDecisionText(const ReviewItem &item)
{
    const int approved = item.objectsApproved();
    const int rejected = item.objectsRejected();
    const QString objects = approved + rejected == 1 ? tr("object") : tr("objects");
    if (rejected == 0)
        return tr("✓ %1 %2").arg(approved).arg(objects);
    if (approved == 0)
        return tr("✗ %1 %2").arg(rejected).arg(objects);
    return tr("✓ %1 ✗ %2 %3").arg(approved).arg(rejected).arg(objects);
}

QVariant ReviewListModel::keyData(int base, int role) const
{
    const ReviewRow &row = m_rows.at(base);
    switch (role) {
    case DecisionStateRole:
        return int(stateOfBase(base));
    case IsDecidedRole:
        return row.isDecided();
    case IsStaleRole:
        return row.stale;
    case ThreeWayRole:
        return int(row.threeWay);
    case DiffStatusRole:
        return int(row.status);
    case CommentRole:
        return row.hasDecision ? m_decisions.value(base).comment : QString();
    case ReviewerRole:
        return row.hasDecision ? m_decisions.value(base).reviewer : QString();
    }
    return QVariant();
}

QVariant ReviewListModel::displayData(const ReviewItem &item, int column) const
{
    switch (column) {
    case DecisionColumn:
        return item.byObjects() ? objectsDecisionText(item) : decisionText(decisionStateOf(item));
    case TitleColumn:
        return titleOf(item);
    case DiffStatusColumn:
        return diffStatusDisplay(item.diff.status);
    case DeltaColumn:
        return BranchDiffModel::formatDelta(item.diff.delta);
    case ThreeWayColumn:
        return BranchDiffModel::threeWayShortText(item.threeWay);
    case CommentColumn:
        return shownDecision(item).comment;
    case ReviewerColumn:
        return item.hasDecision ? item.decision.reviewer : QString();
    }
    return QVariant();
}

QVariant ReviewListModel::toolTip(const ReviewItem &item, int column) const
{
    switch (column) {
    case DecisionColumn:
        if (item.stale)
            return QStringLiteral(
                       "%1 changed on %2 after this decision; decide again before it can be applied")
                .arg(titleOf(item), m_source);
        if (item.hasDecision || item.byObjects())
            return QStringLiteral("%1 by %2 at %3")
                .arg(item.byObjects() ? item.objectsText() : decisionText(decisionStateOf(item)),
                     shownDecision(item).reviewer,
                     shownDecision(item).decidedAt.toLocalTime().toString(Qt::ISODate));
        return QStringLiteral("Not decided yet: a approves, r rejects");
    case TitleColumn:
        return QStringLiteral("%1\ndata hash: %2").arg(titleOf(item), item.diff.dataHash);
    case ThreeWayColumn:
        return threeWayStatusDisplay(item.threeWay);
    case CommentColumn:
        return shownDecision(item).comment;
    }
    return QVariant();
}

QVariant ReviewListModel::sortData(const ReviewItem &item, int column) const
{
    switch (column) {
    case DecisionColumn:
        return decisionRank(decisionStateOf(item));
    case TitleColumn:
        return titleOf(item).toLower();
    case DiffStatusColumn:
        return BranchDiffModel::statusRank(item.diff.status);
    case DeltaColumn:
        return item.diff.delta;
    case ThreeWayColumn:
        return threeWayReviewRank(item.threeWay);
    case CommentColumn:
        return shownDecision(item).comment.toLower();
    case ReviewerColumn:
        return shownDecision(item).reviewer.toLower();
    }
    return QVariant();
}

QVariant ReviewListModel::rowData(const ReviewItem &item, int role) const
{
    switch (role) {
    case DataHashRole:
        return item.diff.dataHash;
    case DeltaRole:
        return item.diff.delta;
    }
    return QVariant();
}

QVariant ReviewListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case DeltaColumn:
            return QStringLiteral("Objects on %1 minus objects on %2")
                .arg(m_target.isEmpty() ? QStringLiteral("the target") : m_target,
                     m_source.isEmpty() ? QStringLiteral("the source") : m_source);
        case ThreeWayColumn:
            return QStringLiteral(
                "For rows labelbranch copied from the source: which side changed since the copy");
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DecisionColumn:
        return QStringLiteral("Decision");
    case TitleColumn:
        return QStringLiteral("Data title");
    case DiffStatusColumn:
        return QStringLiteral("Difference");
    case DeltaColumn:
        return QStringLiteral("Delta");
    case ThreeWayColumn:
        return QStringLiteral("Since copy");
    case CommentColumn:
        return QStringLiteral("Comment");
    case ReviewerColumn:
        return QStringLiteral("Reviewer");
    }
    return QVariant();
}

Qt::ItemFlags ReviewListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ReviewListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DataHashRole, "dataHash");
    names.insert(DecisionStateRole, "decisionState");
    names.insert(IsDecidedRole, "isDecided");
    names.insert(IsStaleRole, "isStale");
    names.insert(ThreeWayRole, "threeWay");
    names.insert(DiffStatusRole, "diffStatus");
    names.insert(DeltaRole, "delta");
    names.insert(CommentRole, "comment");
    names.insert(ReviewerRole, "reviewer");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace lb
