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
        ObjectChangesColumn, // filled only when setObjectChanges() was given them
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
    // Per data hash, what the write changes in the unit's objects (ObjectChanges).
    void setObjectChanges(const QHash<QString, QString> &changes);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CopyPlan m_plan;
    QHash<QString, QString> m_objectChanges;
};

} // namespace lb
