#include "window/mainwindow.h"

#include "demo/demogenerator.h"
#include "dialogs/connectdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/renamebranchdialog.h"
#include "dialogs/snapshotdialog.h"
#include "dialogs/undodialog.h"
#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/classchartdock.h"
#include "docks/jobpanel.h"
#include "docks/rowdetailspane.h"
#include "domain/branchname.h"
#include "engine/engine.h"
#include "items/branchdiffmodel.h"
#include "items/branchdiffproxymodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "items/reviewlistmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "tabs/rowstab.h"
#include "widgets/errorbanner.h"
#include "widgets/icons.h"
#include "window/connectionprofiles.h"
#include "window/demoprojectcreator.h"
#include "window/recentprojects.h"
#include "window/startupproject.h"
#include "window/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kCompareViewKey = QStringLiteral("compare");
const QString kPlanViewKey = QStringLiteral("copy-plan");
// Up to this many data units a dry run takes a few milliseconds, so the dialog plans on the GUI thread
// instead of filling the job panel with plan jobs.
constexpr int kInlinePlanLimit = 5000;
// Pause before reading a row's content, so scrolling through rows with the arrow keys stays fluid.
constexpr int kContentDelayMs = 60;

QString copyOutcome(const CopyResult &r, const QString &verb, const QString &target)
{
    QString text = MainWindow::tr("%1 rows %2 to %3 (%4 created, %5 replaced, %6 skipped)")
                       .arg(QLocale().toString(r.count), verb, target)
                       .arg(r.created)
                       .arg(r.replaced)
                       .arg(r.skipped);
    if (r.cancelled)
        text = MainWindow::tr("Cancelled after %1 of %2 batches: %3")
                   .arg(r.batchesDone)
                   .arg(r.batchesTotal)
                   .arg(text);
    return text;
}

Result<JobResult> copyJobResult(Result<CopyResult> result, const QString &verb, const QString &target)
{
    if (!result)
        return result.takeError();
    JobResult out;
    out.summary = copyOutcome(result.value(), verb, target);
    out.cancelled = result->cancelled;
    out.value = QVariant::fromValue(result.value());
    return out;
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("labelbranch"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks);

    m_jobs = new JobManager(this);
    m_demoCreator = new DemoProjectCreator(this);
    m_branchModel = new BranchListModel(this);
    m_rowModel = new LabelRowTableModel(this);
    m_diffModel = new BranchDiffModel(this);
    m_diffProxy = new BranchDiffProxyModel(this);
    m_diffProxy->setSourceModel(m_diffModel);

    m_welcome = new WelcomePage(this);
    m_banner = new ErrorBanner(this);
    m_rowsTab = new RowsTab(m_rowModel, this);
    m_compareTab = new CompareTab(m_diffModel, m_diffProxy, this);
    m_compareTab->setJobManager(m_jobs);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_rowsTab, tr("&Rows"));
    m_tabs->addTab(m_compareTab, icons::compare(), tr("C&ompare"));
    createReviewTab();

    m_projectPage = new QWidget(this);
    auto *projectLayout = new QVBoxLayout(m_projectPage);
    projectLayout->setContentsMargins(0, 0, 0, 0);
    projectLayout->setSpacing(2);
    projectLayout->addWidget(m_banner);
    projectLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_projectPage);
    setCentralWidget(m_stack);

    m_contentTimer = new QTimer(this);
    m_contentTimer->setSingleShot(true);
    m_contentTimer->setInterval(kContentDelayMs);
    connect(m_contentTimer, &QTimer::timeout, this, &MainWindow::loadRowContent);

    createDocks();
    createChartAndAuditDocks();
    createActions();
    createMenus();
    createToolBar();

    m_projectLabel = new QLabel(this);
    m_projectLabel->setObjectName(QStringLiteral("projectStatusLabel"));
    m_jobsLabel = new QLabel(this);
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_jobsLabel);

    connect(m_welcome, &WelcomePage::openFileRequested, this, &MainWindow::openFileDialog);
    connect(m_welcome, &WelcomePage::connectEncordRequested, this, [this] { showConnectDialog(); });
    connect(m_welcome, &WelcomePage::openRecentRequested, this, &MainWindow::openProject);
    connect(m_welcome, &WelcomePage::createDemoRequested, this,
            [this] { createDemoProject(StartupProject::defaultDemoPath()); });
    connect(m_branchPanel, &BranchPanel::currentBranchChanged, this, &MainWindow::onCurrentBranchChanged);
    connect(m_branchPanel, &BranchPanel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_branchPanel, &BranchPanel::branchActivated, this,
            [this] { m_tabs->setCurrentWidget(m_rowsTab); });
    connect(m_branchModel, &BranchListModel::loadFailed, this, &MainWindow::showError);
    connect(m_rowModel, &LabelRowTableModel::errorOccurred, this, &MainWindow::showError);
    connect(m_rowModel, &LabelRowTableModel::totalCountChanged, this, &MainWindow::updateRowsTabTitle);
    connect(m_rowsTab, &RowsTab::currentRowChanged, this, &MainWindow::onCurrentRowChanged);
    connect(m_rowsTab, &RowsTab::copySelectedRequested, this, [this](const QStringList &hashes) {
        showCopyDialog(CopyDialog::Mode::Copy, currentBranch(), QString(), hashes);
    });
    connect(m_rowsTab, &RowsTab::syncSelectedRequested, this, [this](const QStringList &hashes) {
        showCopyDialog(CopyDialog::Mode::Sync, currentBranch(), QString(), hashes);
    });
    connect(m_compareTab, &CompareTab::compareRequested, this, &MainWindow::runDiff);
    connect(m_compareTab, &CompareTab::currentDataUnitChanged, this, &MainWindow::showCompareDetails);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        // The first visit to Compare shows something right away instead of an empty table.
        if (m_tabs->currentWidget() == m_compareTab && m_session && !m_diffRequested)
            m_compareTab->compareNow();
        updateActions();
    });
    connect(m_jobs, &JobManager::activeCountChanged, this, &MainWindow::updateStatus);
    connect(m_demoCreator, &DemoProjectCreator::progressChanged, this, [this](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        m_welcome->showBusy(tr("Creating the demo project… %1%").arg(percent));
    });
    connect(m_demoCreator, &DemoProjectCreator::succeeded, this, &MainWindow::openProject);
    connect(m_demoCreator, &DemoProjectCreator::failed, this, &MainWindow::showError);

    m_welcome->setRecentProjects(RecentProjects::list());
    restoreSettings();
    updateRecentMenu();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Workers read the session's store through their own connections; stop them before the store goes.
    m_demoCreator->cancel();
    m_demoCreator->waitForFinished();
    m_jobs->setStore(nullptr);
    m_rowModel->setStore(nullptr);
    // The job panel watches the job manager; it goes first so it never sees a half-destroyed manager.
    delete m_jobDock;
    m_jobDock = nullptr;
    m_jobPanel = nullptr;
}

// --- construction ------------------------------------------------------------------------------------

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

    const auto setUpToggle = [](QDockWidget *dock, const QString &name, const QKeySequence &keys) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setObjectName(name);
        toggle->setShortcut(keys);
        toggle->setToolTip(tr("Show or hide the %1 panel (%2)").arg(dock->windowTitle(), keys.toString()));
        // A tabified dock that is switched on should come to the front, not stay behind its neighbour. On
        // triggered, not toggled: the dock shows itself on triggered, and raising a hidden dock does nothing.
        connect(toggle, &QAction::triggered, dock, [dock](bool on) {
            if (on)
                dock->raise();
        });
    };
    setUpToggle(m_classChartDock, QStringLiteral("classChartDockAction"),
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    setUpToggle(m_auditDock, QStringLiteral("auditLogDockAction"),
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(this, &MainWindow::projectOpened, m_auditDock, &AuditLogDock::reload);
    connect(this, &MainWindow::projectClosed, m_auditDock, &AuditLogDock::clear);
    connect(this, &MainWindow::projectClosed, m_classChartDock, &ClassChartDock::updateNow);
}

void MainWindow::createActions()
{
    auto make = [this](const QString &name, const QIcon &icon, const QString &text,
                       const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(icon, text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };

    m_openAction = make(QStringLiteral("openAction"), icons::open(), tr("&Open Project…"), QKeySequence::Open,
                        &MainWindow::openFileDialog);
    m_openAction->setToolTip(tr("Open a project file (Ctrl+O)"));
    m_connectAction = make(QStringLiteral("connectAction"), QIcon(), tr("Connect to &Encord…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this] { showConnectDialog(); });
    m_connectAction->setToolTip(
        tr("Open a live Encord project with its project ID and your SSH key (Ctrl+Shift+O)"));
    m_newDemoAction = make(QStringLiteral("newDemoAction"), QIcon(), tr("Create &Demo Project…"),
                           QKeySequence(), &MainWindow::newDemoProjectDialog);
    m_importAction = make(QStringLiteral("importAction"), icons::importFile(), tr("&Import Encord JSON…"),
                          QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::showImportDialog);
    m_closeAction = make(QStringLiteral("closeAction"), QIcon(), tr("&Close Project"), QKeySequence::Close,
                         &MainWindow::closeProject);
    m_quitAction =
        make(QStringLiteral("quitAction"), QIcon(), tr("&Quit"), QKeySequence::Quit, &QWidget::close);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_undoAction = make(QStringLiteral("undoAction"), icons::undo(), tr("&Undo Last Write…"),
                        QKeySequence::Undo, &MainWindow::showUndoDialog);
    m_undoAction->setToolTip(tr("Undo the last copy, sync, snapshot or import (Ctrl+Z)"));

    m_compareAction = make(QStringLiteral("compareAction"), icons::compare(), tr("&Compare"),
                           QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::compareFromSelection);
    m_compareAction->setToolTip(
        tr("Compare the two selected branches, or main with the selected one (Ctrl+D)"));
    m_compareWithMainAction = make(QStringLiteral("compareWithMainAction"), QIcon(), tr("Compare with &Main"),
                                   QKeySequence(), &MainWindow::compareWithMain);
    m_snapshotAction = make(QStringLiteral("snapshotAction"), icons::snapshot(), tr("&Snapshot…"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { showSnapshotDialog(); });
    m_snapshotAction->setToolTip(
        tr("Copy every row of the selected branch to a new snapshot branch (Ctrl+Shift+S)"));
    m_copyToAction =
        make(QStringLiteral("copyToAction"), icons::copy(), tr("Cop&y to…"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
             [this] { showCopyDialog(CopyDialog::Mode::Copy, currentBranch(), QString(), QStringList()); });
    m_syncToAction =
        make(QStringLiteral("syncToAction"), icons::sync(), tr("Sy&nc to…"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y),
             [this] { showCopyDialog(CopyDialog::Mode::Sync, currentBranch(), QString(), QStringList()); });
    m_renameAction = make(QStringLiteral("renameAction"), QIcon(), tr("&Rename…"), QKeySequence(Qt::Key_F2),
                          &MainWindow::showRenameDialog);
    m_renameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteAction = make(QStringLiteral("deleteAction"), QIcon(), tr("&Delete…"), QKeySequence::Delete,
                          &MainWindow::confirmDeleteBranch);
    // Delete and F2 act on the branch list only; elsewhere those keys belong to the focused widget.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_branchPanel->view()->addAction(m_renameAction);
    m_branchPanel->view()->addAction(m_deleteAction);

    m_refreshAction = make(QStringLiteral("refreshAction"), icons::refresh(), tr("&Refresh"),
                           QKeySequence::Refresh, &MainWindow::refresh);
    m_rowsTabAction = make(QStringLiteral("rowsTabAction"), QIcon(), tr("&Rows"),
                           QKeySequence(Qt::CTRL | Qt::Key_1), [this] {
                               m_tabs->setCurrentWidget(m_rowsTab);
                               m_rowsTab->view()->setFocus();
                           });
    m_compareTabAction = make(QStringLiteral("compareTabAction"), QIcon(), tr("C&ompare"),
                              QKeySequence(Qt::CTRL | Qt::Key_2), [this] {
                                  m_tabs->setCurrentWidget(m_compareTab);
                                  m_compareTab->view()->setFocus();
                              });
    m_focusBranchesAction = make(QStringLiteral("focusBranchesAction"), QIcon(), tr("&Branches"),
                                 QKeySequence(Qt::CTRL | Qt::Key_3), [this] {
                                     m_branchDock->show();
                                     m_branchPanel->view()->setFocus();
                                 });
    m_focusJobsAction = make(QStringLiteral("focusJobsAction"), QIcon(), tr("&Jobs"),
                             QKeySequence(Qt::CTRL | Qt::Key_4), [this] {
                                 m_jobDock->show();
                                 m_jobPanel->view()->setFocus();
                             });
    m_nextDifferenceAction = make(QStringLiteral("nextDifferenceAction"), QIcon(), tr("&Next Difference"),
                                  QKeySequence(Qt::Key_F7), [this] {
                                      m_tabs->setCurrentWidget(m_compareTab);
                                      m_compareTab->goToNextDifference();
                                  });
    m_previousDifferenceAction =
        make(QStringLiteral("previousDifferenceAction"), QIcon(), tr("&Previous Difference"),
             QKeySequence(Qt::SHIFT | Qt::Key_F7), [this] {
                 m_tabs->setCurrentWidget(m_compareTab);
                 m_compareTab->goToPreviousDifference();
             });
    m_aboutAction =
        make(QStringLiteral("aboutAction"), QIcon(), tr("&About labelbranch"), QKeySequence(), [this] {
            QMessageBox::about(
                this, tr("About labelbranch"),
                tr("<b>labelbranch</b> %1<br>Browse, compare, snapshot and copy the label branches of an "
                   "annotation project.")
                    .arg(QApplication::applicationVersion()));
        });
    m_aboutAction->setMenuRole(QAction::AboutRole);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_connectAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(m_newDemoAction);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addSeparator();
    edit->addAction(m_reviewTab->reviewerNameAction());

    m_branchMenu = menuBar()->addMenu(tr("&Branch"));
    m_branchMenu->setObjectName(QStringLiteral("branchMenu"));
    m_branchMenu->addAction(m_compareAction);
    m_branchMenu->addAction(m_compareWithMainAction);
    m_branchMenu->addSeparator();
    m_branchMenu->addAction(m_snapshotAction);
    m_branchMenu->addAction(m_copyToAction);
    m_branchMenu->addAction(m_syncToAction);
    m_branchMenu->addSeparator();
    m_branchMenu->addAction(m_renameAction);
    m_branchMenu->addAction(m_deleteAction);
    m_branchPanel->setContextMenu(m_branchMenu);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_rowsTabAction);
    view->addAction(m_compareTabAction);
    view->addAction(m_reviewTabAction);
    view->addAction(m_focusBranchesAction);
    view->addAction(m_focusJobsAction);
    view->addSeparator();
    view->addAction(m_nextDifferenceAction);
    view->addAction(m_previousDifferenceAction);
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->addAction(m_branchDock->toggleViewAction());
    panels->addAction(m_detailsDock->toggleViewAction());
    panels->addAction(m_jobDock->toggleViewAction());
    panels->addAction(m_classChartDock->toggleViewAction());
    panels->addAction(m_auditDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_openAction);
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_compareAction);
    bar->addAction(m_reviewTabAction);
    bar->addAction(m_snapshotAction);
    bar->addAction(m_copyToAction);
    bar->addAction(m_syncToAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_importAction);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1400, 900);
    if (!restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray())) {
        // First start: dock sizes only take once the window has its size.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_branchDock, m_detailsDock}, {330, 300}, Qt::Horizontal);
            resizeDocks({m_jobDock}, {150}, Qt::Vertical);
        });
    }
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

// --- projects ------------------------------------------------------------------------------------------

bool MainWindow::openProject(const QString &path)
{
    Result<std::unique_ptr<ProjectSession>> opened = ProjectSession::open(path);
    if (!opened) {
        showError(opened.error());
        return false;
    }
    return openSession(std::move(opened).value());
}

bool MainWindow::openSession(std::unique_ptr<ProjectSession> session)
{
    if (!session)
        return false;
    closeProject();
    m_session = std::move(session);
    m_jobs->setStore(&m_session->store());
    m_details->setOntology(m_session->ontology());
    m_rowsTab->resetFilter();
    RowQuery query;
    query.branch = kMainBranch;
    m_rowModel->setQuery(query);
    m_rowModel->setStore(&m_session->store());
    m_reviewTab->setStore(&m_session->store(), m_session->isReadOnly());
    reloadBranches();
    m_branchPanel->selectBranch(kMainBranch);
    m_stack->setCurrentWidget(m_projectPage);
    m_tabs->setCurrentWidget(m_rowsTab);
    m_banner->dismiss();
    m_welcome->clearMessage();
    if (m_session->isReadOnly())
        m_banner->showMessage(tr("The project file is read-only: you can browse and compare, but not write."),
                              ErrorBanner::Kind::Warning);
    if (!m_session->keyWarning().isEmpty())
        m_banner->showMessage(m_session->keyWarning(), ErrorBanner::Kind::Warning);

    if (m_session->isRemote()) {
        // Saved connections are the recent list of Encord projects; the connect dialog saved this one.
        setWindowTitle(tr("%1 — Encord — labelbranch").arg(m_session->title()));
    } else {
        RecentProjects::add(m_session->path());
        setWindowTitle(tr("%1 — labelbranch").arg(m_session->title()));
    }
    updateRecentMenu();
    setWindowFilePath(m_session->path());
    updateStatus();
    updateRowsTabTitle();
    updateActions();
    m_rowsTab->view()->setFocus();
    Q_EMIT projectOpened(m_session->location());
    return true;
}

void MainWindow::closeProject()
{
    if (!m_session)
        return;
    // Jobs first: they read the project through their own connections and must end before the file is let go.
    m_jobs->setStore(nullptr);
    m_contentTimer->stop();
    m_rowModel->setStore(nullptr);
    m_branchModel->clear();
    m_diffModel->clear();
    m_diffShown = false;
    m_diffRequested = false;
    m_compareTab->clear();
    m_compareTab->setBranches(QStringList());
    m_reviewTab->setStore(nullptr, true);
    m_reviewTab->setBranches(QStringList());
    m_details->clear();
    m_detailsRow = LabelRowSummary();
    m_session.reset();
    m_banner->dismiss();
    m_welcome->setRecentProjects(RecentProjects::list());
    m_stack->setCurrentWidget(m_welcome);
    setWindowTitle(tr("labelbranch"));
    setWindowFilePath(QString());
    updateStatus();
    updateActions();
    Q_EMIT projectClosed();
}

void MainWindow::createDemoProject(const QString &path, int size)
{
    if (m_demoCreator->isRunning())
        return;
    if (QFileInfo::exists(path)) {
        openProject(path);
        return;
    }
    m_welcome->showBusy(tr("Creating the demo project in %1…").arg(QDir::toNativeSeparators(path)));
    statusBar()->showMessage(tr("Creating the demo project…"));
    m_demoCreator->start(path, size > 0 ? size : DemoGenerator::kDefaultSize);
}

void MainWindow::showConnectDialog(const QString &profileName)
{
    auto *dialog = new ConnectDialog(this, profileName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        openSession(dialog->takeSession());
        m_welcome->setRecentProjects(RecentProjects::list());
    });
    dialog->open();
    if (!profileName.isEmpty())
        dialog->connectAndAccept();
}

void MainWindow::openFileDialog()
{
    const QString start = m_session && !m_session->path().isEmpty()
                              ? QFileInfo(m_session->path()).absolutePath()
                              : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), start, tr("labelbranch projects (*.lbproj *.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::newDemoProjectDialog()
{
    const QString folder = QFileInfo(StartupProject::defaultDemoPath()).absolutePath();
    QDir().mkpath(folder);
    QString suggestion = QDir(folder).filePath(QStringLiteral("demo.lbproj"));
    for (int n = 2; QFileInfo::exists(suggestion); ++n)
        suggestion = QDir(folder).filePath(QStringLiteral("demo-%1.lbproj").arg(n));
    const QString path = QFileDialog::getSaveFileName(this, tr("Create Demo Project"), suggestion,
                                                      tr("labelbranch projects (*.lbproj)"));
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path)) {
        showError(tr("%1 already exists; choose a new file name for the demo project.").arg(path));
        return;
    }
    createDemoProject(path);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList paths = RecentProjects::list();
    int number = 1;
    for (const QString &path : paths) {
        const QString label = number < 10
                                  ? QStringLiteral("&%1 %2").arg(number).arg(QFileInfo(path).fileName())
                                  : QFileInfo(path).fileName();
        QAction *action = m_recentMenu->addAction(label, this, [this, path] { openProject(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        ++number;
    }
    const QList<ConnectionProfile> profiles = ConnectionProfiles::list();
    if (!profiles.isEmpty()) {
        m_recentMenu->addSection(tr("Encord projects"));
        for (const ConnectionProfile &profile : profiles) {
            const QString name = profile.displayName();
            QAction *action = m_recentMenu->addAction(tr("%1 (Encord %2)").arg(name, profile.domainLabel()),
                                                      this, [this, name] { showConnectDialog(name); });
            action->setToolTip(tr("Project %1 at %2").arg(profile.projectId, profile.domain.toString()));
            action->setStatusTip(action->toolTip());
        }
    }
    if (!paths.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            RecentProjects::clear();
            updateRecentMenu();
            m_welcome->setRecentProjects(QStringList());
        });
    }
    m_recentMenu->setEnabled(!paths.isEmpty() || !profiles.isEmpty());
}

QString MainWindow::projectStatusText() const
{
    return m_projectLabel->text();
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    if (m_session && m_session->isRemote()) {
        const ConnectionProfile &encord = m_session->encordProfile();
        m_projectLabel->setText(tr("%1 — Encord project %2 at %3 · %4 data units · %5 branches")
                                    .arg(m_session->title(), encord.projectId, encord.domain.toString(),
                                         locale.toString(m_session->dataUnitCount()))
                                    .arg(m_branchModel->rowCount()));
    } else if (m_session) {
        m_projectLabel->setText(tr("%1 — %2 · %3 data units · %4 branches%5")
                                    .arg(m_session->title(), QDir::toNativeSeparators(m_session->path()),
                                         locale.toString(m_session->dataUnitCount()))
                                    .arg(m_branchModel->rowCount())
                                    .arg(m_session->isReadOnly() ? tr(" · read-only") : QString()));
    } else {
        m_projectLabel->setText(tr("No project open"));
    }
    const int active = m_jobs->activeCount();
    m_jobsLabel->setText(active == 0   ? QString()
                         : active == 1 ? tr("1 job running")
                                       : tr("%1 jobs running").arg(active));
}

void MainWindow::updateRowsTabTitle()
{
    const QString branch = m_rowModel->branch();
    if (!m_session || branch.isEmpty()) {
        m_tabs->setTabText(m_tabs->indexOf(m_rowsTab), tr("&Rows"));
        return;
    }
    m_tabs->setTabText(m_tabs->indexOf(m_rowsTab),
                       tr("&Rows: %1 (%2)").arg(branch, QLocale().toString(m_rowModel->totalCount())));
}

void MainWindow::updateActions()
{
    const bool open = bool(m_session);
    const bool writable = open && !m_session->isReadOnly();
    const QString branch = currentBranch();
    const bool hasBranch = open && !branch.isEmpty();
    const bool isMain = branch == kMainBranch;
    m_closeAction->setEnabled(open);
    m_importAction->setEnabled(writable);
    m_undoAction->setEnabled(writable);
    m_refreshAction->setEnabled(open);
    m_compareAction->setEnabled(open && m_branchModel->rowCount() > 1);
    m_reviewTabAction->setEnabled(open && m_branchModel->rowCount() > 1);
    m_compareWithMainAction->setEnabled(hasBranch && !isMain);
    m_snapshotAction->setEnabled(writable && hasBranch);
    m_copyToAction->setEnabled(writable && hasBranch);
    m_syncToAction->setEnabled(writable && hasBranch);
    // main cannot be renamed or deleted (design §2).
    m_renameAction->setEnabled(writable && hasBranch && !isMain);
    m_deleteAction->setEnabled(writable && hasBranch && !isMain);
    m_nextDifferenceAction->setEnabled(open);
    m_previousDifferenceAction->setEnabled(open);
    m_rowsTab->copySelectedAction()->setVisible(writable);
    m_rowsTab->syncSelectedAction()->setVisible(writable);
}

QString MainWindow::currentBranch() const
{
    return m_session ? m_branchPanel->currentBranch() : QString();
}

void MainWindow::reloadBranches()
{
    if (!m_session)
        return;
    Result<void> reloaded = m_branchModel->reload(m_session->store());
    if (!reloaded)
        return; // loadFailed already showed it
    m_compareTab->setBranches(m_branchModel->branchNames());
    m_reviewTab->setBranches(m_branchModel->branchNames());
    updateStatus();
    updateActions();
}

void MainWindow::refresh()
{
    if (!m_session)
        return;
    reloadBranches();
    m_rowModel->refresh();
    if (m_diffShown || m_tabs->currentWidget() == m_compareTab)
        m_compareTab->compareNow();
    m_auditDock->reload();
    statusBar()->showMessage(tr("Refreshed"), 2000);
}

void MainWindow::showError(const QString &message)
{
    if (m_stack->currentWidget() == m_welcome)
        m_welcome->showError(message);
    else
        m_banner->showMessage(message, ErrorBanner::Kind::Error);
    statusBar()->clearMessage();
}

// --- selection and details ----------------------------------------------------------------------------

void MainWindow::onCurrentBranchChanged(const QString &branch)
{
    if (!m_session || branch.isEmpty())
        return;
    if (m_rowModel->branch() != branch)
        m_rowModel->setBranch(branch);
    updateRowsTabTitle();
    updateActions();
}

void MainWindow::onCurrentRowChanged(const LabelRowSummary &row)
{
    m_detailsRow = row;
    if (row.dataHash.isEmpty()) {
        m_details->clear();
        m_contentTimer->stop();
        return;
    }
    m_details->showRow(row);
    if (row.isInitialised())
        m_contentTimer->start();
    else
        m_contentTimer->stop();
}

void MainWindow::showCompareDetails(const QString &dataHash)
{
    if (!m_session || dataHash.isEmpty())
        return;
    // The row as the target has it (what a copy or sync would change), or the source's when the target has
    // none.
    const int row = m_diffModel->rowOfDataHash(dataHash);
    const DiffEntry *entry = row >= 0 ? m_diffModel->entryAt(row) : nullptr;
    if (!entry)
        return;
    showRowDetails(entry->targetLabelHash.isEmpty() && !entry->sourceLabelHash.isEmpty()
                       ? m_diffModel->diff().sourceBranch
                       : m_diffModel->diff().targetBranch,
                   dataHash);
}

void MainWindow::showReviewDetails(const QString &dataHash)
{
    const ReviewListModel *model = m_reviewTab->model();
    const ReviewItem *item = model->itemAt(model->rowOfDataHash(dataHash));
    if (!m_session || !item)
        return;
    // As in Compare: the row the apply would replace, or the source's when the target has none.
    const DiffEntry &entry = item->diff;
    showRowDetails(entry.targetLabelHash.isEmpty() ? model->sourceBranch() : model->targetBranch(), dataHash);
}

void MainWindow::showRowDetails(const QString &branch, const QString &dataHash)
{
    RowQuery query;
    query.branch = branch;
    query.dataHashes = {dataHash};
    query.includeUninitialised = true;
    Result<QList<LabelRowSummary>> rows = m_session->store().listRows(query);
    if (!rows || rows->isEmpty())
        return;
    LabelRowSummary summary = rows->constFirst();
    if (summary.branchName.isEmpty())
        summary.branchName = query.branch;
    onCurrentRowChanged(summary);
}

void MainWindow::loadRowContent()
{
    // One row from the local store takes a millisecond or two; a bundle of one is not worth a job.
    if (!m_session || !m_detailsRow.isInitialised())
        return;
    Result<QList<LabelRowDocument>> contents = m_session->store().fetchContents(
        m_detailsRow.branchName.isEmpty() ? m_rowModel->branch() : m_detailsRow.branchName,
        {m_detailsRow.labelHash});
    if (!contents) {
        m_details->setContentError(contents.error());
        return;
    }
    if (!contents->isEmpty())
        m_details->setDocument(contents->constFirst());
}

// --- jobs --------------------------------------------------------------------------------------------

Job *MainWindow::startJob(const QString &title, JobWork work, const QString &viewKey,
                          std::function<void(Job *)> onResult)
{
    Job *job = m_jobs->start(title, std::move(work), viewKey);
    // Outcomes arrive through queued calls, so connecting after start() cannot miss one.
    connect(job, &Job::resultReady, this, [job, onResult = std::move(onResult)] { onResult(job); });
    updateStatus();
    return job;
}

Job *MainWindow::startWrite(const QString &title, JobWork work, QStringList affectedBranches)
{
    m_jobDock->show();
    return startJob(title, std::move(work), QString(), [this, affectedBranches](Job *job) {
        if (job->state() == JobState::Failed) {
            showError(tr("%1 failed: %2").arg(job->title(), job->errorMessage()));
        } else {
            statusBar()->showMessage(job->resultSummary(), 8000);
        }
        // Even a failed or cancelled write may have finished batches: show the store as it is now.
        refreshAfterWrite(affectedBranches);
        Q_EMIT writeFinished(job);
    });
}

void MainWindow::refreshAfterWrite(const QStringList &affectedBranches)
{
    if (!m_session)
        return;
    reloadBranches();
    if (affectedBranches.isEmpty() || affectedBranches.contains(m_rowModel->branch()))
        m_rowModel->refresh();
    const BranchDiff &shown = m_diffModel->diff();
    if (m_diffShown && (affectedBranches.isEmpty() || affectedBranches.contains(shown.sourceBranch) ||
                        affectedBranches.contains(shown.targetBranch)))
        m_compareTab->compareNow();
    m_reviewTab->reloadIfAffected(affectedBranches);
    m_auditDock->reload();
}

void MainWindow::runDiff(const QString &source, const QString &target)
{
    if (!m_session)
        return;
    m_diffRequested = true;
    m_compareTab->showRunning();
    startJob(
        tr("Compare %1 → %2").arg(source, target),
        [source, target](Store &store, const JobControl &control) -> Result<JobResult> {
            Engine engine(store);
            Result<BranchDiff> diff = engine.diff(source, target, control);
            if (!diff)
                return diff.takeError();
            JobResult out;
            out.summary = MainWindow::tr("%1 data units, %2 differ")
                              .arg(QLocale().toString(diff->summary.total))
                              .arg(QLocale().toString(diff->summary.differences()));
            out.value = QVariant::fromValue(diff.value());
            return out;
        },
        kCompareViewKey,
        [this](Job *job) {
            if (!m_session)
                return;
            if (job->state() != JobState::Finished) {
                m_compareTab->showError(job->state() == JobState::Failed
                                            ? tr("The comparison failed: %1").arg(job->errorMessage())
                                            : tr("The comparison was cancelled."));
                return;
            }
            m_diffModel->setDiff(job->resultValue().value<BranchDiff>(), m_session->ontology());
            m_diffShown = true;
            m_compareTab->showDiff();
        });
}

void MainWindow::compareBranches(const QString &source, const QString &target)
{
    if (!m_session)
        return;
    // The pair first: switching tabs first would start a compare of whatever the combos showed before.
    m_compareTab->setPair(source, target);
    m_tabs->setCurrentWidget(m_compareTab);
}

void MainWindow::compareFromSelection()
{
    if (!m_session)
        return;
    const QStringList selected = m_branchPanel->selectedBranches();
    if (selected.size() >= 2) {
        compareBranches(selected.at(0), selected.at(1));
    } else if (!currentBranch().isEmpty() && currentBranch() != kMainBranch) {
        compareBranches(kMainBranch, currentBranch());
    } else {
        m_tabs->setCurrentWidget(m_compareTab);
        m_compareTab->compareNow();
    }
}

void MainWindow::compareWithMain()
{
    const QString branch = currentBranch();
    if (!branch.isEmpty() && branch != kMainBranch)
        compareBranches(kMainBranch, branch);
}

// --- dialogs -------------------------------------------------------------------------------------------

void MainWindow::showSnapshotDialog(const QString &sourceBranch)
{
    if (!m_session)
        return;
    const QString source = sourceBranch.isEmpty() ? currentBranch() : sourceBranch;
    if (source.isEmpty())
        return;
    Result<QString> proposed = m_session->engine().proposeSnapshotName();
    auto *dialog = new SnapshotDialog(source, proposed ? proposed.value() : QString(),
                                      m_branchModel->branchNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString source = dialog->source();
        const QString name = dialog->name();
        startWrite(tr("Snapshot %1 → %2").arg(source, name),
                   [source, name](Store &store, const JobControl &control) {
                       Engine engine(store);
                       return copyJobResult(engine.snapshot(source, name, control), MainWindow::tr("copied"),
                                            name);
                   },
                   {name});
    });
    dialog->open();
}

void MainWindow::showCopyDialog(CopyDialog::Mode mode, const QString &source, const QString &target,
                                const QStringList &dataHashes)
{
    if (!m_session)
        return;
    auto *dialog = new CopyDialog(mode, m_branchModel->branchNames(),
                                  source.isEmpty() ? currentBranch() : source, target, dataHashes, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<CopyDialog> guard(dialog);
    connect(dialog, &CopyDialog::planRequested, this,
            [this, guard](const CopyRequest &request) { planCopy(guard, request); });
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { startCopy(dialog->request(), dialog->mode()); });
    connect(dialog, &QDialog::finished, this, [this] {
        // A plan still running for the closed dialog is of no use any more.
        if (Job *plan = m_jobs->latestForView(kPlanViewKey); plan && plan->isActive())
            plan->markObsolete();
    });
    dialog->open();
}

void MainWindow::planCopy(QPointer<CopyDialog> dialog, const CopyRequest &request)
{
    if (!m_session || !dialog)
        return;
    // A remote project answers over the network, however small: its plans always run as jobs.
    if (!m_session->isRemote() && m_session->dataUnitCount() <= kInlinePlanLimit) {
        Result<CopyPlan> plan = m_session->engine().planCopy(request);
        if (plan)
            dialog->setPlan(request, plan.value());
        else
            dialog->setPlanError(request, plan.error());
        return;
    }
    startJob(
        tr("Dry run %1 → %2").arg(request.sourceBranch, request.targetBranch),
        [request](Store &store, const JobControl &) -> Result<JobResult> {
            Engine engine(store);
            Result<CopyPlan> plan = engine.planCopy(request);
            if (!plan)
                return plan.takeError();
            JobResult out;
            out.summary = MainWindow::tr("%1 to create, %2 to replace, %3 to skip")
                              .arg(plan->toCreate)
                              .arg(plan->toReplace)
                              .arg(plan->toSkip);
            out.value = QVariant::fromValue(plan.value());
            return out;
        },
        kPlanViewKey,
        [dialog, request](Job *job) {
            if (!dialog)
                return;
            if (job->state() == JobState::Finished)
                dialog->setPlan(request, job->resultValue().value<CopyPlan>());
            else
                dialog->setPlanError(request,
                                     job->errorMessage().isEmpty() ? tr("cancelled") : job->errorMessage());
        });
}

void MainWindow::startCopy(const CopyRequest &request, CopyDialog::Mode mode)
{
    const bool sync = mode == CopyDialog::Mode::Sync;
    QString title = sync ? tr("Sync %1 → %2").arg(request.sourceBranch, request.targetBranch)
                         : tr("Copy %1 → %2").arg(request.sourceBranch, request.targetBranch);
    if (!request.dataHashes.isEmpty() || !request.labelHashes.isEmpty())
        title += tr(" (%1 chosen)").arg(request.dataHashes.size() + request.labelHashes.size());
    if (!sync && request.overwrite)
        title += tr(" with overwrite");
    startWrite(title,
               [request, sync](Store &store, const JobControl &control) {
                   Engine engine(store);
                   return copyJobResult(sync ? engine.sync(request, control) : engine.copy(request, control),
                                        sync ? MainWindow::tr("synced") : MainWindow::tr("copied"),
                                        request.targetBranch);
               },
               {request.targetBranch});
}

void MainWindow::showUndoDialog()
{
    if (!m_session)
        return;
    Result<OperationRecord> last = m_session->engine().lastUndoable();
    if (!last) {
        showError(tr("Cannot look up the last write: %1").arg(last.error()));
        return;
    }
    if (last->id == 0) {
        m_banner->showMessage(tr("Nothing to undo: no copy, sync, snapshot or import is left to undo."),
                              ErrorBanner::Kind::Info);
        return;
    }
    auto *dialog = new UndoDialog(last.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const OperationRecord operation = dialog->operation();
        startWrite(tr("Undo %1 on %2").arg(operationKindName(operation.kind), operation.targetBranch),
                   [operation](Store &store, const JobControl &) -> Result<JobResult> {
                       Engine engine(store);
                       // Undo exactly what the user confirmed, not a write that landed since.
                       Result<OperationRecord> last = engine.lastUndoable();
                       if (!last)
                           return last.takeError();
                       if (last->id != operation.id)
                           return fail(MainWindow::tr("another write happened after the one you confirmed; "
                                                      "nothing was undone"));
                       Result<UndoResult> undone = engine.undoLast(operation.targetBranch);
                       if (!undone)
                           return undone.takeError();
                       JobResult out;
                       out.summary =
                           MainWindow::tr("Undone: %1 rows restored, %2 removed on %3%4")
                               .arg(undone->restored)
                               .arg(undone->removed)
                               .arg(undone->targetBranch,
                                    undone->branchRemoved ? MainWindow::tr(" (branch removed)") : QString());
                       out.value = QVariant::fromValue(undone.value());
                       return out;
                   },
                   {operation.targetBranch});
    });
    dialog->open();
}

void MainWindow::showImportDialog()
{
    if (!m_session)
        return;
    auto *dialog = new ImportDialog(m_branchModel->branchNames(), QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString path = dialog->filePath();
        const QString branch = dialog->targetBranch();
        const bool overwrite = dialog->overwrite();
        startWrite(
            tr("Import %1 → %2").arg(QFileInfo(path).fileName(), branch),
            [path, branch, overwrite](Store &store, const JobControl &control) -> Result<JobResult> {
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    return fail(MainWindow::tr("cannot read %1: %2").arg(path, file.errorString()));
                Result<QList<LabelRowDocument>> rows = LabelRowDocument::arrayFromBytes(file.readAll());
                if (!rows)
                    return fail(MainWindow::tr("%1: %2").arg(QFileInfo(path).fileName(), rows.error()));
                Engine engine(store);
                return copyJobResult(engine.importRows(branch, rows.value(), overwrite, control),
                                     MainWindow::tr("imported"), branch);
            },
            {branch});
    });
    dialog->open();
}

void MainWindow::showRenameDialog()
{
    const QString branch = currentBranch();
    if (!m_session || branch.isEmpty() || branch == kMainBranch)
        return;
    auto *dialog = new RenameBranchDialog(branch, m_branchModel->branchNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_session)
            return;
        // A rename touches one branch record: instant, so it needs no job.
        Result<void> renamed = m_session->engine().renameBranch(dialog->branch(), dialog->newName());
        if (!renamed) {
            showError(tr("Cannot rename %1: %2").arg(dialog->branch(), renamed.error()));
            return;
        }
        const QString newName = dialog->newName();
        reloadBranches();
        m_branchPanel->selectBranch(newName);
        if (m_diffShown)
            m_compareTab->compareNow();
        statusBar()->showMessage(tr("Renamed %1 to %2").arg(dialog->branch(), newName), 5000);
    });
    dialog->open();
}

void MainWindow::confirmDeleteBranch()
{
    const QString branch = currentBranch();
    if (!m_session || branch.isEmpty() || branch == kMainBranch)
        return;
    const int row = m_branchModel->rowOf(branch);
    const int rows = row >= 0 ? m_branchModel->branchAt(row)->rowCount : 0;
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Delete Branch"),
        tr("Delete the branch “%1” and its %2 label rows?").arg(branch, QLocale().toString(rows)),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteBranchBox"));
    box->setInformativeText(tr("This cannot be undone."));
    QPushButton *deleteButton = box->addButton(tr("&Delete Branch"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, deleteButton, branch] {
        if (box->clickedButton() != static_cast<QAbstractButton *>(deleteButton))
            return;
        startWrite(tr("Delete branch %1").arg(branch),
                   [branch](Store &store, const JobControl &) -> Result<JobResult> {
                       Engine engine(store);
                       Result<void> deleted = engine.deleteBranch(branch);
                       if (!deleted)
                           return deleted.takeError();
                       JobResult out;
                       out.summary = MainWindow::tr("Branch %1 deleted").arg(branch);
                       return out;
                   },
                   {branch});
    });
    box->open();
}

} // namespace lb
