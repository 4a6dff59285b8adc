#include "items/branchdiffproxymodel.h"

namespace lb {

BranchDiffProxyModel::BranchDiffProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(BranchDiffModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Without this a view showing the proxy would not follow rows the model adds later in a sorted position.
    setDynamicSortFilter(true);
}

void BranchDiffProxyModel::setOnlyDifferences(bool only)
{
    if (m_onlyDifferences == only)
        return;
    m_onlyDifferences = only;
    invalidateFilter();
}

void BranchDiffProxyModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void BranchDiffProxyModel::setStatusFilter(const QList<DiffStatus> &statuses)
{
    if (m_statuses == statuses)
        return;
    m_statuses = statuses;
    invalidateFilter();
}

bool BranchDiffProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (!model)
        return false;
    const QModelIndex index = model->index(sourceRow, 0, sourceParent);
    if (m_onlyDifferences && !index.data(BranchDiffModel::IsDifferenceRole).toBool())
        return false;
    if (!m_statuses.isEmpty()) {
        const auto status = DiffStatus(index.data(BranchDiffModel::DiffStatusRole).toInt());
        if (!m_statuses.contains(status))
            return false;
    }
    if (!m_text.isEmpty()) {
        const QString title = index.data(BranchDiffModel::TitleRole).toString();
        const QString dataHash = index.data(BranchDiffModel::DataHashRole).toString();
        if (!title.contains(m_text, Qt::CaseInsensitive) && !dataHash.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace lb
