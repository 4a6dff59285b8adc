// The Metrics dock on the demo project: a measurement as a job whose table, confusion matrix and bars show
// what QualityMeasure::run gives on the same store; a confusion cell and a bar drilled into list exactly the
// data units where they happen in the Compare table; opening one highlights an object of the cell; the
// filter's chip clears from the keyboard; a measurement can be cancelled. Saves metrics-view.png,
// metrics-confusion.png, metrics-bars.png and metrics-confusion-drilldown.png.

#include "canvas/annotationcanvas.h"
#include "docks/confusionmatrixview.h"
#include "docks/metricschartview.h"
#include "docks/metricsdock.h"
#include "engine/qualitymeasure.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/confusionmatrixmodel.h"
#include "items/metricstablemodel.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparefilterbanner.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"

#include <atomic>
#include <QBarSet>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kMain = QStringLiteral("main");

QualityMeasure::Options options()
{
    QualityMeasure::Options o;
    o.reference = kMain; // the compare's target
    o.prediction = DemoGenerator::preLabelsBranch();
    return o;
}

// What the engine finds for a cell on its own store: data hash -> the cell's objects there.
QHash<QString, QStringList> expectedUnits(const QString &path, const QualityCell &cell)
{
    QHash<QString, QStringList> units;
    auto store = SqliteStore::open(path);
    if (!store)
        return units;
    const Result<qint64> found = QualityMeasure::findCell(
        *store.value(), options(), cell, [&units](const QualityCellUnit &unit) -> Result<void> {
            units.insert(unit.dataHash, unit.referenceObjects + unit.predictedObjects);
            return {};
        });
    return found ? units : QHash<QString, QStringList>();
}

QStringList shownDataHashes(BranchDiffModel *model)
{
    QStringList hashes;
    for (int row = 0; row < model->rowCount(); ++row)
        hashes.append(model->index(row, 0).data(BranchDiffModel::DataHashRole).toString());
    return hashes;
}

} // namespace

class TestGuiMetrics : public QObject, protected test::GuiFixture
{
    Q_OBJECT

private:
    MainWindow *openMeasuredWindow(const QString &name)
    {
        m_path = freshProject(name);
        MainWindow *window = openWindow(m_path, QSize(1500, 950));
        if (!window)
            return nullptr;
        window->compareBranches(DemoGenerator::preLabelsBranch(), kMain);
        waitForJobs(window);
        MetricsDock *dock = window->metricsDock();
        dock->show();
        dock->raise();
        if (!dock->runButton()->isEnabled())
            return nullptr;
        QTest::mouseClick(dock->runButton(), Qt::LeftButton);
        waitForJobs(window);
        return dock->hasMetrics() ? window : nullptr;
    }

    QString m_path;

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-metrics-test")); }

    void cleanup() { cleanupFixture(); }

    void showsWhatTheEngineMeasures()
    {
        MainWindow *window = openMeasuredWindow(QStringLiteral("measure.lbproj"));
        QVERIFY(window);
        MetricsDock *dock = window->metricsDock();
        QCOMPARE(dock->referenceBranch(), kMain);
        QCOMPARE(dock->predictionBranch(), DemoGenerator::preLabelsBranch());

        auto store = SqliteStore::open(m_path);
        QVERIFY(store.ok());
        const Result<QualityMetrics> expected = QualityMeasure::run(*store.value(), options());
        QVERIFY(expected.ok());
        QVERIFY(!expected->classes().isEmpty());

        MetricsTableModel *table = dock->tableModel();
        QCOMPARE(table->rowCount(), int(expected->classes().size()) + 1);
        for (int row = 0; row < table->rowCount(); ++row) {
            const QString feature = table->index(row, 0).data(MetricsTableModel::FeatureHashRole).toString();
            const ClassQuality q =
                feature.isEmpty() ? expected->overall() : expected->classes().value(feature);
            QCOMPARE(table->index(row, MetricsTableModel::TruePositivesColumn)
                         .data(MetricsTableModel::ValueRole)
                         .toInt(),
                     q.truePositives);
            QCOMPARE(table->index(row, MetricsTableModel::FalsePositivesColumn)
                         .data(MetricsTableModel::ValueRole)
                         .toInt(),
                     q.falsePositives);
            QCOMPARE(table->index(row, MetricsTableModel::FalseNegativesColumn)
                         .data(MetricsTableModel::ValueRole)
                         .toInt(),
                     q.falseNegatives);
            QCOMPARE(table->index(row, MetricsTableModel::F1Column).data().toString(),
                     MetricsTableModel::formatRatio(q.f1()));
            QCOMPARE(table->index(row, MetricsTableModel::MeanIoUColumn).data().toString(),
                     MetricsTableModel::formatRatio(q.meanIoU()));
        }
        ConfusionMatrixModel *matrix = dock->confusionModel();
        for (int row = 0; row < matrix->rowCount(); ++row) {
            for (int column = 0; column < matrix->columnCount(); ++column)
                QCOMPARE(matrix->index(row, column).data(ConfusionMatrixModel::CountRole).toInt(),
                         expected->confusion()
                             .value(matrix->referenceClassOf(row))
                             .value(matrix->predictedClassOf(column)));
        }
        // The bars are the table's counts.
        MetricsChartView *chart = dock->chartView();
        QCOMPARE(chart->falseNegativeSet()->count(), int(expected->classes().size()));
        for (int i = 0; i < chart->falseNegativeSet()->count(); ++i)
            QCOMPARE(int(chart->falseNegativeSet()->at(i)),
                     table->index(i, MetricsTableModel::FalseNegativesColumn)
                         .data(MetricsTableModel::ValueRole)
                         .toInt());

        dock->viewTabs()->setCurrentIndex(0);
        saveScreenshot(window, QStringLiteral("metrics-view.png"));
        dock->viewTabs()->setCurrentIndex(1);
        saveScreenshot(dock, QStringLiteral("metrics-confusion.png"));
        dock->viewTabs()->setCurrentWidget(chart);
        saveScreenshot(dock, QStringLiteral("metrics-bars.png"));
    }

    void confusionCellListsItsDataUnitsAndHighlightsTheObject()
    {
        MainWindow *window = openMeasuredWindow(QStringLiteral("drill.lbproj"));
        QVERIFY(window);
        MetricsDock *dock = window->metricsDock();
        ConfusionMatrixModel *matrix = dock->confusionModel();
        // The largest confusion between two classes, or else the largest miss.
        QModelIndex chosen;
        int best = 0;
        for (int row = 0; row < matrix->rowCount(); ++row) {
            for (int column = 0; column < matrix->columnCount(); ++column) {
                const QModelIndex index = matrix->index(row, column);
                const bool confusion =
                    row != column && row < matrix->classes().size() && column < matrix->classes().size();
                const int count =
                    index.data(ConfusionMatrixModel::CountRole).toInt() + (confusion ? 1000000 : 0);
                if (row != column && index.data(ConfusionMatrixModel::CountRole).toInt() > 0 &&
                    count > best) {
                    best = count;
                    chosen = index;
                }
            }
        }
        QVERIFY(chosen.isValid());
        const QualityCell cell = *matrix->cellAt(chosen);
        const QHash<QString, QStringList> expected = expectedUnits(m_path, cell);
        QVERIFY(!expected.isEmpty());

        dock->viewTabs()->setCurrentIndex(1);
        ConfusionMatrixView *view = dock->confusionView();
        view->scrollTo(chosen);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(chosen).center());
        waitForJobs(window);

        CompareTab *compare = window->compareTab();
        auto *model = qobject_cast<BranchDiffModel *>(compare->view()->model());
        QVERIFY(model);
        QTRY_VERIFY(model->hasUnitRestriction());
        waitForJobs(window);
        QStringList shown = shownDataHashes(model);
        QStringList wanted = expected.keys();
        std::sort(shown.begin(), shown.end());
        std::sort(wanted.begin(), wanted.end());
        QCOMPARE(shown, wanted);
        QVERIFY(compare->filterBanner()->isVisible());
        QVERIFY2(compare->filterBanner()->text().contains(QLocale().toString(expected.size())),
                 qPrintable(compare->filterBanner()->text()));

        // Opening the first listed data unit highlights an object of the cell on the canvas.
        compare->view()->setCurrentIndex(model->index(0, 0));
        const QString opened = model->index(0, 0).data(BranchDiffModel::DataHashRole).toString();
        QTRY_VERIFY_WITH_TIMEOUT(!compare->drillDown()->isLoading(), 30000);
        waitForJobs(window);
        QTRY_VERIFY(!compare->drillDown()->canvas()->highlightedObjectHash().isEmpty());
        QVERIFY2(expected.value(opened).contains(compare->drillDown()->canvas()->highlightedObjectHash()),
                 qPrintable(compare->drillDown()->canvas()->highlightedObjectHash()));
        // Every object of the cell that the drill-down lists is marked on the canvas, and nothing else.
        const QSet<QString> marked = compare->drillDown()->canvas()->markedObjects();
        QVERIFY(marked.contains(compare->drillDown()->canvas()->highlightedObjectHash()));
        for (const QString &hash : marked)
            QVERIFY2(expected.value(opened).contains(hash), qPrintable(hash));
        saveScreenshot(window, QStringLiteral("metrics-confusion-drilldown.png"));

        // The chip's shortcut shows every data unit again.
        const int all = model->summary().total;
        QTest::keyClick(window, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
        waitForJobs(window);
        QVERIFY(!model->hasUnitRestriction());
        QCOMPARE(model->rowCount(), all);
        QVERIFY(!compare->filterBanner()->isVisible());
    }

    void barListsTheDataUnitsOfItsCount()
    {
        MainWindow *window = openMeasuredWindow(QStringLiteral("bars.lbproj"));
        QVERIFY(window);
        MetricsDock *dock = window->metricsDock();
        MetricsChartView *chart = dock->chartView();
        int index = -1;
        for (int i = 0; i < chart->falseNegativeSet()->count() && index < 0; ++i) {
            if (chart->falseNegativeSet()->at(i) > 0)
                index = i;
        }
        QVERIFY(index >= 0);
        const QualityCell cell = chart->cellOf(chart->falseNegativeSet(), index);
        QCOMPARE(cell.kind, QualityCell::Kind::FalseNegatives);
        const QHash<QString, QStringList> expected = expectedUnits(m_path, cell);
        Q_EMIT chart->falseNegativeSet()->clicked(index);
        waitForJobs(window);
        auto *model = qobject_cast<BranchDiffModel *>(window->compareTab()->view()->model());
        QTRY_VERIFY(model->hasUnitRestriction());
        waitForJobs(window);
        QStringList shown = shownDataHashes(model);
        QStringList wanted = expected.keys();
        std::sort(shown.begin(), shown.end());
        std::sort(wanted.begin(), wanted.end());
        QCOMPARE(shown, wanted);
        // The ✕ takes the keyboard focus and clears too.
        QToolButton *clear = window->compareTab()->filterBanner()->clearButton();
        QCOMPARE(clear->focusPolicy(), Qt::StrongFocus);
        clear->setFocus();
        QTest::keyClick(clear, Qt::Key_Space);
        waitForJobs(window);
        QVERIFY(!model->hasUnitRestriction());
    }

    void measuringCancels()
    {
        m_path = freshProject(QStringLiteral("cancel.lbproj"));
        MainWindow *window = openWindow(m_path);
        QVERIFY(window);
        window->compareBranches(DemoGenerator::preLabelsBranch(), kMain);
        waitForJobs(window);
        MetricsDock *dock = window->metricsDock();
        dock->setReferenceSwapped(true);
        QCOMPARE(dock->referenceBranch(), DemoGenerator::preLabelsBranch());
        // Every worker busy, so the measurement is still queued when it is cancelled.
        std::atomic<bool> release = false;
        JobManager *jobs = window->jobManager();
        for (int i = 0; i < jobs->maxThreads(); ++i)
            jobs->startWithoutStore(QStringLiteral("busy"),
                                    [&release](const JobControl &) -> Result<JobResult> {
                                        while (!release)
                                            QThread::msleep(5);
                                        return JobResult{};
                                    });
        dock->run();
        QVERIFY(dock->isRunning());
        dock->cancel();
        release = true;
        waitForJobs(window);
        QVERIFY(!dock->isRunning());
        QVERIFY(!dock->hasMetrics());
        QVERIFY2(dock->statusText().contains(QStringLiteral("cancelled")), qPrintable(dock->statusText()));
        QVERIFY(dock->runButton()->isEnabled());
    }
};

QTEST_MAIN(TestGuiMetrics)
#include "tst_gui_metrics.moc"
