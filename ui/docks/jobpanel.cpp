#include "docks/jobpanel.h"

#include "delegates/jobprogressdelegate.h"
#include "items/jobsmodel.h"
#include "jobs/jobmanager.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

JobPanel::JobPanel(JobManager *manager, QWidget *parent) : QWidget(parent), m_manager(manager)
{
    setObjectName(QStringLiteral("jobPanel"));
    m_model = new JobsModel(manager, this);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("jobView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 14);
    m_view->setAccessibleName(tr("Jobs"));
    m_delegate = new JobProgressDelegate(m_view);
    m_view->setItemDelegateForColumn(JobsModel::ProgressColumn, m_delegate);
    // The bar already says done / total; the separate column would only repeat it.
    m_view->setColumnHidden(JobsModel::DoneColumn, true);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    m_view->setColumnWidth(JobsModel::TitleColumn, 330);
    m_view->setColumnWidth(JobsModel::StateColumn, 90);
    m_view->setColumnWidth(JobsModel::ProgressColumn, 300);
    m_view->setColumnWidth(JobsModel::BatchesColumn, 90);
    m_view->setColumnWidth(JobsModel::RateColumn, 100);
    m_view->setColumnWidth(JobsModel::EtaColumn, 60);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_delegate, &JobProgressDelegate::cancelRequested, this, [this](qint64 id) {
        if (m_manager)
            m_manager->cancel(id);
    });

    m_cancelAction = new QAction(tr("Cancel &Job"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelJobAction"));
    m_cancelAction->setShortcut(QKeySequence::Delete);
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cancelAction, &QAction::triggered, this, &JobPanel::cancelSelected);
    m_clearAction = new QAction(tr("C&lear Finished Jobs"), this);
    m_clearAction->setObjectName(QStringLiteral("clearJobsAction"));
    connect(m_clearAction, &QAction::triggered, m_manager, &JobManager::clearFinished);
    m_view->addAction(m_cancelAction);
    m_view->addAction(m_clearAction);

    auto *cancelButton = new QToolButton(this);
    cancelButton->setDefaultAction(m_cancelAction);
    auto *clearButton = new QToolButton(this);
    clearButton->setDefaultAction(m_clearAction);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addWidget(clearButton);
    buttons->addStretch(1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &JobPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        // Follow the newest job so what was just started is in view.
        m_view->scrollTo(m_model->index(last, 0));
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobPanel::updateActions);
    updateActions();
}

void JobPanel::cancelSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        if (m_manager)
            m_manager->cancel(row.data(JobsModel::JobIdRole).toLongLong());
    }
}

void JobPanel::updateActions()
{
    bool canCancel = false;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        canCancel = canCancel || row.data(JobsModel::CanCancelRole).toBool();
    m_cancelAction->setEnabled(canCancel);
    m_clearAction->setEnabled(m_manager && m_manager->jobs().size() > m_manager->activeCount());
}

} // namespace lb
