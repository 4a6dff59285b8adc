#pragma once

#include "domain/branchinfo.h"
#include "domain/result.h"

#include <QAbstractTableModel>
#include <QList>

namespace lb {

class Store;

// What BranchListModel::readTotals() reads: every branch with its totals, and the project's data units.
struct BranchTotals
{
    QList<BranchInfo> branches;
    int dataUnitCount = 0;
};

// The branch panel: one row per branch, main first (pinned), then by name. Snapshot branches are marked by a
// role so the view can give them their own icon. A reload that keeps the same branches in the same order only
// updates values, which keeps the view's selection.
//
// The totals (rows, objects, last edit) take a pass over every row of every branch, too long for the GUI
// thread at 500,000 data units. So a window lists the branches without them first (setBranchesWithoutTotals:
// a branch it already showed keeps its last totals, a new one shows "…") and sets what a job read later.
class BranchListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        RowCountColumn,
        InitialisedColumn,
        ObjectCountColumn,
        LastEditedColumn,
        CreatedFromColumn,
        ColumnCount
    };

    enum Role
    {
        BranchNameRole = Qt::UserRole + 1,
        IsMainRole,              // bool
        IsSnapshotRole,          // bool
        KindRole,                // "main", "snapshot" or "branch": the view maps it to an icon
        RowCountRole,            // int: initialised label rows
        DataUnitCountRole,       // int: data units of the project (rows including uninitialised ones)
        InitialisedFractionRole, // double 0..1
        ObjectCountRole,         // int
        LastEditedRole,          // QDateTime (UTC), invalid for an empty branch
        CreatedAtRole,           // QDateTime (UTC)
        CreatedFromRole,         // QString
        SortRole                 // numeric or lower-case text per column
    };

    explicit BranchListModel(QObject *parent = nullptr);

    // Reads the branches and the data-unit count from `store` (on the calling thread). On failure the model
    // keeps what it showed and the error is returned (and emitted).
    Result<void> reload(Store &store);
    // Reads the branches with their totals and the data-unit count; for a job's worker.
    static Result<BranchTotals> readTotals(Store &store);
    // For loading in a job: sets what a worker read.
    void setBranches(QList<BranchInfo> branches, int dataUnitCount);
    // Sets a list from Store::branchesWithoutTotals(), keeping the totals already shown for the same names.
    void setBranchesWithoutTotals(QList<BranchInfo> branches);
    void clear();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<BranchInfo> &branches() const { return m_branches; }
    const BranchInfo *branchAt(int row) const;
    int rowOf(const QString &branchName) const; // -1 when unknown
    QStringList branchNames() const;
    int dataUnitCount() const { return m_dataUnitCount; }

Q_SIGNALS:
    void loadFailed(const QString &message);

private:
    QVariant displayData(const BranchInfo &branch, int column) const;
    QString toolTip(const BranchInfo &branch) const;
    QVariant sortData(const BranchInfo &branch, int column) const;
    QVariant rowData(const BranchInfo &branch, int role) const; // the model's own roles

    QList<BranchInfo> m_branches;
    int m_dataUnitCount = 0;
};

} // namespace lb

Q_DECLARE_METATYPE(lb::BranchTotals)
