#pragma once

#include "domain/labelrowsummary.h"
#include "domain/rowquery.h"

#include <optional>
#include <QAbstractTableModel>
#include <QList>
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

// The label rows of one branch, read lazily: the model holds only the pages it has fetched (canFetchMore /
// fetchMore, one Store::listRows call with offset and limit per page), and knows the total from
// Store::countRows, so a branch of 100,000 rows shows its first screen at once. Sorting and filtering are
// store queries: sort() and applyFilter() change the RowQuery and reload from the first page.
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
    int loadedCount() const { return int(m_rows.size()); }
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Columns without a store order (type, label hash, classification count) leave the order unchanged.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static std::optional<RowQuery::Order> orderForColumn(int column);
    static bool isSortableColumn(int column) { return orderForColumn(column).has_value(); }
    static int columnForOrder(RowQuery::Order order);
    static QString containsPattern(const QString &text); // "%text%"
    // "LABEL_IN_PROGRESS" -> "Label in progress"
    static QString statusDisplay(const QString &status);

    const LabelRowSummary *rowAt(int row) const;
    int rowOfDataHash(const QString &dataHash) const; // among the loaded rows; -1 when not loaded
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
    // Appends the next page; inside a reset it must not announce the rows itself.
    void fetchPage(bool announce);
    void setError(const QString &message);

    Store *m_store = nullptr;
    RowQuery m_query;
    LabelRowFilter m_filter;
    int m_pageSize = kDefaultPageSize;
    int m_total = 0;
    QList<LabelRowSummary> m_rows;
    QString m_error;
    // Set while rows are being announced: a view (or a model tester) that reacts to the announcement by
    // asking for more must not start a second, nested page on top of the unfinished one.
    bool m_changing = false;
};

} // namespace lb
