#include "delegates/jobprogressdelegate.h"
#include "demo/demogenerator.h"
#include "dialogs/copydialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/snapshotdialog.h"
#include "dialogs/undodialog.h"
#include "docks/branchpanel.h"
#include "docks/jobpanel.h"
#include "docks/rowdetailspane.h"
#include "engine/engine.h"
#include "forwardingstore.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/jobsmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/diffsummarybar.h"
#include "tabs/rowstab.h"
#include "testsupport.h"
#include "widgets/errorbanner.h"
#include "window/mainwindow.h"
#include "window/recentprojects.h"
#include "window/startupproject.h"
#include "window/welcomepage.h"

#include <algorithm>
#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// A real project store that takes its time over each write batch, so a test can watch a copy run and cancel
// it part-way without racing the machine's speed. Everything else is passed straight through.
class UnhurriedStore final : public test::ForwardingStore
{
public:
    UnhurriedStore(std::unique_ptr<Store> inner, int batchDelayMs)
        : ForwardingStore(std::move(inner)), m_delayMs(batchDelayMs)
    {
    }

    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &source, const QString &target,
                                      const QList<CopyItem> &items) override
    {
        QThread::msleep(m_delayMs);
        return inner().copyBatch(operationId, source, target, items);
    }

private:
    int m_delayMs;
};

QHash<QString, QString> contentHashes(Store &store, const QString &branch)
{
    RowQuery query;
    query.branch = branch;
    QHash<QString, QString> hashes;
    const Result<QList<LabelRowSummary>> rows = store.listRows(query);
    if (rows.ok()) {
        for (const LabelRowSummary &row : rows.value())
            hashes.insert(row.dataHash, row.contentHash);
    }
    return hashes;
}

} // namespace

class TestGuiMainWindow : public QObject, protected test::GuiFixture
{
    Q_OBJECT

private:
private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-test")); }

    void cleanup() { cleanupFixture(); }

    void opensTheDemoProject()
    {
        const QString path = freshProject(QStringLiteral("open.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        QStringList expected{QStringLiteral("main"), DemoGenerator::preLabelsBranch(),
                             DemoGenerator::exportBranch(), DemoGenerator::reviewBranch()};
        QStringList names = window->branchModel()->branchNames();
        QCOMPARE(names.first(), QStringLiteral("main"));
        std::sort(expected.begin(), expected.end());
        std::sort(names.begin(), names.end());
        QCOMPARE(names, expected);
        QCOMPARE(window->branchPanel()->currentBranch(), QStringLiteral("main"));
        QCOMPARE(window->rowModel()->branch(), QStringLiteral("main"));
        QVERIFY(window->rowModel()->rowCount() > 0);

        // The branch totals come from a job that leaves the job list once it has set them.
        waitForJobs(window);
        auto reference = SqliteStore::open(path);
        QVERIFY(reference.ok());
        const QList<BranchInfo> stored = reference.value()->branches().value();
        for (const BranchInfo &branch : stored) {
            const BranchInfo *shown =
                window->branchModel()->branchAt(window->branchModel()->rowOf(branch.name));
            QVERIFY2(shown && shown->totalsKnown, qPrintable(branch.name));
            QCOMPARE(shown->rowCount, branch.rowCount);
            QCOMPARE(shown->objectCount, branch.objectCount);
            QCOMPARE(shown->lastEditedAt, branch.lastEditedAt);
        }
        QVERIFY(window->jobManager()->jobs().isEmpty());
        QVERIFY(window->projectStatusText().contains(
            QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())));
        QCOMPARE(RecentProjects::last(), QFileInfo(path).absoluteFilePath());

        // The details pane follows the selected row: counts per class and, once fetched, its objects.
        QTableView *rows = window->rowsTab()->view();
        int withObjects = -1;
        for (int row = 0; row < window->rowModel()->rowCount(); ++row) {
            if (window->rowModel()->rowAt(row)->objectCount > 0) {
                withObjects = row;
                break;
            }
        }
        QVERIFY(withObjects >= 0);
        rows->setCurrentIndex(window->rowModel()->index(withObjects, 0));
        QVERIFY(window->detailsPane()->classRowCount() > 0);
        QTRY_VERIFY(window->detailsPane()->objectRowCount() > 0);
        QCOMPARE(window->detailsPane()->objectRowCount(),
                 window->rowModel()->rowAt(withObjects)->objectCount);

        // Selecting another branch shows its rows.
        window->branchPanel()->selectBranch(DemoGenerator::reviewBranch());
        QCOMPARE(window->rowModel()->branch(), DemoGenerator::reviewBranch());
        QCOMPARE(window->rowModel()->totalCount(),
                 window->branchModel()
                     ->branchAt(window->branchModel()->rowOf(DemoGenerator::reviewBranch()))
                     ->rowCount);
    }

    void rowsTabFiltersAndScreenshot()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("rows.lbproj")));
        QVERIFY(window);
        const int all = window->rowModel()->totalCount();
        RowsTab *tab = window->rowsTab();
        tab->titleFilter()->setText(QStringLiteral("cam-front"));
        tab->applyFilterNow();
        const int filtered = window->rowModel()->totalCount();
        QVERIFY(filtered > 0);
        QVERIFY(filtered < all);
        for (int row = 0; row < window->rowModel()->rowCount(); ++row)
            QVERIFY(window->rowModel()->rowAt(row)->dataTitle.contains(QStringLiteral("cam-front")));
        tab->titleFilter()->clear();
        tab->onlyInitialisedCheck()->setChecked(false);  // applies at once
        QVERIFY(window->rowModel()->totalCount() > all); // the uninitialised data units appear too
        tab->onlyInitialisedCheck()->setChecked(true);
        QCOMPARE(window->rowModel()->totalCount(), all);

        // Sorting by object count is a store query: the first rows have the most objects.
        tab->view()->sortByColumn(LabelRowTableModel::ObjectCountColumn, Qt::DescendingOrder);
        QVERIFY(window->rowModel()->query().order == RowQuery::Order::ObjectCount);
        QVERIFY(window->rowModel()->rowAt(0)->objectCount >= window->rowModel()->rowAt(1)->objectCount);
        tab->view()->sortByColumn(LabelRowTableModel::TitleColumn, Qt::AscendingOrder);

        // The title leads, the hashes come last, and the last edit is shown whole.
        QHeaderView *header = tab->view()->horizontalHeader();
        QCOMPARE(header->logicalIndex(0), int(LabelRowTableModel::TitleColumn));
        QVERIFY(header->visualIndex(LabelRowTableModel::DataHashColumn) >
                header->visualIndex(LabelRowTableModel::LastEditedColumn));
        QVERIFY(header->visualIndex(LabelRowTableModel::LabelHashColumn) >
                header->visualIndex(LabelRowTableModel::LastEditedColumn));
        const QString edited =
            window->rowModel()->index(0, LabelRowTableModel::LastEditedColumn).data().toString();
        QVERIFY(!edited.isEmpty());
        QVERIFY2(tab->view()->fontMetrics().horizontalAdvance(edited) + 8 <=
                     header->sectionSize(LabelRowTableModel::LastEditedColumn),
                 qPrintable(edited));

        tab->view()->selectRow(2);
        QApplication::processEvents();
        QTRY_VERIFY(window->detailsPane()->objectRowCount() > 0);
        saveScreenshot(window, QStringLiteral("gui-rows-tab.png"));
    }

    void compareTwoSelectedBranches()
    {
        const QString path = freshProject(QStringLiteral("compare.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        window->branchPanel()->selectBranches({QStringLiteral("main"), DemoGenerator::preLabelsBranch()});
        QCOMPARE(window->branchPanel()->selectedBranches(),
                 (QStringList{QStringLiteral("main"), DemoGenerator::preLabelsBranch()}));
        action(window, "compareAction")->trigger();
        QCOMPARE(window->tabs()->currentWidget(), window->compareTab());
        waitForJobs(window);

        QCOMPARE(window->compareTab()->source(), QStringLiteral("main"));
        QCOMPARE(window->compareTab()->target(), DemoGenerator::preLabelsBranch());
        QTRY_COMPARE(window->diffModel()->targetBranch(), DemoGenerator::preLabelsBranch());

        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        Engine engine(*store.value());
        const Result<BranchDiff> expected =
            engine.diff(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        QVERIFY(expected.ok());
        const DiffSummary &summary = expected->summary;
        DiffSummaryBar *bar = window->compareTab()->summaryBar();
        for (DiffStatus status :
             {DiffStatus::Identical, DiffStatus::ChangedSameCount, DiffStatus::CountDiffers,
              DiffStatus::OnlyInSource, DiffStatus::OnlyInTarget, DiffStatus::UninitialisedOnBoth}) {
            QCOMPARE(bar->shownCount(status), summary.count(status));
            QVERIFY(bar->chipText(status).endsWith(QLocale().toString(summary.count(status))));
        }
        QVERIFY(summary.differences() > 0);
        QCOMPARE(window->diffModel()->rowCount(), summary.total);

        // n / p move between differences while the table has focus.
        QTableView *view = window->compareTab()->view();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_N);
        const QModelIndex first = view->currentIndex();
        QVERIFY(first.isValid());
        QVERIFY(first.data(BranchDiffModel::IsDifferenceRole).toBool());
        QTest::keyClick(view, Qt::Key_N);
        const QModelIndex second = view->currentIndex();
        QVERIFY(second.row() > first.row());
        QVERIFY(second.data(BranchDiffModel::IsDifferenceRole).toBool());
        QTest::keyClick(view, Qt::Key_P);
        QCOMPARE(view->currentIndex().row(), first.row());
        action(window, "nextDifferenceAction")->trigger(); // F7
        QCOMPARE(view->currentIndex().row(), second.row());

        // Only differences hides identical rows.
        window->compareTab()->onlyDifferencesCheck()->setChecked(true);
        QTRY_COMPARE(view->model()->rowCount(), summary.differences()); // the rows are read as a job
        window->compareTab()->onlyDifferencesCheck()->setChecked(false);
        QTRY_COMPARE(view->model()->rowCount(), summary.total);

        // A chip shows only its status; Ctrl+click adds one; a click on the only pressed chip shows all.
        QTest::mouseClick(bar->chip(DiffStatus::CountDiffers), Qt::LeftButton);
        QTRY_COMPARE(view->model()->rowCount(), summary.countDiffers);
        QTest::mouseClick(bar->chip(DiffStatus::OnlyInSource), Qt::LeftButton, Qt::ControlModifier);
        QTRY_COMPARE(view->model()->rowCount(), summary.countDiffers + summary.onlyInSource);
        QCOMPARE(window->diffModel()->statusFilter(),
                 QList<DiffStatus>({DiffStatus::CountDiffers, DiffStatus::OnlyInSource}));
        saveScreenshot(window, QStringLiteral("gui-compare-chips-filter.png"));
        QTest::mouseClick(bar->chip(DiffStatus::Identical), Qt::LeftButton);
        QTRY_COMPARE(view->model()->rowCount(), summary.identical);
        window->compareTab()->onlyDifferencesCheck()->setChecked(true); // no identical row is a difference
        QVERIFY(bar->chosenStatuses().isEmpty());
        QTRY_COMPARE(view->model()->rowCount(), summary.differences());
        QTest::mouseClick(bar->chip(DiffStatus::Identical), Qt::LeftButton);
        QVERIFY(!window->compareTab()->onlyDifferencesCheck()->isChecked());
        QTRY_COMPARE(view->model()->rowCount(), summary.identical);
        QTest::mouseClick(bar->chip(DiffStatus::Identical), Qt::LeftButton);
        QTRY_COMPARE(view->model()->rowCount(), summary.total);
        QVERIFY(bar->chosenStatuses().isEmpty());

        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_N);
        view->scrollTo(view->model()->index(0, 0));
        saveScreenshot(window, QStringLiteral("gui-compare-tab.png"));

        // Swap flips the direction, and the deltas with it.
        window->compareTab()->swap();
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->sourceBranch(), DemoGenerator::preLabelsBranch());
        QCOMPARE(window->compareTab()->summaryBar()->shownCount(DiffStatus::OnlyInSource),
                 summary.onlyInTarget);
    }

    void compareWithMainFromContextMenu()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("compare-main.lbproj")));
        QVERIFY(window);
        window->branchPanel()->selectBranch(DemoGenerator::reviewBranch());
        QVERIFY(action(window, "compareWithMainAction")->isEnabled());
        action(window, "compareWithMainAction")->trigger();
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->targetBranch(), DemoGenerator::reviewBranch());
        QCOMPARE(window->diffModel()->sourceBranch(), QStringLiteral("main"));
        // The toolbar's Compare on one branch that is not main: that branch → main, as a pre-label review.
        window->branchPanel()->selectBranch(DemoGenerator::preLabelsBranch());
        action(window, "compareAction")->trigger();
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->sourceBranch(), DemoGenerator::preLabelsBranch());
        QCOMPARE(window->diffModel()->targetBranch(), QStringLiteral("main"));
        // main cannot be renamed or deleted.
        window->branchPanel()->selectBranch(QStringLiteral("main"));
        QVERIFY(!action(window, "deleteAction")->isEnabled());
        QVERIFY(!action(window, "renameAction")->isEnabled());
        QVERIFY(!action(window, "compareWithMainAction")->isEnabled());
    }

    void snapshotThroughTheDialog()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("snapshot.lbproj")));
        QVERIFY(window);
        window->branchPanel()->selectBranch(QStringLiteral("main"));
        action(window, "snapshotAction")->trigger();
        auto *dialog = visibleDialog<SnapshotDialog>(window);
        QVERIFY(dialog);
        const QString expectedName = window->session()->engine().proposeSnapshotName().value();
        QCOMPARE(dialog->name(), expectedName);
        QVERIFY(dialog->name().startsWith(QStringLiteral("export-")));
        QVERIFY(dialog->problem().isEmpty());
        clickOk(dialog);
        waitForJobs(window);

        BranchListModel *branches = window->branchModel();
        const int row = branches->rowOf(expectedName);
        QVERIFY2(row >= 0, qPrintable(branches->branchNames().join(QLatin1Char(','))));
        const BranchInfo *snapshot = branches->branchAt(row);
        const BranchInfo *main = branches->branchAt(branches->rowOf(QStringLiteral("main")));
        QCOMPARE(snapshot->rowCount, main->rowCount);
        QCOMPARE(snapshot->objectCount, main->objectCount);
        QVERIFY(snapshot->isSnapshot);
        QCOMPARE(branches->index(row, 0).data(BranchListModel::IsSnapshotRole).toBool(), true);
        Job *job = window->jobManager()->jobs().constLast();
        QCOMPARE(job->state(), JobState::Finished);
        QVERIFY(job->resultSummary().contains(QString::number(main->rowCount)));
    }

    void invalidBranchNameShowsTheError()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("names.lbproj")));
        QVERIFY(window);
        action(window, "snapshotAction")->trigger();
        auto *dialog = visibleDialog<SnapshotDialog>(window);
        QVERIFY(dialog);
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("problemLabel"));
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(edit && problem && ok);

        edit->clear();
        QTest::keyClicks(edit, QStringLiteral(" leading"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("white space"), Qt::CaseInsensitive) ||
                problem->text().contains(QStringLiteral("space"), Qt::CaseInsensitive));

        edit->clear();
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("empty"), Qt::CaseInsensitive));

        edit->setText(QString(129, QLatin1Char('x')));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!problem->text().isEmpty());

        edit->setText(QStringLiteral("tab\there"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!problem->text().isEmpty());

        edit->setText(DemoGenerator::reviewBranch());
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("already exists")));

        edit->setText(QStringLiteral("a fine name"));
        QVERIFY(ok->isEnabled());
        QVERIFY(problem->text().isEmpty());
        dialog->reject();

        // The copy dialog validates its target the same way and refuses source == target.
        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("main"), QString(), QStringList());
        auto *copy = visibleDialog<CopyDialog>(window);
        QVERIFY(copy);
        copy->setTarget(QStringLiteral(" bad"));
        QVERIFY(copy->problem().contains(QStringLiteral("Target")));
        QVERIFY(!copy->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        copy->setTarget(QStringLiteral("main"));
        QCOMPARE(copy->problem(), QStringLiteral("Source and target branch must be different"));
        QVERIFY(copy->findChild<QLabel *>(QStringLiteral("planSummary"))
                    ->text()
                    .contains(QStringLiteral("different")));
        copy->reject();
    }

    void copyWithOverwriteThenUndo()
    {
        const QString path = freshProject(QStringLiteral("copy.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        const QString target = DemoGenerator::reviewBranch();
        const QString source = DemoGenerator::preLabelsBranch();
        auto reference = SqliteStore::open(path);
        QVERIFY(reference.ok());
        const QHash<QString, QString> targetBefore = contentHashes(*reference.value(), target);
        const QHash<QString, QString> sourceRows = contentHashes(*reference.value(), source);
        const QString fileBefore = test::projectFilesSha256(path);

        window->branchPanel()->selectBranch(source);
        action(window, "copyToAction")->trigger();
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->request().sourceBranch, source);
        dialog->setTarget(target);
        dialog->setOverwrite(true);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("overwriteWarning"))->isVisible());
        dialog->setBatchSize(7);
        // The plan table's model is checked as it is filled.
        QAbstractItemModelTester planTester(
            dialog->findChild<QTableView *>(QStringLiteral("planView"))->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        const CopyPlan plan = dialog->plan();
        QVERIFY(plan.toReplace > 0);
        QVERIFY(plan.toCreate > 0);
        QCOMPARE(dialog->findChild<QTableView *>(QStringLiteral("planView"))->model()->rowCount(),
                 int(plan.items.size()));
        clickOk(dialog);
        waitForJobs(window);

        Job *copyJob = window->jobManager()->jobs().constLast();
        QCOMPARE(copyJob->state(), JobState::Finished);
        const CopyResult result = copyJob->resultValue().value<CopyResult>();
        QCOMPARE(result.replaced, plan.toReplace + plan.unchanged);
        QCOMPARE(result.unchanged, plan.unchanged);
        QCOMPARE(result.created, plan.toCreate);
        QCOMPARE(result.count, plan.writeCount());
        const QHash<QString, QString> targetAfter = contentHashes(*reference.value(), target);
        for (auto it = sourceRows.cbegin(); it != sourceRows.cend(); ++it)
            QCOMPARE(targetAfter.value(it.key()), it.value()); // source wins everywhere
        // The branch list was refreshed by the finished job.
        const BranchInfo *info = window->branchModel()->branchAt(window->branchModel()->rowOf(target));
        QCOMPARE(info->rowCount, int(targetAfter.size()));

        action(window, "undoAction")->trigger();
        auto *undo = visibleDialog<UndoDialog>(window);
        QVERIFY(undo);
        QCOMPARE(undo->operation().targetBranch, target);
        QVERIFY(undo->description().contains(QString::number(plan.toReplace + plan.unchanged)));
        clickOk(undo);
        waitForJobs(window);
        QCOMPARE(window->jobManager()->jobs().constLast()->state(), JobState::Finished);
        QCOMPARE(contentHashes(*reference.value(), target), targetBefore);
        const BranchInfo *restored = window->branchModel()->branchAt(window->branchModel()->rowOf(target));
        QCOMPARE(restored->rowCount, int(targetBefore.size()));
        // The rows are back; the journal and the audit log keep the copy and its undo.
        QVERIFY(test::projectFilesSha256(path) != fileBefore);

        // Nothing left to undo: said inline, no dialog.
        action(window, "undoAction")->trigger();
        QVERIFY(!visibleDialog<UndoDialog>(window));
        QVERIFY(window->banner()->text().contains(QStringLiteral("Nothing to undo")));
    }

    void copySelectedRowsFromTheRowsTab()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("selected.lbproj")));
        QVERIFY(window);
        QTableView *view = window->rowsTab()->view();
        view->selectionModel()->select(
            QItemSelection(window->rowModel()->index(0, 0), window->rowModel()->index(2, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(window->rowsTab()->selectedDataHashes().size(), 3);
        window->rowsTab()->copySelectedAction()->trigger();
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->request().dataHashes, window->rowsTab()->selectedDataHashes());
        dialog->setTarget(QStringLiteral("three-rows"));
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QCOMPARE(dialog->plan().toCreate, 3);
        clickOk(dialog);
        waitForJobs(window);
        const int row = window->branchModel()->rowOf(QStringLiteral("three-rows"));
        QVERIFY(row >= 0);
        QCOMPARE(window->branchModel()->branchAt(row)->rowCount, 3);
    }

    // Pasted hashes are read as a hash list: a byte no hash holds is named before any plan, and hashes that
    // match nothing are named in the plan's summary before the copy runs.
    void pastedHashesThatMatchNothingAreNamed()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("pasted.lbproj")));
        QVERIFY(window);
        const QString known =
            window->rowModel()->index(0, 0).data(LabelRowTableModel::DataHashRole).toString();
        QVERIFY(!known.isEmpty());
        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("main"), QString(), {});
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        auto *summary = dialog->findChild<QLabel *>(QStringLiteral("planSummary"));
        QVERIFY(summary);
        dialog->setTarget(QStringLiteral("picked"));
        dialog->setScope(CopyDialog::Scope::DataHashes);
        dialog->setPastedHashes(QStringLiteral("%1\n\"quoted\"").arg(known));
        QVERIFY2(summary->text().contains(QStringLiteral("line 2, column 1: '\"' cannot be part of a hash")),
                 qPrintable(summary->text()));
        dialog->setPastedHashes(QStringLiteral("%1, no-such-unit # typed by hand").arg(known));
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QCOMPARE(dialog->plan().toCreate, 1);
        QVERIFY2(summary->text().contains(QStringLiteral("1 data hash is not in this project: no-such-unit")),
                 qPrintable(summary->text()));
        saveScreenshot(dialog, QStringLiteral("gui-copy-unknown-hash.png"));
        dialog->reject();
    }

    void cancelALongCopy()
    {
        const QString path = freshProject(QStringLiteral("cancel.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        // Each batch of one row takes 15 ms, so the copy of ~380 rows runs for seconds.
        window->jobManager()->setStoreOpener([path]() -> Result<std::unique_ptr<Store>> {
            auto store = SqliteStore::open(path);
            if (!store)
                return store.takeError();
            return std::unique_ptr<Store>(std::make_unique<UnhurriedStore>(std::move(store).value(), 15));
        });

        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("main"), QString(), QStringList());
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->setTarget(QStringLiteral("long-copy"));
        dialog->setBatchSize(1);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        const int planned = dialog->plan().toCreate;
        QVERIFY(planned > 100);
        clickOk(dialog);

        Job *job = window->jobManager()->jobs().constLast();
        QVERIFY(job->title().contains(QStringLiteral("long-copy")));
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().done >= 5, 20000);
        QVERIFY(job->isActive());

        // The progress cell shows the bar and its Cancel button; take the picture while it runs.
        JobPanel *panel = window->jobPanel();
        const int jobRow = panel->model()->rowOf(job);
        const QModelIndex progressIndex = panel->model()->index(jobRow, JobsModel::ProgressColumn);
        QVERIFY(JobProgressDelegate::barText(progressIndex).contains(QString::number(planned)));
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().done >= 20, 20000);
        saveScreenshot(window, QStringLiteral("gui-copy-job-running.png"));

        // Cancel through the button painted in the progress cell.
        QTableView *jobView = panel->view();
        QStyleOptionViewItem option;
        option.initFrom(jobView);
        option.rect = jobView->visualRect(progressIndex);
        option.fontMetrics = jobView->fontMetrics();
        const QRect button = panel->progressDelegate()->cancelButtonRect(option, progressIndex);
        QVERIFY(button.isValid());
        QTest::mouseClick(jobView->viewport(), Qt::LeftButton, {}, button.center());
        waitForJobs(window);

        QCOMPARE(job->state(), JobState::Cancelled);
        const CopyResult partial = job->resultValue().value<CopyResult>();
        QVERIFY(partial.cancelled);
        QVERIFY(partial.count > 0);
        QVERIFY(partial.count < planned);
        // Finished batches stay, and the job panel says how many.
        const int row = window->branchModel()->rowOf(QStringLiteral("long-copy"));
        QVERIFY(row >= 0);
        QCOMPARE(window->branchModel()->branchAt(row)->rowCount, partial.count);
        const QString shown = panel->model()->index(jobRow, JobsModel::ResultColumn).data().toString();
        QVERIFY2(shown.contains(QLocale().toString(partial.count)), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("Cancelled")));
    }

    void missingAndDamagedFilesAreShownInTheWindow()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(!m_window->openProject(m_dir.filePath(QStringLiteral("no-such.lbproj"))));
        QVERIFY(m_window->welcomePage()->isVisible());
        QVERIFY(m_window->welcomePage()->message().contains(QStringLiteral("does not exist")));

        const QString damaged = m_dir.filePath(QStringLiteral("damaged.lbproj"));
        QVERIFY(test::writeFile(damaged, QByteArray("this is not a project at all, just some text")));
        const QString before = test::fileSha256(damaged);
        QVERIFY(!m_window->openProject(damaged));
        QVERIFY(!m_window->welcomePage()->message().isEmpty());
        QCOMPARE(test::fileSha256(damaged), before);

        // With a project open, a failed open leaves it open and says why in the banner.
        QVERIFY(m_window->openProject(freshProject(QStringLiteral("still-open.lbproj"))));
        QVERIFY(!m_window->openProject(damaged));
        QVERIFY(m_window->session());
        QVERIFY(!m_window->banner()->text().isEmpty());
    }

    // Two recent projects with one file name are told apart by their folders, in the menu too.
    void recentProjectsWithOneNameShowTheirFolders()
    {
        const QString home = QDir::homePath();
        QCOMPARE(RecentProjects::labels({QStringLiteral("/srv/a/demo.lbproj"),
                                         home + QStringLiteral("/b/demo.lbproj"),
                                         QStringLiteral("/srv/other.lbproj")}),
                 QStringList({QStringLiteral("demo.lbproj (/srv/a)"), QStringLiteral("demo.lbproj (~/b)"),
                              QStringLiteral("other.lbproj")}));

        RecentProjects::clear();
        const QString first = freshProject(QStringLiteral("same.lbproj"));
        QDir(m_dir.path()).mkpath(QStringLiteral("elsewhere"));
        const QString second = m_dir.filePath(QStringLiteral("elsewhere/same.lbproj"));
        QVERIFY(QFile::copy(first, second));
        QVERIFY(openWindow(first));
        QVERIFY(m_window->openProject(second));
        auto *menu = m_window->findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(menu);
        QStringList texts;
        for (const QAction *action : menu->actions())
            texts << action->text();
        QVERIFY2(texts.contains(QStringLiteral("&1 same.lbproj (%1)")
                                    .arg(QDir::toNativeSeparators(QFileInfo(second).absolutePath()))),
                 qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("&2 same.lbproj (%1)")
                                    .arg(QDir::toNativeSeparators(QFileInfo(first).absolutePath()))),
                 qPrintable(texts.join(QLatin1Char('|'))));
        RecentProjects::clear();
    }

    void startUpChoosesTheProject()
    {
        RecentProjects::clear();
        // The first start opens nothing by itself: the window shows its start page.
        const StartupProject first = StartupProject::resolve({});
        QVERIFY(first.path.isEmpty());
        QVERIFY(!first.fromCommandLine);

        const QString path = freshProject(QStringLiteral("recent.lbproj"));
        RecentProjects::add(path);
        QCOMPARE(StartupProject::resolve({}).path, QFileInfo(path).absoluteFilePath());

        StartupProject named = StartupProject::resolve({QStringLiteral("other.lbproj")});
        QVERIFY(named.fromCommandLine);
        QVERIFY(named.path.endsWith(QStringLiteral("other.lbproj")));
    }

    // Every label with a mnemonic names the field it leads to; without a buddy it would show its "&".
    void importDialogLabelsLeadToTheirFields()
    {
        ImportDialog dialog({QStringLiteral("main")}, QStringLiteral("main"));
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        int withMnemonic = 0;
        for (const QLabel *label : labels) {
            if (label->textFormat() == Qt::RichText || !label->text().contains(QLatin1Char('&')))
                continue;
            ++withMnemonic;
            QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
        QCOMPARE(withMnemonic, 2);
    }

    // The Jobs panel lists what the user started, newest first, without the reads views make by
    // themselves, and forgets the finished jobs of a project that is closed.
    void jobsPanelListsTheUsersWorkOfThisProject()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("jobs-a.lbproj")));
        QVERIFY(window);
        window->compareBranches(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        waitForJobs(window);
        window->compareTab()->onlyDifferencesCheck()->setChecked(true); // a background read of the rows
        waitForJobs(window);
        auto *jobs = window->findChild<JobsModel *>();
        QVERIFY(jobs);
        QStringList titles;
        for (int row = 0; row < jobs->rowCount(); ++row)
            titles << jobs->index(row, JobsModel::TitleColumn).data().toString();
        QVERIFY2(titles.contains(QStringLiteral("Compare main → %1").arg(DemoGenerator::preLabelsBranch())),
                 qPrintable(titles.join(QLatin1Char('|'))));
        QVERIFY2(titles.filter(QStringLiteral("Sort and filter")).isEmpty(),
                 qPrintable(titles.join(QLatin1Char('|'))));
        QVERIFY2(titles.filter(QStringLiteral("Count the rows")).isEmpty(),
                 qPrintable(titles.join(QLatin1Char('|'))));
        for (int row = 1; row < jobs->rowCount(); ++row)
            QVERIFY(jobs->jobAt(row - 1)->id() > jobs->jobAt(row)->id());

        QVERIFY(window->openProject(freshProject(QStringLiteral("jobs-b.lbproj"))));
        waitForJobs(window);
        titles.clear();
        for (int row = 0; row < jobs->rowCount(); ++row)
            titles << jobs->index(row, JobsModel::TitleColumn).data().toString();
        QVERIFY2(titles.filter(QStringLiteral("Compare main")).isEmpty(),
                 qPrintable(titles.join(QLatin1Char('|'))));
    }

    void createsTheDemoProjectInTheBackground()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        const QString path = m_dir.filePath(QStringLiteral("sub/created-demo.lbproj"));
        QSignalSpy opened(m_window.get(), &MainWindow::projectOpened);
        m_window->createDemoProject(path, DemoGenerator::kSmallSize);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 60000);
        QVERIFY(m_window->session());
        QCOMPARE(m_window->session()->path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(m_window->branchModel()->rowCount() >= 4);
        QVERIFY2(!m_window->statusBar()->currentMessage().contains(QStringLiteral("Creating")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        // It ran as a store-less job, listed in the Jobs panel like any other.
        const QList<Job *> jobs = m_window->jobManager()->jobs();
        QVERIFY(std::any_of(jobs.cbegin(), jobs.cend(), [](const Job *job) {
            return !job->needsStore() && job->title() == QStringLiteral("Create the demo project") &&
                   job->state() == JobState::Finished;
        }));
    }
    // Export files dropped on the window (or chosen from File ▸ New Project from Encord Export…) become a
    // project, made in the background and then opened.
    void exportFilesBecomeAProject()
    {
        const QString demo = freshProject(QStringLiteral("for-export.lbproj"));
        const QString exportFile = m_dir.filePath(QStringLiteral("main-export.json"));
        {
            auto store = SqliteStore::open(demo);
            QVERIFY(store.ok());
            Engine engine(*store.value(), QStringLiteral("tester"));
            QFile file(exportFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[");
            bool first = true;
            QVERIFY(engine
                        .exportRowBytes(QStringLiteral("main"),
                                        [&](const QByteArray &row) -> Result<void> {
                                            file.write(first ? "\n" : ",\n");
                                            first = false;
                                            file.write(row);
                                            return {};
                                        })
                        .ok());
            file.write("\n]\n");
        }
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("newFromExportAction")));

        // Dragged JSON files are welcome; anything else is not.
        QMimeData json;
        json.setUrls({QUrl::fromLocalFile(exportFile)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &json, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QMimeData project;
        project.setUrls({QUrl::fromLocalFile(demo)});
        QDragEnterEvent other(QPoint(10, 10), Qt::CopyAction, &project, Qt::LeftButton, Qt::NoModifier);
        other.setAccepted(false);
        QApplication::sendEvent(m_window.get(), &other);
        QVERIFY(!other.isAccepted());

        const QString path = m_dir.filePath(QStringLiteral("from-export.lbproj"));
        QSignalSpy opened(m_window.get(), &MainWindow::projectOpened);
        m_window->createProjectFromExports({exportFile}, path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 60000);
        QCOMPARE(m_window->session()->path(), QFileInfo(path).absoluteFilePath());
        const int row = m_window->branchModel()->rowOf(QStringLiteral("main"));
        QVERIFY(row >= 0);
        waitForJobs(m_window.get());
        auto original = SqliteStore::open(demo);
        QVERIFY(original.ok());
        RowQuery all;
        all.branch = QStringLiteral("main");
        QCOMPARE(m_window->branchModel()->branchAt(row)->rowCount, original.value()->countRows(all).value());
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
