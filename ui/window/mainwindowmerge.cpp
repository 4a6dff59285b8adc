#include "dialogs/objectmergedialog.h"
#include "engine/mergeengine.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/objectmergecontroller.h"
#include "window/mainwindow.h"

#include <QPointer>

// The per-object merge chosen in the compare workspace: its dry run as a job, the confirmation, then the
// merge as a write the Jobs panel shows and Edit ▸ Undo Last Write takes back.

namespace lb {

void MainWindow::mergeObjects(const MergeRequest &request)
{
    if (!m_session)
        return;
    Job *job = m_jobs->start(
        tr("Dry run: merge objects %1 → %2").arg(request.sourceBranch, request.targetBranch),
        [request](Store &store, const JobControl &control) -> Result<JobResult> {
            Engine engine(store);
            Result<MergePlan> plan = MergeEngine(engine).plan(request, control);
            if (!plan)
                return plan.takeError();
            JobResult out;
            out.summary =
                tr("%1 data units to rewrite, %2 conflicts").arg(plan->toWrite).arg(plan->conflicts);
            out.value = QVariant::fromValue(plan.value());
            return out;
        },
        QString(), JobListing::Background);
    connect(job, &Job::resultReady, this, [this, job, request] {
        if (job->state() != JobState::Finished) {
            if (job->state() == JobState::Failed)
                showError(tr("The merge's dry run failed: %1").arg(job->errorMessage()));
            return;
        }
        auto *dialog = new ObjectMergeDialog(request, job->resultValue().value<MergePlan>(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, request] { startObjectMerge(request); });
        dialog->open();
    });
}

void MainWindow::startObjectMerge(const MergeRequest &request)
{
    const QString target = request.targetBranch;
    Job *job = startWrite(
        tr("Merge objects %1 → %2").arg(request.sourceBranch, target),
        [request](Store &store, const JobControl &control) -> Result<JobResult> {
            Engine engine(store);
            Result<MergeEngine::Applied> applied = MergeEngine(engine).apply(request, control);
            if (!applied)
                return applied.takeError();
            JobResult out;
            out.summary =
                tr("%1 merged rows written to %2").arg(applied->result.count).arg(request.targetBranch);
            out.cancelled = applied->result.cancelled;
            out.value = QVariant::fromValue(applied->result);
            return out;
        },
        {target});
    connect(job, &Job::resultReady, this, [this, job] {
        if (job->state() == JobState::Finished)
            m_compareTab->objectMerge()->clearChoices();
    });
}

} // namespace lb
