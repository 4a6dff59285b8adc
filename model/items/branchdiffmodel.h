#pragma once

#include "diff/branchdiff.h"
#include "domain/ontology.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace lb {

// The Compare tab's table: one row per data unit of a BranchDiff (source -> target). Fixed columns (title,
// source count, target count, signed delta, status, three-way status since a copy), then one column per
// ontology object class with that class's delta. Deltas are target - source. Colours are the view's business:
// ChangeKindRole says whether a cell shows an addition, a removal or a change.
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
        SortRole,                          // numbers for counts and deltas, status rank, title text
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

    explicit BranchDiffModel(QObject *parent = nullptr);

    // Class columns follow the ontology's object order; classes that occur in the diff but not in the
    // ontology are appended (named by their feature hash). Without an ontology the classes of the diff are
    // shown, by feature hash.
    void setDiff(BranchDiff diff, const Ontology &ontology = Ontology());
    void clear();
    const BranchDiff &diff() const { return m_diff; }
    const DiffSummary &summary() const { return m_diff.summary; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const DiffEntry *entryAt(int row) const;
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

private:
    QVariant displayData(const DiffEntry &entry, int column) const;
    QVariant sortData(const DiffEntry &entry, int column) const;
    // A per-class delta column; classIndex counts from FirstClassColumn.
    QVariant classData(const DiffEntry &entry, int classIndex, int role) const;
    QVariant rowData(const DiffEntry &entry, int role) const;

    BranchDiff m_diff;
    QStringList m_classHashes;
    QStringList m_classNames;
};

} // namespace lb
