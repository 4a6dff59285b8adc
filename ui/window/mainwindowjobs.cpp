#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "domain/branchname.h"
#include "engine/branchcomparison.h"
#include "engine/engine.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/branchpairpicker.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "window/mainwindow.h"

#include <QCryptographicHash>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace lb {

namespace {

const QString kCompareViewKey = QStringLiteral("compare");
const QString kCompareRowsViewKey = QStringLiteral("compare-rows");

} // namespace

// --- job wiring and comparing ---------------------------------------------------------------------------

Job *MainWindow::startJob(const QString &title, JobWork work, const QString &viewKey,
                          std::function<void(Job *)> onResult, JobListing listing)
{
    Job *job = m_jobs->start(title, std::move(work), viewKey, listing);
    // Outcomes arrive through queued calls, so connecting after start() cannot miss one.
    connect(job, &Job::resultReady, this, [job, onResult = std::move(onResult)] { onResult(job); });
    updateStatus();
    return job;
}

Job *MainWindow::startWrite(const QString &title, JobWork work, QStringList affectedBranches)
{
    showPanel(m_jobDock);
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
    if (m_diffShown &&
        (affectedBranches.isEmpty() || affectedBranches.contains(m_diffModel->sourceBranch()) ||
         affectedBranches.contains(m_diffModel->targetBranch())))
        m_compareTab->compareNow();
    m_reviewTab->reloadIfAffected(affectedBranches);
    m_auditDock->reload();
}

void MainWindow::runDiff(const QString &source, const QString &target)
{
    if (!m_session)
        return;
    m_diffRequested = true;
    rememberPair(source, target);
    m_compareTab->showRunning();
    DiffQuery query = m_diffModel->query();
    query.sourceBranch = source;
    query.targetBranch = target;
    startJob(
        tr("Compare %1 → %2").arg(source, target),
        [query](Store &store, const JobControl &control) -> Result<JobResult> {
            Result<DiffSummary> summary =
                BranchComparison(store).summary(query.sourceBranch, query.targetBranch, control);
            if (!summary)
                return summary.takeError();
            Result<DiffRowSet> rows = BranchDiffModel::readRows(store, query, control);
            if (!rows)
                return rows.takeError();
            JobResult out;
            out.summary = MainWindow::tr("%1 data units, %2 differ")
                              .arg(QLocale().toString(summary->total))
                              .arg(QLocale().toString(summary->differences()));
            out.value = QVariant::fromValue(ComparisonResult{summary.value(), std::move(rows).value()});
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
            ComparisonResult result = job->resultValue().value<ComparisonResult>();
            m_diffModel->setComparison(result.summary, std::move(result.rows), m_session->ontology());
            m_diffShown = true;
            m_compareTab->showDiff();
        });
}

// The Compare table's filters or order changed: its rows are read again, as a job, since at 100,000 data
// units a new order takes longer than a frame.
void MainWindow::readDiffRows(const DiffQuery &query)
{
    if (!m_session)
        return;
    startJob(
        tr("Sort and filter %1 → %2").arg(query.sourceBranch, query.targetBranch),
        [query](Store &store, const JobControl &control) -> Result<JobResult> {
            Result<DiffRowSet> rows = BranchDiffModel::readRows(store, query, control);
            if (!rows)
                return rows.takeError();
            JobResult out;
            out.summary = MainWindow::tr("%1 data units shown").arg(QLocale().toString(rows->rows.size()));
            out.value = QVariant::fromValue(std::move(rows).value());
            return out;
        },
        kCompareRowsViewKey,
        [this](Job *job) {
            if (!m_session)
                return;
            if (job->state() == JobState::Failed)
                m_compareTab->showError(tr("Sorting or filtering failed: %1").arg(job->errorMessage()));
            else if (job->state() == JobState::Finished)
                m_diffModel->setRows(job->resultValue().value<DiffRowSet>());
        },
        JobListing::Background);
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
        // One branch that is not main: what it would bring to main, the direction of a pre-label review.
        compareBranches(currentBranch(), kMainBranch);
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

// --- the pair each project was compared on last ---------------------------------------------------------

QString MainWindow::pairSettingsKey() const
{
    const QString identity = m_session->isRemote()
                                 ? m_session->encordProfile().domain.toString() + QLatin1Char('/') +
                                       m_session->encordProfile().projectId
                                 : QFileInfo(m_session->path()).absoluteFilePath();
    const QByteArray digest = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("workspace/pairs/") + QString::fromLatin1(digest);
}

void MainWindow::rememberPair(const QString &source, const QString &target)
{
    QSettings().setValue(pairSettingsKey(), QStringList{source, target});
}

// Once per opened project: the workspace starts on the pair it was last compared on, when both still exist.
void MainWindow::restorePair()
{
    if (m_pairRestored || !m_session)
        return;
    m_pairRestored = true;
    const QStringList pair = QSettings().value(pairSettingsKey()).toStringList();
    const QStringList branches = m_branchModel->branchNames();
    if (pair.size() == 2 && pair.at(0) != pair.at(1) && branches.contains(pair.at(0)) &&
        branches.contains(pair.at(1)))
        m_compareTab->pairPicker()->setPair(pair.at(0), pair.at(1));
}

} // namespace lb
