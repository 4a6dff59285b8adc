#pragma once

#include "domain/copyrequest.h"
#include "domain/result.h"

#include <functional>
#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace lb {

// The dry-run plan of a copy as a table (data unit, action, reason, label hashes) for the Copy / Sync dialog.
// A plan whose items are read by position (CopyPlan::itemsPaged) has a row for each of them and reads a
// page of items when a row of it is first shown, keeping the pages used last.
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

    static constexpr int kPageSize = 200;
    static constexpr int kCachedPages = 16;

    // Items [offset, offset + limit) of the plan given to setPlan().
    using PageReader = std::function<Result<QList<CopyPlanItem>>(int offset, int limit)>;

    explicit CopyPlanModel(QObject *parent = nullptr);

    // `reader` is needed when the plan's items are paged.
    void setPlan(const CopyPlan &plan, PageReader reader = {});
    void clear();
    const CopyPlan &plan() const { return m_plan; }
    // Per data hash, what the write changes in the unit's objects (ObjectChanges).
    void setObjectChanges(const QHash<QString, QString> &changes);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // The item of `row`, read with its page when needed; nullptr when that read failed.
    const CopyPlanItem *itemAt(int row) const;

    CopyPlan m_plan;
    PageReader m_reader;
    mutable QHash<int, QList<CopyPlanItem>> m_pages;
    mutable QList<int> m_recentPages; // least recently used first
    QHash<QString, QString> m_objectChanges;
};

} // namespace lb
