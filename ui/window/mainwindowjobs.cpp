#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "domain/branchname.h"
#include "engine/engine.h"
#include "items/branchdiffmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "window/mainwindow.h"

#include <QDockWidget>
#include <QLocale>
#include <QStatusBar>
#include <QTabWidget>

namespace lb {

namespace {

const QString kCompareViewKey = QStringLiteral("compare");

} // namespace

// --- job wiring and comparing ---------------------------------------------------------------------------

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

} // namespace lb
