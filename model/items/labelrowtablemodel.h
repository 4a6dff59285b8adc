#pragma once

#include "domain/labelrowsummary.h"
#include "domain/rowquery.h"

#include <optional>
#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace lb {

class Store;

// What the Rows tab's filter bar asks for; turned into a RowQuery by LabelRowTableModel::applyFilter().
struct LabelRowFilter
{
    QString titleContains; // becomes titleLike "%text%" (% and _ in the text stay wildcards)
    QStringList statuses;  // label statuses, e.g. "LABELLED"
    QStringList hashes;    // pasted data hashes or label hashes: whichever matches
    bool includeUninitialised = false;
};

// The label rows of one branch, read lazily: the model has as many rows as the query matches (from
// Store::countRows) and reads a page of them (one Store::listRows call with offset and limit) when a row of
// it is first asked for, keeping the kCachedPages pages used last. So a branch of 500,000 rows shows its
// first screen at once, Ctrl+End shows its last rows at once, and memory stays bounded however far one
// scrolls. Sorting and filtering are store queries: sort() and applyFilter() change the RowQuery and reload
// from the first page.
//
// The store must belong to the thread of the model (the GUI thread) and outlive it or be replaced first.
class LabelRowTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        TypeColumn,
        DataHashColumn,
        LabelHashColumn,
        StatusColumn,
        ObjectCountColumn,
        ClassificationCountColumn,
        LastEditedColumn,
        ColumnCount
    };

    enum Role
    {
        DataHashRole = Qt::UserRole + 1,
        LabelHashRole, // empty for an uninitialised data unit
        TitleRole,
        DataTypeRole,            // int(DataType)
        StatusRole,              // raw label status, e.g. "LABEL_IN_PROGRESS"
        ObjectCountRole,         // int
        ClassificationCountRole, // int
        LastEditedRole,          // QDateTime (UTC)
        CreatedAtRole,           // QDateTime (UTC)
        IsInitialisedRole,       // bool
        ContentHashRole,
        BranchRole,
        CopiedFromRole, // provenance: the branch the row was copied from, empty if none
        SortRole
    };

    static constexpr int kDefaultPageSize = 500;
    static constexpr int kCachedPages = 16;

    explicit LabelRowTableModel(QObject *parent = nullptr);

    // Sets the store and reloads; nullptr empties the model.
    void setStore(Store *store);
    Store *store() const { return m_store; }

    // Replaces the whole query (branch, filters, order) and reloads. Offset and limit are the model's own.
    void setQuery(const RowQuery &query);
    const RowQuery &query() const { return m_query; }
    void setBranch(const QString &branch);
    QString branch() const { return m_query.branch; }
    void applyFilter(const LabelRowFilter &filter);
    LabelRowFilter filter() const { return m_filter; }
    // Reloads from the first page, e.g. after a job changed the branch.
    void refresh();

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    int totalCount() const { return m_total; } // rows matching the query
    int loadedCount() const;                   // rows in the cached pages
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Columns without a store order (type, label hash, classification count) leave the order unchanged.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static std::optional<RowQuery::Order> orderForColumn(int column);
    static bool isSortableColumn(int column) { return orderForColumn(column).has_value(); }
    static int columnForOrder(RowQuery::Order order);
    static QString containsPattern(const QString &text); // "%text%"
    // "LABEL_IN_PROGRESS" -> "Label in progress"
    static QString statusDisplay(const QString &status);

    // Reads the row's page when it is not cached; nullptr when the row is out of range or its page failed.
    const LabelRowSummary *rowAt(int row) const;
    int rowOfDataHash(const QString &dataHash) const; // among the cached rows; -1 when not cached
    // Distinct hashes of the rows of `indexes`, in row order; label hashes skip uninitialised rows.
    QStringList dataHashesOf(const QModelIndexList &indexes) const;
    QStringList labelHashesOf(const QModelIndexList &indexes) const;

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void totalCountChanged(int total);
    void queryChanged();

private:
    QVariant displayData(const LabelRowSummary &row, int column) const;
    QVariant toolTip(const LabelRowSummary &row, int column) const;
    QVariant sortData(const LabelRowSummary &row, int column) const;
    QVariant rowData(const LabelRowSummary &row, int role) const; // the model's own roles
    void reload();
    // The rows of page `page`, read from the store when not cached; nullptr when the read failed.
    const QList<LabelRowSummary> *page(int page) const;
    void setError(const QString &message);

    Store *m_store = nullptr;
    RowQuery m_query;
    LabelRowFilter m_filter;
    int m_pageSize = kDefaultPageSize;
    int m_total = 0;
    // Read on demand from const accessors (data() asks for rows), hence mutable.
    mutable QHash<int, QList<LabelRowSummary>> m_pages;
    mutable QList<int> m_recentPages;  // least recently used first
    mutable QSet<int> m_failedPages;   // not read again until the next reload
    mutable bool m_shrinkSeen = false; // a page came back short: the branch changed, recount once
    mutable QString m_pageError;       // why the last page read failed
    bool m_reloading = false;
    QString m_error;
};

} // namespace lb
