#include "tabs/reviewtab.h"

#include "delegates/reviewitemdelegate.h"
#include "dialogs/applyreviewdialog.h"
#include "domain/branchname.h"
#include "domain/username.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "items/reviewlistmodel.h"
#include "jobs/jobmanager.h"
#include "widgets/flowlayout.h"
#include "widgets/noticestyle.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kListViewKey = QStringLiteral("review");
// Up to this many data units a decision is checked and saved in a few milliseconds on the GUI thread.
constexpr int kInlineDecisionUnits = 5000;

} // namespace

ReviewTab::ReviewTab(JobManager *jobs, QWidget *parent) : QWidget(parent), m_jobs(jobs)
{
    setObjectName(QStringLiteral("reviewTab"));
    m_model = new ReviewListModel(this);

    createReviewerAction();

    // Widgets are created top to bottom, which is also the tab chain's order.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_conflictBanner = createNotice(QStringLiteral("reviewConflictBanner"), notice::Kind::Error);
    m_appliedNotice = createNotice(QStringLiteral("reviewAppliedNotice"), notice::Kind::Info);
    layout->addWidget(m_conflictBanner);
    layout->addWidget(m_appliedNotice);
    layout->addLayout(createProgressRow());
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(createTable(), 1);
    createDecisionBar();

    setTabOrder(m_view, m_commentEdit);
    setTabOrder(m_commentEdit, m_approveButton);
    setTabOrder(m_approveButton, m_rejectButton);

    connect(m_model, &ReviewListModel::progressChanged, this, &ReviewTab::updateProgress);
    connect(m_model, &ReviewListModel::rowsRequested, this, &ReviewTab::readRows);
    connect(m_model, &ReviewListModel::errorOccurred, this, [this](const QString &message) {
        showStatus(tr("The review list could not be read: %1").arg(message), true);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewTab::onCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReviewTab::updateActions);

    updateReviewerLabel();
    clear();
}

// The reviewer's name shows under the progress (createProgressRow).
void ReviewTab::createReviewerAction()
{
    m_reviewerAction = new QAction(tr("Reviewer &Name…"), this);
    m_reviewerAction->setObjectName(QStringLiteral("reviewerNameAction"));
    m_reviewerAction->setToolTip(tr("The name review decisions and applies are recorded under"));
    connect(m_reviewerAction, &QAction::triggered, this, [this] { editReviewerName(nullptr); });
    m_reviewerLabel = new QLabel(this);
    m_reviewerLabel->setObjectName(QStringLiteral("reviewerLabel"));
    m_reviewerButton = new QToolButton(this);
    m_reviewerButton->setText(tr("Change…"));
    m_reviewerButton->setToolTip(m_reviewerAction->toolTip());
    connect(m_reviewerButton, &QToolButton::clicked, m_reviewerAction, &QAction::trigger);
}

// A boxed line above the list, hidden until it has something to say.
QLabel *ReviewTab::createNotice(const QString &name, notice::Kind kind)
{
    auto *label = new QLabel(this);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    notice::setBoxStyle(label, kind);
    label->hide();
    return label;
}

QVBoxLayout *ReviewTab::createProgressRow()
{
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("reviewProgressLabel"));
    m_progressLabel->setTextFormat(Qt::PlainText);
    QFont progressFont = m_progressLabel->font();
    progressFont.setBold(true);
    m_progressLabel->setFont(progressFont);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("reviewProgressBar"));
    m_progressBar->setTextVisible(true);
    m_progressBar->setFormat(tr("%p%")); // the line beside it says "3 of 147 decided"
    m_progressBar->setMinimumWidth(80);
    m_applyButton = new QPushButton(tr("Apply Approved…"), this);
    m_applyButton->setObjectName(QStringLiteral("applyApprovedButton"));
    m_applyButton->setToolTip(
        tr("Sync exactly the approved data units onto the target, after showing what will "
           "happen; undoable with Edit ▸ Undo Last Write (Ctrl+Return)"));
    connect(m_applyButton, &QPushButton::clicked, this, &ReviewTab::requestApply);

    m_onlyUndecided = new QCheckBox(tr("Only undecided"), this);
    m_onlyUndecided->setObjectName(QStringLiteral("reviewOnlyUndecided"));
    m_onlyUndecided->setToolTip(tr("Hide the data units already approved or rejected (stale ones stay)"));
    // The model filters as decisions land, so a decided unit leaves the list at once.
    connect(m_onlyUndecided, &QCheckBox::toggled, this, [this](bool only) {
        const QString current = currentDataHash();
        m_model->setOnlyUndecided(only);
        if (!current.isEmpty())
            selectDataHash(current);
        if (!m_view->currentIndex().isValid())
            selectRow(0);
    });

    m_progressLabel->setWordWrap(true);
    auto *progressRow = new QVBoxLayout;
    progressRow->setSpacing(2);
    progressRow->addWidget(m_progressLabel);
    auto *barRow = new QHBoxLayout;
    barRow->addWidget(m_progressBar, 1);
    barRow->addSpacing(8);
    barRow->addWidget(m_onlyUndecided);
    progressRow->addLayout(barRow);
    auto *reviewerRow = new QHBoxLayout;
    reviewerRow->addWidget(m_reviewerLabel, 1);
    reviewerRow->addWidget(m_reviewerButton);
    progressRow->addLayout(reviewerRow);
    return progressRow;
}

QTableView *ReviewTab::createTable()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("reviewView"));
    m_view->setModel(m_model); // sorting and filtering are the model's: it reads only what is shown
    m_view->setItemDelegate(new ReviewItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the list instead of moving the selected unit
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Differing data units under review"));
    m_view->sortByColumn(-1,
                         Qt::AscendingOrder); // the listing's order (conflicts first) until the user sorts
    // Sized for a narrow list: the decision and the title in view, long titles cut in the middle.
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setTextElideMode(Qt::ElideMiddle);
    // Wide enough for a unit decided object by object ("✓ 1 ✗ 2 objects").
    ReviewItem byObjects;
    byObjects.objectDecisions = {ReviewDecision{}, ReviewDecision{}};
    byObjects.objectDecisions.last().verdict = ReviewVerdict::Rejected;
    m_view->setColumnWidth(ReviewListModel::DecisionColumn,
                           qMax(metrics.horizontalAdvance(
                                    ReviewListModel::decisionText(ReviewListModel::DecisionState::Approved)),
                                metrics.horizontalAdvance(ReviewListModel::objectsDecisionText(byObjects))) +
                               28);
    m_view->setColumnWidth(ReviewListModel::TitleColumn,
                           metrics.horizontalAdvance(QStringLiteral("drive-07/…/000123.jpg")) + 24);
    m_view->setColumnWidth(ReviewListModel::DiffStatusColumn,
                           metrics.horizontalAdvance(diffStatusDisplay(DiffStatus::ChangedSameCount)) + 24);
    m_view->setColumnWidth(ReviewListModel::DeltaColumn,
                           metrics.horizontalAdvance(QStringLiteral("Delta")) + 36);
    m_view->setColumnWidth(ReviewListModel::ThreeWayColumn,
                           metrics.horizontalAdvance(QStringLiteral("Since copy")) + 40);
    m_view->setColumnWidth(ReviewListModel::CommentColumn, 180);

    return m_view;
}

QString ReviewTab::countSentence(int count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(QLocale().toString(count));
}

// --- project and pair ----------------------------------------------------------------------------------

void ReviewTab::setStore(Store *store, bool readOnly)
{
    m_store = store;
    m_model->setStore(store);
    m_readOnly = readOnly;
    m_pendingDecisions.clear();
    m_decisionRunning = false;
    m_decideInJobs = false;
    if (store) {
        // Checking a decision reads the project's data units: a millisecond in a small project file, about a
        // second at 100,000 units, and network round trips on a live Encord project. Only the first is done
        // while the key is pressed.
        if (store->projectInfo().remote) {
            m_decideInJobs = true;
        } else {
            RowQuery everyUnit;
            everyUnit.branch = kMainBranch;
            everyUnit.includeUninitialised = true;
            const Result<int> units = store->countRows(everyUnit);
            m_decideInJobs = !units || units.value() > kInlineDecisionUnits;
        }
    }
    if (!store)
        clear();
    updateActions();
}

void ReviewTab::setBranches(const QStringList &branches)
{
    // A branch under review that went away (renamed, deleted) leaves nothing to show.
    if (!branches.contains(m_source))
        m_source.clear();
    if (!branches.contains(m_target))
        m_target.clear();
    if (hasListing() && (m_source.isEmpty() || m_target.isEmpty()))
        clear();
}

void ReviewTab::setPair(const QString &source, const QString &target)
{
    if (source != this->source() || target != this->target())
        m_appliedNotice->hide();
    m_source = source;
    m_target = target;
    reload();
}

QString ReviewTab::source() const
{
    return m_source;
}

QString ReviewTab::target() const
{
    return m_target;
}

bool ReviewTab::hasListing() const
{
    return !m_model->sourceBranch().isEmpty();
}

void ReviewTab::swap()
{
    setPair(target(), source());
}

void ReviewTab::clear()
{
    if (Job *job = m_jobs->latestForView(kListViewKey); job && job->isActive())
        job->markObsolete();
    m_loading = false;
    m_model->clear();
    m_commentEdit->clear();
    showStatus(tr("Choose the source whose changes you review and the target they would be applied to."));
    updateProgress();
    updateActions();
}

void ReviewTab::reloadIfAffected(const QStringList &branches)
{
    if (!hasListing())
        return;
    if (branches.isEmpty() || branches.contains(m_model->sourceBranch()) ||
        branches.contains(m_model->targetBranch()))
        reload();
}

// --- listing --------------------------------------------------------------------------------------------

void ReviewTab::reload()
{
    const QString source = this->source();
    const QString target = this->target();
    if (!m_store || source.isEmpty() || target.isEmpty())
        return;
    if (source == target) {
        m_model->clear();
        showStatus(tr("Choose two different branches to review."), true);
        return;
    }
    if (m_model->sourceBranch() != source || m_model->targetBranch() != target) {
        m_model->clear();
        m_commentEdit->clear();
    }
    m_restoreDataHash = currentDataHash();
    const bool samePair = m_model->sourceBranch() == source && m_model->targetBranch() == target;
    readRows(samePair ? m_model->rowOrder() : DiffQuery::Order::ThreeWay,
             samePair && m_model->rowsDescending());
}

void ReviewTab::readRows(DiffQuery::Order order, bool descending)
{
    const QString source = this->source();
    const QString target = this->target();
    if (!m_store || source.isEmpty() || target.isEmpty() || source == target)
        return;
    if (m_restoreDataHash.isEmpty())
        m_restoreDataHash = currentDataHash();
    m_loading = true;
    showStatus(tr("Listing the differences between %1 and %2 and the saved decisions…").arg(source, target));
    updateActions();
    const QString reviewer = reviewerName();
    Job *job = m_jobs->start(
        tr("Review %1 → %2").arg(source, target),
        [source, target, reviewer, order, descending](Store &store,
                                                      const JobControl &control) -> Result<JobResult> {
            Engine engine(store, reviewer);
            Result<ReviewRowSet> rows = ReviewEngine(engine).rows(source, target, order, descending, control);
            if (!rows)
                return rows.takeError();
            JobResult out;
            out.summary = ReviewTab::tr("%1 differing data units, %2")
                              .arg(QLocale().toString(rows->progress.total), rows->progress.text());
            out.value = QVariant::fromValue(std::move(rows).value());
            return out;
        },
        kListViewKey);
    connect(job, &Job::resultReady, this, [this, job] {
        m_loading = false;
        if (job->state() != JobState::Finished) {
            showStatus(job->state() == JobState::Failed
                           ? tr("The review could not be listed: %1").arg(job->errorMessage())
                           : tr("Listing the review was cancelled."),
                       true);
            updateActions();
            return;
        }
        // A unit the reviewer moved to while the list was read is the one to keep.
        if (const QString current = currentDataHash(); !current.isEmpty())
            m_restoreDataHash = current;
        m_model->setRows(job->resultValue().value<ReviewRowSet>());
        // The header shows the order the model kept (another pair starts in the list's own order).
        const QSignalBlocker quiet(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        showListing();
        Q_EMIT listingLoaded();
    });
}

void ReviewTab::showListing()
{
    const QString source = m_model->sourceBranch(), target = m_model->targetBranch();
    const bool empty = m_model->progress().total == 0;
    if (empty) {
        showStatus(
            tr("%1 and %2 have no differing data units: there is nothing to review.").arg(source, target));
    } else {
        showStatus(tr("Approve the units whose %1 labels should replace %2's; reject the others.")
                       .arg(source, target));
    }
    const int row = m_restoreDataHash.isEmpty() ? -1 : m_model->rowOfDataHash(m_restoreDataHash);
    if (row >= 0)
        selectRow(row);
    else if (m_model->rowCount() > 0)
        selectRow(
            std::max(0, ReviewListModel::findUndecidedRow(*m_model, -1, ReviewListModel::Direction::Next)));
    m_restoreDataHash.clear();
    updateProgress();
    updateActions();
}

void ReviewTab::updateProgress()
{
    const ReviewProgress &progress = m_model->progress();
    if (!hasListing()) {
        m_progressLabel->setText(QString());
        m_progressBar->setRange(0, 1);
        m_progressBar->setValue(0);
        m_progressBar->setVisible(false);
        m_conflictBanner->hide();
        return;
    }
    m_progressLabel->setText(ReviewListModel::progressText(progress));
    // With nothing to review a bar would read "0 of 1 decided".
    m_progressBar->setVisible(progress.total > 0);
    m_progressBar->setRange(0, std::max(1, progress.total));
    m_progressBar->setValue(progress.decided);

    const int targetChanged = m_model->countOf(ThreeWayStatus::TargetChanged);
    const QString target = m_model->targetBranch();
    QStringList parts;
    if (progress.conflicts > 0)
        parts << countSentence(
            progress.conflicts,
            tr("⚠ 1 data unit was changed on both branches since it was copied (a conflict, listed "
               "first)."),
            tr("⚠ %1 data units were changed on both branches since they were copied (conflicts, "
               "listed first)."));
    if (targetChanged > 0)
        parts << (targetChanged == 1
                      ? tr("1 data unit was changed only on “%1” since it was copied.").arg(target)
                      : tr("%1 data units were changed only on “%2” since they were copied.")
                            .arg(QLocale().toString(targetChanged), target));
    if (!parts.isEmpty()) {
        parts << tr("Approving and applying them overwrites the target's changes.");
        m_conflictBanner->setText(parts.join(QLatin1Char(' ')));
        m_conflictBanner->show();
    } else {
        m_conflictBanner->hide();
    }
}

void ReviewTab::showStatus(const QString &text, bool error)
{
    notice::setTextStyle(m_status, error ? notice::Kind::Error : notice::Kind::Info);
    m_status->setText(text);
}

void ReviewTab::updateActions()
{
    const bool canDecide = m_store && !m_readOnly && hasListing() && !selectedDataHashes().isEmpty();
    m_approveButton->setEnabled(canDecide);
    m_rejectButton->setEnabled(canDecide);
    m_clearButton->setEnabled(canDecide);
    m_applyButton->setEnabled(m_store && !m_readOnly && hasListing() && !m_loading &&
                              m_model->progress().approved > 0);
}

QString ReviewTab::progressText() const
{
    return m_progressLabel->text();
}

QString ReviewTab::conflictText() const
{
    return m_conflictBanner->isHidden() ? QString() : m_conflictBanner->text();
}

QString ReviewTab::appliedText() const
{
    return m_appliedNotice->isHidden() ? QString() : m_appliedNotice->text();
}

QString ReviewTab::statusText() const
{
    return m_status->text();
}

// --- selection and navigation ---------------------------------------------------------------------------

QString ReviewTab::currentDataHash() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(ReviewListModel::DataHashRole).toString() : QString();
}

void ReviewTab::selectDataHash(const QString &dataHash)
{
    const int row = m_model->rowOfDataHash(dataHash);
    if (row >= 0)
        selectRow(row);
}

QStringList ReviewTab::selectedDataHashes() const
{
    QStringList hashes;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        hashes.append(index.data(ReviewListModel::DataHashRole).toString());
    if (hashes.isEmpty() && m_view->currentIndex().isValid())
        hashes.append(currentDataHash());
    return hashes;
}

void ReviewTab::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    // The decision column is the current one, so showing the row never scrolls the list sideways.
    const QModelIndex index = m_model->index(row, ReviewListModel::DecisionColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

void ReviewTab::onCurrentChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const ReviewItem *item = current.isValid() ? m_model->itemAt(current.row()) : nullptr;
    // The field shows the comment of the row it would be saved with, so re-deciding keeps it.
    m_commentEdit->setText(item && item->hasDecision ? item->decision.comment : QString());
    updateActions();
    Q_EMIT currentDataUnitChanged(item ? item->diff.dataHash : QString());
}

void ReviewTab::goToNextUndecided()
{
    goToUndecided(true);
}

void ReviewTab::goToPreviousUndecided()
{
    goToUndecided(false);
}

void ReviewTab::goToUndecided(bool next)
{
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    const int row = ReviewListModel::findUndecidedRow(
        *m_model, from, next ? ReviewListModel::Direction::Next : ReviewListModel::Direction::Previous);
    if (row < 0) {
        if (hasListing() && m_model->rowCount() > 0)
            showStatus(tr("Every data unit is decided. Apply Approved… syncs the approved ones."));
        return;
    }
    selectRow(row);
    m_view->setFocus();
}

} // namespace lb
