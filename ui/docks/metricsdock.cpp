#include "docks/metricsdock.h"

#include "docks/confusionmatrixview.h"
#include "docks/metricschartview.h"
#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "store/store.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kMetricsViewKey = QStringLiteral("metrics");

// The per-class table's class column: a swatch of the class's ontology colour before its name; the overall
// row in bold.
class ClassCellDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->font.setBold(index.data(MetricsTableModel::OverallRole).toBool());
        const QString color = index.data(MetricsTableModel::ColorRole).toString();
        if (!color.isEmpty()) {
            QPixmap swatch(12, 12);
            swatch.fill(QColor(color));
            option->features |= QStyleOptionViewItem::HasDecoration;
            option->icon = QIcon(swatch);
            option->decorationSize = swatch.size();
        }
    }
};

} // namespace

MetricsDock::MetricsDock(BranchDiffModel *diffModel, CompareTab *compareTab, JobManager *jobs,
                         SessionProvider session, QWidget *parent)
    : QDockWidget(tr("Metrics"), parent), m_diffModel(diffModel), m_compareTab(compareTab), m_jobs(jobs),
      m_session(std::move(session))
{
    qRegisterMetaType<QualityMetrics>();
    qRegisterMetaType<MetricsCellUnits>();
    qRegisterMetaType<QualityCellUnit>();
    setObjectName(QStringLiteral("metricsDock"));
    setToolTip(tr("Per-class quality of one branch of the compare against the other"));
    m_table = new MetricsTableModel(this);
    m_confusion = new ConfusionMatrixModel(this);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(createControls());
    layout->addWidget(createViews(), 1);
    setWidget(page);

    connect(m_diffModel, &BranchDiffModel::comparisonChanged, this, &MetricsDock::updatePair);
    connect(this, &QDockWidget::visibilityChanged, this, &MetricsDock::widenOnce);
    connect(m_compareTab->drillDown(), &DrillDownPane::loaded, this, &MetricsDock::highlightOpened);
    updatePair();
}

QWidget *MetricsDock::createControls()
{
    auto *controls = new QWidget(this);
    m_pairLabel = new QLabel(controls);
    m_pairLabel->setObjectName(QStringLiteral("metricsPair"));
    m_pairLabel->setWordWrap(true);
    m_swap = new QToolButton(controls);
    m_swap->setObjectName(QStringLiteral("metricsSwap"));
    m_swap->setText(tr("Swap"));
    m_swap->setToolTip(tr("Measure the other way round: the other branch becomes the reference"));
    connect(m_swap, &QToolButton::clicked, this, [this] { setReferenceSwapped(!m_swapped); });
    m_iou = new QDoubleSpinBox(controls);
    m_iou->setObjectName(QStringLiteral("metricsIou"));
    m_iou->setRange(0.05, 1.0);
    m_iou->setSingleStep(0.05);
    m_iou->setDecimals(2);
    m_iou->setValue(0.5);
    m_iou->setToolTip(tr("Two objects match when their shapes overlap at least this much (IoU)"));
    auto *iouLabel = new QLabel(tr("Io&U ≥"), controls);
    iouLabel->setBuddy(m_iou);
    m_run = new QPushButton(tr("&Measure"), controls);
    m_run->setObjectName(QStringLiteral("metricsRun"));
    connect(m_run, &QPushButton::clicked, this, &MetricsDock::run);
    m_progress = new QProgressBar(controls);
    m_progress->setObjectName(QStringLiteral("metricsProgress"));
    m_progress->setMaximumHeight(fontMetrics().height() + 4);
    m_progress->hide();
    m_cancel = new QToolButton(controls);
    m_cancel->setObjectName(QStringLiteral("metricsCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, this, &MetricsDock::cancel);
    m_status = new QLabel(controls);
    m_status->setObjectName(QStringLiteral("metricsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_swap);
    row->addStretch(1);
    row->addWidget(iouLabel);
    row->addWidget(m_iou);
    row->addWidget(m_run);
    auto *progressRow = new QHBoxLayout;
    progressRow->setContentsMargins(0, 0, 0, 0);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_pairLabel);
    layout->addLayout(row);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    return controls;
}

QWidget *MetricsDock::createViews()
{
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("metricsPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setTextFormat(Qt::PlainText); // it names branches

    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("metricsTableView"));
    m_tableView->setAccessibleName(tr("Quality per class"));
    m_tableView->setModel(m_table);
    m_tableView->setItemDelegateForColumn(MetricsTableModel::ClassColumn, new ClassCellDelegate(m_tableView));
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->verticalHeader()->hide();
    m_tableView->horizontalHeader()->setHighlightSections(false);
    m_tableView->setWordWrap(false);
    connect(m_table, &QAbstractItemModel::modelReset, m_tableView, &QTableView::resizeColumnsToContents);
    const auto drillTable = [this](const QModelIndex &index) {
        if (const std::optional<QualityCell> cell = m_table->cellAt(index))
            drillInto(*cell);
    };
    connect(m_tableView, &QAbstractItemView::clicked, this, drillTable);
    connect(m_tableView, &QAbstractItemView::activated, this, drillTable);

    m_confusionView = new ConfusionMatrixView(m_confusion, this);
    connect(m_confusionView, &ConfusionMatrixView::cellActivated, this, &MetricsDock::drillInto);
    m_chart = new MetricsChartView(this);
    connect(m_chart, &MetricsChartView::cellClicked, this, &MetricsDock::drillInto);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("metricsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tableView, tr("Per class"));
    m_tabs->addTab(createConfusionPage(), tr("Confusion"));
    m_tabs->addTab(m_chart, tr("Bars"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_tabs);
    return m_stack;
}

// The matrix under a caption that says which way it reads.
QWidget *MetricsDock::createConfusionPage()
{
    auto *page = new QWidget(this);
    m_confusionCaption = new QLabel(page);
    m_confusionCaption->setObjectName(QStringLiteral("confusionCaption"));
    m_confusionCaption->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_confusionCaption);
    layout->addWidget(m_confusionView, 1);
    return page;
}

QString MetricsDock::referenceBranch() const
{
    return m_swapped ? m_diffModel->sourceBranch() : m_diffModel->targetBranch();
}

QString MetricsDock::predictionBranch() const
{
    return m_swapped ? m_diffModel->targetBranch() : m_diffModel->sourceBranch();
}

void MetricsDock::setReferenceSwapped(bool swapped)
{
    m_swapped = swapped;
    updatePair();
}

void MetricsDock::setIouThreshold(double threshold)
{
    m_iou->setValue(threshold);
}

bool MetricsDock::isRunning() const
{
    return m_job && m_job->isActive();
}

// The first time the dock shows docked, it takes the width the per-class table's columns need: it shares
// its area with narrower panels.
void MetricsDock::widenOnce(bool visible)
{
    if (!visible || m_widened || isFloating())
        return;
    m_widened = true;
    QTimer::singleShot(0, this, [this] {
        auto *window = qobject_cast<QMainWindow *>(parentWidget());
        const int wanted = fontMetrics().horizontalAdvance(QLatin1Char('x')) * 70;
        if (window && !isFloating() && width() < wanted)
            window->resizeDocks({this}, {wanted}, Qt::Horizontal);
    });
}

QString MetricsDock::statusText() const
{
    return m_status->text();
}

void MetricsDock::showStatus(const QString &text)
{
    m_status->setText(text);
}

void MetricsDock::updatePair()
{
    const bool pair = m_diffModel->hasComparison();
    m_run->setEnabled(pair && !isRunning());
    m_swap->setEnabled(pair);
    m_pairLabel->setText(pair
                             ? tr("Prediction <b>%1</b> against reference <b>%2</b>")
                                   .arg(predictionBranch().toHtmlEscaped(), referenceBranch().toHtmlEscaped())
                             : QString());
    if (!m_measured) {
        m_placeholder->setText(pair
                                   ? tr("Press Measure to match the objects of %1 with those of %2, class by "
                                        "class.")
                                         .arg(predictionBranch(), referenceBranch())
                                   : tr("Compare two branches to measure one against the other."));
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    const bool current =
        m_options.reference == referenceBranch() && m_options.prediction == predictionBranch();
    if (!current)
        showStatus(tr("These numbers are of %1 against %2; press Measure for the pair shown now.")
                       .arg(m_options.prediction, m_options.reference));
}

void MetricsDock::trackProgress(Job *job)
{
    m_job = job;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_run->setEnabled(false);
    connect(job, &Job::progressChanged, this, [this, job] {
        const int percent = job->percent();
        if (percent < 0) {
            m_progress->setRange(0, 0);
            return;
        }
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
    });
    connect(job, &Job::finished, this, [this, job] {
        if (m_job != job)
            return;
        m_progress->hide();
        m_cancel->hide();
        m_run->setEnabled(m_diffModel->hasComparison());
    });
}

void MetricsDock::run()
{
    if (!m_diffModel->hasComparison())
        return;
    QualityMeasure::Options options;
    options.reference = referenceBranch();
    options.prediction = predictionBranch();
    options.iouThreshold = m_iou->value();
    Job *job = m_jobs->start(
        tr("Metrics: %1 against %2").arg(options.prediction, options.reference),
        [options](Store &store, const JobControl &control) -> Result<JobResult> {
            Result<QualityMetrics> metrics = QualityMeasure::run(store, options, control);
            if (!metrics)
                return metrics.takeError();
            JobResult out;
            out.summary = MetricsDock::tr("Measured %1 classes over %2 frames")
                              .arg(metrics->classes().size())
                              .arg(QLocale().toString(metrics->frames()));
            out.value = QVariant::fromValue(metrics.value());
            return out;
        },
        kMetricsViewKey);
    trackProgress(job);
    showStatus(tr("Measuring %1 against %2…").arg(options.prediction, options.reference));
    connect(job, &Job::resultReady, this, [this, job, options] {
        if (job->state() != JobState::Finished) {
            showStatus(job->state() == JobState::Cancelled
                           ? tr("Measuring was cancelled.")
                           : tr("Cannot measure: %1").arg(job->errorMessage()));
            return;
        }
        m_options = options;
        showMetrics(job->resultValue().value<QualityMetrics>());
        showStatus(tr("%1 at IoU ≥ %2. Click a count, a cell or a bar for its data units.")
                       .arg(job->resultSummary(), QLocale().toString(options.iouThreshold, 'f', 2)));
    });
}

void MetricsDock::cancel()
{
    if (m_job)
        m_job->cancel();
}

void MetricsDock::clear()
{
    cancel();
    m_measured.reset();
    m_drilled.reset();
    m_table->clear();
    m_confusion->clear();
    m_chart->clearMetrics();
    showStatus(QString());
    updatePair();
}

void MetricsDock::showMetrics(const QualityMetrics &metrics)
{
    m_measured = metrics;
    const Ontology ontology = m_session() ? m_session()->ontology() : Ontology();
    m_table->setMetrics(metrics, ontology);
    m_confusion->setMetrics(metrics, ontology);
    m_chart->showMetrics(*m_table);
    m_confusionCaption->setText(
        tr("Rows: reference <b>%1</b> · columns: prediction <b>%2</b>")
            .arg(m_options.reference.toHtmlEscaped(), m_options.prediction.toHtmlEscaped()));
    if (m_table->isEmpty()) {
        m_placeholder->setText(tr("Neither branch has objects to match."));
        m_stack->setCurrentWidget(m_placeholder);
    } else {
        m_stack->setCurrentWidget(m_tabs);
    }
    Q_EMIT metricsShown();
}

} // namespace lb
