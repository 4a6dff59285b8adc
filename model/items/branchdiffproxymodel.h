#pragma once

#include "diff/branchdiff.h"
#include "items/branchdiffmodel.h"

#include <QList>
#include <QSortFilterProxyModel>

namespace lb {

// Sorting and filtering of a BranchDiffModel for the Compare tab: "only differences", a text filter on the
// data title or data hash, and an optional status filter (clicking a count in the summary). Sorts by
// BranchDiffModel::SortRole, so numbers sort as numbers.
class BranchDiffProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit BranchDiffProxyModel(QObject *parent = nullptr);

    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_onlyDifferences; }
    // Case-insensitive "contains" on the data title or the data hash; empty shows every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    // Empty shows every status.
    void setStatusFilter(const QList<DiffStatus> &statuses);
    QList<DiffStatus> statusFilter() const { return m_statuses; }

    // For the n / p keys, in proxy rows.
    int nextDifferenceRow(int fromRow, bool wrap = true) const
    {
        return BranchDiffModel::findDifferenceRow(*this, fromRow, BranchDiffModel::Direction::Next, wrap);
    }
    int previousDifferenceRow(int fromRow, bool wrap = true) const
    {
        return BranchDiffModel::findDifferenceRow(*this, fromRow, BranchDiffModel::Direction::Previous, wrap);
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_onlyDifferences = false;
    QString m_text;
    QList<DiffStatus> m_statuses;
};

} // namespace lb
