#include "dialogs/shortcutsdialog.h"
#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/classchartdock.h"
#include "docks/jobpanel.h"
#include "docks/metricsdock.h"
#include "docks/rowdetailspane.h"
#include "items/branchlistmodel.h"
#include "items/reviewlistmodel.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "widgets/icons.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QLocale>
#include <QMenuBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

namespace lb {

// --- docks and the review panel --------------------------------------------------------------------------

void MainWindow::createReviewPanel()
{
    m_reviewTab = new ReviewTab(m_jobs, this);
    m_compareTab->setReviewPanel(m_reviewTab);
    connect(m_reviewTab, &ReviewTab::errorOccurred, this, &MainWindow::showError);
    // Decisions are audited: an audit log in view shows them as they are taken.
    connect(m_reviewTab, &ReviewTab::decisionsSaved, this, [this] {
        if (m_auditDock && m_auditDock->isVisible())
            m_auditDock->reload();
    });
    // The page title carries the review's progress, so it is in sight from the Rows page too.
    connect(m_reviewTab->model(), &ReviewListModel::progressChanged, this,
            &MainWindow::updateCompareTabTitle);
    connect(m_compareTab, &CompareTab::reviewModeChanged, this, &MainWindow::updateCompareTabTitle);
    connect(m_reviewTab, &ReviewTab::writeStarted, this, [this] { showPanel(m_jobDock); });
    connect(m_reviewTab, &ReviewTab::writeFinished, this, [this](Job *job, const QStringList &affected) {
        if (job->state() != JobState::Failed)
            statusBar()->showMessage(job->resultSummary(), 8000);
        refreshAfterWrite(affected);
        Q_EMIT writeFinished(job);
    });
    // Review mode is a mode of the workspace: turning it on from anywhere shows the workspace.
    connect(m_compareTab->reviewModeAction(), &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_compareTab);
        if (m_compareTab->isReviewMode())
            m_reviewTab->view()->setFocus();
    });
}

void MainWindow::updateCompareTabTitle()
{
    const ReviewProgress &progress = m_reviewTab->model()->progress();
    const int index = m_tabs->indexOf(m_compareTab);
    if (m_compareTab->isReviewMode() && m_reviewTab->hasListing() && progress.total > 0)
        m_tabs->setTabText(
            index, tr("Review %1 of %2")
                       .arg(QLocale().toString(progress.decided), QLocale().toString(progress.total)));
    else
        m_tabs->setTabText(index, m_compareTab->isReviewMode() ? tr("Review") : tr("Compare"));
}

void MainWindow::showPanel(QDockWidget *dock)
{
    if (m_focusModeAction && m_focusModeAction->isChecked())
        return; // the canvas has the window until focus mode ends
    dock->show();
    dock->raise();
}

// A page without a saved layout: the Rows page with its panels, the workspace with none.
void MainWindow::applyDefaultLayout(const QString &page)
{
    const bool rows = page == QLatin1String("rows");
    for (QDockWidget *dock :
         {m_branchDock, m_detailsDock, m_jobDock, static_cast<QDockWidget *>(m_classChartDock),
          static_cast<QDockWidget *>(m_metricsDock), static_cast<QDockWidget *>(m_auditDock)})
        dock->setVisible(rows);
    if (!rows)
        return;
    // Dock sizes and tabs take only once the window is laid out.
    QTimer::singleShot(0, this, [this] {
        resizeDocks({m_branchDock, m_detailsDock}, {330, 300}, Qt::Horizontal);
        resizeDocks({m_jobDock}, {150}, Qt::Vertical);
        m_detailsDock->raise();
        m_jobDock->raise();
    });
}

void MainWindow::createDocks()
{
    m_branchPanel = new BranchPanel(m_branchModel, this);
    m_branchDock = new QDockWidget(tr("Branches"), this);
    m_branchDock->setObjectName(QStringLiteral("branchDock"));
    m_branchDock->setWidget(m_branchPanel);
    m_branchDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                              QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_branchDock);

    m_details = new RowDetailsPane(this);
    m_detailsDock = new QDockWidget(tr("Row Details"), this);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    // Scrolls in a short window instead of holding the window tall.
    auto *detailsScroll = new QScrollArea(this);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailsScroll->setWidget(m_details);
    m_detailsDock->setWidget(detailsScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);

    m_jobPanel = new JobPanel(m_jobs, this);
    m_jobDock = new QDockWidget(tr("Jobs"), this);
    m_jobDock->setObjectName(QStringLiteral("jobDock"));
    m_jobDock->setWidget(m_jobPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobDock);

    // The job panel runs the full width: its progress, rate and outcome columns need the room.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    resizeDocks({m_branchDock, m_detailsDock}, {350, 330}, Qt::Horizontal);
    resizeDocks({m_jobDock}, {170}, Qt::Vertical);
}

void MainWindow::createChartAndAuditDocks()
{
    const auto session = [this] { return m_session.get(); };
    m_classChartDock = new ClassChartDock(m_diffModel, m_compareTab->view(), m_jobs, session, this);
    addDockWidget(Qt::RightDockWidgetArea, m_classChartDock);
    tabifyDockWidget(m_detailsDock, m_classChartDock);
    m_metricsDock = new MetricsDock(m_diffModel, m_compareTab, m_jobs, session, this);
    tabifyDockWidget(m_classChartDock, m_metricsDock); // beside the class chart
    m_auditDock = new AuditLogDock(session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    tabifyDockWidget(m_jobDock, m_auditDock);
    connect(this, &MainWindow::projectOpened, m_auditDock, &AuditLogDock::reload);
    connect(this, &MainWindow::projectClosed, m_auditDock, &AuditLogDock::clear);
    connect(this, &MainWindow::projectClosed, m_classChartDock, &ClassChartDock::updateNow);
    connect(this, &MainWindow::projectClosed, m_metricsDock, &MetricsDock::clear);
}

// --- focus mode and the list of shortcuts ---------------------------------------------------------------

void MainWindow::setFocusMode(bool on)
{
    if (on == m_compareTab->isFocusMode()) {
        m_focusModeAction->setChecked(on);
        return;
    }
    m_focusModeAction->setChecked(on);
    if (on) {
        m_tabs->setCurrentWidget(m_compareTab);
        m_stateBeforeFocus = saveState();
        const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
        for (QDockWidget *dock : docks)
            dock->hide();
        const QList<QToolBar *> bars = findChildren<QToolBar *>();
        for (QToolBar *bar : bars)
            bar->hide();
        m_tabs->tabBar()->hide();
        m_compareTab->pairRow()->hide();
        statusBar()->hide();
    } else {
        restoreState(m_stateBeforeFocus);
        m_tabs->tabBar()->show();
        m_compareTab->pairRow()->show();
        statusBar()->show();
    }
    m_compareTab->setFocusMode(on);
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace lb
