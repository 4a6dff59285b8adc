#include "items/labelrowtablemodel.h"

#include "items/plaintext.h"
#include "store/store.h"

#include <QLocale>
#include <QSet>

namespace lb {

namespace {

QString formatTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return QString();
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

QStringList withoutBlanks(const QStringList &list)
{
    QStringList out;
    for (const QString &item : list) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty() && !out.contains(trimmed))
            out.append(trimmed);
    }
    return out;
}

} // namespace

LabelRowTableModel::LabelRowTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void LabelRowTableModel::setStore(Store *store)
{
    m_store = store;
    reload();
}

void LabelRowTableModel::setQuery(const RowQuery &query)
{
    m_query = query;
    m_query.offset = 0;
    m_query.limit = -1;

    m_filter = LabelRowFilter();
    const QString like = query.titleLike;
    if (like.size() >= 2 && like.startsWith(QLatin1Char('%')) && like.endsWith(QLatin1Char('%')))
        m_filter.titleContains = like.mid(1, like.size() - 2);
    m_filter.statuses = query.statuses;
    m_filter.hashes = query.dataHashes + query.labelHashes;
    m_filter.includeUninitialised = query.includeUninitialised;

    reload();
    Q_EMIT queryChanged();
}

void LabelRowTableModel::setBranch(const QString &branch)
{
    RowQuery query = m_query;
    query.branch = branch;
    query.allBranches = false;
    m_query = query;
    reload();
    Q_EMIT queryChanged();
}

void LabelRowTableModel::applyFilter(const LabelRowFilter &filter)
{
    RowQuery query = m_query;
    const QString contains = filter.titleContains.trimmed();
    query.titleEquals.clear();
    query.titleLike = contains.isEmpty() ? QString() : containsPattern(contains);
    query.statuses = withoutBlanks(filter.statuses);
    query.includeUninitialised = filter.includeUninitialised;
    query.dataHashes.clear();
    query.labelHashes.clear();

    // A pasted hash may be either kind; data hashes are what users copy most, so they are tried first.
    const QStringList hashes = withoutBlanks(filter.hashes);
    if (!hashes.isEmpty()) {
        query.dataHashes = hashes;
        if (m_store) {
            Result<int> byData = m_store->countRows(query);
            if (byData.ok() && byData.value() == 0) {
                RowQuery byLabelQuery = query;
                byLabelQuery.dataHashes.clear();
                byLabelQuery.labelHashes = hashes;
                Result<int> byLabel = m_store->countRows(byLabelQuery);
                if (byLabel.ok() && byLabel.value() > 0)
                    query = byLabelQuery;
            }
        }
    }

    m_filter = filter;
    m_query = query;
    reload();
    Q_EMIT queryChanged();
}

void LabelRowTableModel::refresh()
{
    reload();
}

void LabelRowTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
    reload();
}

void LabelRowTableModel::reload()
{
    const int oldTotal = m_total;
    beginResetModel();
    m_pages.clear();
    m_recentPages.clear();
    m_failedPages.clear();
    m_shrinkSeen = false;
    m_total = 0;
    m_error.clear();
    QString error;
    if (m_store) {
        Result<int> count = m_store->countRows(m_query);
        if (count.ok())
            m_total = count.value();
        else
            error = count.error();
    }
    // The first screen is read at once, so a failing query is reported now and shows no rows.
    m_reloading = true;
    if (m_total > 0 && !page(0)) {
        m_total = 0;
        error = m_pageError;
    }
    m_reloading = false;
    endResetModel();

    if (!error.isEmpty())
        setError(error);
    if (m_total != oldTotal)
        Q_EMIT totalCountChanged(m_total);
}

const QList<LabelRowSummary> *LabelRowTableModel::page(int number) const
{
    if (const auto cached = m_pages.constFind(number); cached != m_pages.cend()) {
        m_recentPages.removeOne(number);
        m_recentPages.append(number);
        return &cached.value();
    }
    if (!m_store || m_failedPages.contains(number))
        return nullptr;
    RowQuery query = m_query;
    query.offset = number * m_pageSize;
    query.limit = qMin(m_pageSize, m_total - query.offset);
    if (query.limit <= 0)
        return nullptr;
    Result<QList<LabelRowSummary>> rows = m_store->listRows(query);
    auto *self = const_cast<LabelRowTableModel *>(this);
    if (!rows.ok()) {
        // Not asked again for every painted row: the page stays failed until the next reload.
        m_failedPages.insert(number);
        m_pageError = rows.error();
        if (!m_reloading) {
            const QString error = m_pageError;
            QMetaObject::invokeMethod(
                self, [self, error] { self->setError(error); }, Qt::QueuedConnection);
        }
        return nullptr;
    }
    if (rows->size() < query.limit && !m_shrinkSeen && !m_reloading) {
        // The branch lost rows since it was counted (a write elsewhere): count again, once.
        m_shrinkSeen = true;
        QMetaObject::invokeMethod(self, &LabelRowTableModel::refresh, Qt::QueuedConnection);
    }
    while (m_recentPages.size() >= kCachedPages)
        m_pages.remove(m_recentPages.takeFirst());
    m_recentPages.append(number);
    return &m_pages.insert(number, std::move(rows).value()).value();
}

void LabelRowTableModel::setError(const QString &message)
{
    m_error = message;
    Q_EMIT errorOccurred(message);
}

int LabelRowTableModel::loadedCount() const
{
    int rows = 0;
    for (const QList<LabelRowSummary> &cached : std::as_const(m_pages))
        rows += int(cached.size());
    return rows;
}

int LabelRowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_total;
}

int LabelRowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<RowQuery::Order> LabelRowTableModel::orderForColumn(int column)
{
    switch (column) {
    case TitleColumn:
        return RowQuery::Order::Title;
    case DataHashColumn:
        return RowQuery::Order::DataHash;
    case StatusColumn:
        return RowQuery::Order::Status;
    case ObjectCountColumn:
        return RowQuery::Order::ObjectCount;
    case LastEditedColumn:
        return RowQuery::Order::LastEdited;
    }
    return std::nullopt;
}

int LabelRowTableModel::columnForOrder(RowQuery::Order order)
{
    switch (order) {
    case RowQuery::Order::Title:
        return TitleColumn;
    case RowQuery::Order::DataHash:
        return DataHashColumn;
    case RowQuery::Order::Status:
        return StatusColumn;
    case RowQuery::Order::ObjectCount:
        return ObjectCountColumn;
    case RowQuery::Order::LastEdited:
        return LastEditedColumn;
    }
    return TitleColumn;
}

void LabelRowTableModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<RowQuery::Order> storeOrder = orderForColumn(column);
    if (!storeOrder)
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (m_query.order == *storeOrder && m_query.descending == descending)
        return;
    m_query.order = *storeOrder;
    m_query.descending = descending;
    reload();
    Q_EMIT queryChanged();
}

QString LabelRowTableModel::containsPattern(const QString &text)
{
    return QLatin1Char('%') + text + QLatin1Char('%');
}

QString LabelRowTableModel::statusDisplay(const QString &status)
{
    if (status.isEmpty())
        return QString();
    QString text = status.toLower();
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text[0] = text.at(0).toUpper();
    return text;
}

const LabelRowSummary *LabelRowTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_total)
        return nullptr;
    const QList<LabelRowSummary> *rows = page(row / m_pageSize);
    const int within = row % m_pageSize;
    return rows && within < rows->size() ? &rows->at(within) : nullptr;
}

int LabelRowTableModel::rowOfDataHash(const QString &dataHash) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (qsizetype i = 0; i < it.value().size(); ++i) {
            if (it.value().at(i).dataHash == dataHash)
                return it.key() * m_pageSize + int(i);
        }
    }
    return -1;
}

namespace {

QList<int> distinctRows(const QModelIndexList &indexes)
{
    QList<int> rows;
    QSet<int> seen;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && !seen.contains(index.row())) {
            seen.insert(index.row());
            rows.append(index.row());
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace

QStringList LabelRowTableModel::dataHashesOf(const QModelIndexList &indexes) const
{
    QStringList hashes;
    for (int row : distinctRows(indexes)) {
        if (const LabelRowSummary *summary = rowAt(row))
            hashes.append(summary->dataHash);
    }
    return hashes;
}

QStringList LabelRowTableModel::labelHashesOf(const QModelIndexList &indexes) const
{
    QStringList hashes;
    for (int row : distinctRows(indexes)) {
        const LabelRowSummary *summary = rowAt(row);
        if (summary && summary->isInitialised())
            hashes.append(summary->labelHash);
    }
    return hashes;
}

QVariant LabelRowTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const LabelRowSummary *read = rowAt(index.row());
    if (!read)
        return QVariant(); // its page failed or the branch shrank: blank until the recount
    const LabelRowSummary &row = *read;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(row, index.column()));
    case Qt::TextAlignmentRole:
        if (index.column() == ObjectCountColumn || index.column() == ClassificationCountColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    case SortRole:
        return sortData(row, index.column());
    }
    return rowData(row, role);
}

QVariant LabelRowTableModel::displayData(const LabelRowSummary &row, int column) const
{
    const bool initialised = row.isInitialised();
    switch (column) {
    case TitleColumn:
        return row.dataTitle;
    case TypeColumn:
        return dataTypeDisplayName(row.dataType);
    case DataHashColumn:
        return row.dataHash;
    case LabelHashColumn:
        return row.labelHash;
    case StatusColumn:
        return initialised ? statusDisplay(row.labelStatus) : QStringLiteral("Uninitialised");
    case ObjectCountColumn:
        return initialised ? QLocale().toString(row.objectCount) : QString();
    case ClassificationCountColumn:
        return initialised ? QLocale().toString(row.classificationCount) : QString();
    case LastEditedColumn:
        return formatTime(row.lastEditedAt);
    }
    return QVariant();
}

QVariant LabelRowTableModel::toolTip(const LabelRowSummary &row, int column) const
{
    switch (column) {
    case TitleColumn:
    case DataHashColumn:
    case LabelHashColumn: {
        QString tip = row.dataTitle + QStringLiteral("\ndata hash: ") + row.dataHash;
        tip += row.isInitialised() ? QStringLiteral("\nlabel hash: ") + row.labelHash
                                   : QStringLiteral("\nno label row on this branch");
        if (!row.provenance.sourceBranch.isEmpty())
            tip += QStringLiteral("\ncopied from %1").arg(row.provenance.sourceBranch);
        return tip;
    }
    case StatusColumn:
        return row.labelStatus;
    }
    return QVariant();
}

QVariant LabelRowTableModel::sortData(const LabelRowSummary &row, int column) const
{
    switch (column) {
    case TitleColumn:
        return row.dataTitle;
    case TypeColumn:
        return int(row.dataType.kind());
    case DataHashColumn:
        return row.dataHash;
    case LabelHashColumn:
        return row.labelHash;
    case StatusColumn:
        return row.labelStatus;
    case ObjectCountColumn:
        return row.objectCount;
    case ClassificationCountColumn:
        return row.classificationCount;
    case LastEditedColumn:
        return row.lastEditedAt;
    }
    return QVariant();
}

QVariant LabelRowTableModel::rowData(const LabelRowSummary &row, int role) const
{
    switch (role) {
    case DataHashRole:
        return row.dataHash;
    case LabelHashRole:
        return row.labelHash;
    case TitleRole:
        return row.dataTitle;
    case DataTypeRole:
        return int(row.dataType.kind());
    case StatusRole:
        return row.labelStatus;
    case ObjectCountRole:
        return row.objectCount;
    case ClassificationCountRole:
        return row.classificationCount;
    case LastEditedRole:
        return row.lastEditedAt;
    case CreatedAtRole:
        return row.createdAt;
    case IsInitialisedRole:
        return row.isInitialised();
    case ContentHashRole:
        return row.contentHash;
    case BranchRole:
        return row.branchName;
    case CopiedFromRole:
        return row.provenance.sourceBranch;
    }
    return QVariant();
}

QVariant LabelRowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section >= 0 && section < ColumnCount && !isSortableColumn(section))
        return QStringLiteral("This column cannot be sorted");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Data title");
    case TypeColumn:
        return QStringLiteral("Type");
    case DataHashColumn:
        return QStringLiteral("Data hash");
    case LabelHashColumn:
        return QStringLiteral("Label hash");
    case StatusColumn:
        return QStringLiteral("Status");
    case ObjectCountColumn:
        return QStringLiteral("Objects");
    case ClassificationCountColumn:
        return QStringLiteral("Classifications");
    case LastEditedColumn:
        return QStringLiteral("Last edited");
    }
    return QVariant();
}

Qt::ItemFlags LabelRowTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> LabelRowTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DataHashRole, "dataHash");
    names.insert(LabelHashRole, "labelHash");
    names.insert(TitleRole, "title");
    names.insert(DataTypeRole, "dataType");
    names.insert(StatusRole, "status");
    names.insert(ObjectCountRole, "objectCount");
    names.insert(ClassificationCountRole, "classificationCount");
    names.insert(LastEditedRole, "lastEdited");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(IsInitialisedRole, "isInitialised");
    names.insert(ContentHashRole, "contentHash");
    names.insert(BranchRole, "branch");
    names.insert(CopiedFromRole, "copiedFrom");
    return names;
}

} // namespace lb
