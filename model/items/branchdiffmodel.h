#pragma once

#include "diff/branchdiff.h"
#include "domain/diffquery.h"
#include "domain/jobcontrol.h"
#include "domain/ontology.h"
#include "domain/result.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QStringList>

namespace lb {

class Store;

// What a comparison job hands the Compare table: the rows one query shows, in order, and for stores that
// compare listings also their entries (reading a page there would list both branches again, perhaps over
// the network, on the GUI thread).
struct DiffRowSet
{
    DiffQuery query;
    QList<DiffRowKey> rows;
    QList<DiffEntry> entries; // empty for stores that compare by themselves: pages are read as painted
};

// A whole comparison as a job hands it over: the totals and the rows of the table's query.
struct ComparisonResult
{
    DiffSummary summary;
    DiffRowSet rows;
};

// The Compare tab's table: one row per data unit of a comparison (source -> target). Fixed columns (title,
// source count, target count, signed delta, status, three-way status since a copy), then one column per
// ontology object class with that class's delta. Deltas are target - source. Colours are the view's business:
// ChangeKindRole says whether a cell shows an addition, a removal or a change.
//
// Windowed: the model holds the keys and statuses of the rows its query matches (a few bytes each) and reads
// the entries of the rows being painted in pages from the store (docs/architecture.md §2), keeping a few
// pages. Sorting and filtering change the query: the model asks for its rows (rowsRequested), a job reads
// them, and setRows() shows them. The store must belong to the model's thread (the GUI thread).
class BranchDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        SourceCountColumn,
        TargetCountColumn,
        DeltaColumn,
        StatusColumn,
        ThreeWayColumn,
        FirstClassColumn
    };

    enum Role
    {
        DiffStatusRole = Qt::UserRole + 1, // int(DiffStatus)
        DiffStatusNameRole,                // "changed-same-count", ...
        DeltaRole,                         // int: the row's delta, or the class's delta in a class column
        DataHashRole,
        TitleRole,
        SourceCountRole,
        TargetCountRole,
        IsDifferenceRole, // bool
        ChangeKindRole,   // int(ChangeKind) of the cell
        FeatureHashRole,  // header data of a class column; cell data of a class column too
        ThreeWayRole,     // int(ThreeWayStatus) of the row
        ThreeWayNameRole  // "conflict", "source-changed", ...
    };

    enum class ChangeKind
    {
        None,
        Added,
        Removed,
        Changed
    };
    Q_ENUM(ChangeKind)

    enum class Direction
    {
        Next,
        Previous
    };

    static constexpr int kDefaultPageSize = 200;
    static constexpr int kPagesKept = 16;

    explicit BranchDiffModel(QObject *parent = nullptr);

    // Where pages are read from; nullptr (or clear()) empties the model.
    void setStore(Store *store);
    void setPageSize(int rows); // forgets the pages held
    int pageSize() const { return m_pageSize; }
    // What a job reads for a query, on its own thread and store.
    static Result<DiffRowSet> readRows(Store &store, const DiffQuery &query, const JobControl &control = {});

    // A finished comparison of query.sourceBranch -> query.targetBranch. Class columns follow the
    // ontology's object order; classes that occur in the comparison but not in the ontology are appended
    // (named by their feature hash). Without an ontology the classes of the comparison are shown.
    void setComparison(const DiffSummary &summary, DiffRowSet rows, const Ontology &ontology = Ontology());
    // The rows of a query asked for with rowsRequested; a set for another query than the current one is
    // dropped (the user moved on). Returns whether it was shown.
    bool setRows(DiffRowSet rows);
    void clear();

    const DiffQuery &query() const { return m_query; }
    QString sourceBranch() const { return m_query.sourceBranch; }
    QString targetBranch() const { return m_query.targetBranch; }
    const DiffSummary &summary() const { return m_summary; }
    bool hasComparison() const { return !m_query.sourceBranch.isEmpty(); }
    QString lastError() const { return m_error; }

    // Filters of the Compare tab; each asks for new rows when it changes something.
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_query.onlyDifferences; }
    // Case-insensitive "contains" on the data title or the data hash; empty shows every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_query.text; }
    // Empty shows every status.
    void setStatusFilter(const QList<DiffStatus> &statuses);
    QList<DiffStatus> statusFilter() const { return m_query.statuses; }
    // Shows only the rows of these data units (the store's keys, DiffEntry::unit) among the query's rows, in
    // its order: where a cell of the Metrics view happens. `label` says so in the Compare tab's banner. It
    // asks for the rows again, holds for this pair's later rows and ends with a comparison of another pair
    // (branchdiffmodelrestriction.cpp).
    void setUnitRestriction(const QSet<qint64> &units, const QString &label);
    void clearUnitRestriction();
    bool hasUnitRestriction() const { return !m_restrictionLabel.isEmpty(); }
    QString unitRestrictionLabel() const { return m_restrictionLabel; }
    int restrictedUnitCount() const { return int(m_restrictedUnits.size()); }
    // Column -1 goes back to the comparison's own order (by title).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The entry of a row, read with its page when not held; null outside the rows or when reading fails.
    const DiffEntry *entryAt(int row) const;
    qint64 unitAt(int row) const; // the store's key of the row's data unit; 0 outside the rows
    int rowOfUnit(qint64 unit) const;
    // Looks among the pages held first, then reads pages until found; -1 when not shown.
    int rowOfDataHash(const QString &dataHash) const;
    int classCount() const { return int(m_classHashes.size()); }
    QString classFeatureHash(int column) const;          // empty for the fixed columns
    int columnOfClass(const QString &featureHash) const; // -1 when not shown

    // Row of the next (or previous) difference strictly after (before) `fromRow` in any model whose rows
    // carry IsDifferenceRole (this model or a proxy over it); -1 when there is none. `fromRow` -1 searches
    // from the start (Next) or the end (Previous). With `wrap` the search continues at the other end.
    static int findDifferenceRow(const QAbstractItemModel &model, int fromRow, Direction direction,
                                 bool wrap);
    int nextDifferenceRow(int fromRow, bool wrap = true) const
    {
        return findDifferenceRow(*this, fromRow, Direction::Next, wrap);
    }
    int previousDifferenceRow(int fromRow, bool wrap = true) const
    {
        return findDifferenceRow(*this, fromRow, Direction::Previous, wrap);
    }

    // "+3", "−2" (a real minus sign), "0".
    static QString formatDelta(int delta);
    static ChangeKind changeKindOf(const DiffEntry &entry);
    // Orders statuses for sorting: the most significant difference first.
    static int statusRank(DiffStatus status);
    // Short cell text of the three-way column; empty for rows not copied from this source.
    static QString threeWayShortText(ThreeWayStatus status);

Q_SIGNALS:
    // The filters or the order changed: read the rows of `query` and hand them to setRows().
    void rowsRequested(const DiffQuery &query);
    // setRows() showed new rows of the same comparison (after modelReset).
    void rowsReplaced();
    // setComparison() or clear() replaced the comparison (after modelReset).
    void comparisonChanged();
    // A unit restriction was set or cleared (before its rows arrive).
    void unitRestrictionChanged();
    void errorOccurred(const QString &message);

private:
    void changeQuery(const DiffQuery &query);
    // Keeps the rows (and listed entries) of the restricted units; ends a restriction of another pair.
    void restrictRows(DiffRowSet &rows);
    const QList<DiffEntry> *page(int index) const;
    QVariant displayData(const DiffEntry &entry, int column) const;
    // A per-class delta column; classIndex counts from FirstClassColumn.
    QVariant classData(const DiffEntry &entry, int classIndex, int role) const;
    QVariant rowData(const DiffEntry &entry, int role) const;

    Store *m_store = nullptr;
    DiffQuery m_query;
    DiffSummary m_summary;
    QList<DiffRowKey> m_rows;
    QList<DiffEntry> m_listedEntries; // all of them, for stores that compare listings
    int m_pageSize = kDefaultPageSize;
    mutable QHash<int, QList<DiffEntry>> m_pages;
    mutable QList<int> m_pageUse; // most recently used last
    mutable QString m_error;
    QStringList m_classHashes;
    QStringList m_classNames;
    QSet<qint64> m_restrictedUnits;
    QString m_restrictionLabel; // empty: no restriction
    QString m_restrictionSource, m_restrictionTarget;
};

} // namespace lb
