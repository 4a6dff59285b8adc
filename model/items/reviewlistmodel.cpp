#include "items/reviewlistmodel.h"

#include "engine/branchcomparison.h"
#include "items/branchdiffmodel.h"

#include <algorithm>
#include <QHash>

namespace lb {

namespace {

// Columns whose order the decisions give, sorted here; the others are sorted by the comparison.
bool sortsInMemory(int column)
{
    return column == ReviewListModel::DecisionColumn || column == ReviewListModel::CommentColumn ||
           column == ReviewListModel::ReviewerColumn;
}

DiffQuery::Order orderOfColumn(int column)
{
    switch (column) {
    case ReviewListModel::TitleColumn:
        return DiffQuery::Order::Title;
    case ReviewListModel::DiffStatusColumn:
        return DiffQuery::Order::Status;
    case ReviewListModel::DeltaColumn:
        return DiffQuery::Order::Delta;
    default:
        return DiffQuery::Order::ThreeWay;
    }
}

} // namespace

ReviewListModel::ReviewListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ReviewListModel::setStore(Store *store)
{
    if (store == m_store)
        return;
    m_store = store;
    if (m_listed.isEmpty()) // rows of another store
        clear();
}

void ReviewListModel::setRows(ReviewRowSet rows)
{
    const bool sameList = rows.sourceBranch == m_source && rows.targetBranch == m_target;
    beginResetModel();
    m_source = rows.sourceBranch;
    m_target = rows.targetBranch;
    m_order = rows.order;
    m_descending = rows.descending;
    m_rows = std::move(rows.rows);
    m_listed = std::move(rows.entries);
    m_decisions.clear();
    m_objectDecisions.clear();
    if (!rows.decisions.isEmpty() || !rows.objectDecisions.isEmpty()) {
        for (qsizetype base = 0; base < m_rows.size(); ++base) {
            const qint64 unit = m_rows.at(base).unit;
            if (const auto found = rows.decisions.constFind(unit); found != rows.decisions.cend())
                m_decisions.insert(int(base), found.value());
            if (const auto objects = rows.objectDecisions.constFind(unit);
                objects != rows.objectDecisions.cend()) {
                m_objectDecisions.insert(int(base), objects.value());
                m_decisions.insert(int(base), standIn(objects.value()));
            }
        }
    }
    m_error.clear();
    // A sort stays when the rows are in the order it asked for, or when it reorders them itself.
    if (!sameList ||
        (m_sortColumn >= 0 && !sortsInMemory(m_sortColumn) &&
         (orderOfColumn(m_sortColumn) != m_order || (m_sortOrder == Qt::DescendingOrder) != m_descending)))
        m_sortColumn = -1;
    showRows();
    endResetModel();
    recount();
}

void ReviewListModel::setListing(const ReviewListing &listing)
{
    ReviewRowSet rows;
    rows.sourceBranch = listing.sourceBranch;
    rows.targetBranch = listing.targetBranch;
    for (qsizetype i = 0; i < listing.items.size(); ++i) {
        const ReviewItem &item = listing.items.at(i);
        const qint64 unit = i + 1; // keys of the rows only: the entries are held
        rows.rows.append(ReviewRow{unit, item.diff.status, item.threeWay,
                                   item.hasDecision || item.byObjects(), item.stale});
        if (item.hasDecision)
            rows.decisions.insert(unit, item.decision);
        if (item.byObjects())
            rows.objectDecisions.insert(unit, item.objectDecisions);
        rows.entries.append(item.diff);
    }
    m_sortColumn = -1;
    setRows(std::move(rows));
}

void ReviewListModel::clear()
{
    beginResetModel();
    m_source.clear();
    m_target.clear();
    m_rows.clear();
    m_decisions.clear();
    m_objectDecisions.clear();
    m_listed.clear();
    m_visible.clear();
    m_pages.clear();
    m_pageUse.clear();
    m_error.clear();
    m_sortColumn = -1;
    endResetModel();
    recount();
}

void ReviewListModel::setOnlyUndecided(bool only)
{
    if (only == m_onlyUndecided)
        return;
    beginResetModel();
    m_onlyUndecided = only;
    showRows();
    endResetModel();
}

void ReviewListModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    if (column < 0 || sortsInMemory(column) || !m_listed.isEmpty()) {
        m_sortColumn = column;
        m_sortOrder = order;
        if (column < 0 && m_listed.isEmpty() && (m_order != DiffQuery::Order::ThreeWay || m_descending)) {
            Q_EMIT rowsRequested(DiffQuery::Order::ThreeWay, false); // the list's own order
            return;
        }
        beginResetModel();
        showRows();
        endResetModel();
        return;
    }
    const DiffQuery::Order wanted = orderOfColumn(column);
    m_sortColumn = column;
    m_sortOrder = order;
    const bool descending = order == Qt::DescendingOrder;
    if (wanted == m_order && descending == m_descending) {
        beginResetModel();
        showRows();
        endResetModel();
        return;
    }
    Q_EMIT rowsRequested(wanted, descending);
}

void ReviewListModel::showRows()
{
    m_pages.clear();
    m_pageUse.clear();
    m_visible.clear();
    m_visible.reserve(m_rows.size());
    for (qsizetype base = 0; base < m_rows.size(); ++base) {
        if (!m_onlyUndecided || !m_rows.at(base).isDecided())
            m_visible.append(int(base));
    }
    if (m_sortColumn < 0 || (!sortsInMemory(m_sortColumn) && m_listed.isEmpty()))
        return;
    // Held entries sort by any column; otherwise only the decisions' columns are sorted here.
    QHash<int, QVariant> keys;
    keys.reserve(m_visible.size());
    for (int base : std::as_const(m_visible)) {
        QVariant key;
        if (!m_listed.isEmpty()) {
            key = sortData(itemOf(base, m_listed.at(base)), m_sortColumn);
        } else if (m_sortColumn == DecisionColumn) {
            key = decisionRank(stateOfBase(base));
        } else {
            const ReviewDecision decision = m_decisions.value(base);
            key = m_sortColumn == CommentColumn ? decision.comment.toLower() : decision.reviewer.toLower();
        }
        keys.insert(base, key);
    }
    // The rows' own order breaks ties, as a stable sort keeps it.
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::stable_sort(m_visible.begin(), m_visible.end(), [&](int a, int b) {
        const QPartialOrdering c = QVariant::compare(keys.value(a), keys.value(b));
        return descending ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
}

const QList<ReviewItem> *ReviewListModel::page(int index) const
{
    if (const auto held = m_pages.constFind(index); held != m_pages.cend()) {
        m_pageUse.removeOne(index);
        m_pageUse.append(index);
        return &held.value();
    }
    const int from = index * kPageSize;
    const int count = qMin(kPageSize, int(m_visible.size()) - from);
    if (count <= 0)
        return nullptr;
    QList<ReviewItem> items;
    items.reserve(count);
    if (!m_listed.isEmpty()) {
        for (int row = from; row < from + count; ++row)
            items.append(itemOf(m_visible.at(row), m_listed.at(m_visible.at(row))));
    } else {
        if (!m_store)
            return nullptr;
        QList<qint64> units;
        units.reserve(count);
        for (int row = from; row < from + count; ++row)
            units.append(m_rows.at(m_visible.at(row)).unit);
        const Result<QList<DiffEntry>> read = BranchComparison(*m_store).entries(m_source, m_target, units);
        if (!read || read->size() != count) {
            const QString error =
                read ? QStringLiteral("the compared data units changed; review again") : read.error();
            if (m_error != error) {
                m_error = error;
                Q_EMIT const_cast<ReviewListModel *>(this)->errorOccurred(m_error);
            }
            return nullptr;
        }
        for (int i = 0; i < count; ++i)
            items.append(itemOf(m_visible.at(from + i), read->at(i)));
    }
    if (m_pageUse.size() >= kPagesKept)
        m_pages.remove(m_pageUse.takeFirst());
    m_pageUse.append(index);
    return &*m_pages.insert(index, std::move(items));
}

ReviewItem ReviewListModel::itemOf(int base, const DiffEntry &entry) const
{
    const ReviewRow &row = m_rows.at(base);
    ReviewItem item;
    item.diff = entry;
    item.diff.sourceClassCounts.clear(); // for totals only
    item.diff.targetClassCounts.clear();
    item.threeWay = row.threeWay;
    item.stale = row.stale;
    if (const auto objects = m_objectDecisions.constFind(base); objects != m_objectDecisions.cend()) {
        item.objectDecisions = objects.value();
        return item;
    }
    item.hasDecision = row.hasDecision;
    if (row.hasDecision)
        item.decision = m_decisions.value(base);
    return item;
}

ReviewDecision ReviewListModel::standIn(const QList<ReviewDecision> &objects)
{
    ReviewDecision newest = objects.constFirst();
    bool anyApproved = false;
    for (const ReviewDecision &decision : objects) {
        if (decision.decidedAt > newest.decidedAt)
            newest = decision;
        anyApproved = anyApproved || decision.verdict == ReviewVerdict::Approved;
    }
    newest.objectHash.clear();
    newest.verdict = anyApproved ? ReviewVerdict::Approved : ReviewVerdict::Rejected;
    return newest;
}

int ReviewListModel::applyObjectDecisions(const QList<ReviewDecision> &decisions)
{
    // One data unit's objects at a time, as ReviewEngine::decideObjects saves them.
    QHash<QString, QList<ReviewDecision>> byUnit;
    for (const ReviewDecision &decision : decisions) {
        if (decision.sourceBranch == m_source && decision.targetBranch == m_target)
            byUnit[decision.dataHash].append(decision);
    }
    int changed = 0;
    for (auto unit = byUnit.cbegin(); unit != byUnit.cend(); ++unit) {
        const int row = rowOfDataHash(unit.key());
        if (row < 0)
            continue;
        QList<ReviewDecision> objects = m_objectDecisions.value(m_visible.at(row));
        for (const ReviewDecision &decision : unit.value()) {
            objects.removeIf(
                [&decision](const ReviewDecision &had) { return had.objectHash == decision.objectHash; });
            objects.append(decision);
        }
        const ReviewDecision shown = standIn(objects);
        changeDecision(row, &shown, objects);
        ++changed;
    }
    return changed;
}

int ReviewListModel::applyDecisions(const QList<ReviewDecision> &decisions)
{
    int changed = 0;
    QList<ReviewDecision> onObjects;
    for (const ReviewDecision &decision : decisions) {
        if (decision.sourceBranch != m_source || decision.targetBranch != m_target)
            continue;
        if (decision.isOnObject()) {
            onObjects.append(decision);
            continue;
        }
        const int row = rowOfDataHash(decision.dataHash);
        if (row < 0)
            continue;
        changeDecision(row, &decision);
        ++changed;
    }
    changed += applyObjectDecisions(onObjects);
    if (changed > 0)
        recount();
    return changed;
}

int ReviewListModel::forgetDecisions(const QStringList &dataHashes)
{
    int changed = 0;
    for (const QString &hash : dataHashes) {
        const int row = rowOfDataHash(hash);
        if (row < 0 || !m_rows.at(m_visible.at(row)).hasDecision)
            continue;
        changeDecision(row, nullptr);
        ++changed;
    }
    if (changed > 0)
        recount();
    return changed;
}

// The row's item is held after rowOfDataHash().
void ReviewListModel::changeDecision(int visibleRow, const ReviewDecision *decision,
                                     const QList<ReviewDecision> &objects)
{
    const int base = m_visible.at(visibleRow);
    ReviewRow &row = m_rows[base];
    const ReviewItem *item = itemAt(visibleRow);
    row.hasDecision = decision != nullptr;
    row.stale = decision && item && decision->sourceContentHash != item->diff.sourceContentHash;
    if (decision)
        m_decisions.insert(base, *decision);
    else
        m_decisions.remove(base);
    if (objects.isEmpty())
        m_objectDecisions.remove(base);
    else
        m_objectDecisions.insert(base, objects);
    const int pageIndex = visibleRow / kPageSize;
    if (const auto held = m_pages.find(pageIndex); held != m_pages.end()) {
        ReviewItem &shown = (*held)[visibleRow % kPageSize];
        shown.hasDecision = row.hasDecision && objects.isEmpty();
        shown.stale = row.stale;
        shown.decision = decision && objects.isEmpty() ? *decision : ReviewDecision();
        shown.objectDecisions = objects;
    }
    if (m_onlyUndecided && row.isDecided()) {
        beginRemoveRows(QModelIndex(), visibleRow, visibleRow);
        m_visible.removeAt(visibleRow);
        m_pages.clear(); // the pages after it moved by one
        m_pageUse.clear();
        endRemoveRows();
        return;
    }
    Q_EMIT dataChanged(index(visibleRow, 0), index(visibleRow, ColumnCount - 1));
}

void ReviewListModel::recount()
{
    ReviewProgress progress;
    for (qsizetype base = 0; base < m_rows.size(); ++base) {
        const ReviewRow &row = m_rows.at(base);
        ReviewItem counted;
        counted.threeWay = row.threeWay;
        counted.stale = row.stale;
        counted.objectDecisions = m_objectDecisions.value(int(base));
        counted.hasDecision = row.hasDecision && counted.objectDecisions.isEmpty();
        if (counted.hasDecision)
            counted.decision.verdict = m_decisions.value(int(base)).verdict;
        progress.add(counted);
    }
    m_progress = progress;
    Q_EMIT progressChanged();
}

int ReviewListModel::countOf(ThreeWayStatus status) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [status](const ReviewRow &row) { return row.threeWay == status; }));
}

int ReviewListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int ReviewListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ReviewItem *ReviewListModel::itemAt(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return nullptr;
    const QList<ReviewItem> *items = page(row / kPageSize);
    return items ? &items->at(row % kPageSize) : nullptr;
}

int ReviewListModel::rowOfDataHash(const QString &dataHash) const
{
    if (dataHash.isEmpty())
        return -1;
    for (auto held = m_pages.cbegin(); held != m_pages.cend(); ++held) {
        for (qsizetype i = 0; i < held->size(); ++i) {
            if (held->at(i).diff.dataHash == dataHash)
                return held.key() * kPageSize + int(i);
        }
    }
    // A decided row names its data unit without reading a page.
    int decidedBase = -1;
    for (auto decision = m_decisions.cbegin(); decision != m_decisions.cend(); ++decision) {
        if (decision->dataHash == dataHash)
            decidedBase = decision.key();
    }
    if (decidedBase >= 0) {
        const int row = int(m_visible.indexOf(decidedBase));
        if (row >= 0 && itemAt(row) && itemAt(row)->diff.dataHash == dataHash)
            return row;
    }
    if (!m_listed.isEmpty()) {
        for (qsizetype row = 0; row < m_visible.size(); ++row) {
            if (m_listed.at(m_visible.at(row)).dataHash == dataHash)
                return int(row);
        }
        return -1;
    }
    for (int index = 0; index * kPageSize < m_visible.size(); ++index) {
        if (m_pages.contains(index))
            continue;
        const QList<ReviewItem> *items = page(index);
        if (!items)
            return -1;
        for (qsizetype i = 0; i < items->size(); ++i) {
            if (items->at(i).diff.dataHash == dataHash)
                return index * kPageSize + int(i);
        }
    }
    return -1;
}

} // namespace lb
