#include "docks/classchartdock.h"

#include "docks/classchartview.h"
#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "store/store.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kChartViewKey = QStringLiteral("class-chart");
// Clicking or dragging through rows changes the selection many times a second; count once it settles.
constexpr int kSelectionDelayMs = 120;

Result<ClassCountIndex> readCountIndex(Store &store, const BranchDiff &diff)
{
    RowQuery query;
    query.branch = diff.sourceBranch;
    Result<QList<LabelRowSummary>> sourceRows = store.listRows(query);
    if (!sourceRows)
        return sourceRows.takeError();
    query.branch = diff.targetBranch;
    Result<QList<LabelRowSummary>> targetRows = store.listRows(query);
    if (!targetRows)
        return targetRows.takeError();
    QStringList positions;
    positions.reserve(diff.entries.size());
    for (const DiffEntry &entry : diff.entries)
        positions.append(entry.dataHash);
    return ClassCountIndex::fromRows(diff.sourceBranch, sourceRows.value(), diff.targetBranch,
                                     targetRows.value(), positions);
}

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
        ++m_diffGeneration;
        m_index.reset();
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

QList<int> ClassChartDock::selectedDiffRows() const
{
    QList<int> rows;
    const QItemSelectionModel *selection = m_compareView->selectionModel();
    if (!selection || !selection->hasSelection())
        return rows;
    // Ranges rather than selectedRows(): selecting all of 100,000 rows is one range, not 100,000 indexes.
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(m_compareView->model());
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const QModelIndex index = range.model()->index(row, 0, range.parent());
            rows.append(proxy ? proxy->mapToSource(index).row() : row);
        }
    }
    return rows;
}

void ClassChartDock::updateNow()
{
    m_selectionDelay->stop();
    ProjectSession *session = m_session();
    const BranchDiff &diff = m_diffModel->diff();
    if (!session || diff.sourceBranch.isEmpty() || diff.targetBranch.isEmpty()) {
        m_counting = false;
        showPlaceholder(tr("Compare two branches to see how many objects of each class the source and the "
                           "target have."));
        return;
    }
    const QList<int> selected = selectedDiffRows();
    if (selected.isEmpty()) {
        showCounts(ClassChartModel::fromDiff(diff, session->ontology()), false);
        return;
    }
    if (m_index) {
        showCounts(m_index->chart(selected, session->ontology()), true);
        return;
    }
    loadIndex();
    m_hint->setText(tr("Counting the objects of the selected data units…"));
}

void ClassChartDock::loadIndex()
{
    if (m_counting)
        return; // the running job delivers the index for this diff, and the chart then follows the selection
    const BranchDiff diff = m_diffModel->diff(); // shares the entries, copies nothing
    const quint64 generation = m_diffGeneration;
    m_counting = true;
    Job *job = m_jobs->start(
        tr("Objects per class of every data unit: %1 → %2").arg(diff.sourceBranch, diff.targetBranch),
        [diff](Store &store, const JobControl &) -> Result<JobResult> {
            Result<ClassCountIndex> index = readCountIndex(store, diff);
            if (!index)
                return index.takeError();
            JobResult out;
            out.summary = ClassChartDock::tr("Ready to chart any selection of %1 → %2")
                              .arg(diff.sourceBranch, diff.targetBranch);
            out.value = QVariant::fromValue(index.value());
            return out;
        },
        kChartViewKey);
    // finished, not resultReady: an obsolete job must still let the next selection start a new one.
    connect(job, &Job::finished, this, [this, job, generation] {
        m_counting = false;
        if (generation != m_diffGeneration) {
            // A newer compare arrived while this one was read; count for that one if rows are selected.
            if (m_compareView->selectionModel()->hasSelection())
                updateNow();
            return;
        }
        if (job->state() != JobState::Finished) {
            m_hint->setText(
                job->state() == JobState::Failed
                    ? tr("Cannot count the objects of the selected data units: %1").arg(job->errorMessage())
                    : tr("Counting was cancelled; select the rows again to retry."));
            return;
        }
        m_index = job->resultValue().value<ClassCountIndex>();
        updateNow();
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
