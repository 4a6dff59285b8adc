#pragma once

#include "diff/qualitycell.h"
#include "diff/qualitymetrics.h"
#include "engine/qualitymeasure.h"
#include "items/confusionmatrixmodel.h"
#include "items/metricstablemodel.h"

#include <functional>
#include <optional>
#include <QDockWidget>
#include <QPointer>
#include <QSet>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace lb {

class BranchDiffModel;
class CompareTab;
class ConfusionMatrixView;
class Job;
class JobManager;
class MetricsChartView;
class ProjectSession;

// The data units where a cell of the metrics happens, as the drill-down's search hands them over: their
// keys only (8 bytes each), whatever the size of the branches.
struct MetricsCellUnits
{
    QSet<qint64> units;
    qint64 pairs = 0;
};

// The "Metrics" dock (docs/product.md §4.4), tabbed with the class chart: how one branch of the compare (the
// prediction) agrees with the other (the reference; the target unless swapped) object by object, per class
// (TP, FP, FN, precision, recall, F1, mean IoU and an overall row), as a confusion matrix and as bars. The
// measurement (engine/qualitymeasure.h) runs as a job with progress and cancel. Clicking a count, a matrix
// cell or a bar runs a second job that finds the data units where it happens; the Compare table then lists
// only those (BranchDiffModel::setUnitRestriction) and opening one highlights the cell's objects
// (metricsdrilldown.cpp).
class MetricsDock : public QDockWidget
{
    Q_OBJECT
public:
    using SessionProvider = std::function<ProjectSession *()>;

    MetricsDock(BranchDiffModel *diffModel, CompareTab *compareTab, JobManager *jobs, SessionProvider session,
                QWidget *parent = nullptr);

    QString referenceBranch() const;
    QString predictionBranch() const;
    bool isReferenceSwapped() const { return m_swapped; }
    void setReferenceSwapped(bool swapped);
    void setIouThreshold(double threshold);

    bool isRunning() const;
    bool hasMetrics() const { return m_measured.has_value(); }
    const QualityMetrics *metrics() const { return m_measured ? &*m_measured : nullptr; }
    QualityMeasure::Options measuredOptions() const { return m_options; }
    MetricsTableModel *tableModel() const { return m_table; }
    ConfusionMatrixModel *confusionModel() const { return m_confusion; }
    QTableView *tableView() const { return m_tableView; }
    ConfusionMatrixView *confusionView() const { return m_confusionView; }
    MetricsChartView *chartView() const { return m_chart; }
    QTabWidget *viewTabs() const { return m_tabs; }
    QPushButton *runButton() const { return m_run; }
    QString statusText() const;
    // The objects last highlighted on the opened data unit (for the drill-down's caller).
    QStringList highlightedObjects() const { return m_highlighted; }

public Q_SLOTS:
    void run();
    void cancel();
    // Forgets the numbers shown (the project closed).
    void clear();
    // Lists in the Compare table the data units where `cell` happens (metricsdrilldown.cpp).
    void drillInto(const lb::QualityCell &cell);

Q_SIGNALS:
    void metricsShown();
    // The Compare table was restricted to the cell's data units.
    void drillDownShown(int dataUnits);
    // The opened data unit's objects of the cell were highlighted.
    void objectsHighlighted(const QString &dataHash);

private:
    QWidget *createControls();
    QWidget *createViews();
    QWidget *createConfusionPage();
    void updatePair();
    void widenOnce(bool visible);
    void showMetrics(const QualityMetrics &metrics);
    void showStatus(const QString &text);
    void trackProgress(Job *job);
    void onCellFound(Job *job, const QualityCell &cell, const QualityMeasure::Options &options);
    void highlightOpened(const QString &dataHash);

    BranchDiffModel *m_diffModel = nullptr;
    CompareTab *m_compareTab = nullptr;
    JobManager *m_jobs = nullptr;
    SessionProvider m_session;
    bool m_swapped = false;
    bool m_widened = false;

    QLabel *m_pairLabel = nullptr;
    QToolButton *m_swap = nullptr;
    QDoubleSpinBox *m_iou = nullptr;
    QPushButton *m_run = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_tableView = nullptr;
    ConfusionMatrixView *m_confusionView = nullptr;
    QLabel *m_confusionCaption = nullptr;
    MetricsChartView *m_chart = nullptr;
    MetricsTableModel *m_table = nullptr;
    ConfusionMatrixModel *m_confusion = nullptr;

    QPointer<Job> m_job; // the measurement or the search running now
    std::optional<QualityMetrics> m_measured;
    QualityMeasure::Options m_options;    // of m_measured
    std::optional<QualityCell> m_drilled; // the cell the Compare table is restricted to
    QString m_drilledLabel;
    QualityMeasure::Options m_drilledOptions;
    QStringList m_highlighted;
};

} // namespace lb

Q_DECLARE_METATYPE(lb::QualityMetrics)
Q_DECLARE_METATYPE(lb::MetricsCellUnits)
Q_DECLARE_METATYPE(lb::QualityCellUnit)
