#include "window/mainwindow.h"

#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/rowdetailspane.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "items/reviewlistmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/objectmergecontroller.h"
#include "tabs/reviewtab.h"
#include "tabs/rowstab.h"
#include "widgets/errorbanner.h"
#include "widgets/icons.h"
#include "window/pagelayouts.h"
#include "window/recentprojects.h"
#include "window/startupproject.h"
#include "window/welcomepage.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

// Pause before reading a row's content, so scrolling through rows with the arrow keys stays fluid.
constexpr int kContentDelayMs = 60;

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("labelbranch"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks);
    setAcceptDrops(true); // export files dropped on the window become a project
    // Where the keyboard is, is always visible: a list or table with the focus gets a highlighted frame.
    setStyleSheet(QStringLiteral("QAbstractItemView:focus { border: 2px solid palette(highlight); }"));

    m_jobs = new JobManager(this);
    m_branchModel = new BranchListModel(this);
    m_rowModel = new LabelRowTableModel(this);
    m_diffModel = new BranchDiffModel(this);
    connect(m_diffModel, &BranchDiffModel::rowsRequested, this, &MainWindow::readDiffRows);

    createCentralArea();
    createDocks();
    createChartAndAuditDocks();
    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    connectViews();

    m_welcome->setRecentProjects(RecentProjects::list());
    restoreSettings();
    updateRecentMenu();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Workers read the session's store through their own connections; stop them before the store goes. A
    // store-less job (a demo being written, a connection) is cancelled and ends with the job manager.
    m_jobs->cancelAll();
    m_jobs->setStore(nullptr);
    m_rowModel->setStore(nullptr);
    m_diffModel->setStore(nullptr);
    // The job panel watches the job manager; it goes first so it never sees a half-destroyed manager.
    delete m_jobDock;
    m_jobDock = nullptr;
    m_jobPanel = nullptr;
}

// --- construction ------------------------------------------------------------------------------------

void MainWindow::createCentralArea()
{
    m_welcome = new WelcomePage(this);
    m_banner = new ErrorBanner(this);
    m_rowsTab = new RowsTab(m_rowModel, this);
    m_compareTab = new CompareTab(m_diffModel, this);
    m_compareTab->setJobManager(m_jobs);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    // No mnemonics on the pages: Ctrl+1 and Ctrl+2 switch them, and Alt+R opens the Review menu.
    m_tabs->addTab(m_rowsTab, tr("Rows"));
    m_tabs->addTab(m_compareTab, icons::compare(), tr("Compare"));
    createReviewPanel();

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
    showPageControls();

    m_contentTimer = new QTimer(this);
    m_contentTimer->setSingleShot(true);
    m_contentTimer->setInterval(kContentDelayMs);
    connect(m_contentTimer, &QTimer::timeout, this, &MainWindow::loadRowContent);
}

void MainWindow::createStatusBar()
{
    m_projectLabel = new QLabel(this);
    m_projectLabel->setObjectName(QStringLiteral("projectStatusLabel"));
    m_jobsLabel = new QLabel(this);
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_jobsLabel);
    connect(m_jobs, &JobManager::activeCountChanged, this, &MainWindow::updateStatus);
    // The age of a live project's totals, kept current while the window is open.
    auto *ageTimer = new QTimer(this);
    ageTimer->setInterval(30000);
    connect(ageTimer, &QTimer::timeout, this, [this] {
        if (m_session && m_session->isRemote())
            updateStatus();
    });
    ageTimer->start();
}

// "just now", "5 min ago", "3 h ago", "2 days ago"; empty when never.
QString MainWindow::totalsAge() const
{
    const Result<QDateTime> listed = m_session->store().totalsListedAt();
    if (!listed || !listed->isValid())
        return tr("branch totals not listed yet");
    const qint64 secs = qMax<qint64>(0, listed->secsTo(QDateTime::currentDateTimeUtc()));
    if (secs < 60)
        return tr("totals listed just now");
    if (secs < 3600)
        return tr("totals listed %n min ago", nullptr, int(secs / 60));
    if (secs < 2 * 86400)
        return tr("totals listed %n h ago", nullptr, int(secs / 3600));
    return tr("totals listed %n days ago", nullptr, int(secs / 86400));
}

void MainWindow::connectViews()
{
    connect(m_welcome, &WelcomePage::openFileRequested, this, &MainWindow::openFileDialog);
    connect(m_welcome, &WelcomePage::connectEncordRequested, this, [this] { showConnectDialog(); });
    connect(m_welcome, &WelcomePage::openRecentRequested, this, &MainWindow::openProject);
    connect(m_welcome, &WelcomePage::createDemoRequested, this, [this] {
        // The demo made on an earlier start is opened as it is; the first time it is created.
        const QString demo = StartupProject::defaultDemoPath();
        if (QFileInfo::exists(demo))
            openProject(demo);
        else
            createDemoProject(demo);
    });
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
    connect(m_compareTab, &CompareTab::currentDataUnitChanged, this, &MainWindow::showWorkspaceDetails);
    connect(m_compareTab->objectMerge(), &ObjectMergeController::mergeRequested, this,
            &MainWindow::mergeObjects);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        const bool workspace = m_tabs->currentWidget() == m_compareTab;
        if (!workspace && m_focusModeAction->isChecked())
            setFocusMode(false); // focus mode belongs to the workspace
        // The panels of the page first, so the window is never laid out with one page's panels around the
        // other page (which would raise its minimum size for a moment, and grow it).
        m_layouts->show(workspace ? QStringLiteral("compare") : QStringLiteral("rows"));
        showPageControls();
        // The first visit to Compare shows something right away instead of an empty table.
        if (workspace && m_session && !m_diffRequested)
            m_compareTab->compareNow();
        updateActions();
    });
}

// --- settings and status ------------------------------------------------------------------------------

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1366, 768);
    m_layouts = new PageLayouts(this, [this](const QString &page) { applyDefaultLayout(page); });
    m_layouts->show(QStringLiteral("rows"));
    showPageControls();
}

// The page in front sets the window's minimum size: the other page's widths do not count, and the
// workspace's pair of branches sits beside the page tabs only while the workspace is in front.
void MainWindow::showPageControls()
{
    const bool workspace = m_tabs->currentWidget() == m_compareTab;
    for (QWidget *page : {static_cast<QWidget *>(m_rowsTab), static_cast<QWidget *>(m_compareTab)}) {
        const bool current = page == m_tabs->currentWidget();
        page->setSizePolicy(current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                            current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    if (workspace && m_tabs->cornerWidget(Qt::TopRightCorner) != m_compareTab->pairRow()) {
        m_tabs->setCornerWidget(m_compareTab->pairRow(), Qt::TopRightCorner);
        m_compareTab->pairRow()->show();
    } else if (!workspace && m_tabs->cornerWidget(Qt::TopRightCorner)) {
        m_tabs->setCornerWidget(nullptr, Qt::TopRightCorner);
    }
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    if (m_focusModeAction->isChecked())
        setFocusMode(false);
    m_layouts->save();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
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
        m_projectLabel->setText(tr("%1 — Encord project %2 at %3 · %4 data units · %5 branches · %6 (F5 "
                                   "refreshes)")
                                    .arg(m_session->title(), encord.projectId, encord.domain.toString(),
                                         locale.toString(m_session->dataUnitCount()))
                                    .arg(m_branchModel->rowCount())
                                    .arg(totalsAge()));
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
        m_tabs->setTabText(m_tabs->indexOf(m_rowsTab), tr("Rows"));
        return;
    }
    m_tabs->setTabText(m_tabs->indexOf(m_rowsTab),
                       tr("Rows: %1 (%2)").arg(branch, QLocale().toString(m_rowModel->totalCount())));
}

QString MainWindow::currentBranch() const
{
    return m_session ? m_branchPanel->currentBranch() : QString();
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

// Row Details shows the unit the workspace shows, whichever list it is selected in.
void MainWindow::showWorkspaceDetails(const QString &dataHash)
{
    if (m_compareTab->isReviewMode())
        showReviewDetails(dataHash);
    else
        showCompareDetails(dataHash);
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
                       ? m_diffModel->sourceBranch()
                       : m_diffModel->targetBranch(),
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

} // namespace lb
