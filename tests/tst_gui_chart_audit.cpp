#include "demo/demogenerator.h"
#include "dialogs/snapshotdialog.h"
#include "docks/auditlogdock.h"
#include "docks/classchartdock.h"
#include "docks/classchartview.h"
#include "engine/engine.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/auditlogmodel.h"
#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "window/mainwindow.h"
#include "window/panelaction.h"

#include <memory>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLegend>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kMain = QStringLiteral("main");

// Per-class object totals of the given data units on one branch, summed from the stored rows.
QHash<QString, int> classTotals(Store &store, const QString &branch, const QStringList &dataHashes)
{
    RowQuery query;
    query.branch = branch;
    query.dataHashes = dataHashes;
    QHash<QString, int> totals;
    const Result<QList<LabelRowSummary>> rows = store.listRows(query);
    if (!rows.ok())
        return totals;
    for (const LabelRowSummary &row : rows.value())
        for (auto it = row.classCounts.cbegin(); it != row.classCounts.cend(); ++it)
            totals[it.key()] += it.value();
    return totals;
}

// The bars as the chart draws them: feature hash (through the chart's entries) -> (source, target).
QHash<QString, QPair<int, int>> shownBars(ClassChartDock *dock)
{
    QHash<QString, QPair<int, int>> bars;
    ClassChartView *view = dock->chartView();
    const QList<ClassChartEntry> &entries = view->counts().entries();
    if (view->sourceSet()->count() != entries.size() || view->targetSet()->count() != entries.size() ||
        view->categoryAxis()->count() != entries.size())
        return bars;
    for (int i = 0; i < entries.size(); ++i)
        bars.insert(entries.at(i).featureHash,
                    {int(view->sourceSet()->at(i)), int(view->targetSet()->at(i))});
    return bars;
}

} // namespace

class TestGuiChartAudit : public QObject, protected test::GuiFixture
{
    Q_OBJECT

private:
    // Checks that the chart's bars are exactly `source` and `target` totals (classes with no objects on
    // either side have no bar).
    void verifyBars(ClassChartDock *dock, const QHash<QString, int> &source,
                    const QHash<QString, int> &target)
    {
        QSet<QString> classes;
        for (auto it = source.cbegin(); it != source.cend(); ++it)
            if (it.value() != 0)
                classes.insert(it.key());
        for (auto it = target.cbegin(); it != target.cend(); ++it)
            if (it.value() != 0)
                classes.insert(it.key());
        const QHash<QString, QPair<int, int>> bars = shownBars(dock);
        QCOMPARE(bars.size(), classes.size());
        for (const QString &featureHash : classes) {
            QVERIFY2(bars.contains(featureHash), qPrintable(featureHash));
            QCOMPARE(bars.value(featureHash).first, source.value(featureHash));
            QCOMPARE(bars.value(featureHash).second, target.value(featureHash));
        }
    }

    void selectRows(QTableView *view, const QList<int> &rows)
    {
        QItemSelection selection;
        for (int row : rows)
            selection.select(view->model()->index(row, 0),
                             view->model()->index(row, view->model()->columnCount() - 1));
        view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-chart-test")); }

    void cleanup() { cleanupFixture(); }

    void chartFollowsTheCompareAndTheSelection()
    {
        const QString path = freshProject(QStringLiteral("chart.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        auto *dock = window->findChild<ClassChartDock *>();
        QVERIFY(dock);
        QVERIFY(!dock->hasChart()); // nothing compared yet: the dock says what to do

        window->compareBranches(kMain, DemoGenerator::preLabelsBranch());
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->targetBranch(), DemoGenerator::preLabelsBranch());
        QTRY_VERIFY(dock->hasChart());
        QVERIFY(!dock->showsSelection());

        // The whole compare: the engine's per-class totals of the diff.
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        Engine engine(*store.value());
        const Result<BranchDiff> diff = engine.diff(kMain, DemoGenerator::preLabelsBranch());
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        verifyBars(dock, diff->summary.sourceClassTotals, diff->summary.targetClassTotals);
        ClassChartView *chart = dock->chartView();
        QCOMPARE(chart->series()->count(), 2);
        QVERIFY(chart->sourceSet()->label().contains(kMain));
        QVERIFY(chart->targetSet()->label().contains(DemoGenerator::preLabelsBranch()));
        QVERIFY(chart->sourceSet()->color() != chart->targetSet()->color());
        QVERIFY(chart->chart()->legend()->isVisible());
        QVERIFY(dock->titleText().contains(
            QStringLiteral("all %1").arg(QLocale().toString(diff->summary.total))));
        QVERIFY(dock->titleText().contains(DemoGenerator::preLabelsBranch()));
        // Category labels carry the change of each class.
        const QList<ClassChartEntry> &entries = chart->counts().entries();
        for (int i = 0; i < entries.size(); ++i) {
            const QString label = chart->categoryAxis()->at(i);
            QVERIFY2(label.startsWith(entries.at(i).name), qPrintable(label));
            if (entries.at(i).delta() != 0)
                QVERIFY2(label.contains(BranchDiffModel::formatDelta(entries.at(i).delta())),
                         qPrintable(label));
        }

        // In place, beside the Compare tab: switched off and on again, it comes to the front of its tab
        // group.
        QAction *toggle = action(window, "classChartDockAction");
        if (!toggle->isChecked()) { // the workspace starts without panels
            toggle->trigger();
            QTRY_VERIFY(toggle->isChecked());
        }
        if (!PanelAction::isInFront(dock)) {
            toggle->trigger(); // from behind the Row Details tab to the front
            QTRY_VERIFY(PanelAction::isInFront(dock));
        }
        toggle->trigger();
        QTRY_VERIFY(!dock->isVisible());
        toggle->trigger();
        QTRY_VERIFY(PanelAction::isInFront(dock));
        QVERIFY(!dock->isFloating());
        saveScreenshot(window, QStringLiteral("gui-class-chart-docked.png"));

        // Large enough to read, as a user would pull it out.
        dock->setFloating(true);
        dock->resize(980, 620);
        dock->show();
        QApplication::processEvents();
        saveScreenshot(dock, QStringLiteral("gui-class-chart.png"));

        // Some rows selected in the Compare table: the chart counts those data units only. The first
        // selection reads both branches' per-class counts in one job; the GUI thread does not wait for it.
        QTableView *view = window->compareTab()->view();
        // Sorted, so the table's rows are not the diff's rows.
        view->sortByColumn(BranchDiffModel::DeltaColumn, Qt::DescendingOrder);
        waitForJobs(window); // the new order is read as a job too
        const QList<int> rows{1, 4, 7, 10, 13};
        const int jobsBefore = int(window->jobManager()->jobs().size());
        selectRows(view, rows);
        dock->updateNow();
        QVERIFY(dock->isCounting());
        QVERIFY(!dock->showsSelection());
        QCOMPARE(int(window->jobManager()->jobs().size()), jobsBefore + 1);
        waitForJobs(window);
        QTRY_VERIFY(!dock->isCounting());
        QStringList hashes;
        for (int row : rows)
            hashes.append(view->model()->index(row, 0).data(BranchDiffModel::DataHashRole).toString());
        QVERIFY(dock->showsSelection());
        QCOMPARE(dock->counts().dataUnitCount(), int(rows.size()));
        QVERIFY2(dock->titleText().contains(QStringLiteral("5 selected")), qPrintable(dock->titleText()));
        verifyBars(dock, classTotals(*store.value(), kMain, hashes),
                   classTotals(*store.value(), DemoGenerator::preLabelsBranch(), hashes));
        saveScreenshot(dock, QStringLiteral("gui-class-chart-selection.png"));

        // Clearing the selection goes back to the whole compare.
        view->clearSelection();
        QTRY_VERIFY(!dock->showsSelection());
        verifyBars(dock, diff->summary.sourceClassTotals, diff->summary.targetClassTotals);

        // Selecting every row charts the whole compare's numbers, counted over the selected data units.
        view->selectAll();
        dock->updateNow();
        waitForJobs(window);
        QTRY_VERIFY(!dock->isCounting());
        QVERIFY(dock->showsSelection());
        QCOMPARE(dock->counts().dataUnitCount(), diff->summary.total);
        verifyBars(dock, diff->summary.sourceClassTotals, diff->summary.targetClassTotals);
        selectRows(view, {2});
        QTRY_COMPARE(dock->counts().dataUnitCount(), 1); // after the selection settles
        const QString one = view->model()->index(2, 0).data(BranchDiffModel::DataHashRole).toString();
        verifyBars(dock, classTotals(*store.value(), kMain, {one}),
                   classTotals(*store.value(), DemoGenerator::preLabelsBranch(), {one}));

        // A new compare replaces the chart (and the table's selection with it).
        window->compareBranches(kMain, DemoGenerator::reviewBranch());
        waitForJobs(window);
        QTRY_VERIFY(dock->titleText().contains(DemoGenerator::reviewBranch()));
        QVERIFY(!dock->showsSelection());
        const Result<BranchDiff> review = engine.diff(kMain, DemoGenerator::reviewBranch());
        QVERIFY(review.ok());
        verifyBars(dock, review->summary.sourceClassTotals, review->summary.targetClassTotals);

        window->closeProject();
        QVERIFY(!dock->hasChart());
    }

    void auditDockShowsASnapshot()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("audit.lbproj")));
        QVERIFY(window);
        auto *dock = window->findChild<AuditLogDock *>();
        QVERIFY(dock);
        QAction *toggle = action(window, "auditLogDockAction");
        QVERIFY(toggle);
        QVERIFY(!toggle->shortcut().isEmpty());
        if (!dock->isVisible())
            toggle->trigger();
        QTRY_VERIFY(dock->isVisible());
        AuditLogModel *model = dock->model();
        const Result<QList<AuditEntry>> logBefore = window->session()->store().auditLog();
        QVERIFY(logBefore.ok());
        QCOMPARE(model->totalCount(), int(logBefore->size()));

        // A snapshot through the dialog lands on top of the log as soon as its job is done.
        action(window, "snapshotAction")->trigger();
        auto *dialog = window->findChild<SnapshotDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        const QString name = dialog->name();
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok && ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        waitForJobs(window);
        QTRY_COMPARE(model->totalCount(), int(logBefore->size()) + 1);
        const Result<QList<AuditEntry>> log = window->session()->store().auditLog();
        QVERIFY(log.ok());
        QCOMPARE(model->rowCount(), int(log->size()));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->entryAt(row)->id, log->at(row).id);
        QCOMPARE(model->entryAt(0)->action, QStringLiteral("snapshot"));
        QVERIFY(model->entryAt(0)->summary.contains(name));

        // Its details, readable.
        dock->view()->setCurrentIndex(model->index(0, 0));
        QVERIFY(dock->detailsTitle().contains(name));
        QStringList values;
        for (int i = 0; i < dock->detailsView()->topLevelItemCount(); ++i)
            values.append(dock->detailsView()->topLevelItem(i)->text(1));
        QVERIFY2(values.contains(name), qPrintable(values.join(QLatin1Char('|'))));
        QVERIFY(values.contains(kMain));

        // The action filter offers the actions of the log; choosing one shows only those entries.
        QComboBox *actions = dock->actionFilter();
        const int snapshots = actions->findData(QStringLiteral("snapshot"));
        QVERIFY(snapshots > 0);
        actions->setCurrentIndex(snapshots);
        QVERIFY(model->rowCount() >= 1);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->entryAt(row)->action, QStringLiteral("snapshot"));
        QVERIFY(dock->countText().contains(QString::number(model->totalCount())));
        actions->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), model->totalCount());

        // The text filter.
        QTest::keyClicks(dock->textFilter(), name);
        QVERIFY(model->rowCount() >= 1);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->entryAt(row)->summary.contains(name) ||
                    model->entryAt(row)->details.contains(name));
        dock->textFilter()->clear();

        // Writes outside a job (another tool on the same file) show after View ▸ Refresh.
        {
            Engine engine(window->session()->store(), QStringLiteral("dana"));
            CopyRequest copy;
            copy.sourceBranch = DemoGenerator::preLabelsBranch();
            copy.targetBranch = QStringLiteral("experiment");
            const Result<QList<DataUnit>> units = window->session()->store().dataUnits();
            QVERIFY(units.ok() && units->size() > 3);
            copy.dataHashes = {units->at(3).dataHash};
            QVERIFY(engine.copy(copy).ok());
            CopyRequest sync;
            sync.sourceBranch = kMain;
            sync.targetBranch = QStringLiteral("experiment");
            QVERIFY(engine.sync(sync).ok());
        }
        const int beforeRefresh = model->totalCount();
        action(window, "refreshAction")->trigger();
        QCOMPARE(model->totalCount(), beforeRefresh + 2);
        QCOMPARE(model->entryAt(0)->action, QStringLiteral("sync"));
        QCOMPARE(model->entryAt(0)->user, QStringLiteral("dana"));
        dock->view()->setCurrentIndex(model->index(0, 0));

        dock->setFloating(true);
        dock->resize(1180, 440);
        QApplication::processEvents();
        saveScreenshot(dock, QStringLiteral("gui-audit-log.png"));

        // The View menu entry hides and shows the dock.
        toggle->trigger();
        QTRY_VERIFY(!dock->isVisible());
        toggle->trigger();
        QTRY_VERIFY(dock->isVisible());
    }

    // A panel behind another tab of its group comes to the front on its shortcut; only one in front hides.
    // A write started while the Jobs panel is behind a tab brings it to the front.
    void panelShortcutsBringTabbedPanelsToTheFront()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("panels.lbproj")));
        QVERIFY(window);
        auto *audit = window->findChild<AuditLogDock *>();
        auto *jobs = window->findChild<QDockWidget *>(QStringLiteral("jobDock"));
        QVERIFY(audit && jobs);
        QVERIFY(window->tabifiedDockWidgets(jobs).contains(audit));
        jobs->raise();
        QTRY_VERIFY(PanelAction::isInFront(jobs) && !PanelAction::isInFront(audit));

        QAction *auditAction = action(window, "auditLogDockAction");
        QVERIFY(auditAction->isChecked()); // shown, though behind the Jobs tab
        auditAction->trigger();
        QTRY_VERIFY(PanelAction::isInFront(audit));
        QVERIFY(!PanelAction::isInFront(jobs));
        QVERIFY(auditAction->isChecked());
        auditAction->trigger();
        QTRY_VERIFY(audit->isHidden());
        QVERIFY(!auditAction->isChecked());
        auditAction->trigger();
        QTRY_VERIFY(PanelAction::isInFront(audit));

        action(window, "snapshotAction")->trigger();
        auto *dialog = window->findChild<SnapshotDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY(PanelAction::isInFront(jobs));
        waitForJobs(window);
    }

    void viewMenuTogglesBothDocksWithDistinctShortcuts()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("menu.lbproj")));
        QVERIFY(window);
        QAction *chart = action(window, "classChartDockAction");
        QAction *audit = action(window, "auditLogDockAction");
        QVERIFY(chart && audit);
        QVERIFY(chart->isCheckable() && audit->isCheckable());
        // No other action of the window answers to the same keys.
        for (QAction *mine : {chart, audit}) {
            QVERIFY(!mine->shortcut().isEmpty());
            for (QAction *other : window->findChildren<QAction *>()) {
                if (other != mine)
                    QVERIFY2(other->shortcut() != mine->shortcut(), qPrintable(other->objectName()));
            }
        }
        auto *dock = window->findChild<ClassChartDock *>();
        if (!PanelAction::isInFront(dock))
            chart->trigger();
        QTRY_VERIFY(PanelAction::isInFront(dock));
        chart->trigger();
        QTRY_VERIFY(!dock->isVisible());
        chart->trigger();
        QTRY_VERIFY(PanelAction::isInFront(dock));
    }
};

QTEST_MAIN(TestGuiChartAudit)
#include "tst_gui_chart_audit.moc"
