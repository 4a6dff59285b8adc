#include "items/branchlistmodel.h"

#include "domain/branchname.h"
#include "items/plaintext.h"
#include "store/store.h"

#include <algorithm>
#include <QLocale>

namespace lb {

namespace {

QString kindOf(const BranchInfo &branch)
{
    if (branch.isMain())
        return QStringLiteral("main");
    return branch.isSnapshot ? QStringLiteral("snapshot") : QStringLiteral("branch");
}

double initialisedFraction(const BranchInfo &branch, int dataUnitCount)
{
    if (dataUnitCount <= 0)
        return 0.0;
    return qBound(0.0, double(branch.rowCount) / double(dataUnitCount), 1.0);
}

QString formatTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return QString();
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

// main is pinned on top whatever the store returned; the rest by name, as the store promises.
void orderBranches(QList<BranchInfo> &branches)
{
    std::stable_sort(branches.begin(), branches.end(), [](const BranchInfo &a, const BranchInfo &b) {
        if (a.isMain() != b.isMain())
            return a.isMain();
        return false;
    });
}

bool sameNamesInOrder(const QList<BranchInfo> &a, const QList<BranchInfo> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).name != b.at(i).name)
            return false;
    }
    return true;
}

} // namespace

BranchListModel::BranchListModel(QObject *parent) : QAbstractTableModel(parent) {}

Result<BranchTotals> BranchListModel::readTotals(Store &store)
{
    Result<QList<BranchInfo>> branches = store.branches();
    if (!branches.ok())
        return branches.takeError();
    RowQuery allUnits;
    allUnits.branch = kMainBranch;
    allUnits.includeUninitialised = true;
    Result<int> units = store.countRows(allUnits);
    if (!units.ok())
        return units.takeError();
    return BranchTotals{std::move(branches).value(), units.value()};
}

Result<void> BranchListModel::reload(Store &store)
{
    Result<BranchTotals> totals = readTotals(store);
    if (!totals.ok()) {
        Q_EMIT loadFailed(totals.error());
        return totals.takeError();
    }
    setBranches(std::move(totals->branches), totals->dataUnitCount);
    return {};
}

void BranchListModel::setBranches(QList<BranchInfo> branches, int dataUnitCount)
{
    orderBranches(branches);
    if (sameNamesInOrder(m_branches, branches)) {
        m_branches = std::move(branches);
        m_dataUnitCount = dataUnitCount;
        if (!m_branches.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_branches.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_branches = std::move(branches);
    m_dataUnitCount = dataUnitCount;
    endResetModel();
}

void BranchListModel::setBranchesWithoutTotals(QList<BranchInfo> branches)
{
    for (BranchInfo &branch : branches) {
        if (branch.totalsKnown)
            continue;
        const int row = rowOf(branch.name);
        if (row < 0 || !m_branches.at(row).totalsKnown)
            continue;
        const BranchInfo &shown = m_branches.at(row);
        branch.rowCount = shown.rowCount;
        branch.objectCount = shown.objectCount;
        branch.lastEditedAt = shown.lastEditedAt;
        branch.totalsKnown = true;
    }
    setBranches(std::move(branches), m_dataUnitCount);
}

void BranchListModel::clear()
{
    beginResetModel();
    m_branches.clear();
    m_dataUnitCount = 0;
    endResetModel();
}

int BranchListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_branches.size());
}

int BranchListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BranchInfo *BranchListModel::branchAt(int row) const
{
    return row >= 0 && row < m_branches.size() ? &m_branches.at(row) : nullptr;
}

int BranchListModel::rowOf(const QString &branchName) const
{
    for (qsizetype i = 0; i < m_branches.size(); ++i) {
        if (m_branches.at(i).name == branchName)
            return int(i);
    }
    return -1;
}

QStringList BranchListModel::branchNames() const
{
    QStringList names;
    names.reserve(m_branches.size());
    for (const BranchInfo &branch : m_branches)
        names.append(branch.name);
    return names;
}

QVariant BranchListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const BranchInfo &branch = m_branches.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(branch, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(branch));
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RowCountColumn:
        case InitialisedColumn:
        case ObjectCountColumn:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return QVariant();
    case SortRole:
        return sortData(branch, index.column());
    }
    return rowData(branch, role);
}

QVariant BranchListModel::displayData(const BranchInfo &branch, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return branch.name;
    }
    if (!branch.totalsKnown && column != CreatedFromColumn)
        return QStringLiteral("…");
    switch (column) {
    case RowCountColumn:
        return locale.toString(branch.rowCount);
    case InitialisedColumn:
        if (m_dataUnitCount <= 0)
            return QString();
        return QStringLiteral("%1%").arg(qRound(initialisedFraction(branch, m_dataUnitCount) * 100.0));
    case ObjectCountColumn:
        return locale.toString(branch.objectCount);
    case LastEditedColumn:
        return formatTime(branch.lastEditedAt);
    case CreatedFromColumn:
        return branch.createdFrom;
    }
    return QVariant();
}

QString BranchListModel::toolTip(const BranchInfo &branch) const
{
    const QLocale locale;
    QString tip = branch.name;
    if (branch.isMain())
        tip += QStringLiteral(" (the project's main branch)");
    else if (branch.isSnapshot)
        tip += QStringLiteral(" (snapshot)");
    if (branch.totalsKnown)
        tip += QStringLiteral("\n%1 of %2 data units initialised, %3 objects")
                   .arg(locale.toString(branch.rowCount), locale.toString(m_dataUnitCount),
                        locale.toString(branch.objectCount));
    else
        tip += QStringLiteral("\ncounting its rows…");
    if (!branch.createdFrom.isEmpty())
        tip += QStringLiteral("\ncreated from %1").arg(branch.createdFrom);
    if (branch.createdAt.isValid())
        tip += QStringLiteral("\ncreated %1").arg(formatTime(branch.createdAt));
    return tip;
}

QVariant BranchListModel::sortData(const BranchInfo &branch, int column) const
{
    switch (column) {
    case NameColumn:
        // The lowest key for main keeps it on top when the view sorts by name ascending.
        return branch.isMain() ? QString() : branch.name.toLower();
    case RowCountColumn:
        return branch.rowCount;
    case InitialisedColumn:
        return initialisedFraction(branch, m_dataUnitCount);
    case ObjectCountColumn:
        return branch.objectCount;
    case LastEditedColumn:
        return branch.lastEditedAt;
    case CreatedFromColumn:
        return branch.createdFrom.toLower();
    }
    return QVariant();
}

QVariant BranchListModel::rowData(const BranchInfo &branch, int role) const
{
    switch (role) {
    case BranchNameRole:
        return branch.name;
    case IsMainRole:
        return branch.isMain();
    case IsSnapshotRole:
        return branch.isSnapshot;
    case KindRole:
        return kindOf(branch);
    case RowCountRole:
        return branch.rowCount;
    case DataUnitCountRole:
        return m_dataUnitCount;
    case InitialisedFractionRole:
        return initialisedFraction(branch, m_dataUnitCount);
    case ObjectCountRole:
        return branch.objectCount;
    case LastEditedRole:
        return branch.lastEditedAt;
    case CreatedAtRole:
        return branch.createdAt;
    case CreatedFromRole:
        return branch.createdFrom;
    }
    return QVariant();
}

QVariant BranchListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return QStringLiteral("Branch");
    case RowCountColumn:
        return QStringLiteral("Rows");
    case InitialisedColumn:
        return QStringLiteral("Initialised");
    case ObjectCountColumn:
        return QStringLiteral("Objects");
    case LastEditedColumn:
        return QStringLiteral("Last edited");
    case CreatedFromColumn:
        return QStringLiteral("Created from");
    }
    return QVariant();
}

Qt::ItemFlags BranchListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> BranchListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(BranchNameRole, "branchName");
    names.insert(IsMainRole, "isMain");
    names.insert(IsSnapshotRole, "isSnapshot");
    names.insert(KindRole, "kind");
    names.insert(RowCountRole, "rowCount");
    names.insert(DataUnitCountRole, "dataUnitCount");
    names.insert(InitialisedFractionRole, "initialisedFraction");
    names.insert(ObjectCountRole, "objectCount");
    names.insert(LastEditedRole, "lastEdited");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(CreatedFromRole, "createdFrom");
    return names;
}

} // namespace lb
