#include "demo/demogenerator.h"
#include "dialogs/applyreviewdialog.h"
#include "dialogs/undodialog.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "forwardingstore.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/reviewlistmodel.h"
#include "jobs/jobmanager.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/reviewtab.h"
#include "window/mainwindow.h"

#include <nlohmann/json.hpp>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <tuple>

using namespace lb;
using namespace lb::test;

namespace {

// Reviewing the model's pre-labels into main: approving a unit brings its pre-labels onto main.
const QString kSource = DemoGenerator::preLabelsBranch();
const QString kTarget = QStringLiteral("main");

QHash<QString, QString> contentHashes(const QString &path, const QString &branch)
{
    QHash<QString, QString> hashes;
    auto store = SqliteStore::open(path);
    if (!store)
        return hashes;
    RowQuery query;
    query.branch = branch;
    const Result<QList<LabelRowSummary>> rows = store.value()->listRows(query);
    if (rows.ok()) {
        for (const LabelRowSummary &row : rows.value())
            hashes.insert(row.dataHash, row.contentHash);
    }
    return hashes;
}

// Drops the last object of the first frame that has any: a real edit that changes the content hash.
bool dropOneObject(nlohmann::json &node)
{
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (it.key() == "objects" && it.value().is_array() && !it.value().empty()) {
                it.value().erase(it.value().size() - 1);
                return true;
            }
            if (dropOneObject(it.value()))
                return true;
        }
    } else if (node.is_array()) {
        for (auto &child : node) {
            if (dropOneObject(child))
                return true;
        }
    }
    return false;
}

QString editRow(Store &store, const QString &branch, const QString &dataHash, int drops = 1)
{
    RowQuery query;
    query.branch = branch;
    query.dataHashes = {dataHash};
    const Result<QList<LabelRowSummary>> rows = store.listRows(query);
    if (!rows || rows->isEmpty())
        return QStringLiteral("no row of %1 on %2").arg(dataHash, branch);
    Result<QList<LabelRowDocument>> docs = store.fetchContents(branch, {rows->constFirst().labelHash});
    if (!docs || docs->isEmpty())
        return QStringLiteral("no content of %1 on %2").arg(dataHash, branch);
    nlohmann::json json = docs->constFirst().json();
    for (int i = 0; i < drops; ++i) {
        if (!dropOneObject(json))
            return QStringLiteral("no object to drop in %1").arg(dataHash);
    }
    Result<LabelRowDocument> edited = LabelRowDocument::fromJson(json);
    if (!edited)
        return edited.error();
    Result<CopyBatchResult> written = store.writeRows(0, branch, {edited.value()}, true);
    return written ? QString() : written.error();
}

// What the test made of the project: which unit conflicts, which changed on one side only.
struct Prepared
{
    QString conflict;      // changed on both branches since the copy
    QString targetChanged; // only main changed since the copy
    QString sourceChanged; // only the pre-labels changed since the copy
};

// Syncs three differing image units from the pre-labels onto main, then edits them so that one conflicts, one
// changed on main only and one on the pre-labels only. The two sides of the conflict are edited differently:
// the same edit on both would make them equal again, and equal rows are nothing to review.
Result<Prepared> prepareThreeWay(const QString &path)
{
    auto opened = SqliteStore::open(path);
    if (!opened)
        return opened.takeError();
    Store &store = *opened.value();
    Engine engine(store, QStringLiteral("setup"));
    Result<BranchDiff> diff = engine.diff(kSource, kTarget);
    if (!diff)
        return diff.takeError();
    QStringList picked;
    for (const DiffEntry &entry : diff->entries) {
        if (entry.dataType == DataType::Image && entry.sourceCount >= 2 && entry.targetCount >= 2 &&
            diffStatusIsDifference(entry.status))
            picked.append(entry.dataHash);
        if (picked.size() == 3)
            break;
    }
    if (picked.size() < 3)
        return fail(QStringLiteral("the demo has too few differing image units"));
    CopyRequest request;
    request.sourceBranch = kSource;
    request.targetBranch = kTarget;
    request.dataHashes = picked;
    Result<CopyResult> synced = engine.sync(request);
    if (!synced)
        return synced.takeError();
    Prepared prepared{picked.at(0), picked.at(1), picked.at(2)};
    for (const auto &[branch, hash, drops] :
         {std::tuple{kSource, prepared.conflict, 1}, std::tuple{kTarget, prepared.conflict, 2},
          std::tuple{kTarget, prepared.targetChanged, 1}, std::tuple{kSource, prepared.sourceChanged, 1}}) {
        const QString problem = editRow(store, branch, hash, drops);
        if (!problem.isEmpty())
            return fail(problem);
    }
    return prepared;
}

// A project file that says it is a live remote project, and counts the listings asked of it: the Review tab
// must take its decisions off the GUI thread for such a store.
class FarAwayStore final : public test::ForwardingStore
{
public:
    explicit FarAwayStore(std::unique_ptr<Store> inner) : ForwardingStore(std::move(inner)) {}

    int listings = 0;

    ProjectInfo projectInfo() const override
    {
        ProjectInfo info = inner().projectInfo();
        info.remote = true;
        return info;
    }
    Result<QList<LabelRowSummary>> listRows(const RowQuery &query) override
    {
        ++listings;
        return inner().listRows(query);
    }
};

} // namespace

class TestGuiReview : public QObject, protected test::GuiFixture
{
    Q_OBJECT

private:
    // Opens review mode on pre-labels-v1 → main and waits for the listing.
    void showReview(MainWindow *window)
    {
        window->compareBranches(kSource, kTarget);
        window->compareTab()->setReviewMode(true);
        waitForJobs(window);
        QTRY_COMPARE(window->reviewTab()->model()->targetBranch(), kTarget);
        QCOMPARE(window->reviewTab()->model()->sourceBranch(), kSource);
    }

    static ReviewListModel::DecisionState stateOf(ReviewTab *tab, const QString &dataHash)
    {
        const int row = tab->model()->rowOfDataHash(dataHash);
        return ReviewListModel::DecisionState(
            tab->model()->index(row, 0).data(ReviewListModel::DecisionStateRole).toInt());
    }

    static bool isUndecided(const QModelIndex &proxyIndex)
    {
        return !proxyIndex.data(ReviewListModel::IsDecidedRole).toBool();
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-review-test")); }

    void cleanup() { cleanupFixture(); }

    void compareShowsTheThreeWayStatus()
    {
        const QString path = freshProject(QStringLiteral("threeway.lbproj"));
        const Result<Prepared> prepared = prepareThreeWay(path);
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->targetBranch(), kTarget);

        BranchDiffModel *model = window->diffModel();
        auto threeWayOf = [&](const QString &hash) {
            return ThreeWayStatus(model->index(model->rowOfDataHash(hash), BranchDiffModel::ThreeWayColumn)
                                      .data(BranchDiffModel::ThreeWayRole)
                                      .toInt());
        };
        QCOMPARE(threeWayOf(prepared->conflict), ThreeWayStatus::Conflict);
        QCOMPARE(threeWayOf(prepared->targetChanged), ThreeWayStatus::TargetChanged);
        QCOMPARE(threeWayOf(prepared->sourceChanged), ThreeWayStatus::SourceChanged);
        QVERIFY(model->index(model->rowOfDataHash(prepared->conflict), BranchDiffModel::ThreeWayColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Conflict")));
        // Rows never copied by labelbranch say nothing in that column.
        int notCopied = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (ThreeWayStatus(model->index(row, 0).data(BranchDiffModel::ThreeWayRole).toInt()) ==
                ThreeWayStatus::NotCopied) {
                QCOMPARE(model->index(row, BranchDiffModel::ThreeWayColumn).data().toString(), QString());
                ++notCopied;
            }
        }
        QCOMPARE(notCopied, model->rowCount() - 3);
        QCOMPARE(model->summary().conflicts, 1);

        // Sorted by the column, the conflict comes first; the screenshot shows it.
        window->compareTab()->view()->sortByColumn(BranchDiffModel::ThreeWayColumn, Qt::AscendingOrder);
        QTRY_COMPARE(
            window->compareTab()->view()->model()->index(0, 0).data(BranchDiffModel::DataHashRole).toString(),
            prepared->conflict);
        saveScreenshot(window, QStringLiteral("gui-compare-three-way.png"));
    }

    void keysDecideMoveAndPersist()
    {
        const QString path = freshProject(QStringLiteral("keys.lbproj"));
        const Result<Prepared> prepared = prepareThreeWay(path);
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        ReviewTab::saveReviewerName(QStringLiteral("carol@example.com"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);

        // Opening the tab reviews the current comparison.
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        window->tabs()->setCurrentWidget(window->compareTab());
        window->compareTab()->setReviewMode(true);
        waitForJobs(window);
        ReviewTab *tab = window->reviewTab();
        QTRY_COMPARE(tab->model()->targetBranch(), kTarget);
        QCOMPARE(tab->source(), kSource);

        // The listing equals the engine's: every differing data unit, the conflict first, with a warning.
        int expectedTotal = 0;
        {
            auto store = SqliteStore::open(path);
            QVERIFY(store.ok());
            Engine engine(*store.value());
            const Result<ReviewListing> listing = ReviewEngine(engine).list(kSource, kTarget);
            QVERIFY2(listing.ok(), qPrintable(listing.error()));
            expectedTotal = listing->progress.total;
        }
        QVERIFY(expectedTotal > 5);
        QCOMPARE(tab->model()->rowCount(), expectedTotal);
        QCOMPARE(tab->model()->index(0, 0).data(ReviewListModel::DataHashRole).toString(),
                 prepared->conflict);
        QVERIFY2(tab->conflictText().contains(QStringLiteral("overwrites the target's changes")),
                 qPrintable(tab->conflictText()));
        QVERIFY(tab->progressText().startsWith(QStringLiteral("0 of %1 decided").arg(expectedTotal)));

        // a approves the current row and moves on to the next undecided one.
        QTableView *view = tab->view();
        view->setFocus();
        tab->selectDataHash(prepared->conflict);
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(stateOf(tab, prepared->conflict), ReviewListModel::DecisionState::Approved);
        QVERIFY2(tab->progressText().startsWith(QStringLiteral("1 of %1 decided").arg(expectedTotal)),
                 qPrintable(tab->progressText()));
        QCOMPARE(tab->progressBar()->value(), 1);
        QCOMPARE(window->tabs()->tabText(window->tabs()->indexOf(window->compareTab())),
                 QStringLiteral("Review 1 of %1").arg(expectedTotal));
        QCOMPARE(tab->progressBar()->maximum(), expectedTotal);
        const QString second = tab->currentDataHash();
        QVERIFY(second != prepared->conflict);
        QVERIFY(isUndecided(view->currentIndex()));

        // r rejects it.
        QTest::keyClick(view, Qt::Key_R);
        QCOMPARE(stateOf(tab, second), ReviewListModel::DecisionState::Rejected);
        QVERIFY(tab->progressText().startsWith(QStringLiteral("2 of %1 decided").arg(expectedTotal)));
        QVERIFY(tab->progressText().contains(QStringLiteral("1 approved")));
        QVERIFY(tab->progressText().contains(QStringLiteral("1 rejected")));

        // A typed comment is text, not a key command, and is saved with the next decision.
        const int decidedBefore = tab->model()->progress().decided;
        tab->commentEdit()->setFocus();
        QTest::keyClicks(tab->commentEdit(), QStringLiteral("ran a check"));
        QCOMPARE(tab->commentEdit()->text(), QStringLiteral("ran a check"));
        QCOMPARE(tab->model()->progress().decided, decidedBefore);
        const QString third = tab->currentDataHash();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(stateOf(tab, third), ReviewListModel::DecisionState::Approved);
        const int thirdRow = tab->model()->rowOfDataHash(third);
        QCOMPARE(tab->model()->index(thirdRow, ReviewListModel::CommentColumn).data().toString(),
                 QStringLiteral("ran a check"));
        QCOMPARE(tab->model()->index(thirdRow, ReviewListModel::ReviewerColumn).data().toString(),
                 QStringLiteral("carol@example.com"));

        // n / p move between undecided rows only, skipping decided ones.
        const ReviewListModel *list = tab->model(); // sorts and filters itself
        const int start = view->currentIndex().row();
        QTest::keyClick(view, Qt::Key_N);
        const int next = view->currentIndex().row();
        QVERIFY(next != start);
        QVERIFY(isUndecided(view->currentIndex()));
        for (int row = start + 1; row < next; ++row)
            QVERIFY(list->index(row, 0).data(ReviewListModel::IsDecidedRole).toBool());
        QTest::keyClick(view, Qt::Key_P);
        QCOMPARE(view->currentIndex().row(), start);
        // p goes to the previous undecided row, wrapping round at the top.
        QTest::keyClick(view, Qt::Key_P);
        const int previous = view->currentIndex().row();
        QVERIFY(isUndecided(view->currentIndex()));
        QVERIFY(previous != start);
        for (int row = (previous + 1) % list->rowCount(); row != start; row = (row + 1) % list->rowCount())
            QVERIFY(list->index(row, 0).data(ReviewListModel::IsDecidedRole).toBool());
        // The Compare tab keeps its own n / p (next difference); they do not move the review.
        const QString reviewCurrent = tab->currentDataHash();
        window->compareTab()->setReviewMode(false);
        QTableView *compareView = window->compareTab()->view();
        compareView->setFocus();
        QTest::keyClick(compareView, Qt::Key_N);
        QVERIFY(compareView->currentIndex().isValid());
        QVERIFY(compareView->currentIndex().data(BranchDiffModel::IsDifferenceRole).toBool());
        QCOMPARE(tab->currentDataHash(), reviewCurrent);
        QCOMPARE(tab->model()->progress().decided, 3);
        window->tabs()->setCurrentWidget(window->compareTab());
        window->compareTab()->setReviewMode(true);

        // The decisions are in the project, under the reviewer's name.
        {
            auto store = SqliteStore::open(path);
            QVERIFY(store.ok());
            const Result<QList<ReviewDecision>> saved = store.value()->reviewDecisions(kSource, kTarget);
            QVERIFY(saved.ok());
            QCOMPARE(saved->size(), 3);
            for (const ReviewDecision &decision : saved.value())
                QCOMPARE(decision.reviewer, QStringLiteral("carol@example.com"));
        }

        // Half-way: the conflict approved, one rejected, others open.
        view->setFocus();
        tab->selectDataHash(tab->model()->index(3, 0).data(ReviewListModel::DataHashRole).toString());
        view->scrollToTop();
        saveScreenshot(window, QStringLiteral("gui-review-tab.png"));

        // Closing and reopening the project keeps every decision.
        const QHash<QString, int> before = [&] {
            QHash<QString, int> states;
            for (int row = 0; row < tab->model()->rowCount(); ++row)
                states.insert(tab->model()->index(row, 0).data(ReviewListModel::DataHashRole).toString(),
                              tab->model()->index(row, 0).data(ReviewListModel::DecisionStateRole).toInt());
            return states;
        }();
        window->closeProject();
        QCOMPARE(tab->model()->rowCount(), 0);
        QVERIFY(window->openProject(path));
        showReview(window);
        QCOMPARE(tab->model()->rowCount(), expectedTotal);
        for (int row = 0; row < tab->model()->rowCount(); ++row) {
            const QString hash = tab->model()->index(row, 0).data(ReviewListModel::DataHashRole).toString();
            QCOMPARE(tab->model()->index(row, 0).data(ReviewListModel::DecisionStateRole).toInt(),
                     before.value(hash));
        }
        QVERIFY(tab->progressText().startsWith(QStringLiteral("3 of %1 decided").arg(expectedTotal)));
    }

    void staleDecisionsShowAsStale()
    {
        const QString path = freshProject(QStringLiteral("stale.lbproj"));
        const Result<Prepared> prepared = prepareThreeWay(path);
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        showReview(window);
        ReviewTab *tab = window->reviewTab();
        tab->view()->setFocus();
        tab->selectDataHash(prepared->sourceChanged);
        QTest::keyClick(tab->view(), Qt::Key_A);
        QCOMPARE(stateOf(tab, prepared->sourceChanged), ReviewListModel::DecisionState::Approved);

        // The source row changes again after the approval: the decision no longer counts.
        {
            auto store = SqliteStore::open(path);
            QVERIFY(store.ok());
            const QString problem = editRow(*store.value(), kSource, prepared->sourceChanged);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        window->refresh();
        tab->reload();
        waitForJobs(window);
        QTRY_COMPARE(stateOf(tab, prepared->sourceChanged), ReviewListModel::DecisionState::StaleApproved);
        const int row = tab->model()->rowOfDataHash(prepared->sourceChanged);
        QVERIFY(tab->model()
                    ->index(row, ReviewListModel::DecisionColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Stale")));
        QVERIFY(tab->progressText().contains(QStringLiteral("1 stale")));
        QVERIFY(tab->progressText().startsWith(QStringLiteral("0 of")));
        QVERIFY(!tab->applyButton()->isEnabled()); // nothing up to date is approved
    }

    void applyApprovedChangesExactlyThoseUnitsAndUndoRestores()
    {
        const QString path = freshProject(QStringLiteral("apply.lbproj"));
        const Result<Prepared> prepared = prepareThreeWay(path);
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        ReviewTab::saveReviewerName(QStringLiteral("dave@example.com"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        showReview(window);
        ReviewTab *tab = window->reviewTab();
        const int total = tab->model()->rowCount();
        QVERIFY(total > 6);

        // Approve the conflict and three more, reject one; the rest stays undecided.
        QStringList approved{prepared->conflict};
        for (int row = 0; row < tab->model()->rowCount() && approved.size() < 4; ++row) {
            const QString hash = tab->model()->index(row, 0).data(ReviewListModel::DataHashRole).toString();
            if (!approved.contains(hash) && hash != prepared->targetChanged)
                approved.append(hash);
        }
        tab->view()->setFocus();
        for (const QString &hash : std::as_const(approved)) {
            tab->selectDataHash(hash);
            QTest::keyClick(tab->view(), Qt::Key_A);
        }
        tab->selectDataHash(prepared->targetChanged);
        QTest::keyClick(tab->view(), Qt::Key_R);
        QCOMPARE(tab->model()->progress().approved, 4);
        QCOMPARE(tab->model()->progress().rejected, 1);

        const QHash<QString, QString> targetBefore = contentHashes(path, kTarget);
        const QHash<QString, QString> sourceRows = contentHashes(path, kSource);

        // Apply approved…: the dry run comes first, in a dialog that warns about the conflict.
        QVERIFY(tab->applyButton()->isEnabled());
        QTest::mouseClick(tab->applyButton(), Qt::LeftButton);
        waitForJobs(window);
        ApplyReviewDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<ApplyReviewDialog>(window)) != nullptr);
        QCOMPARE(dialog->planRowCount(), 4);
        QCOMPARE(dialog->plan().dataHashes.size(), 4);
        QVERIFY2(dialog->warningText().contains(QStringLiteral("overwrites the target's changes")),
                 qPrintable(dialog->warningText()));
        QVERIFY(dialog->summaryText().contains(QStringLiteral("4 approved")));
        const QString conflictTitle =
            tab->model()->itemAt(tab->model()->rowOfDataHash(prepared->conflict))->diff.dataTitle;
        QVERIFY2(dialog->warningText().contains(conflictTitle), qPrintable(dialog->warningText()));
        saveScreenshot(dialog, QStringLiteral("gui-review-apply-dialog.png"));
        clickOk(dialog);
        waitForJobs(window);
        waitForJobs(window); // the listing the write started

        // Exactly the approved units changed on main, each to the pre-labels' content.
        const QHash<QString, QString> targetAfter = contentHashes(path, kTarget);
        QSet<QString> changed;
        for (auto it = targetAfter.cbegin(); it != targetAfter.cend(); ++it) {
            if (targetBefore.value(it.key()) != it.value())
                changed.insert(it.key());
        }
        for (auto it = targetBefore.cbegin(); it != targetBefore.cend(); ++it) {
            if (!targetAfter.contains(it.key()))
                changed.insert(it.key());
        }
        QCOMPARE(changed, QSet<QString>(approved.cbegin(), approved.cend()));
        for (const QString &hash : std::as_const(approved)) {
            if (sourceRows.contains(hash))
                QCOMPARE(targetAfter.value(hash), sourceRows.value(hash));
            else
                QVERIFY(!targetAfter.contains(hash)); // cannot happen: a sync only writes source rows
        }
        // The applied units no longer differ, so the review lists the rest.
        QTRY_COMPARE(tab->model()->rowCount(), total - 4);
        QCOMPARE(tab->model()->progress().rejected, 1);

        // The apply is the last write, offered by the Undo dialog under the reviewer's name.
        window->findChild<QAction *>(QStringLiteral("undoAction"))->trigger();
        UndoDialog *undo = nullptr;
        QTRY_VERIFY((undo = visibleDialog<UndoDialog>(window)) != nullptr);
        QVERIFY2(undo->description().contains(QStringLiteral("apply of approved review decisions")),
                 qPrintable(undo->description()));
        QVERIFY(undo->description().contains(QStringLiteral("dave@example.com")));
        clickOk(undo);
        waitForJobs(window);
        waitForJobs(window);
        QCOMPARE(contentHashes(path, kTarget), targetBefore);
        // The decisions are still there: the units are back, approved.
        QTRY_COMPARE(tab->model()->rowCount(), total);
        QCOMPARE(tab->model()->progress().approved, 4);
    }

    void onlyUndecidedHidesDecidedUnits()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("undecided.lbproj")));
        QVERIFY(window);
        showReview(window);
        ReviewTab *tab = window->reviewTab();
        const ReviewListModel *list = tab->model(); // sorts and filters itself
        const int total = tab->model()->rowCount();
        QVERIFY(total > 3);
        QTableView *view = tab->view();
        view->setFocus();
        tab->selectDataHash(tab->model()->index(0, 0).data(ReviewListModel::DataHashRole).toString());
        QTest::keyClick(view, Qt::Key_A);

        tab->onlyUndecidedCheck()->setChecked(true);
        QCOMPARE(list->rowCount(), total - 1);
        QVERIFY(view->currentIndex().isValid());
        const QString before = tab->currentDataHash();
        const int row = view->currentIndex().row();
        // The decided unit leaves the list and the next one takes its place as the current row.
        QTest::keyClick(view, Qt::Key_R);
        QCOMPARE(list->rowCount(), total - 2);
        QCOMPARE(list->rowOfDataHash(before), -1); // hidden now
        QVERIFY(view->currentIndex().isValid());
        QCOMPARE(view->currentIndex().row(), row);
        QVERIFY(tab->currentDataHash() != before);
        for (int r = 0; r < list->rowCount(); ++r)
            QVERIFY(!list->index(r, 0).data(ReviewListModel::IsDecidedRole).toBool());

        tab->onlyUndecidedCheck()->setChecked(false);
        QCOMPARE(list->rowCount(), total);
        QCOMPARE(stateOf(tab, before), ReviewListModel::DecisionState::Rejected);
        QCOMPARE(tab->model()->progress().decided, 2);
    }

    void sortingAColumnReadsTheRowsInThatOrder()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("sorted.lbproj")));
        QVERIFY(window);
        showReview(window);
        ReviewTab *tab = window->reviewTab();
        ReviewListModel *list = tab->model();
        const int total = list->rowCount();
        QVERIFY(total > 3);
        const QString selected = list->index(2, 0).data(ReviewListModel::DataHashRole).toString();
        tab->selectDataHash(selected);

        // A column the comparison knows is sorted by reading the rows again in that order, as a job.
        QSignalSpy loaded(tab, &ReviewTab::listingLoaded);
        tab->view()->sortByColumn(ReviewListModel::TitleColumn, Qt::DescendingOrder);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(list->rowCount(), total);
        QCOMPARE(list->sortColumn(), int(ReviewListModel::TitleColumn));
        QCOMPARE(tab->view()->horizontalHeader()->sortIndicatorSection(), int(ReviewListModel::TitleColumn));
        for (int row = 1; row < total; ++row)
            QVERIFY(list->index(row - 1, ReviewListModel::TitleColumn).data().toString() >=
                    list->index(row, ReviewListModel::TitleColumn).data().toString());
        QCOMPARE(tab->currentDataHash(), selected); // the selection stays on its data unit

        // Decisions sort at once, without reading anything.
        tab->view()->setFocus();
        QTest::keyClick(tab->view(), Qt::Key_A);
        tab->view()->sortByColumn(ReviewListModel::DecisionColumn, Qt::DescendingOrder);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(list->index(0, 0).data(ReviewListModel::DataHashRole).toString(), selected);
        QCOMPARE(list->index(0, 0).data(ReviewListModel::DecisionStateRole).toInt(),
                 int(ReviewListModel::DecisionState::Approved));

        // Reloading keeps the order the rows were read in.
        tab->reload();
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(list->rowCount(), total);
        QCOMPARE(tab->view()->horizontalHeader()->sortIndicatorSection(),
                 int(ReviewListModel::DecisionColumn));

        // Another pair starts in the list's own order, and the header says so.
        tab->swap();
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(list->sortColumn(), -1);
        QCOMPARE(tab->view()->horizontalHeader()->sortIndicatorSection(), -1);
    }

    void remoteProjectsDecideInAJob()
    {
        const QString path = freshProject(QStringLiteral("remote.lbproj"));
        auto opened = SqliteStore::open(path);
        QVERIFY(opened.ok());
        FarAwayStore windowStore(std::move(opened).value());
        JobManager jobs;
        jobs.setStoreOpener([path]() -> Result<std::unique_ptr<Store>> {
            auto store = SqliteStore::open(path);
            if (!store)
                return store.takeError();
            return std::unique_ptr<Store>(new FarAwayStore(std::move(store).value()));
        });
        ReviewTab tab(&jobs);
        tab.resize(1200, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.setStore(&windowStore, false);
        tab.setBranches({QStringLiteral("main"), kSource});
        tab.setPair(kSource, kTarget);
        QVERIFY(jobs.waitForDone(60000));
        QTRY_VERIFY(tab.hasListing());
        QVERIFY(tab.model()->rowCount() > 2);

        const QString first = tab.model()->index(0, 0).data(ReviewListModel::DataHashRole).toString();
        const int listingsBefore = windowStore.listings;
        tab.view()->setFocus();
        tab.selectDataHash(first);
        tab.approveSelected(); // the a key of the workspace
        // The window's own store was not asked to list anything; the review moved on at once.
        QCOMPARE(windowStore.listings, listingsBefore);
        QVERIFY(tab.currentDataHash() != first);
        QVERIFY(jobs.waitForDone(60000));
        QTRY_COMPARE(stateOf(&tab, first), ReviewListModel::DecisionState::Approved);
        QVERIFY(tab.progressText().startsWith(QStringLiteral("1 of")));
        const Result<QList<ReviewDecision>> saved = windowStore.reviewDecisions(kSource, kTarget);
        QVERIFY(saved.ok());
        QCOMPARE(saved->size(), 1);
        QCOMPARE(saved->constFirst().dataHash, first);
    }

    void reviewerNameFromTheEditMenu()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("reviewer.lbproj")));
        QVERIFY(window);
        QCOMPARE(ReviewTab::savedReviewerName(), QString());
        QVERIFY(!ReviewTab::reviewerName().isEmpty()); // the user name stands in
        QAction *action = window->findChild<QAction *>(QStringLiteral("reviewerNameAction"));
        QVERIFY(action);
        action->trigger();
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<QInputDialog>(window)) != nullptr);
        dialog->setTextValue(QStringLiteral("  erin@example.com "));
        dialog->accept();
        QCOMPARE(ReviewTab::savedReviewerName(), QStringLiteral("erin@example.com"));
        QCOMPARE(ReviewTab::reviewerName(), QStringLiteral("erin@example.com"));
        auto *label = window->reviewTab()->findChild<QLabel *>(QStringLiteral("reviewerLabel"));
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral("erin@example.com")));
    }

    void samePairAndNothingToReview()
    {
        const QString path = freshProject(QStringLiteral("empty.lbproj"));
        {
            auto store = SqliteStore::open(path);
            QVERIFY(store.ok());
            Engine engine(*store.value());
            QVERIFY(engine.snapshot(QStringLiteral("main"), QStringLiteral("main-copy")).ok());
        }
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        ReviewTab *tab = window->reviewTab();
        // A branch cannot be reviewed against itself.
        window->tabs()->setCurrentWidget(window->compareTab());
        window->compareTab()->setReviewMode(true);
        waitForJobs(window);
        tab->setPair(QStringLiteral("main"), QStringLiteral("main"));
        QVERIFY(tab->statusText().contains(QStringLiteral("different")));
        QCOMPARE(tab->model()->rowCount(), 0);
        QTest::keyClick(tab->view(), Qt::Key_A); // nothing to decide: no effect, no crash
        QCOMPARE(tab->model()->progress().decided, 0);

        // A branch and its own snapshot do not differ: the tab says so instead of showing an empty table.
        tab->setPair(QStringLiteral("main"), QStringLiteral("main-copy"));
        waitForJobs(window);
        QTRY_VERIFY(tab->hasListing());
        QCOMPARE(tab->model()->rowCount(), 0);
        QVERIFY2(tab->statusText().contains(QStringLiteral("nothing to review")),
                 qPrintable(tab->statusText()));
        QVERIFY(tab->progressBar()->isHidden());
        QVERIFY(tab->conflictText().isEmpty());
        QVERIFY(!tab->applyButton()->isEnabled());
    }
};

QTEST_MAIN(TestGuiReview)
#include "tst_gui_review.moc"
