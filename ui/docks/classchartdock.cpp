#include "docks/classchartdock.h"

#include "docks/classchartview.h"
#include "engine/branchcomparison.h"
#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "store/store.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kChartViewKey = QStringLiteral("class-chart");
// Clicking or dragging through rows changes the selection many times a second; count once it settles.
constexpr int kSelectionDelayMs = 120;

} // namespace

ClassChartDock::ClassChartDock(BranchDiffModel *diffModel, QAbstractItemView *compareView, JobManager *jobs,
                               SessionProvider session, QWidget *parent)
    : QDockWidget(tr("Classes"), parent), m_diffModel(diffModel), m_compareView(compareView), m_jobs(jobs),
      m_session(std::move(session))
{
    setObjectName(QStringLiteral("classChartDock"));
    setToolTip(tr("Objects per class on the source and the target of the compare"));

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("classChartPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setTextFormat(Qt::PlainText);

    m_chartView = new ClassChartView(this);
    // The title above the chart rather than in it: a QLabel wraps in a narrow dock where a chart title is
    // cut.
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("classChartTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setAlignment(Qt::AlignHCenter);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("classChartTotals"));
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setWordWrap(true);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("classChartHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_chartPage = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(m_chartPage);
    pageLayout->setContentsMargins(4, 0, 4, 4);
    pageLayout->setSpacing(2);
    pageLayout->addWidget(m_title);
    pageLayout->addWidget(m_chartView, 1);
    pageLayout->addWidget(m_totals);
    pageLayout->addWidget(m_hint);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_chartPage);
    setWidget(m_stack);

    m_selectionDelay = new QTimer(this);
    m_selectionDelay->setSingleShot(true);
    m_selectionDelay->setInterval(kSelectionDelayMs);
    connect(m_selectionDelay, &QTimer::timeout, this, &ClassChartDock::updateNow);

    // A new diff replaces the table (and clears its selection): chart the whole compare right away.
    connect(m_diffModel, &QAbstractItemModel::modelReset, this, [this] {
        ++m_selectionGeneration; // a count running for the old rows' selection is dropped
        m_counting = false;
        updateNow();
    });
    connect(m_compareView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClassChartDock::scheduleUpdate);
    updateNow();
}

const ClassChartModel &ClassChartDock::counts() const
{
    return m_chartView->counts();
}

bool ClassChartDock::hasChart() const
{
    return m_stack->currentWidget() == m_chartPage;
}

QString ClassChartDock::titleText() const
{
    return m_title->text();
}

QString ClassChartDock::totalsText() const
{
    return m_totals->text();
}

void ClassChartDock::scheduleUpdate()
{
    m_selectionDelay->start();
}

QList<qint64> ClassChartDock::selectedUnits() const
{
    QList<qint64> units;
    const QItemSelectionModel *selection = m_compareView->selectionModel();
    if (!selection || !selection->hasSelection())
        return units;
    // Ranges rather than selectedRows(): selecting all of 100,000 rows is one range, not 100,000 indexes.
    QSet<int> seen;
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            if (!seen.contains(row)) {
                seen.insert(row);
                units.append(m_diffModel->unitAt(row));
            }
        }
    }
    return units;
}

void ClassChartDock::updateNow()
{
    m_selectionDelay->stop();
    ProjectSession *session = m_session();
    if (!session || !m_diffModel->hasComparison()) {
        m_counting = false;
        showPlaceholder(tr("Compare two branches to see how many objects of each class the source and the "
                           "target have."));
        return;
    }
    const QList<qint64> selected = selectedUnits();
    if (selected.isEmpty()) {
        showCounts(ClassChartModel::fromSummary(m_diffModel->sourceBranch(), m_diffModel->targetBranch(),
                                                m_diffModel->summary(), session->ontology()),
                   false);
        return;
    }
    countSelection(selected);
    m_hint->setText(tr("Counting the objects of the selected data units…"));
}

// The totals of a selection come from the store (one query over the selected data units), as a job: a
// selection of 100,000 rows takes longer than a frame.
void ClassChartDock::countSelection(const QList<qint64> &units)
{
    const QString source = m_diffModel->sourceBranch(), target = m_diffModel->targetBranch();
    const quint64 generation = ++m_selectionGeneration;
    m_counting = true;
    Job *job = m_jobs->start(
        tr("Objects per class of %1 selected data units: %2 → %3")
            .arg(QLocale().toString(units.size()), source, target),
        [source, target, units](Store &store, const JobControl &control) -> Result<JobResult> {
            Result<DiffSummary> summary = BranchComparison(store).summary(source, target, control, &units);
            if (!summary)
                return summary.takeError();
            JobResult out;
            out.summary = ClassChartDock::tr("Counted the objects of %1 data units").arg(summary->total);
            out.value = QVariant::fromValue(summary.value());
            return out;
        },
        kChartViewKey, JobListing::Background);
    // finished, not resultReady: an obsolete job must still end the counting state.
    connect(job, &Job::finished, this, [this, job, generation, source, target] {
        if (generation != m_selectionGeneration)
            return; // a newer selection is being counted
        m_counting = false;
        if (source != m_diffModel->sourceBranch() || target != m_diffModel->targetBranch())
            return;
        if (job->state() != JobState::Finished) {
            m_hint->setText(
                job->state() == JobState::Failed
                    ? tr("Cannot count the objects of the selected data units: %1").arg(job->errorMessage())
                    : tr("Counting was cancelled; select the rows again to retry."));
            return;
        }
        ProjectSession *session = m_session();
        if (!session)
            return;
        showCounts(ClassChartModel::fromSummary(source, target, job->resultValue().value<DiffSummary>(),
                                                session->ontology()),
                   true);
    });
}

void ClassChartDock::showCounts(const ClassChartModel &counts, bool selection)
{
    m_showsSelection = selection;
    const QLocale locale;
    const QString scope =
        selection ? (counts.dataUnitCount() == 1
                         ? tr("1 selected data unit")
                         : tr("%1 selected data units").arg(locale.toString(counts.dataUnitCount())))
                  : tr("all %1 data units").arg(locale.toString(counts.dataUnitCount()));
    m_title->setText(
        tr("Objects per class: %1 → %2, %3").arg(counts.sourceBranch(), counts.targetBranch(), scope));
    m_chartView->showCounts(counts, QString());
    const int delta = counts.targetTotal() - counts.sourceTotal();
    m_totals->setText(tr("In total: %1 objects on %2, %3 on %4 (%5).")
                          .arg(locale.toString(counts.sourceTotal()), counts.sourceBranch(),
                               locale.toString(counts.targetTotal()), counts.targetBranch(),
                               delta == 0 ? tr("no change") : BranchDiffModel::formatDelta(delta)));
    m_hint->setText(selection ? tr("Clear the selection in the Compare table to chart every data unit again.")
                              : tr("Select rows in the Compare table to chart only those data units. "
                                   "Labels show target − source; hover a bar for its numbers."));
    if (counts.isEmpty())
        m_totals->setText(tr("Neither branch has objects in these data units."));
    m_stack->setCurrentWidget(m_chartPage);
    Q_EMIT countsShown();
}

void ClassChartDock::showPlaceholder(const QString &text)
{
    m_showsSelection = false;
    m_chartView->clearCounts();
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

} // namespace lb
