#include "classchartdock.h"

#include "branchdiffmodel.h"
#include "classchartview.h"
#include "jobmanager.h"
#include "projectsession.h"
#include "store.h"

#include <QAbstractItemView>
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

Result<ClassChartModel> countSelection(Store &store, const QString &source, const QString &target,
                                       const QSet<QString> &dataHashes, const Ontology &ontology)
{
    RowQuery query;
    query.dataHashes = QStringList(dataHashes.cbegin(), dataHashes.cend());
    query.branch = source;
    Result<QList<LabelRowSummary>> sourceRows = store.listRows(query);
    if (!sourceRows)
        return sourceRows.takeError();
    query.branch = target;
    Result<QList<LabelRowSummary>> targetRows = store.listRows(query);
    if (!targetRows)
        return targetRows.takeError();
    return ClassChartModel::fromRows(source, sourceRows.value(), target, targetRows.value(), ontology,
                                     dataHashes);
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
    connect(m_diffModel, &QAbstractItemModel::modelReset, this, &ClassChartDock::updateNow);
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

QSet<QString> ClassChartDock::selectedDataHashes() const
{
    QSet<QString> hashes;
    const QItemSelectionModel *selection = m_compareView->selectionModel();
    if (!selection)
        return hashes;
    const QModelIndexList rows = selection->selectedRows();
    hashes.reserve(rows.size());
    for (const QModelIndex &row : rows) {
        const QString hash = row.data(BranchDiffModel::DataHashRole).toString();
        if (!hash.isEmpty())
            hashes.insert(hash);
    }
    return hashes;
}

void ClassChartDock::updateNow()
{
    m_selectionDelay->stop();
    ++m_request;
    if (Job *running = m_jobs->latestForView(kChartViewKey); running && running->isActive())
        running->markObsolete();
    m_counting = false;

    ProjectSession *session = m_session();
    const BranchDiff &diff = m_diffModel->diff();
    if (!session || diff.sourceBranch.isEmpty() || diff.targetBranch.isEmpty()) {
        showPlaceholder(tr("Compare two branches to see how many objects of each class the source and the "
                           "target have."));
        return;
    }
    const QSet<QString> selected = selectedDataHashes();
    if (selected.isEmpty()) {
        showCounts(ClassChartModel::fromDiff(diff, session->ontology()), false);
        return;
    }
    if (selected.size() > m_inlineLimit) {
        countSelectionInJob(selected);
        return;
    }
    Result<ClassChartModel> counted =
        countSelection(session->store(), diff.sourceBranch, diff.targetBranch, selected, session->ontology());
    if (!counted) {
        showPlaceholder(tr("Cannot count the objects of the selected data units: %1").arg(counted.error()));
        return;
    }
    showCounts(counted.value(), true);
}

void ClassChartDock::countSelectionInJob(const QSet<QString> &dataHashes)
{
    const BranchDiff &diff = m_diffModel->diff();
    const QString source = diff.sourceBranch;
    const QString target = diff.targetBranch;
    const Ontology ontology = m_session()->ontology();
    const quint64 request = m_request;
    m_counting = true;
    m_hint->setText(
        tr("Counting the objects of %1 selected data units…").arg(QLocale().toString(dataHashes.size())));

    Job *job = m_jobs->start(
        tr("Objects per class in %1 selected data units").arg(QLocale().toString(dataHashes.size())),
        [source, target, dataHashes, ontology](Store &store, const JobControl &) -> Result<JobResult> {
            Result<ClassChartModel> counted = countSelection(store, source, target, dataHashes, ontology);
            if (!counted)
                return counted.takeError();
            JobResult out;
            out.summary =
                ClassChartDock::tr("%1 → %2: %3 classes").arg(source, target).arg(counted->entries().size());
            out.value = QVariant::fromValue(counted.value());
            return out;
        },
        kChartViewKey);
    connect(job, &Job::resultReady, this, [this, job, request] {
        if (request != m_request)
            return;
        m_counting = false;
        if (job->state() != JobState::Finished) {
            m_hint->setText(
                job->state() == JobState::Failed
                    ? tr("Cannot count the objects of the selected data units: %1").arg(job->errorMessage())
                    : tr("Counting was cancelled; the chart shows the previous numbers."));
            return;
        }
        showCounts(job->resultValue().value<ClassChartModel>(), true);
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
