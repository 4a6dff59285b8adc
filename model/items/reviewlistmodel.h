#pragma once

#include "engine/reviewitem.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace lb {

// The Review tab's table: one row per differing data unit of a ReviewListing, in the listing's order
// (conflicts first). Decisions taken after the listing was loaded are merged in with applyDecisions() /
// forgetDecisions(), so a keypress updates one row instead of reloading the whole compare.
// Colours are the view's business: DecisionStateRole and ThreeWayRole say what a row is.
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

    explicit ReviewListModel(QObject *parent = nullptr);

    void setListing(ReviewListing listing);
    void clear();
    const ReviewListing &listing() const { return m_listing; }
    const ReviewProgress &progress() const { return m_listing.progress; }
    QString sourceBranch() const { return m_listing.sourceBranch; }
    QString targetBranch() const { return m_listing.targetBranch; }

    // Merges decisions saved since the listing (same compare only; others are ignored). Returns how many rows
    // changed.
    int applyDecisions(const QList<ReviewDecision> &decisions);
    // Drops the decisions on these data units, as ReviewEngine::clear did in the store.
    int forgetDecisions(const QStringList &dataHashes);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const ReviewItem *itemAt(int row) const;
    int rowOfDataHash(const QString &dataHash) const;

    // Row of the next (previous) undecided item strictly after (before) `fromRow` in any model whose rows
    // carry IsDecidedRole (this one or a proxy over it); -1 when every row is decided. `fromRow` -1 searches
    // from the start (Next) or the end (Previous). With `wrap` the search continues at the other end.
    static int findUndecidedRow(const QAbstractItemModel &model, int fromRow, Direction direction,
                                bool wrap = true);

    static DecisionState decisionStateOf(const ReviewItem &item);
    static QString decisionText(DecisionState state); // "✓ Approved", "Approved (stale)", "Undecided", ...
    // "37 of 120 decided · 30 approved · 7 rejected · 2 stale"
    static QString progressText(const ReviewProgress &progress);

Q_SIGNALS:
    void progressChanged();

private:
    QVariant displayData(const ReviewItem &item, int column) const;
    QVariant toolTip(const ReviewItem &item, int column) const;
    QVariant sortData(const ReviewItem &item, int column) const;
    QVariant rowData(const ReviewItem &item, int role) const; // the model's own roles
    void recount();

    ReviewListing m_listing;
    QHash<QString, int> m_rowByDataHash;
};

} // namespace lb
