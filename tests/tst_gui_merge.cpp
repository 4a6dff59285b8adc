// The per-object merge in the compare workspace: an object the model moved is chosen from the pre-labels
// (s), merged into main through the dry-run dialog as one write, and Edit ▸ Undo Last Write puts main's row
// back byte for byte. The object pairs by shape: the model's objects carry hashes of their own.

#include "demo/demogenerator.h"
#include "dialogs/applyreviewdialog.h"
#include "dialogs/objectmergedialog.h"
#include "dialogs/undodialog.h"
#include "diff/objectdiff.h"
#include "engine/engine.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/objectdifflistmodel.h"
#include "items/reviewlistmodel.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectlistview.h"
#include "tabs/objectmergecontroller.h"
#include "tabs/reviewtab.h"
#include "window/mainwindow.h"

#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kSource = DemoGenerator::preLabelsBranch();
const QString kTarget = QStringLiteral("main");

struct RowOnMain
{
    QByteArray bytes;
    QString contentHash;
    std::optional<LabelRowDocument> document;
};

RowOnMain rowOnMain(const QString &path, const QString &dataHash)
{
    RowOnMain out;
    auto store = SqliteStore::open(path);
    if (!store)
        return out;
    RowQuery query;
    query.branch = kTarget;
    query.dataHashes = {dataHash};
    const auto rows = store.value()->listRows(query);
    if (!rows || rows->isEmpty())
        return out;
    out.contentHash = rows->constFirst().contentHash;
    auto docs = store.value()->fetchContents(kTarget, {rows->constFirst().labelHash});
    if (docs && !docs->isEmpty()) {
        out.bytes = docs->constFirst().toBytes();
        out.document = docs->constFirst();
    }
    return out;
}

const ObjectAnnotation *objectNamed(const LabelRowDocument &row, const QString &hash)
{
    for (const ObjectAnnotation &object : row.objects()) {
        if (object.objectHash == hash)
            return &object;
    }
    return nullptr;
}

} // namespace

class TestGuiMerge : public QObject, protected GuiFixture
{
    Q_OBJECT

    // The object diff of a compare line's two rows; none when either side has no row.
    static std::optional<ObjectDiff> objectDiffOf(Store &store, const DiffEntry &entry)
    {
        if (entry.sourceLabelHash.isEmpty() || entry.targetLabelHash.isEmpty())
            return std::nullopt;
        auto source = store.fetchContents(kSource, {entry.sourceLabelHash});
        auto target = store.fetchContents(kTarget, {entry.targetLabelHash});
        if (!source || !target || source->isEmpty() || target->isEmpty())
            return std::nullopt;
        return computeObjectDiff(&source->constFirst(), &target->constFirst());
    }

    // An image whose object the model has somewhere else than main, paired by shape: its diff entry and the
    // pair's instance.
    bool findMovedObject(MainWindow *window, QString *dataHash, ObjectInstanceChange *moved)
    {
        auto store = SqliteStore::open(m_demoPath);
        if (!store)
            return false;
        const BranchDiffModel *model = window->diffModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const DiffEntry *entry = model->entryAt(row);
            if (entry->dataType != DataType::Image || entry->status != DiffStatus::ChangedSameCount)
                continue;
            const std::optional<ObjectDiff> compared = objectDiffOf(*store.value(), *entry);
            if (!compared)
                continue;
            const ObjectDiff &diff = *compared;
            for (const ObjectInstanceChange &instance : diff.instances) {
                if (instance.kind == ChangeKind::Edited && instance.match == MatchMethod::Geometry &&
                    instance.reasons.testFlag(EditReason::Moved) && diff.edited == 1 && diff.added == 0 &&
                    diff.removed == 0) {
                    *dataHash = entry->dataHash;
                    *moved = instance;
                    return true;
                }
            }
        }
        return false;
    }

    // An image with at least two changed objects: its diff entry and the first of them.
    bool findUnitWithChangedObjects(MainWindow *window, QString *dataHash, ObjectInstanceChange *edited,
                                    int *changedCount)
    {
        auto store = SqliteStore::open(m_demoPath);
        if (!store)
            return false;
        const BranchDiffModel *model = window->diffModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const DiffEntry *entry = model->entryAt(row);
            if (entry->dataType != DataType::Image)
                continue;
            const std::optional<ObjectDiff> compared = objectDiffOf(*store.value(), *entry);
            if (!compared)
                continue;
            const ObjectDiff &diff = *compared;
            const int changed = diff.edited + diff.added + diff.removed;
            if (changed < 2)
                continue;
            for (const ObjectInstanceChange &instance : diff.instances) {
                if (instance.kind != ChangeKind::Unchanged) {
                    *dataHash = entry->dataHash;
                    *edited = instance;
                    *changedCount = changed;
                    return true;
                }
            }
        }
        return false;
    }

    // The object diff of a data unit between the branches as the project file has them now.
    static ObjectDiff objectDiffNow(const QString &path, const QString &dataHash)
    {
        auto store = SqliteStore::open(path);
        if (!store)
            return ObjectDiff();
        std::optional<LabelRowDocument> rows[2];
        const QString branches[2] = {kSource, kTarget};
        for (int side = 0; side < 2; ++side) {
            RowQuery query;
            query.branch = branches[side];
            query.dataHashes = {dataHash};
            const auto listed = store.value()->listRows(query);
            if (!listed || listed->isEmpty())
                return ObjectDiff();
            auto docs = store.value()->fetchContents(branches[side], {listed->constFirst().labelHash});
            if (!docs || docs->isEmpty())
                return ObjectDiff();
            rows[side] = docs->constFirst();
        }
        return computeObjectDiff(&*rows[0], &*rows[1]);
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-merge-test")); }
    void cleanup() { cleanupFixture(); }

    void takeOneObjectFromTheSourceAndUndo()
    {
        const QString path = freshProject(QStringLiteral("merge.lbproj"));
        MainWindow *window = openWindow(path, QSize(1500, 950));
        QVERIFY(window);
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        QString dataHash;
        ObjectInstanceChange moved;
        QVERIFY2(findMovedObject(window, &dataHash, &moved), "no moved object paired by shape in the demo");
        const RowOnMain before = rowOnMain(path, dataHash);
        QVERIFY(before.document);

        selectDataUnit(window, dataHash);
        DrillDownPane *pane = window->compareTab()->drillDown();
        QTRY_VERIFY_WITH_TIMEOUT(pane->dataHash() == dataHash && !pane->isLoading(), 30000);
        // The compare shows the model's box and main's as one object, moved, not as one removed and one
        // added.
        const ObjectDiffListModel *objects = pane->objectModel();
        const int listed = objects->rowOfObject(moved.objectHash);
        QVERIFY(listed >= 0);
        QCOMPARE(objects->index(listed, 0).data(ObjectDiffListModel::ChangeKindRole).toInt(),
                 int(ChangeKind::Edited));
        QVERIFY(objects->index(listed, ObjectDiffListModel::ChangesColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("moved")));
        QVERIFY(objects->index(listed, ObjectDiffListModel::ChangesColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("paired by shape")));
        QCOMPARE(objects->diff().added, 0);
        QCOMPARE(objects->diff().removed, 0);
        pane->objectList()->selectObject(moved.objectHash);
        QCOMPARE(pane->objectList()->currentObjectHash(), moved.objectHash);

        // s chooses the source's object; the list says so.
        QAction *take = action(window, "takeSourceObjectAction");
        QVERIFY(take);
        take->trigger();
        ObjectMergeController *merge = window->compareTab()->objectMerge();
        QCOMPARE(merge->choices().choiceOf(dataHash, moved.objectHash), MergeChoice::TakeSource);
        const int row = pane->objectModel()->rowOfObject(moved.objectHash);
        QCOMPARE(pane->objectModel()->index(row, ObjectDiffListModel::MergeColumn).data().toString(),
                 QStringLiteral("take source"));
        saveScreenshot(window, QStringLiteral("merge-object-chosen.png"));

        // Ctrl+M: the dry run, then the dialog naming the object and what happens to it.
        action(window, "mergeObjectsAction")->trigger();
        ObjectMergeDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleDialog<ObjectMergeDialog>(window)) != nullptr, 30000);
        QVERIFY2(dialog->mergeButton()->isEnabled(), qPrintable(dialog->summaryText()));
        QTreeWidgetItem *unit = dialog->planTree()->topLevelItem(0);
        QVERIFY(unit);
        bool named = false;
        for (int i = 0; i < unit->childCount(); ++i)
            named |= unit->child(i)->text(0).contains(moved.objectHash);
        QVERIFY(named);
        saveScreenshot(dialog, QStringLiteral("merge-dialog.png"));
        QTest::mouseClick(dialog->mergeButton(), Qt::LeftButton);
        waitForJobs(window);

        // main's row now has the model's box under main's hash, and nothing else changed.
        const RowOnMain after = rowOnMain(path, dataHash);
        QVERIFY(after.document);
        QVERIFY(after.contentHash != before.contentHash);
        const ObjectAnnotation *merged = objectNamed(*after.document, moved.objectHash);
        QVERIFY(merged);
        QVERIFY(moved.sourceObjectHash != moved.objectHash);
        QVERIFY(!objectNamed(*after.document, moved.sourceObjectHash));
        QCOMPARE(after.document->objects().size(), before.document->objects().size());
        QVERIFY(merge->choices().isEmpty());

        // Undo puts main's row back exactly.
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        auto last = Engine(*store.value()).lastUndoable();
        QVERIFY2(last.ok(), qPrintable(last.error()));
        QCOMPARE(last->kind, OperationKind::Merge);
        store.value().reset();
        window->showUndoDialog();
        UndoDialog *undo = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((undo = visibleDialog<UndoDialog>(window)) != nullptr, 10000);
        clickOk(undo);
        waitForJobs(window);
        const RowOnMain undone = rowOnMain(path, dataHash);
        QCOMPARE(undone.contentHash, before.contentHash);
        QCOMPARE(undone.bytes, before.bytes);
    }

    // Merging with nothing chosen says how to choose instead of opening an empty dialog.
    void mergeWithoutChoicesSaysHow()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("empty.lbproj")));
        QVERIFY(window);
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        QSignalSpy hints(window->compareTab()->objectMerge(), &ObjectMergeController::hint);
        action(window, "mergeObjectsAction")->trigger();
        QCOMPARE(hints.size(), 1);
        QVERIFY(hints.first().first().toString().contains(QStringLiteral("take the source")));
        QVERIFY(!visibleDialog<ObjectMergeDialog>(window));
    }

    // Review by object: Shift+A approves the selected object alone; Apply Approved merges exactly it into
    // main, and the unit's other changed objects stay as main has them.
    void approveOneObjectAndApplyIt()
    {
        const QString path = freshProject(QStringLiteral("review-object.lbproj"));
        ReviewTab::saveReviewerName(QStringLiteral("olga@example.com"));
        MainWindow *window = openWindow(path, QSize(1500, 950));
        QVERIFY(window);
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        QString dataHash;
        ObjectInstanceChange edited;
        int changed = 0;
        QVERIFY2(findUnitWithChangedObjects(window, &dataHash, &edited, &changed),
                 "no image with two changed objects in the demo");

        window->compareTab()->setReviewMode(true);
        waitForJobs(window);
        ReviewTab *tab = window->reviewTab();
        QTRY_COMPARE(tab->model()->targetBranch(), kTarget);
        tab->selectDataHash(dataHash);
        DrillDownPane *pane = window->compareTab()->drillDown();
        QTRY_VERIFY_WITH_TIMEOUT(pane->dataHash() == dataHash && !pane->isLoading(), 30000);

        // Without a selected object the key says what to do and decides nothing.
        pane->objectList()->clearSelection();
        pane->objectList()->setCurrentIndex(QModelIndex());
        action(window, "approveObjectAction")->trigger();
        QCOMPARE(tab->model()->progress().decided, 0);

        pane->objectList()->selectObject(edited.objectHash);
        QCOMPARE(pane->objectList()->currentObjectHash(), edited.objectHash);
        action(window, "approveObjectAction")->trigger();
        waitForJobs(window);
        const int objectRow = pane->objectModel()->rowOfObject(edited.objectHash);
        QTRY_COMPARE(
            pane->objectModel()->index(objectRow, ObjectDiffListModel::MergeColumn).data().toString(),
            QStringLiteral("✓ approved"));
        const int listRow = tab->model()->rowOfDataHash(dataHash);
        QCOMPARE(tab->model()->index(listRow, ReviewListModel::DecisionColumn).data().toString(),
                 QStringLiteral("✓ 1 object"));
        QVERIFY(tab->model()
                    ->index(listRow, ReviewListModel::DecisionColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("1 object approved")));
        QCOMPARE(tab->model()->progress().decided, 1);
        QCOMPARE(tab->model()->progress().approved, 1);

        // Shift+R, typed in the object list, rejects another changed object of the unit.
        QString other;
        for (const ObjectInstanceChange &instance : pane->objectModel()->diff().instances) {
            if (instance.kind != ChangeKind::Unchanged && instance.objectHash != edited.objectHash)
                other = instance.objectHash;
        }
        QVERIFY(!other.isEmpty());
        pane->objectList()->selectObject(other);
        pane->objectList()->setFocus();
        QTest::keyClick(pane->objectList(), Qt::Key_R, Qt::ShiftModifier);
        waitForJobs(window);
        QTRY_COMPARE(pane->objectModel()
                         ->index(pane->objectModel()->rowOfObject(other), ObjectDiffListModel::MergeColumn)
                         .data()
                         .toString(),
                     QStringLiteral("✗ rejected"));
        QCOMPARE(tab->model()->index(listRow, ReviewListModel::DecisionColumn).data().toString(),
                 QStringLiteral("✓ 1 ✗ 1 objects"));
        QCOMPARE(tab->model()->progress().approved, 1);
        saveScreenshot(window, QStringLiteral("review-object-approved.png"));

        QTest::mouseClick(tab->applyButton(), Qt::LeftButton);
        waitForJobs(window);
        ApplyReviewDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleDialog<ApplyReviewDialog>(window)) != nullptr, 30000);
        QCOMPARE(dialog->planRowCount(), 1);
        QVERIFY2(dialog->summaryText().contains(QStringLiteral("Merge 1 approved object into 1 data unit")),
                 qPrintable(dialog->summaryText()));
        saveScreenshot(dialog, QStringLiteral("review-object-apply-dialog.png"));
        clickOk(dialog);
        waitForJobs(window);
        waitForJobs(window);

        // The approved object is now alike on both branches; every other changed object still differs.
        const ObjectDiff after = objectDiffNow(path, dataHash);
        QCOMPARE(after.edited + after.added + after.removed, changed - 1);
        for (const ObjectInstanceChange &instance : after.instances) {
            if (instance.objectHash == edited.objectHash ||
                instance.sourceObjectHash == edited.sourceObjectHash)
                QCOMPARE(instance.kind, ChangeKind::Unchanged);
        }
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        auto last = Engine(*store.value()).lastUndoable();
        QVERIFY2(last.ok(), qPrintable(last.error()));
        QCOMPARE(last->kind, OperationKind::Merge);
    }
};

QTEST_MAIN(TestGuiMerge)
#include "tst_gui_merge.moc"
