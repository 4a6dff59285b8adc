#include "domain/branchname.h"
#include "engine/copyplanner.h"
#include "enginefixture.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kTarget = QStringLiteral("experiment");

CopyRequest request(const QString &target = kTarget)
{
    CopyRequest r;
    r.targetBranch = target;
    return r;
}

QList<OperationRecord> operationsOf(Store &store)
{
    const Result<QList<OperationRecord>> ops = store.operations();
    if (!ops)
        qFatal("operations failed: %s", qPrintable(ops.error()));
    return ops.value();
}

QList<AuditEntry> auditOf(Store &store)
{
    const Result<QList<AuditEntry>> log = store.auditLog();
    if (!log)
        qFatal("audit log failed: %s", qPrintable(log.error()));
    return log.value();
}

// Records the order of listings and batch writes, and can change the source branch before the first batch
// is written (as another writer would between a copy's count and its writes).
class SequenceStore final : public test::ForwardingStore
{
public:
    SequenceStore(Store &inner, Project &project) : ForwardingStore(inner), m_project(project) {}

    QStringList calls;
    // Units [from, to) get a row on main just before the first batch is written.
    int addMainRowsFrom = -1;
    int addMainRowsTo = -1;

    Result<QList<LabelRowSummary>> listRows(const RowQuery &query) override
    {
        calls.append(QStringLiteral("list"));
        return ForwardingStore::listRows(query);
    }
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items) override
    {
        if (addMainRowsFrom >= 0 && !calls.contains(QStringLiteral("batch")))
            m_project.writeMainRows(addMainRowsFrom, addMainRowsTo);
        calls.append(QStringLiteral("batch"));
        return ForwardingStore::copyBatch(operationId, sourceBranch, targetBranch, items);
    }

private:
    Project &m_project;
};

} // namespace

class TestEngineCopy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- rule 1 and argument checks: refused before the store is touched ---------------------------------

    void sameBranchRefusedBeforeAnyStoreCall()
    {
        Project project;
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        CopyRequest r = request(QStringLiteral("main"));
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), QStringLiteral("source and target branch must be different"));
        QCOMPARE(counting.calls, 0);

        const Result<CopyPlan> plan = engine.planCopy(r);
        QCOMPARE(plan.error(), QStringLiteral("source and target branch must be different"));
        const Result<CopyResult> synced = engine.sync(r);
        QCOMPARE(synced.error(), QStringLiteral("source and target branch must be different"));
        QCOMPARE(counting.calls, 0);
    }

    void batchSizeOutsideRangeRefusedBeforeAnyStoreCall_data()
    {
        QTest::addColumn<int>("batchSize");
        QTest::newRow("0") << 0;
        QTest::newRow("-5") << -5;
        QTest::newRow("1001") << 1001;
    }

    void batchSizeOutsideRangeRefusedBeforeAnyStoreCall()
    {
        QFETCH(int, batchSize);
        Project project;
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        CopyRequest r = request();
        r.batchSize = batchSize;
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QStringLiteral("batch size")), qPrintable(result.error()));
        QVERIFY2(result.error().contains(QString::number(batchSize)), qPrintable(result.error()));
        QCOMPARE(counting.calls, 0);
        QVERIFY(!hasBranch(project.store(), kTarget));
    }

    void batchSizeLimitsAreAccepted()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.batchSize = 1;
        QVERIFY(engine.copy(r).ok());
        r.targetBranch = QStringLiteral("other");
        r.batchSize = 1000;
        QVERIFY(engine.copy(r).ok());
    }

    void badTargetNameRefusedWithItsReason()
    {
        Project project;
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        for (const QString &bad : {QString(), QStringLiteral(" padded"), QStringLiteral("tab\t"),
                                   QStringLiteral("a\x01"
                                                  "b"),
                                   QString(129, QLatin1Char('n'))}) {
            const Result<CopyResult> result = engine.copy(request(bad));
            QVERIFY(!result.ok());
            QCOMPARE(result.error(), branchNameError(bad));
        }
        QCOMPARE(counting.calls, 0);
    }

    void unknownSourceBranchIsAClearError()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.sourceBranch = QStringLiteral("no-such-branch");
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), QStringLiteral("source branch \"no-such-branch\" does not exist"));
        QVERIFY(!hasBranch(project.store(), kTarget));
        QVERIFY(operationsOf(project.store()).isEmpty());
        QVERIFY(auditOf(project.store()).isEmpty());
        QVERIFY(!engine.planCopy(r).ok());
    }

    // --- rule 2: data_hashes first, then label_hashes ---------------------------------------------------

    void dataHashesFilterTheSource()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.dataHashes = {unitHash(1), unitHash(3)};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 2);
        const auto target = rowsByDataHash(project.store(), kTarget);
        QCOMPARE(target.size(), 2);
        QVERIFY(target.contains(unitHash(1)));
        QVERIFY(target.contains(unitHash(3)));
    }

    void labelHashesApplyToWhatDataHashesLeft()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        CopyRequest r = request();
        r.dataHashes = {unitHash(0), unitHash(1), unitHash(2)};
        r.labelHashes = {main.value(unitHash(1)).labelHash, main.value(unitHash(4)).labelHash};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 1); // unit 4 is outside data_hashes
        const auto target = rowsByDataHash(project.store(), kTarget);
        QCOMPARE(target.keys(), QList<QString>{unitHash(1)});
    }

    void labelHashOutsideDataHashesCopiesNothing()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        CopyRequest r = request();
        r.dataHashes = {unitHash(0)};
        r.labelHashes = {main.value(unitHash(2)).labelHash};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 0);
        QCOMPARE(result->operationId, qint64(0));
        QVERIFY(!hasBranch(project.store(), kTarget));
        QVERIFY(operationsOf(project.store()).isEmpty());
    }

    void labelHashesAloneSelectRows()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        CopyRequest r = request();
        r.labelHashes = {main.value(unitHash(2)).labelHash, main.value(unitHash(5)).labelHash};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 2);
    }

    void unknownDataHashesMatchNothingAndArePlannedAsSkips()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const QString unknown = QStringLiteral("ffffffff-0000-4000-8000-000000000999");
        CopyRequest r = request();
        r.dataHashes = {unitHash(0), unknown};
        const Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan->items.size(), 2);
        QCOMPARE(plan->toCreate, 1);
        QCOMPARE(plan->toSkip, 1);
        bool sawUnknown = false;
        for (const CopyPlanItem &item : plan->items) {
            if (item.dataHash == unknown) {
                sawUnknown = true;
                QCOMPARE(item.action, PlanAction::Skip);
                QCOMPARE(item.reason, QStringLiteral("unknown data unit"));
            }
        }
        QVERIFY(sawUnknown);

        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 1);
        QCOMPARE(result->skipped, 1);
    }

    // --- rule 3: uninitialised source rows are skipped; nothing left, nothing written --------------------

    void uninitialisedSourceRowsAreSkipped()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.dataHashes = {unitHash(4), unitHash(5), unitHash(6), unitHash(7)};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 2);
        QCOMPARE(result->skipped, 2);
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 2);
    }

    void nothingLeftWritesNothing()
    {
        Project project(10, 6);
        const QStringList mainBefore = branchFingerprint(project.store(), kMainBranch);
        const QList<BranchInfo> branchesBefore = project.store().branches().value();
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        CopyRequest r = request();
        r.dataHashes = {unitHash(7), unitHash(8)};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 0);
        QCOMPARE(result->operationId, qint64(0));
        QVERIFY(!result->targetCreated);
        QCOMPARE(counting.copyBatchCalls, 0);

        QVERIFY(!hasBranch(project.store(), kTarget));
        QCOMPARE(project.store().branches().value().size(), branchesBefore.size());
        QVERIFY(operationsOf(project.store()).isEmpty());
        QVERIFY(auditOf(project.store()).isEmpty());
        QCOMPARE(branchFingerprint(project.store(), kMainBranch), mainBefore);
    }

    void emptySourceWritesNothing()
    {
        Project project(5, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> result = engine.copy(request());
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 0);
        QVERIFY(!hasBranch(project.store(), kTarget));
        QVERIFY(operationsOf(project.store()).isEmpty());
    }

    // --- rule 4: the target branch is created, inside the journaled operation ---------------------------

    void missingTargetBranchIsCreated()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(!hasBranch(project.store(), kTarget));
        const Result<CopyResult> result = engine.copy(request());
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(result->targetCreated);
        QCOMPARE(result->count, 6);
        QCOMPARE(result->created, 6);
        QVERIFY(hasBranch(project.store(), kTarget));
        const BranchInfo info = branchInfo(project.store(), kTarget);
        QCOMPARE(info.rowCount, 6);
        QCOMPARE(info.createdFrom, QStringLiteral("main"));
        QVERIFY(!info.isSnapshot);

        const QList<OperationRecord> ops = operationsOf(project.store());
        QCOMPARE(ops.size(), 1);
        QVERIFY(ops.first().createdTargetBranch);
        QCOMPARE(ops.first().id, result->operationId);
    }

    void existingTargetBranchIsNotRecreated()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 8, 10, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> result = engine.copy(request());
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(!result->targetCreated);
        QVERIFY(!operationsOf(project.store()).first().createdTargetBranch);
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 8);
    }

    // --- rule 5: batches ----------------------------------------------------------------------------------

    void batchBoundaries_data()
    {
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("expectedBatches");
        QTest::newRow("1") << 1 << 120;
        QTest::newRow("50") << 50 << 3;
        QTest::newRow("1000") << 1000 << 1;
        QTest::newRow("7") << 7 << 18;
    }

    void batchBoundaries()
    {
        QFETCH(int, batchSize);
        QFETCH(int, expectedBatches);
        Project project(120, 120);
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        CopyRequest r = request();
        r.batchSize = batchSize;

        QList<Progress> reports;
        JobControl control;
        control.onProgress = [&](const Progress &p) { reports.append(p); };
        const Result<CopyResult> result = engine.copy(r, control);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 120);
        QCOMPARE(result->batchesTotal, expectedBatches);
        QCOMPARE(result->batchesDone, expectedBatches);
        QCOMPARE(counting.copyBatchCalls, expectedBatches);
        QCOMPARE(reports.size(), expectedBatches);
        int sum = 0;
        for (int size : std::as_const(counting.copyBatchSizes)) {
            QVERIFY(size >= 1 && size <= batchSize);
            sum += size;
        }
        QCOMPARE(sum, 120);
        for (int i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports.at(i).batchesDone, i + 1);
            QCOMPARE(reports.at(i).batchesTotal, expectedBatches);
            QCOMPARE(reports.at(i).total, qint64(120));
            QCOMPARE(reports.at(i).done, qint64(std::min(120, (i + 1) * batchSize)));
        }
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 120);
    }

    void failedBatchKeepsFinishedBatchesUndoable()
    {
        Project project(30, 30);
        CountingStore counting(project.store());
        counting.failCopyBatchAtCall = 2;
        Engine engine(counting, QStringLiteral("tester"));
        CopyRequest r = request();
        r.batchSize = 10;
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QStringLiteral("simulated storage failure")),
                 qPrintable(result.error()));
        QVERIFY2(result.error().contains(QStringLiteral("batch 2 of 3")), qPrintable(result.error()));
        // The first batch is atomic and finished; the failed one wrote nothing.
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 10);
        const QList<OperationRecord> ops = operationsOf(project.store());
        QCOMPARE(ops.size(), 1);
        QCOMPARE(ops.first().created, 10);
        QVERIFY(ops.first().finishedAt.isValid());

        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QVERIFY(!hasBranch(project.store(), kTarget));
    }

    void failedFirstBatchLeavesNoBranch()
    {
        Project project(30, 30);
        CountingStore counting(project.store());
        counting.failCopyBatchAtCall = 1;
        Engine engine(counting, QStringLiteral("tester"));
        const Result<CopyResult> result = engine.copy(request());
        QVERIFY(!result.ok());
        QVERIFY(!hasBranch(project.store(), kTarget));
        const Result<OperationRecord> last = project.store().lastUndoableOperation(QString());
        QVERIFY(last.ok());
        QCOMPARE(last->id, qint64(0));
    }

    // --- rule 6: skip, replace or create per row ---------------------------------------------------------

    void existingTargetRowSkippedWithoutOverwrite()
    {
        Project project(10, 6);
        // The target has different content for units 0 and 1.
        project.writeRowsOn(kTarget, 1, 0, 2, 5);
        const auto before = rowsByDataHash(project.store(), kTarget);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> result = engine.copy(request());
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->created, 4);
        QCOMPARE(result->replaced, 0);
        QCOMPARE(result->skipped, 6); // units 0 and 1 exist on the target, 6..9 are uninitialised on main
        QCOMPARE(result->count, 4);
        const auto after = rowsByDataHash(project.store(), kTarget);
        QCOMPARE(after.size(), 6);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(after.value(unitHash(i)).contentHash, before.value(unitHash(i)).contentHash);
            QCOMPARE(after.value(unitHash(i)).labelHash, before.value(unitHash(i)).labelHash);
        }
    }

    void existingTargetRowReplacedWithOverwrite()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 2, 5);
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        const auto before = rowsByDataHash(project.store(), kTarget);
        QVERIFY(before.value(unitHash(0)).contentHash != main.value(unitHash(0)).contentHash);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = true;
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->created, 4);
        QCOMPARE(result->replaced, 2);
        QCOMPARE(result->skipped, 4); // units 6..9 are uninitialised on main
        QCOMPARE(result->count, 6);
        const auto after = rowsByDataHash(project.store(), kTarget);
        for (int i = 0; i < 6; ++i) {
            const LabelRowSummary &row = after.value(unitHash(i));
            QCOMPARE(row.contentHash, main.value(unitHash(i)).contentHash); // source wins
            QCOMPARE(row.objectCount, main.value(unitHash(i)).objectCount);
        }
    }

    void createdRowsGetNewLabelHashes()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(engine.copy(request()).ok());
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        const auto target = rowsByDataHash(project.store(), kTarget);
        QSet<QString> mainHashes;
        for (const LabelRowSummary &row : main)
            mainHashes.insert(row.labelHash);
        for (const LabelRowSummary &row : target) {
            QVERIFY(!row.labelHash.isEmpty());
            QVERIFY2(!mainHashes.contains(row.labelHash), qPrintable(row.labelHash));
            QCOMPARE(row.contentHash, main.value(row.dataHash).contentHash);
            QCOMPARE(row.provenance.sourceBranch, QStringLiteral("main"));
            QCOMPARE(row.provenance.sourceContentHash, main.value(row.dataHash).contentHash);
        }
    }

    void copyBetweenNonMainBranches()
    {
        Project project(10, 0);
        project.writeRowsOn(QStringLiteral("prelabel"), 2, 0, 4, 3);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request(QStringLiteral("main"));
        r.sourceBranch = QStringLiteral("prelabel");
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 4);
        QCOMPARE(rowsOn(project.store(), kMainBranch).size(), 4);
    }

    // --- rule 7: count, progress, cancellation ------------------------------------------------------------

    void cancellationAfterFirstBatchKeepsExactlyThatBatch()
    {
        Project project(120, 120);
        Engine engine(project.store(), QStringLiteral("tester"));
        std::atomic_bool cancel{false};
        int reports = 0;
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &) {
            ++reports;
            cancel = true;
        };
        CopyRequest r = request();
        r.batchSize = 50;
        const Result<CopyResult> result = engine.copy(r, control);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(result->cancelled);
        QCOMPARE(result->count, 50);
        QCOMPARE(result->created, 50);
        QCOMPARE(result->batchesDone, 1);
        QCOMPARE(result->batchesTotal, 3);
        QCOMPARE(reports, 1);
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 50);

        const QList<OperationRecord> ops = operationsOf(project.store());
        QCOMPARE(ops.size(), 1);
        QVERIFY(ops.first().cancelled);
        QCOMPARE(ops.first().created, 50);
        const QList<AuditEntry> log = auditOf(project.store());
        QCOMPARE(log.size(), 1);
        QCOMPARE(parseDetails(log.first())["cancelled"], true);
        QCOMPARE(parseDetails(log.first())["count"], 50);
    }

    void cancelledBeforeStartWritesNothing()
    {
        Project project(20, 20);
        Engine engine(project.store(), QStringLiteral("tester"));
        std::atomic_bool cancel{true};
        JobControl control;
        control.cancelFlag = &cancel;
        const Result<CopyResult> result = engine.copy(request(), control);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(result->cancelled);
        QCOMPARE(result->count, 0);
        QVERIFY(!hasBranch(project.store(), kTarget));
        QVERIFY(operationsOf(project.store()).isEmpty());
    }

    // --- journal and audit
    // ----------------------------------------------------------------------------------

    void copyIsOneJournaledOperationAndOneAuditEntry()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 1, 5);
        Engine engine(project.store(), QStringLiteral("alice"));
        CopyRequest r = request();
        r.batchSize = 2;
        r.dataHashes = {unitHash(0), unitHash(1), unitHash(2), unitHash(8)};
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));

        const QList<OperationRecord> ops = operationsOf(project.store());
        QCOMPARE(ops.size(), 1);
        const OperationRecord &op = ops.first();
        QCOMPARE(op.kind, OperationKind::Copy);
        QCOMPARE(op.sourceBranch, QStringLiteral("main"));
        QCOMPARE(op.targetBranch, kTarget);
        QVERIFY(!op.overwrite);
        QCOMPARE(op.created, 2);
        QCOMPARE(op.replaced, 0);
        QCOMPARE(op.skipped, 2); // unit 0 exists on the target, unit 8 is uninitialised on main
        QCOMPARE(op.user, QStringLiteral("alice"));
        QVERIFY(op.finishedAt.isValid());
        QVERIFY(!op.cancelled);

        const QList<AuditEntry> log = auditOf(project.store());
        QCOMPARE(log.size(), 1);
        const AuditEntry &entry = log.first();
        QCOMPARE(entry.action, QStringLiteral("copy"));
        QCOMPARE(entry.user, QStringLiteral("alice"));
        QCOMPARE(entry.operationId, op.id);
        QVERIFY(entry.time.isValid());
        QVERIFY2(entry.summary.contains(QStringLiteral("main")) && entry.summary.contains(kTarget),
                 qPrintable(entry.summary));
        const nlohmann::json details = parseDetails(entry);
        QVERIFY(details.is_object());
        QCOMPARE(details["source"], "main");
        QCOMPARE(details["target"], kTarget.toStdString());
        QCOMPARE(details["overwrite"], false);
        QCOMPARE(details["batchSize"], 2);
        QCOMPARE(details["dataHashes"].size(), size_t(4));
        QCOMPARE(details["created"], 2);
        QCOMPARE(details["skipped"], 2);
        QCOMPARE(details["count"], 2);
    }

    void syncIsCopyWithOverwrite()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 3, 5);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = false; // sync overrides it
        r.dataHashes = {unitHash(0), unitHash(1)};
        const Result<CopyResult> result = engine.sync(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->replaced, 2);
        QCOMPARE(result->count, 2);
        const OperationRecord op = operationsOf(project.store()).first();
        QCOMPARE(op.kind, OperationKind::Sync);
        QVERIFY(op.overwrite);
        QCOMPARE(auditOf(project.store()).first().action, QStringLiteral("sync"));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        const auto target = rowsByDataHash(project.store(), kTarget);
        QCOMPARE(target.value(unitHash(0)).contentHash, main.value(unitHash(0)).contentHash);
        QVERIFY(target.value(unitHash(2)).contentHash != main.value(unitHash(2)).contentHash); // not in scope
    }

    // A sync onto an identical copy changes nothing: the plan and the result say so, apart from the rows
    // that really differ; the result's count still includes every row written, as Encord's does.
    void syncOntoAnIdenticalCopyReplacesNothing()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(engine.copy(request()).ok()); // the 6 initialised rows, identical
        CopyRequest r = request();
        r.overwrite = true;
        Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan->toReplace, 0);
        QCOMPARE(plan->unchanged, 6);
        QCOMPARE(plan->toCreate, 0);
        QCOMPARE(plan->writeCount(), 6);
        for (const CopyPlanItem &item : plan->items) {
            if (item.action == PlanAction::Replace)
                QVERIFY2(item.identical, qPrintable(item.dataTitle));
        }

        // One row edited on the target: that one is replaced, the others stay unchanged.
        project.writeRowsOn(kTarget, 1, 2, 3, 9);
        plan = engine.planCopy(r);
        QVERIFY(plan.ok());
        QCOMPARE(plan->toReplace, 1);
        QCOMPARE(plan->unchanged, 5);
        const Result<CopyResult> result = engine.sync(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 6);
        QCOMPARE(result->replaced, 6);
        QCOMPARE(result->unchanged, 5);
        QVERIFY2(auditOf(project.store())
                     .first()
                     .summary.contains(QStringLiteral("1 replaced, 5 unchanged (identical content)")),
                 qPrintable(auditOf(project.store()).first().summary));
    }

    // --- dry run
    // ----------------------------------------------------------------------------------------------

    void planNeverWrites()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyPlan> plan = engine.planCopy(request());
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY(!plan->targetExists);
        QCOMPARE(plan->toCreate, 6);
        QCOMPARE(plan->toSkip, 4); // units 6..9 uninitialised on main
        QVERIFY(!hasBranch(project.store(), kTarget));
        QVERIFY(operationsOf(project.store()).isEmpty());
        QVERIFY(auditOf(project.store()).isEmpty());
    }

    void planReasons()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 2, 5);
        Engine engine(project.store(), QStringLiteral("tester"));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        const auto target = rowsByDataHash(project.store(), kTarget);
        CopyRequest r = request();
        r.dataHashes = {unitHash(0), unitHash(3), unitHash(7)};

        Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY(plan->targetExists);
        QHash<QString, CopyPlanItem> items;
        for (const CopyPlanItem &item : plan->items)
            items.insert(item.dataHash, item);
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.value(unitHash(0)).action, PlanAction::Skip);
        QCOMPARE(items.value(unitHash(0)).reason, QStringLiteral("target already has a row"));
        QCOMPARE(items.value(unitHash(0)).targetLabelHash, target.value(unitHash(0)).labelHash);
        QCOMPARE(items.value(unitHash(0)).sourceLabelHash, main.value(unitHash(0)).labelHash);
        QCOMPARE(items.value(unitHash(0)).dataTitle, unitTitle(0));
        QCOMPARE(items.value(unitHash(3)).action, PlanAction::Create);
        QCOMPARE(items.value(unitHash(3)).reason, QStringLiteral("new row on target"));
        QVERIFY(items.value(unitHash(3)).targetLabelHash.isEmpty());
        QCOMPARE(items.value(unitHash(7)).action, PlanAction::Skip);
        QCOMPARE(items.value(unitHash(7)).reason, QStringLiteral("uninitialised on source"));
        QVERIFY(items.value(unitHash(7)).sourceLabelHash.isEmpty());

        r.overwrite = true;
        plan = engine.planCopy(r);
        QVERIFY(plan.ok());
        for (const CopyPlanItem &item : plan->items) {
            if (item.dataHash == unitHash(0)) {
                QCOMPARE(item.action, PlanAction::Replace);
                QCOMPARE(item.reason, QStringLiteral("overwrite: replaces target row"));
            }
        }
        QCOMPARE(planActionName(PlanAction::Create), QStringLiteral("create"));
        QCOMPARE(planActionName(PlanAction::Replace), QStringLiteral("replace"));
        QCOMPARE(planActionName(PlanAction::Skip), QStringLiteral("skip"));
    }

    void planMatchesWhatCopyDoes_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("no overwrite") << false;
        QTest::newRow("overwrite") << true;
    }

    void planMatchesWhatCopyDoes()
    {
        QFETCH(bool, overwrite);
        Project project(20, 14);
        project.writeRowsOn(kTarget, 1, 10, 18, 5);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = overwrite;
        r.batchSize = 3;

        const Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        const auto main = rowsByDataHash(project.store(), kMainBranch);
        const auto before = rowsByDataHash(project.store(), kTarget);

        const Result<CopyResult> result = engine.copy(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->created, plan->toCreate);
        QCOMPARE(result->replaced, plan->toReplace);
        QCOMPARE(result->skipped, plan->toSkip);
        QCOMPARE(result->count, plan->writeCount());
        QCOMPARE(plan->toCreate, 10);
        QCOMPARE(plan->toReplace, overwrite ? 4 : 0);

        const auto after = rowsByDataHash(project.store(), kTarget);
        for (const CopyPlanItem &item : plan->items) {
            switch (item.action) {
            case PlanAction::Create:
                QVERIFY(!before.contains(item.dataHash));
                QCOMPARE(after.value(item.dataHash).contentHash, main.value(item.dataHash).contentHash);
                break;
            case PlanAction::Replace:
                QVERIFY(before.contains(item.dataHash));
                QCOMPARE(after.value(item.dataHash).contentHash, main.value(item.dataHash).contentHash);
                break;
            case PlanAction::Skip:
                QCOMPARE(after.value(item.dataHash).contentHash, before.value(item.dataHash).contentHash);
                QCOMPARE(after.contains(item.dataHash), before.contains(item.dataHash));
                break;
            }
        }
    }

    void planInPagesIsThePlanOfOnePage_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::addColumn<QStringList>("dataHashes");
        QTest::addColumn<bool>("labelHashFilter");
        QTest::newRow("everything") << false << QStringList() << false;
        QTest::newRow("everything, overwrite") << true << QStringList() << false;
        QTest::newRow("data hashes, overwrite")
            << true << QStringList{unitHash(19), unitHash(2), QStringLiteral("no-such-unit"), unitHash(11)}
            << false;
        QTest::newRow("label hashes") << false << QStringList() << true;
    }

    // A local store plans a page of source rows at a time; the pages must add up to the plan of one listing.
    void planInPagesIsThePlanOfOnePage()
    {
        QFETCH(bool, overwrite);
        QFETCH(QStringList, dataHashes);
        QFETCH(bool, labelHashFilter);
        Project project(20, 14);
        project.writeRowsOn(kTarget, 1, 10, 18, 5);
        CopyRequest r = request();
        r.overwrite = overwrite;
        r.dataHashes = dataHashes;
        if (labelHashFilter) {
            const auto main = rowsByDataHash(project.store(), kMainBranch);
            r.labelHashes = {main.value(unitHash(4)).labelHash, main.value(unitHash(12)).labelHash};
        }
        QVERIFY(project.store().listsPagesCheaply());

        const Result<PreparedCopy> whole = CopyPlanner(project.store()).prepare(r);
        const Result<PreparedCopy> paged = CopyPlanner(project.store(), 3).prepare(r);
        QVERIFY2(whole.ok() && paged.ok(), qPrintable(whole.ok() ? paged.error() : whole.error()));
        QVERIFY(whole->plan.items.size() > 3 || labelHashFilter || !dataHashes.isEmpty());
        QCOMPARE(paged->plan.items.size(), whole->plan.items.size());
        for (qsizetype i = 0; i < whole->plan.items.size(); ++i) {
            const CopyPlanItem &a = whole->plan.items.at(i);
            const CopyPlanItem &b = paged->plan.items.at(i);
            QCOMPARE(b.dataHash, a.dataHash);
            QCOMPARE(b.dataTitle, a.dataTitle);
            QCOMPARE(b.sourceLabelHash, a.sourceLabelHash);
            QCOMPARE(b.targetLabelHash, a.targetLabelHash);
            QCOMPARE(b.action, a.action);
            QCOMPARE(b.reason, a.reason);
            if (i > 0 && a.action != PlanAction::Skip && !a.dataTitle.isEmpty())
                QVERIFY(whole->plan.items.at(i - 1).dataTitle <= a.dataTitle);
        }
        // Every item names the target row it creates next to, replaces or leaves alone, even when the
        // source row is uninitialised.
        const auto target = rowsByDataHash(project.store(), kTarget);
        for (const CopyPlanItem &item : paged->plan.items)
            QCOMPARE(item.targetLabelHash, target.value(item.dataHash).labelHash);
        QCOMPARE(paged->plan.toCreate, whole->plan.toCreate);
        QCOMPARE(paged->plan.toReplace, whole->plan.toReplace);
        QCOMPARE(paged->plan.toSkip, whole->plan.toSkip);
        QCOMPARE(paged->writes.size(), whole->writes.size());
        for (qsizetype i = 0; i < whole->writes.size(); ++i) {
            QCOMPARE(paged->writes.at(i).dataHash, whole->writes.at(i).dataHash);
            QCOMPARE(paged->writes.at(i).targetLabelHash, whole->writes.at(i).targetLabelHash);
        }
        if (overwrite)
            QVERIFY(whole->plan.toReplace > 0);
    }
    // A dry run of every source row can leave its items to be read by position: the windows read then are
    // exactly the items of the held plan, and its counts are the same.
    void planItemsReadByPositionAreTheHeldPlan()
    {
        Project project(40, 30);
        project.writeRowsOn(kTarget, 1, 5, 35, 2);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = true;
        const Result<CopyPlan> held = engine.planCopy(r);
        const Result<CopyPlan> paged = engine.planCopy(r, Engine::PlanItems::ByPosition);
        QVERIFY2(held.ok() && paged.ok(), qPrintable(held.ok() ? paged.error() : held.error()));
        QVERIFY(!held->itemsPaged);
        QVERIFY(paged->itemsPaged);
        QVERIFY(paged->items.isEmpty());
        QCOMPARE(paged->toCreate, held->toCreate);
        QCOMPARE(paged->toReplace, held->toReplace);
        QCOMPARE(paged->unchanged, held->unchanged);
        QCOMPARE(paged->toSkip, held->toSkip);
        QCOMPARE(paged->itemCount(), int(held->items.size()));

        QList<CopyPlanItem> read;
        for (int offset = 0; offset < paged->itemCount(); offset += 7) {
            const Result<QList<CopyPlanItem>> window = engine.planItems(paged.value(), offset, 7);
            QVERIFY2(window.ok(), qPrintable(window.error()));
            QCOMPARE(window->size(), std::min(7, paged->itemCount() - offset));
            read += window.value();
        }
        QCOMPARE(read.size(), held->items.size());
        for (qsizetype i = 0; i < read.size(); ++i) {
            QCOMPARE(read.at(i).dataHash, held->items.at(i).dataHash);
            QCOMPARE(read.at(i).action, held->items.at(i).action);
            QCOMPARE(read.at(i).identical, held->items.at(i).identical);
            QCOMPARE(read.at(i).targetLabelHash, held->items.at(i).targetLabelHash);
            QCOMPARE(read.at(i).reason, held->items.at(i).reason);
        }

        // A plan of named data units holds its items: they are what the user asked about.
        r.dataHashes = {unitHash(3), unitHash(31)};
        const Result<CopyPlan> named = engine.planCopy(r, Engine::PlanItems::ByPosition);
        QVERIFY(named.ok());
        QVERIFY(!named->itemsPaged);
        QCOMPARE(named->items.size(), 2);
    }

    // A local store's copy is counted first, then planned again a page of source rows at a time, each page
    // written before the next is listed; what it writes is exactly what the plan counted.
    void copyOfManyPagesWritesEachPageBeforeListingTheNext()
    {
        Project project(1200, 1150);
        project.writeRowsOn(kTarget, 1, 0, 700, 1);
        SequenceStore sequence(project.store(), project);
        Engine engine(sequence, QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = true;
        r.batchSize = 97;
        const Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan->writeCount(), 1150);
        sequence.calls.clear();

        const Result<CopyResult> result = engine.sync(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, plan->writeCount());
        QCOMPARE(result->created, plan->toCreate);
        QCOMPARE(result->replaced - result->unchanged, plan->toReplace);
        QCOMPARE(result->skipped, plan->toSkip);
        QCOMPARE(result->batchesTotal, (1150 + 96) / 97);
        QCOMPARE(result->batchesDone, result->batchesTotal);
        // A listing comes after the first batch: later pages were planned while the copy wrote.
        const qsizetype firstBatch = sequence.calls.indexOf(QStringLiteral("batch"));
        QVERIFY(firstBatch > 0);
        QVERIFY2(sequence.calls.indexOf(QStringLiteral("list"), firstBatch) > firstBatch,
                 qPrintable(sequence.calls.join(QLatin1Char(' '))));
        const auto source = rowsByDataHash(project.store(), kMainBranch);
        const auto target = rowsByDataHash(project.store(), kTarget);
        QCOMPARE(target.size(), 1150);
        for (auto it = source.cbegin(); it != source.cend(); ++it) {
            if (it->isInitialised())
                QCOMPARE(target.value(it.key()).contentHash, it->contentHash);
        }
    }

    // More data hashes than one filter takes: the source is walked a page at a time, and pages with no
    // row in scope (here the first 600 by title) do not end the plan, the copy or the applied review early.
    void manyDataHashesBeyondPagesWithoutScope()
    {
        Project project(1200, 1150);
        QStringList named;
        for (int i = 600; i < 1150; ++i)
            named.append(unitHash(i));
        QVERIFY(named.size() > Store::kMaxFilterHashes);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r = request();
        r.overwrite = true;
        r.dataHashes = named;
        const Result<CopyPlan> plan = engine.planCopy(r);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan->toCreate, 550);
        QCOMPARE(plan->toSkip, 0);
        QCOMPARE(plan->items.size(), 550);
        qsizetype listed = 0;
        QVERIFY(engine
                    .forEachPlanItem(plan.value(),
                                     [&](const QList<CopyPlanItem> &items) -> Result<void> {
                                         listed += items.size();
                                         return {};
                                     })
                    .ok());
        QCOMPARE(listed, 550);

        const Result<CopyResult> copied = engine.copy(r);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(copied->created, 550);
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 550);

        CopyRequest again = request(QStringLiteral("reviewed"));
        again.dataHashes = named;
        const Result<CopyResult> applied = engine.applyReview(again);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QCOMPARE(applied->created, 550);
        QCOMPARE(rowsOn(project.store(), QStringLiteral("reviewed")).size(), 550);
    }

    // Rows another writer adds to the source between the count and the writes are not copied silently:
    // the copy fails at its last batch, says why, and what it wrote can be undone.
    void sourceChangedAfterTheCountFailsTheCopy()
    {
        Project project(1200, 1000);
        SequenceStore sequence(project.store(), project);
        sequence.addMainRowsFrom = 1000;
        sequence.addMainRowsTo = 1100;
        Engine engine(sequence, QStringLiteral("tester"));
        CopyRequest r = request();
        r.batchSize = 400;
        const Result<CopyResult> result = engine.copy(r);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QStringLiteral("the source branch changed while it was copied")),
                 qPrintable(result.error()));
        QVERIFY2(result.error().contains(QStringLiteral("batch 3 of 3")), qPrintable(result.error()));
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 800);
        QVERIFY(engine.undoLast(kTarget).ok());
        QVERIFY(!hasBranch(project.store(), kTarget) || rowsOn(project.store(), kTarget).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEngineCopy)
#include "tst_engine_copy.moc"
