#include "dialogs/copyplanmodel.h"

#include "items/plaintext.h"

#include <QBrush>
#include <QColor>

namespace lb {

namespace {

QString actionDisplay(const CopyPlanItem &item)
{
    if (item.identical)
        return CopyPlanModel::tr("Unchanged");
    switch (item.action) {
    case PlanAction::Create:
        return CopyPlanModel::tr("Create");
    case PlanAction::Replace:
        return CopyPlanModel::tr("Replace");
    case PlanAction::Skip:
        return CopyPlanModel::tr("Skip");
    }
    return QString();
}

QColor actionColor(const CopyPlanItem &item)
{
    if (item.identical)
        return QColor(QStringLiteral("#605e5c"));
    switch (item.action) {
    case PlanAction::Create:
        return QColor(QStringLiteral("#107c10"));
    case PlanAction::Replace:
        return QColor(QStringLiteral("#c43e1c"));
    case PlanAction::Skip:
        return QColor(QStringLiteral("#605e5c"));
    }
    return QColor();
}

} // namespace

CopyPlanModel::CopyPlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void CopyPlanModel::setPlan(const CopyPlan &plan, PageReader reader)
{
    beginResetModel();
    m_plan = plan;
    m_reader = std::move(reader);
    m_pages.clear();
    m_recentPages.clear();
    endResetModel();
}

const CopyPlanItem *CopyPlanModel::itemAt(int row) const
{
    if (!m_plan.itemsPaged)
        return &m_plan.items.at(row);
    const int page = row / kPageSize;
    auto cached = m_pages.constFind(page);
    if (cached == m_pages.cend()) {
        Result<QList<CopyPlanItem>> read = m_reader ? m_reader(page * kPageSize, kPageSize)
                                                    : Result<QList<CopyPlanItem>>(QList<CopyPlanItem>());
        if (m_recentPages.size() >= kCachedPages)
            m_pages.remove(m_recentPages.takeFirst());
        // A failed read (or a branch changed since the plan) shows an empty page rather than stale rows.
        cached = m_pages.insert(page, read ? std::move(read.value()) : QList<CopyPlanItem>());
    } else {
        m_recentPages.removeOne(page);
    }
    m_recentPages.append(page);
    const qsizetype index = row - qsizetype(page) * kPageSize;
    return index < cached->size() ? &cached->at(index) : nullptr;
}

void CopyPlanModel::setObjectChanges(const QHash<QString, QString> &changes)
{
    beginResetModel();
    m_objectChanges = changes;
    endResetModel();
}

void CopyPlanModel::clear()
{
    setPlan(CopyPlan());
}

int CopyPlanModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_plan.itemsPaged ? m_plan.itemCount() : int(m_plan.items.size());
}

int CopyPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CopyPlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const CopyPlanItem *found = itemAt(index.row());
    if (!found)
        return QVariant();
    const CopyPlanItem &item = *found;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return item.dataTitle.isEmpty() ? item.dataHash : item.dataTitle;
        case ActionColumn:
            return actionDisplay(item);
        case ReasonColumn:
            return item.reason;
        case SourceLabelColumn:
            return item.sourceLabelHash.isEmpty() ? tr("—") : item.sourceLabelHash;
        case TargetLabelColumn:
            return item.targetLabelHash.isEmpty() ? tr("—") : item.targetLabelHash;
        case ObjectChangesColumn:
            return m_objectChanges.value(item.dataHash);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ActionColumn)
            return QBrush(actionColor(item));
        break;
    case Qt::ToolTipRole:
        if (index.column() == ObjectChangesColumn && m_objectChanges.contains(item.dataHash))
            return plainText(tr("%1\n+ added, − removed, ~ edited on the target")
                                 .arg(m_objectChanges.value(item.dataHash)));
        return plainText(tr("%1\ndata hash %2").arg(item.dataTitle, item.dataHash));
    case ActionRole:
        return int(item.action);
    case DataHashRole:
        return item.dataHash;
    }
    return QVariant();
}

QVariant CopyPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Data unit");
    case ActionColumn:
        return tr("Action");
    case ReasonColumn:
        return tr("Reason");
    case SourceLabelColumn:
        return tr("Source label hash");
    case TargetLabelColumn:
        return tr("Target label hash");
    case ObjectChangesColumn:
        return tr("Object changes on the target");
    }
    return QVariant();
}

} // namespace lb
