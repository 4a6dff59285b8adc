#pragma once

#include "domain/copyrequest.h"

#include <QAbstractTableModel>

namespace lb {

// The dry-run plan of a copy as a table (data unit, action, reason, label hashes) for the Copy / Sync dialog.
class CopyPlanModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        ActionColumn,
        ReasonColumn,
        SourceLabelColumn,
        TargetLabelColumn,
        ColumnCount
    };
    enum Role
    {
        ActionRole = Qt::UserRole + 1,
        DataHashRole
    };

    explicit CopyPlanModel(QObject *parent = nullptr);

    void setPlan(const CopyPlan &plan);
    void clear();
    const CopyPlan &plan() const { return m_plan; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CopyPlan m_plan;
};

} // namespace lb
