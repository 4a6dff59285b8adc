#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/classchartdock.h"
#include "docks/jobpanel.h"
#include "docks/rowdetailspane.h"
#include "items/branchlistmodel.h"
#include "items/reviewlistmodel.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "widgets/icons.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

namespace lb {

// --- docks and the Review tab --------------------------------------------------------------------------

void MainWindow::createReviewTab()
{
    m_reviewTab = new ReviewTab(m_jobs, this);
    m_tabs->addTab(m_reviewTab, tr("Re&view"));
    connect(m_reviewTab, &ReviewTab::errorOccurred, this, &MainWindow::showError);
    connect(m_reviewTab, &ReviewTab::currentDataUnitChanged, this, &MainWindow::showReviewDetails);
    // Decisions are audited: an audit log in view shows them as they are taken.
    connect(m_reviewTab, &ReviewTab::decisionsSaved, this, [this] {
        if (m_auditDock && m_auditDock->isVisible())
            m_auditDock->reload();
    });
    // The tab title carries the review's progress, so it is in sight from the other tabs too.
    connect(m_reviewTab->model(), &ReviewListModel::progressChanged, this, [this] {
        const ReviewProgress &progress = m_reviewTab->model()->progress();
        m_tabs->setTabText(m_tabs->indexOf(m_reviewTab),
                           m_reviewTab->hasListing() && progress.total > 0
                               ? tr("Re&view (%1 of %2)").arg(progress.decided).arg(progress.total)
                               : tr("Re&view"));
    });
    connect(m_reviewTab, &ReviewTab::writeStarted, this, [this] { m_jobDock->show(); });
    connect(m_reviewTab, &ReviewTab::writeFinished, this, [this](Job *job, const QStringList &affected) {
        if (job->state() != JobState::Failed)
            statusBar()->showMessage(job->resultSummary(), 8000);
        refreshAfterWrite(affected);
        Q_EMIT writeFinished(job);
    });
    // The Review tab starts on the pair the user is comparing.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_reviewTab && m_session)
            m_reviewTab->offerPair(m_compareTab->source(), m_compareTab->target());
    });
    m_reviewTabAction = new QAction(icons::compare(), tr("Re&view Comparison"), this);
    m_reviewTabAction->setObjectName(QStringLiteral("reviewTabAction"));
    m_reviewTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    m_reviewTabAction->setToolTip(tr("Approve or reject the differences of the current comparison (Ctrl+5)"));
    connect(m_reviewTabAction, &QAction::triggered, this, [this] {
        if (!m_session)
            return;
        const QString source = m_compareTab->source();
        const QString target = m_compareTab->target();
        m_tabs->setCurrentWidget(m_reviewTab);
        if (!source.isEmpty() && !target.isEmpty() && source != target &&
            (source != m_reviewTab->source() || target != m_reviewTab->target() ||
             !m_reviewTab->hasListing()))
            m_reviewTab->setPair(source, target);
        m_reviewTab->view()->setFocus();
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
    m_detailsDock->setWidget(m_details);
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
    m_auditDock = new AuditLogDock(session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    tabifyDockWidget(m_jobDock, m_auditDock);
    // Row Details and Jobs stay in front on a first start; tabs come to the front only once the window is
    // laid out, and a saved layout (restored later in the constructor) keeps the user's choice.
    if (QSettings().value(QStringLiteral("mainWindow/state")).toByteArray().isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            m_detailsDock->raise();
            m_jobDock->raise();
        });
    }

    connect(this, &MainWindow::projectOpened, m_auditDock, &AuditLogDock::reload);
    connect(this, &MainWindow::projectClosed, m_auditDock, &AuditLogDock::clear);
    connect(this, &MainWindow::projectClosed, m_classChartDock, &ClassChartDock::updateNow);
}

} // namespace lb
