#pragma once

#include "domain/diffquery.h"
#include "engine/reviewitem.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace lb {

class Store;

// The Review tab's table: one row per differing data unit of a review list (ReviewRowSet), in the list's
// order (conflicts first) or sorted by a column. Decisions taken after the list was read are merged in with
// applyDecisions() / forgetDecisions(), so a keypress updates one row instead of reading the list again.
// Colours are the view's business: DecisionStateRole and ThreeWayRole say what a row is.
//
// Windowed like BranchDiffModel: the model holds a few bytes per row (key, status, decision state) and the
// decisions; the titles, hashes and counts of the rows being painted are read in pages from the store. What
// filtering, counting and stepping through undecided rows need comes from the rows alone. Sorting by the
// decision, comment or reviewer reorders the rows in memory; sorting by what the comparison knows asks for
// the rows in that order (rowsRequested), read by a job, shown with setRows(). The store must belong to the
// model's thread (the GUI thread).
class ReviewListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DecisionColumn,
        TitleColumn,
        DiffStatusColumn,
        DeltaColumn,
        ThreeWayColumn,
        CommentColumn,
        ReviewerColumn,
        ColumnCount
    };

    enum Role
    {
        DataHashRole = Qt::UserRole + 1,
        DecisionStateRole, // int(DecisionState)
        IsDecidedRole,     // bool: decided and not stale
        IsStaleRole,       // bool
        ThreeWayRole,      // int(ThreeWayStatus)
        DiffStatusRole,    // int(DiffStatus)
        DeltaRole,         // int: target - source objects
        CommentRole,
        ReviewerRole,
        SortRole // decision rank, title text, status rank, delta, three-way rank, comment, reviewer
    };

    // A stale decision is shown as what it was, marked stale, and counts as undecided.
    enum class DecisionState
    {
        Undecided,
        Approved,
        Rejected,
        StaleApproved,
        StaleRejected
    };
    Q_ENUM(DecisionState)

    enum class Direction
    {
        Next,
        Previous
    };

    static constexpr int kPageSize = 200;
    static constexpr int kPagesKept = 16;

    explicit ReviewListModel(QObject *parent = nullptr);

    // Where pages are read from; rows without entries need one.
    void setStore(Store *store);
    // A list as ReviewEngine::rows() reads it; keeps the column sorted by when the set is in the order that
    // sort asked for (rowsRequested).
    void setRows(ReviewRowSet rows);
    // A list with its items, all held (for lists made by hand or from a listing).
    void setListing(const ReviewListing &listing);
    void clear();
    const ReviewProgress &progress() const { return m_progress; }
    QString sourceBranch() const { return m_source; }
    QString targetBranch() const { return m_target; }
    bool hasList() const { return !m_source.isEmpty(); }
    QString lastError() const { return m_error; }

    // Only rows whose decision is missing or stale; a row leaves as soon as it is decided.
    void setOnlyUndecided(bool only);
    bool onlyUndecided() const { return m_onlyUndecided; }
    // Column -1 goes back to the list's own order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    // The comparison's order the rows were read in (what reading them again should ask for).
    DiffQuery::Order rowOrder() const { return m_order; }
    bool rowsDescending() const { return m_descending; }
    // Rows of the list (shown or not) with this three-way status.
    int countOf(ThreeWayStatus status) const;
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Merges decisions saved since the listing (same compare only; others are ignored), on whole data units
    // or on objects. Returns how many rows changed.
    int applyDecisions(const QList<ReviewDecision> &decisions);
    // Drops the decisions on these data units, as ReviewEngine::clear did in the store.
    int forgetDecisions(const QStringList &dataHashes);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row's item, read with its page when not held; null outside the rows or when reading fails. Valid
    // until the model reads or forgets pages.
    const ReviewItem *itemAt(int row) const;
    // Looks among the pages held and the decided rows first, then reads pages until found; -1 when not shown.
    int rowOfDataHash(const QString &dataHash) const;

    // Row of the next (previous) undecided item strictly after (before) `fromRow` in any model whose rows
    // carry IsDecidedRole (this one or a proxy over it); -1 when every row is decided. `fromRow` -1 searches
    // from the start (Next) or the end (Previous). With `wrap` the search continues at the other end.
    static int findUndecidedRow(const QAbstractItemModel &model, int fromRow, Direction direction,
                                bool wrap = true);

    static DecisionState decisionStateOf(const ReviewItem &item);
    // The decision that stands for object decisions in the comment, reviewer and time columns: the newest,
    // approved when any object is.
    static ReviewDecision standIn(const QList<ReviewDecision> &objects);
    static QString decisionText(DecisionState state); // "✓ Approved", "Approved (stale)", "Undecided", ...
    static QString objectsDecisionText(const ReviewItem &item); // decided by object: "✓ 2 ✗ 1 objects"
    // "37 of 120 decided · 30 approved · 7 rejected · 2 stale"
    static QString progressText(const ReviewProgress &progress);

Q_SIGNALS:
    void progressChanged();
    // A sort needs the rows in the comparison's order: read ReviewEngine::rows(source, target, order,
    // descending) and hand them to setRows().
    void rowsRequested(lb::DiffQuery::Order order, bool descending);
    void errorOccurred(const QString &message);

private:
    static int decisionRank(DecisionState state); // undecided and stale first: what is left to do
    DecisionState stateOfBase(int base) const;
    QVariant displayData(const ReviewItem &item, int column) const;
    QVariant toolTip(const ReviewItem &item, int column) const;
    QVariant sortData(const ReviewItem &item, int column) const;
    QVariant rowData(const ReviewItem &item, int role) const; // the model's own roles that need the item
    QVariant keyData(int base, int role) const;               // those the row alone answers
    const QList<ReviewItem> *page(int index) const;
    ReviewItem itemOf(int base, const DiffEntry &entry) const;
    void showRows(); // filters and sorts m_rows into m_visible, forgetting the pages
    // Records (or, with null, drops) the decision on a shown row; `objects` when it is decided object by
    // object (`decision` then stands for them: the newest, approved when any object is).
    void changeDecision(int visibleRow, const ReviewDecision *decision,
                        const QList<ReviewDecision> &objects = {});
    int applyObjectDecisions(const QList<ReviewDecision> &decisions);
    QString decisionDisplay(int base) const;
    void recount();

    Store *m_store = nullptr;
    QString m_source;
    QString m_target;
    DiffQuery::Order m_order = DiffQuery::Order::ThreeWay; // of m_rows
    bool m_descending = false;
    QList<ReviewRow> m_rows;
    QHash<int, ReviewDecision> m_decisions; // by index into m_rows; a stand-in for the object decisions
    QHash<int, QList<ReviewDecision>> m_objectDecisions; // of rows decided object by object
    QList<DiffEntry> m_listed;                           // parallel to m_rows when the entries came with them
    ReviewProgress m_progress;
    QList<int> m_visible; // indices into m_rows, in the order shown
    bool m_onlyUndecided = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable QHash<int, QList<ReviewItem>> m_pages;
    mutable QList<int> m_pageUse; // most recently used last
    mutable QString m_error;
};

} // namespace lb
