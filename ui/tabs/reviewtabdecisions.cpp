#include "dialogs/applyreviewdialog.h"
#include "domain/username.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "items/reviewlistmodel.h"
#include "jobs/jobmanager.h"
#include "tabs/reviewtab.h"
#include "widgets/flowlayout.h"

#include <QAction>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QToolButton>

namespace lb {

namespace {

const QString kPlanViewKey = QStringLiteral("review-plan");
const QString kReviewerSetting = QStringLiteral("review/reviewerName");

} // namespace

// --- the decision bar -------------------------------------------------------------------------------------

// The bar under the canvas: one decision per key, the comment it is saved with, and the apply.
void ReviewTab::createDecisionBar()
{
    m_decisionBar = new QWidget(this);
    m_decisionBar->setObjectName(QStringLiteral("decisionBar"));
    m_commentEdit = new QLineEdit(m_decisionBar);
    m_commentEdit->setObjectName(QStringLiteral("reviewCommentEdit"));
    m_commentEdit->setPlaceholderText(tr("optional, saved with the decision"));
    m_commentEdit->setToolTip(
        tr("Saved with the next a / r; Enter saves it on a decision already taken and returns to the list "
           "(c comes here)"));
    m_commentEdit->setClearButtonEnabled(true);
    m_commentEdit->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    auto *commentLabel = new QLabel(tr("Co&mment:"), m_decisionBar);
    commentLabel->setBuddy(m_commentEdit);
    m_approveButton = decisionButton(tr("✓ Approve  a"), QStringLiteral("approveButton"),
                                     tr("Approve the selected data units: apply brings their source rows "
                                        "over (a). Shift+A approves only the object selected in the object "
                                        "list."));
    m_rejectButton = decisionButton(tr("✗ Reject  r"), QStringLiteral("rejectButton"),
                                    tr("Reject the selected data units: apply leaves their target rows "
                                       "alone (r). Shift+R rejects only the object selected in the object "
                                       "list."));
    m_clearButton = new QPushButton(tr("Clear"), m_decisionBar);
    m_clearButton->setObjectName(QStringLiteral("clearDecisionButton"));
    m_clearButton->setToolTip(tr("Forget the decisions on the selected data units"));
    auto *previousButton = new QToolButton(m_decisionBar);
    previousButton->setText(tr("◀ p"));
    previousButton->setToolTip(tr("Previous undecided data unit (p)"));
    auto *nextButton = new QToolButton(m_decisionBar);
    nextButton->setText(tr("n ▶"));
    nextButton->setToolTip(tr("Next undecided data unit (n)"));
    m_applyButton->setParent(m_decisionBar);
    connect(m_approveButton, &QPushButton::clicked, this, &ReviewTab::approveSelected);
    connect(m_rejectButton, &QPushButton::clicked, this, &ReviewTab::rejectSelected);
    connect(m_clearButton, &QPushButton::clicked, this, &ReviewTab::clearSelected);
    connect(previousButton, &QToolButton::clicked, this, &ReviewTab::goToPreviousUndecided);
    connect(nextButton, &QToolButton::clicked, this, &ReviewTab::goToNextUndecided);
    connect(m_commentEdit, &QLineEdit::returnPressed, this, [this] {
        saveComment();
        m_view->setFocus();
    });

    auto *comment = new QWidget(m_decisionBar);
    auto *commentLayout = new QHBoxLayout(comment);
    commentLayout->setContentsMargins(0, 0, 0, 0);
    commentLayout->addWidget(commentLabel);
    commentLayout->addWidget(m_commentEdit, 1);
    // Wraps onto two lines in a narrow window instead of widening it.
    auto *layout = new FlowLayout(m_decisionBar, 6, 4);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->addWidget(m_approveButton);
    layout->addWidget(m_rejectButton);
    layout->addWidget(m_clearButton);
    layout->addWidget(comment);
    layout->addWidget(previousButton);
    layout->addWidget(nextButton);
    layout->addWidget(m_applyButton);
}

QPushButton *ReviewTab::decisionButton(const QString &text, const QString &name, const QString &tip)
{
    auto *button = new QPushButton(text, m_decisionBar);
    button->setObjectName(name);
    button->setToolTip(tip);
    QFont font = button->font();
    font.setBold(true);
    button->setFont(font);
    button->setMinimumWidth(button->fontMetrics().horizontalAdvance(text) + 40);
    button->setMinimumHeight(button->sizeHint().height() + 6);
    return button;
}

// --- decisions ------------------------------------------------------------------------------------------

void ReviewTab::approveSelected()
{
    decideSelected(ReviewVerdict::Approved);
}

void ReviewTab::rejectSelected()
{
    decideSelected(ReviewVerdict::Rejected);
}

void ReviewTab::decideSelected(ReviewVerdict verdict)
{
    if (!m_store || m_readOnly || !hasListing())
        return;
    const QStringList hashes = selectedDataHashes();
    if (hashes.isEmpty())
        return;
    if (!ensureReviewerName([this, verdict] { decideSelected(verdict); }))
        return;
    const int rowBefore = m_view->currentIndex().row();
    saveDecisions(hashes, verdict, m_commentEdit->text().trimmed());
    // One decision at a time walks on to the next open one, so a review is a run of a / r presses.
    if (hashes.size() == 1) {
        // Showing only undecided units, the decided row has left the list and its successor took its place.
        const bool stillListed = currentDataHash() == hashes.constFirst();
        const int from = stillListed ? m_view->currentIndex().row() : rowBefore - 1;
        const int row = ReviewListModel::findUndecidedRow(*m_model, from, ReviewListModel::Direction::Next);
        if (row >= 0)
            selectRow(row);
        else
            onCurrentChanged();
    }
    updateActions();
}

bool ReviewTab::ensureReviewerName(const std::function<void()> &retry)
{
    // A decision is signed: with no name known at all, the first one asks for it (once; it is saved).
    if (!savedReviewerName().isEmpty() || defaultReviewerName() != unknownUserName())
        return true;
    editReviewerName([retry] {
        if (!savedReviewerName().isEmpty())
            retry();
    });
    return false;
}

void ReviewTab::decideObject(const QString &dataHash, const QString &objectHash, ReviewVerdict verdict)
{
    if (!m_store || m_readOnly || !hasListing() || dataHash.isEmpty() || objectHash.isEmpty())
        return;
    if (!ensureReviewerName(
            [this, dataHash, objectHash, verdict] { decideObject(dataHash, objectHash, verdict); }))
        return;
    saveDecisions({dataHash}, verdict, m_commentEdit->text().trimmed(), {objectHash});
    updateActions();
}

QHash<QString, ReviewVerdict> ReviewTab::objectVerdicts(const QString &dataHash) const
{
    QHash<QString, ReviewVerdict> verdicts;
    const ReviewItem *item = m_model->itemAt(m_model->rowOfDataHash(dataHash));
    if (!item)
        return verdicts;
    for (const ReviewDecision &decision : item->objectDecisions)
        verdicts.insert(decision.objectHash, decision.verdict);
    return verdicts;
}

Result<QList<ReviewDecision>> ReviewTab::runDecision(Store &store, const QString &reviewer,
                                                     const PendingDecision &decision)
{
    Engine engine(store, reviewer);
    ReviewEngine review(engine);
    if (decision.objects.isEmpty())
        return review.decide(decision.source, decision.target, decision.hashes, decision.verdict,
                             decision.comment);
    return review.decideObjects(decision.source, decision.target, decision.hashes.constFirst(),
                                decision.objects, decision.verdict, decision.comment);
}

void ReviewTab::saveDecisions(const QStringList &hashes, ReviewVerdict verdict, const QString &comment,
                              const QStringList &objects)
{
    PendingDecision pending{
        m_model->sourceBranch(), m_model->targetBranch(), hashes, verdict, comment, objects};
    if (!m_decideInJobs) {
        Result<QList<ReviewDecision>> decided = runDecision(*m_store, reviewerName(), pending);
        if (!decided) {
            decisionFailed(decided.error());
            return;
        }
        m_model->applyDecisions(decided.value());
        Q_EMIT decisionsSaved();
        showStatus(decisionText(pending));
        return;
    }
    // Queued one after the other, so a quick a-then-r on the same unit ends as r.
    m_pendingDecisions.append(pending);
    showStatus(tr("Saving the decision…"));
    if (!m_decisionRunning)
        startNextDecision();
}

QString ReviewTab::decisionText(const PendingDecision &decision)
{
    if (!decision.objects.isEmpty()) {
        const int objects = int(decision.objects.size());
        return decision.verdict == ReviewVerdict::Approved
                   ? countSentence(objects, tr("Approved 1 object."), tr("Approved %1 objects."))
                   : countSentence(objects, tr("Rejected 1 object."), tr("Rejected %1 objects."));
    }
    const int count = int(decision.hashes.size());
    return decision.verdict == ReviewVerdict::Approved
               ? countSentence(count, tr("Approved 1 data unit."), tr("Approved %1 data units."))
               : countSentence(count, tr("Rejected 1 data unit."), tr("Rejected %1 data units."));
}

void ReviewTab::decisionFailed(const QString &error)
{
    showStatus(tr("The decision was not saved: %1").arg(error), true);
    Q_EMIT errorOccurred(tr("The decision was not saved: %1").arg(error));
}

void ReviewTab::startNextDecision()
{
    if (m_pendingDecisions.isEmpty()) {
        m_decisionRunning = false;
        return;
    }
    m_decisionRunning = true;
    const PendingDecision next = m_pendingDecisions.takeFirst();
    const QString reviewer = reviewerName();
    const QString done = decisionText(next);
    Job *job = m_jobs->start(
        tr("Review decision %1 → %2").arg(next.source, next.target),
        [next, reviewer, done](Store &store, const JobControl &) -> Result<JobResult> {
            Result<QList<ReviewDecision>> decided = runDecision(store, reviewer, next);
            if (!decided)
                return decided.takeError();
            JobResult out;
            out.summary = done;
            out.value = QVariant::fromValue(decided.value());
            return out;
        },
        QString(), JobListing::Background);
    connect(job, &Job::finished, this, [this, job] {
        if (job->state() == JobState::Finished) {
            m_model->applyDecisions(job->resultValue().value<QList<ReviewDecision>>());
            Q_EMIT decisionsSaved();
            if (m_pendingDecisions.isEmpty())
                showStatus(job->resultSummary());
        } else {
            decisionFailed(job->errorMessage().isEmpty() ? tr("cancelled") : job->errorMessage());
        }
        updateActions();
        startNextDecision();
    });
}

void ReviewTab::saveComment()
{
    const int row = m_model->rowOfDataHash(currentDataHash());
    const ReviewItem *item = m_model->itemAt(row);
    if (!item)
        return;
    if (!item->hasDecision) {
        showStatus(tr("The comment is saved with the decision: press a to approve or r to reject."));
        m_view->setFocus();
        return;
    }
    if (!m_store || m_readOnly)
        return;
    saveDecisions({item->diff.dataHash}, item->decision.verdict, m_commentEdit->text().trimmed());
    m_view->setFocus();
}

void ReviewTab::clearSelected()
{
    if (!m_store || m_readOnly || !hasListing())
        return;
    const QStringList hashes = selectedDataHashes();
    if (hashes.isEmpty())
        return;
    Engine engine(*m_store, reviewerName());
    Result<int> cleared =
        ReviewEngine(engine).clear(m_model->sourceBranch(), m_model->targetBranch(), hashes);
    if (!cleared) {
        showStatus(tr("The decisions were not cleared: %1").arg(cleared.error()), true);
        return;
    }
    m_model->forgetDecisions(hashes);
    Q_EMIT decisionsSaved();
    m_commentEdit->clear();
    updateActions();
}

// --- apply ----------------------------------------------------------------------------------------------

JobResult ReviewTab::appliedResult(const AppliedReview &applied, const QString &target)
{
    const CopyResult &units = applied.units;
    QStringList parts;
    if (units.batchesTotal > 0 || applied.objectUnitsApproved == 0) {
        QString part = tr("%1 approved rows synced to %2 (%3 replaced, %4 created)")
                           .arg(units.count)
                           .arg(target)
                           .arg(units.replaced)
                           .arg(units.created);
        if (const QString method = copyMethodText(units); !method.isEmpty())
            part += QStringLiteral("; ") + method;
        parts.append(part);
    }
    if (applied.objects.batchesTotal == 0 && applied.objectUnitsApproved > 0)
        parts.append(tr("the approved objects are already as on %1").arg(target));
    if (applied.objects.batchesTotal > 0)
        parts.append(tr("%1 approved objects merged into %2 rows of %3")
                         .arg(applied.objectsTaken)
                         .arg(applied.objects.count)
                         .arg(target));
    JobResult out;
    out.summary = parts.join(QStringLiteral("; "));
    out.cancelled = units.cancelled || applied.objects.cancelled;
    out.value = QVariant::fromValue(units.operationId ? units : applied.objects);
    return out;
}

void ReviewTab::requestApply()
{
    if (!m_store || m_readOnly || !hasListing())
        return;
    const QString source = m_model->sourceBranch();
    const QString target = m_model->targetBranch();
    showStatus(tr("Working out what applying the approved decisions would do…"));
    Job *job = m_jobs->start(
        tr("Dry run: apply approved %1 → %2").arg(source, target),
        [source, target](Store &store, const JobControl &) -> Result<JobResult> {
            Engine engine(store);
            Result<ApplyReviewPlan> plan = ReviewEngine(engine).planApply(source, target);
            if (!plan)
                return plan.takeError();
            JobResult out;
            out.summary = ReviewTab::tr("%1 approved: %2 to replace, %3 to create")
                              .arg(plan->dataHashes.size())
                              .arg(plan->plan.toReplace)
                              .arg(plan->plan.toCreate);
            if (!plan->objectMerge.units.isEmpty())
                out.summary += ReviewTab::tr("; %1 approved objects in %2 data units to merge")
                                   .arg(plan->objectsApproved())
                                   .arg(plan->objectMerge.units.size());
            out.value = QVariant::fromValue(plan.value());
            return out;
        },
        kPlanViewKey, JobListing::Background);
    connect(job, &Job::resultReady, this, [this, job] {
        if (job->state() != JobState::Finished) {
            showStatus(tr("The dry run failed: %1").arg(job->errorMessage()), true);
            return;
        }
        const auto plan = job->resultValue().value<ApplyReviewPlan>();
        if (plan.isEmpty()) {
            showStatus(
                tr("Nothing to apply: no approved decision is up to date. Approve data units first (a), "
                   "or objects (Shift+A)."));
            return;
        }
        showListing();
        QStringList overwritten;
        for (const ReviewItem &item : plan.approvedItems) {
            if (item.threeWay == ThreeWayStatus::Conflict || item.threeWay == ThreeWayStatus::TargetChanged)
                overwritten.append(item.diff.dataTitle.isEmpty() ? item.diff.dataHash : item.diff.dataTitle);
        }
        auto *dialog = new ApplyReviewDialog(plan, overwritten, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] { startApply(dialog->plan()); });
        dialog->open();
        Q_EMIT applyDialogOpened(dialog);
    });
}

void ReviewTab::startApply(const ApplyReviewPlan &plan)
{
    const QString source = plan.plan.request.sourceBranch;
    const QString target = plan.plan.request.targetBranch;
    const QString reviewer = reviewerName();
    const int batchSize = plan.plan.request.batchSize > 0 ? plan.plan.request.batchSize : 50;
    Job *job = m_jobs->start(
        tr("Apply approved %1 → %2 (%3 data units)")
            .arg(source, target)
            .arg(plan.dataHashes.size() + plan.objectMerge.units.size()),
        [source, target, reviewer, batchSize](Store &store, const JobControl &control) -> Result<JobResult> {
            Engine engine(store, reviewer);
            Result<AppliedReview> applied =
                ReviewEngine(engine).applyApproved(source, target, batchSize, control);
            if (!applied)
                return applied.takeError();
            return appliedResult(applied.value(), target);
        });
    showStatus(tr("Applying the approved decisions to %1…").arg(target));
    Q_EMIT writeStarted(job);
    connect(job, &Job::resultReady, this, [this, job, source, target] {
        if (job->state() == JobState::Failed) {
            showStatus(tr("Applying failed: %1").arg(job->errorMessage()), true);
            Q_EMIT errorOccurred(tr("Applying the approved decisions failed: %1").arg(job->errorMessage()));
        } else {
            // The applied units leave the list (they no longer differ); this says where they went.
            m_appliedNotice->setText(
                tr("✓ %1. Edit ▸ Undo Last Write (Ctrl+Z) takes it back.").arg(job->resultSummary()));
            m_appliedNotice->show();
        }
        Q_EMIT writeFinished(job, {target});
        // The applied units no longer differ; the list shows what is left.
        if (m_model->sourceBranch() == source && m_model->targetBranch() == target)
            reload();
    });
}

// --- reviewer -------------------------------------------------------------------------------------------

QString ReviewTab::savedReviewerName()
{
    return QSettings().value(kReviewerSetting).toString().trimmed();
}

void ReviewTab::saveReviewerName(const QString &name)
{
    QSettings settings;
    if (name.trimmed().isEmpty())
        settings.remove(kReviewerSetting);
    else
        settings.setValue(kReviewerSetting, name.trimmed());
}

QString ReviewTab::reviewerName()
{
    const QString saved = savedReviewerName();
    return saved.isEmpty() ? defaultReviewerName() : saved;
}

void ReviewTab::updateReviewerLabel()
{
    const QString name = reviewerName();
    m_reviewerLabel->setText(tr("Reviewer: %1").arg(name));
}

void ReviewTab::editReviewerName(std::function<void()> then)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("reviewerNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Reviewer Name"));
    dialog->setLabelText(
        tr("Record review decisions and applies under this name (empty: %1):").arg(defaultReviewerName()));
    dialog->setTextValue(savedReviewerName());
    connect(dialog, &QInputDialog::textValueSelected, this, [this, then](const QString &name) {
        saveReviewerName(name);
        updateReviewerLabel();
        if (then)
            then();
    });
    dialog->open();
}

} // namespace lb
