#include "items/branchdiffmodel.h"

#include "engine/branchcomparison.h"
#include "items/plaintext.h"

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

void BranchDiffModel::setStore(Store *store)
{
    if (m_store == store)
        return;
    clear();
    m_store = store;
}

void BranchDiffModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
    m_pages.clear();
    m_pageUse.clear();
}

void BranchDiffModel::setComparison(const DiffSummary &summary, DiffRowSet rows, const Ontology &ontology)
{
    QSet<QString> present;
    for (auto it = summary.sourceClassTotals.cbegin(); it != summary.sourceClassTotals.cend(); ++it)
        present.insert(it.key());
    for (auto it = summary.targetClassTotals.cbegin(); it != summary.targetClassTotals.cend(); ++it)
        present.insert(it.key());

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

    // Filters or an order chosen while the comparison ran apply to it too.
    DiffQuery wanted = m_query;
    wanted.sourceBranch = rows.query.sourceBranch;
    wanted.targetBranch = rows.query.targetBranch;
    restrictRows(rows);

    beginResetModel();
    m_summary = summary;
    m_classHashes = hashes;
    m_classNames = names;
    m_query = rows.query;
    m_rows = std::move(rows.rows);
    m_listedEntries = std::move(rows.entries);
    m_pages.clear();
    m_pageUse.clear();
    m_error.clear();
    endResetModel();
    Q_EMIT comparisonChanged();
    changeQuery(wanted);
}

Result<DiffRowSet> BranchDiffModel::readRows(Store &store, const DiffQuery &query, const JobControl &control)
{
    BranchComparison comparison(store);
    Result<QList<DiffRowKey>> rows = comparison.rows(query, control);
    if (!rows)
        return rows.takeError();
    DiffRowSet set;
    set.query = query;
    set.rows = std::move(rows).value();
    if (!store.comparesBranches() && !set.rows.isEmpty()) {
        QList<qint64> units;
        units.reserve(set.rows.size());
        for (const DiffRowKey &row : std::as_const(set.rows))
            units.append(row.unit);
        Result<QList<DiffEntry>> entries = comparison.entries(query.sourceBranch, query.targetBranch, units);
        if (!entries)
            return entries.takeError();
        set.entries = std::move(entries).value();
    }
    return set;
}

bool BranchDiffModel::setRows(DiffRowSet rows)
{
    if (!(rows.query == m_query))
        return false;
    restrictRows(rows);
    beginResetModel();
    m_rows = std::move(rows.rows);
    m_listedEntries = std::move(rows.entries);
    m_pages.clear();
    m_pageUse.clear();
    m_error.clear();
    endResetModel();
    Q_EMIT rowsReplaced();
    return true;
}

void BranchDiffModel::clear()
{
    beginResetModel();
    // The filters and the order are the tab's settings: they outlive a comparison.
    m_query.sourceBranch.clear();
    m_query.targetBranch.clear();
    m_summary = DiffSummary();
    m_rows.clear();
    m_listedEntries.clear();
    m_pages.clear();
    m_pageUse.clear();
    m_classHashes.clear();
    m_classNames.clear();
    m_error.clear();
    endResetModel();
    Q_EMIT comparisonChanged();
}

void BranchDiffModel::changeQuery(const DiffQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    if (hasComparison())
        Q_EMIT rowsRequested(m_query);
}

void BranchDiffModel::setOnlyDifferences(bool only)
{
    DiffQuery query = m_query;
    query.onlyDifferences = only;
    changeQuery(query);
}

void BranchDiffModel::setTextFilter(const QString &text)
{
    DiffQuery query = m_query;
    query.text = text.trimmed();
    changeQuery(query);
}

void BranchDiffModel::setStatusFilter(const QList<DiffStatus> &statuses)
{
    DiffQuery query = m_query;
    query.statuses = statuses;
    changeQuery(query);
}

void BranchDiffModel::sort(int column, Qt::SortOrder order)
{
    DiffQuery query = m_query;
    query.descending = order == Qt::DescendingOrder;
    query.orderClass.clear();
    switch (column) {
    case SourceCountColumn:
        query.order = DiffQuery::Order::SourceCount;
        break;
    case TargetCountColumn:
        query.order = DiffQuery::Order::TargetCount;
        break;
    case DeltaColumn:
        query.order = DiffQuery::Order::Delta;
        break;
    case StatusColumn:
        query.order = DiffQuery::Order::Status;
        break;
    case ThreeWayColumn:
        query.order = DiffQuery::Order::ThreeWay;
        break;
    default:
        query.order = column >= FirstClassColumn && column < columnCount() ? DiffQuery::Order::ClassDelta
                                                                           : DiffQuery::Order::Title;
        query.orderClass = classFeatureHash(column);
        if (column < 0)
            query.descending = false;
    }
    changeQuery(query);
}

int BranchDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BranchDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstClassColumn + int(m_classHashes.size());
}

const QList<DiffEntry> *BranchDiffModel::page(int index) const
{
    if (const auto held = m_pages.constFind(index); held != m_pages.cend()) {
        m_pageUse.removeOne(index);
        m_pageUse.append(index);
        return &held.value();
    }
    const int from = index * m_pageSize;
    const int count = qMin(m_pageSize, int(m_rows.size()) - from);
    if (!m_store || count <= 0)
        return nullptr;
    QList<qint64> units;
    units.reserve(count);
    for (int row = from; row < from + count; ++row)
        units.append(m_rows.at(row).unit);
    Result<QList<DiffEntry>> read =
        BranchComparison(*m_store).entries(m_query.sourceBranch, m_query.targetBranch, units);
    if (!read) {
        if (m_error != read.error()) {
            m_error = read.error();
            Q_EMIT const_cast<BranchDiffModel *>(this)->errorOccurred(m_error);
        }
        return nullptr;
    }
    if (m_pageUse.size() >= kPagesKept)
        m_pages.remove(m_pageUse.takeFirst());
    m_pageUse.append(index);
    return &*m_pages.insert(index, std::move(read).value());
}

const DiffEntry *BranchDiffModel::entryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    if (!m_listedEntries.isEmpty())
        return &m_listedEntries.at(row);
    const QList<DiffEntry> *entries = page(row / m_pageSize);
    return entries ? &entries->at(row % m_pageSize) : nullptr;
}

qint64 BranchDiffModel::unitAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).unit : 0;
}

int BranchDiffModel::rowOfUnit(qint64 unit) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).unit == unit)
            return int(row);
    }
    return -1;
}

int BranchDiffModel::rowOfDataHash(const QString &dataHash) const
{
    const auto find = [&dataHash](const QList<DiffEntry> &entries) -> int {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (entries.at(i).dataHash == dataHash)
                return int(i);
        }
        return -1;
    };
    if (!m_listedEntries.isEmpty())
        return find(m_listedEntries);
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (const int at = find(it.value()); at >= 0)
            return it.key() * m_pageSize + at;
    }
    const int pages = int((m_rows.size() + m_pageSize - 1) / m_pageSize);
    for (int index = 0; index < pages; ++index) {
        if (m_pages.contains(index))
            continue;
        const QList<DiffEntry> *entries = page(index);
        if (!entries)
            return -1;
        if (const int at = find(*entries); at >= 0)
            return index * m_pageSize + at;
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
    return diffStatusRank(status);
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
    // What a table needs to filter and step through differences comes with the row, without its page.
    const DiffStatus status = m_rows.at(index.row()).status;
    if (role == DiffStatusRole)
        return int(status);
    if (role == IsDifferenceRole)
        return diffStatusIsDifference(status);
    const DiffEntry *entry = entryAt(index.row());
    if (!entry)
        return QVariant();
    const int column = index.column();
    if (column >= FirstClassColumn)
        return classData(*entry, column - FirstClassColumn, role);

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*entry, column);
    case Qt::ToolTipRole:
        if (column == TitleColumn || column == StatusColumn) {
            return plainText(QStringLiteral("%1\ndata hash: %2\n%3")
                                 .arg(entry->dataTitle, entry->dataHash, diffStatusDisplay(entry->status)));
        }
        if (column == ThreeWayColumn)
            return threeWayToolTip(entry->threeWay, m_query.sourceBranch, m_query.targetBranch);
        return QVariant();
    case Qt::TextAlignmentRole:
        if (column == TitleColumn || column == StatusColumn || column == ThreeWayColumn)
            return QVariant();
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case DeltaRole:
        return entry->delta;
    case ChangeKindRole:
        if (column == SourceCountColumn || column == TargetCountColumn)
            return int(ChangeKind::None);
        return int(changeKindOf(*entry));
    case FeatureHashRole:
        return QVariant();
    }
    return rowData(*entry, role);
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

QVariant BranchDiffModel::classData(const DiffEntry &entry, int classIndex, int role) const
{
    const QString &featureHash = m_classHashes.at(classIndex);
    const int classDelta = entry.classDeltas.value(featureHash, 0);
    switch (role) {
    case Qt::DisplayRole:
        return classDelta == 0 ? QString() : formatDelta(classDelta);
    case Qt::ToolTipRole:
        return plainText(
            QStringLiteral("%1: %2 on the target").arg(m_classNames.at(classIndex), formatDelta(classDelta)));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case DeltaRole:
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
            return plainText(QStringLiteral("Change in %1 objects (target \u2212 source)")
                                 .arg(m_classNames.at(classIndex)));
        case FeatureHashRole:
            return m_classHashes.at(classIndex);
        }
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SourceCountColumn:
            return QStringLiteral("Objects on %1").arg(m_query.sourceBranch);
        case TargetCountColumn:
            return QStringLiteral("Objects on %1").arg(m_query.targetBranch);
        case DeltaColumn:
            return QStringLiteral("Objects on the target minus objects on the source");
        case ThreeWayColumn:
            return QStringLiteral("For rows labelbranch copied from %1: which side changed since the copy")
                .arg(m_query.sourceBranch.isEmpty() ? QStringLiteral("the source") : m_query.sourceBranch);
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Data title");
    case SourceCountColumn:
        return m_query.sourceBranch.isEmpty() ? QStringLiteral("Source") : m_query.sourceBranch;
    case TargetCountColumn:
        return m_query.targetBranch.isEmpty() ? QStringLiteral("Target") : m_query.targetBranch;
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
