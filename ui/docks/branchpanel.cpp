#include "docks/branchpanel.h"

#include "delegates/branchitemdelegate.h"
#include "items/branchlistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace lb {

BranchPanel::BranchPanel(BranchListModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("branchPanel"));
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("branchView"));
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegate(new BranchItemDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Branches"));
    // The model keeps main first; letting the header re-sort would unpin it.
    m_view->setSortingEnabled(false);
    // Narrow by default so the rows get the room; the header's menu brings the other columns back, and the
    // tooltip of a branch says all of it.
    m_view->setColumnHidden(BranchListModel::InitialisedColumn, true);
    m_view->setColumnHidden(BranchListModel::ObjectCountColumn, true);
    m_view->setColumnHidden(BranchListModel::CreatedFromColumn, true);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(BranchListModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(BranchListModel::RowCountColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(BranchListModel::InitialisedColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(BranchListModel::LastEditedColumn, QHeaderView::ResizeToContents);
    // The branch names are what the panel is for: below this width the stretching name column would be
    // squeezed to nothing by the count column (the date scrolls into view in a narrow panel).
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setMinimumWidth(metrics.horizontalAdvance(QStringLiteral("export-2026-11-20")) +
                            metrics.horizontalAdvance(QStringLiteral("88888")) + 60);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &BranchPanel::showColumnMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_view, &QWidget::customContextMenuRequested, this, &BranchPanel::showContextMenu);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT branchActivated(index.data(BranchListModel::BranchNameRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BranchPanel::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                const QString name = index.data(BranchListModel::BranchNameRole).toString();
                if (name == m_current || name.isEmpty())
                    return;
                m_current = name;
                Q_EMIT currentBranchChanged(name);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Keep the branch the user was on when the list is reloaded, if it still exists.
        const QString previous = m_current;
        m_current.clear();
        const int row = m_model->rowOf(previous);
        selectBranch(row >= 0 ? previous : QStringLiteral("main"));
    });
}

void BranchPanel::showColumnMenu(const QPoint &pos)
{
    // Let the user bring back the columns hidden to save width.
    QMenu menu(this);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        if (column == BranchListModel::NameColumn)
            continue;
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(column));
        connect(action, &QAction::toggled, this,
                [this, column](bool on) { m_view->setColumnHidden(column, !on); });
    }
    menu.exec(m_view->header()->mapToGlobal(pos));
}

QString BranchPanel::currentBranch() const
{
    return m_current;
}

QStringList BranchPanel::selectedBranches() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QStringList names;
    for (int row : rows)
        names.append(m_model->index(row, 0).data(BranchListModel::BranchNameRole).toString());
    return names;
}

void BranchPanel::selectBranch(const QString &name)
{
    selectBranches({name});
}

void BranchPanel::selectBranches(const QStringList &names)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &name : names) {
        const int row = m_model->rowOf(name);
        if (row < 0)
            continue;
        const QModelIndex index = m_model->index(row, 0);
        if (!first.isValid())
            first = index;
        selection.select(index, m_model->index(row, m_model->columnCount() - 1));
    }
    if (!first.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    const QString name = first.data(BranchListModel::BranchNameRole).toString();
    if (name != m_current) {
        m_current = name;
        Q_EMIT currentBranchChanged(name);
    }
}

void BranchPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row(), QModelIndex()))
        selectBranch(index.data(BranchListModel::BranchNameRole).toString());
    if (m_menu && index.isValid())
        m_menu->exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace lb
