#include "dialogs/importdialog.h"
#include "dialogs/renamebranchdialog.h"
#include "dialogs/snapshotdialog.h"
#include "dialogs/undodialog.h"
#include "docks/branchpanel.h"
#include "domain/branchname.h"
#include "domain/labelrowarrayreader.h"
#include "engine/engine.h"
#include "items/branchlistmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "widgets/errorbanner.h"
#include "window/mainwindow.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace lb {

namespace {

const QString kPlanViewKey = QStringLiteral("copy-plan");
// Up to this many data units a dry run takes a few milliseconds, so the dialog plans on the GUI thread
// instead of filling the job panel with plan jobs.
constexpr int kInlinePlanLimit = 5000;

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
    if (const QString method = copyMethodText(r); !method.isEmpty())
        text += QStringLiteral("; ") + method;
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
            Result<CopyPlan> plan = engine.planCopy(request, Engine::PlanItems::ByPosition);
            if (!plan)
                return plan.takeError();
            JobResult out;
            out.summary = MainWindow::tr("%1 to create, %2 to replace, %3 unchanged, %4 to skip")
                              .arg(plan->toCreate)
                              .arg(plan->toReplace)
                              .arg(plan->unchanged)
                              .arg(plan->toSkip);
            out.value = QVariant::fromValue(plan.value());
            return out;
        },
        kPlanViewKey,
        [this, dialog, request](Job *job) {
            if (!dialog)
                return;
            if (job->state() == JobState::Finished)
                setPagedPlan(dialog, request, job->resultValue().value<CopyPlan>());
            else
                dialog->setPlanError(request,
                                     job->errorMessage().isEmpty() ? tr("cancelled") : job->errorMessage());
        },
        JobListing::Background);
}

// A plan whose items are paged reads them from this window's own store, the project the plan was made
// on; once another project is open, they are gone.
void MainWindow::setPagedPlan(CopyDialog *dialog, const CopyRequest &request, const CopyPlan &plan)
{
    if (!m_session)
        return;
    CopyPlanModel::PageReader reader;
    if (plan.itemsPaged) {
        reader = [this, plan, location = m_session->location()](int offset,
                                                                int limit) -> Result<QList<CopyPlanItem>> {
            if (!m_session || m_session->location() != location)
                return fail(tr("the project was closed"));
            return m_session->engine().planItems(plan, offset, limit);
        };
    }
    dialog->setPlan(request, plan, std::move(reader));
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
                   [operation](Store &store, const JobControl &control) -> Result<JobResult> {
                       Engine engine(store);
                       // Undo exactly what the user confirmed, not a write that landed since.
                       Result<OperationRecord> last = engine.lastUndoable();
                       if (!last)
                           return last.takeError();
                       if (last->id != operation.id)
                           return fail(MainWindow::tr("another write happened after the one you confirmed; "
                                                      "nothing was undone"));
                       Result<UndoResult> undone = engine.undoLast(operation.targetBranch, control);
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
        const Engine::ImportOptions options{dialog->overwrite(), dialog->addDataUnits()};
        startWrite(tr("Import %1 → %2").arg(QFileInfo(path).fileName(), branch),
                   [path, branch, options](Store &store, const JobControl &control) -> Result<JobResult> {
                       QFile file(path);
                       if (!file.open(QIODevice::ReadOnly))
                           return fail(MainWindow::tr("cannot read %1: %2").arg(path, file.errorString()));
                       // Read row by row, twice (checked, then written), so a file of any size fits in
                       // memory.
                       LabelRowArrayReader rows(file, QFileInfo(path).fileName());
                       Engine engine(store);
                       return copyJobResult(engine.importRows(branch, rows, options, control),
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
    const BranchInfo *info = m_branchModel->branchAt(m_branchModel->rowOf(branch));
    const QString question = info && info->totalsKnown
                                 ? tr("Delete the branch “%1” and its %2 label rows?")
                                       .arg(branch, QLocale().toString(info->rowCount))
                                 : tr("Delete the branch “%1” and all its label rows?").arg(branch);
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Delete Branch"), question, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteBranchBox"));
    box->setTextFormat(Qt::PlainText); // the branch name is shown as written, whatever it looks like
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
