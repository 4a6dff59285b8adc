#include "demo/demogenerator.h"
#include "dialogs/connectdialog.h"
#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/rowdetailspane.h"
#include "domain/branchname.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "tabs/rowstab.h"
#include "widgets/errorbanner.h"
#include "window/mainwindow.h"
#include "window/recentprojects.h"
#include "window/startupproject.h"
#include "window/welcomepage.h"

#include <algorithm>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>

namespace lb {

namespace {

const QString kDemoViewKey = QStringLiteral("demo-project");
const QString kBranchesViewKey = QStringLiteral("branch-totals");

// Writes the demo project file. A job without a store: no project is open while it runs.
Result<JobResult> writeDemoProject(const QString &path, int size, const JobControl &control)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(MainWindow::tr("Cannot create the folder for %1").arg(path));
    const Result<DemoReport> report = DemoGenerator(size).writeProject(path, control);
    if (!report)
        return withContext(report.takeError(),
                           MainWindow::tr("Could not create the demo project: %1").arg(report.error()));
    JobResult out;
    out.summary = MainWindow::tr("Demo project written to %1").arg(QDir::toNativeSeparators(path));
    out.value = path;
    return out;
}

} // namespace

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
    m_pairRestored = false;
    m_jobs->setStore(&m_session->store());
    m_details->setOntology(m_session->ontology());
    m_rowsTab->resetFilter();
    RowQuery query;
    query.branch = kMainBranch;
    m_rowModel->setQuery(query);
    m_rowModel->setStore(&m_session->store());
    m_diffModel->setStore(&m_session->store());
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
    // The project's finished jobs go with it; store-less ones (creating a demo, connecting) are not its own.
    for (Job *job : m_jobs->jobs()) {
        if (job->needsStore() && !job->isActive())
            m_jobs->dismiss(job);
    }
    m_contentTimer->stop();
    m_rowModel->setStore(nullptr);
    m_diffModel->setStore(nullptr);
    m_branchModel->clear();
    m_diffModel->clear();
    m_diffShown = false;
    m_diffRequested = false;
    m_compareTab->clear();
    m_compareTab->setBranches(QStringList());
    m_reviewTab->setStore(nullptr, true);
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
    if (m_demoJob && m_demoJob->isActive())
        return;
    if (QFileInfo::exists(path)) {
        openProject(path);
        return;
    }
    m_welcome->showBusy(tr("Creating the demo project in %1…").arg(QDir::toNativeSeparators(path)));
    statusBar()->showMessage(tr("Creating the demo project…"));
    const int demoSize = size > 0 ? size : DemoGenerator::kDefaultSize;
    Job *job = m_jobs->startWithoutStore(
        tr("Create the demo project"),
        [path, demoSize](const JobControl &control) { return writeDemoProject(path, demoSize, control); },
        kDemoViewKey);
    m_demoJob = job;
    connect(job, &Job::progressChanged, this, [this, job] {
        m_welcome->showBusy(tr("Creating the demo project… %1%").arg(qMax(0, job->percent())));
    });
    connect(job, &Job::resultReady, this, [this, job, path] {
        statusBar()->clearMessage();
        if (job->state() == JobState::Finished)
            openProject(path);
        else
            showError(job->errorMessage());
    });
}

void MainWindow::showConnectDialog(const QString &profileName)
{
    auto *dialog = new ConnectDialog(this, profileName, m_jobs);
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

// The names at once (the Compare and Review pickers need them), the totals from a job: at 500,000 data units
// they take a pass over every row, too long for the GUI thread.
void MainWindow::reloadBranches()
{
    if (!m_session)
        return;
    Result<QList<BranchInfo>> branches = m_session->store().branchesWithoutTotals();
    if (!branches) {
        showError(branches.error());
        return;
    }
    // A store whose totals are cheap listed them already.
    const bool totalsToRead = std::any_of(branches->cbegin(), branches->cend(),
                                          [](const BranchInfo &branch) { return !branch.totalsKnown; });
    m_branchModel->setBranchesWithoutTotals(std::move(branches).value());
    m_compareTab->setBranches(m_branchModel->branchNames());
    restorePair();
    updateStatus();
    updateActions();
    if (totalsToRead)
        readBranchTotals();
}

// A background read: its error goes to the banner.
void MainWindow::readBranchTotals()
{
    startJob(
        tr("Count the rows of every branch"),
        [](Store &store, const JobControl &) -> Result<JobResult> {
            Result<BranchTotals> totals = BranchListModel::readTotals(store);
            if (!totals)
                return totals.takeError();
            JobResult out;
            out.summary = tr("%n branches", nullptr, int(totals->branches.size()));
            out.value = QVariant::fromValue(std::move(totals).value());
            return out;
        },
        kBranchesViewKey,
        [this](Job *job) {
            if (!m_session)
                return;
            if (job->state() == JobState::Failed) {
                showError(tr("Cannot count the rows of the branches: %1").arg(job->errorMessage()));
            } else if (job->state() == JobState::Finished) {
                BranchTotals totals = job->resultValue().value<BranchTotals>();
                m_branchModel->setBranches(std::move(totals.branches), totals.dataUnitCount);
                updateStatus(); // a live project's totals are current now
            }
        },
        JobListing::Background);
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

} // namespace lb
