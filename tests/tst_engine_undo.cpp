#include <QtTest>

#include "enginefixture.h"

using namespace lb;
using namespace lb::test;

namespace {

const QString kTarget = QStringLiteral("experiment");

} // namespace

class TestEngineUndo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingToUndo()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY(!undone.ok());
        QCOMPARE(undone.error(), QStringLiteral("nothing to undo"));
        const Result<UndoResult> onBranch = engine.undoLast(kTarget);
        QVERIFY(!onBranch.ok());
        QVERIFY2(onBranch.error().startsWith(QStringLiteral("nothing to undo")), qPrintable(onBranch.error()));
        QVERIFY(project.store().auditLog().value().isEmpty());
        const Result<OperationRecord> last = engine.lastUndoable();
        QVERIFY(last.ok());
        QCOMPARE(last->id, qint64(0));
    }

    void undoAfterOverwriteRestoresTargetExactly()
    {
        Project project(12, 10);
        // The target has its own content for units 0..5, plus units 10 and 11 that main lacks.
        project.writeRowsOn(kTarget, 1, 0, 6, 7, 4);
        project.writeRowsOn(kTarget, 1, 10, 12, 7);
        const QStringList before = branchFingerprint(project.store(), kTarget);
        const BranchInfo infoBefore = branchInfo(project.store(), kTarget);

        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = kTarget;
        r.batchSize = 3;
        const Result<CopyResult> synced = engine.sync(r);
        QVERIFY2(synced.ok(), qPrintable(synced.error()));
        QCOMPARE(synced->replaced, 6);
        QCOMPARE(synced->created, 4);
        QVERIFY(branchFingerprint(project.store(), kTarget) != before);

        const Result<OperationRecord> last = engine.lastUndoable(kTarget);
        QVERIFY(last.ok());
        QCOMPARE(last->id, synced->operationId);

        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->undoneOperationId, synced->operationId);
        QCOMPARE(undone->restored, 6);
        QCOMPARE(undone->removed, 4);
        QVERIFY(!undone->branchRemoved);

        // Byte for byte: contents, label hashes, timestamps, counts and provenance as they were.
        QCOMPARE(branchFingerprint(project.store(), kTarget), before);
        const BranchInfo infoAfter = branchInfo(project.store(), kTarget);
        QCOMPARE(infoAfter.rowCount, infoBefore.rowCount);
        QCOMPARE(infoAfter.objectCount, infoBefore.objectCount);
    }

    void undoAfterCreateRemovesRowsAndCreatedBranch()
    {
        Project project(10, 6);
        const QStringList mainBefore = branchFingerprint(project.store(), kMainBranch);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = kTarget;
        const Result<CopyResult> copied = engine.copy(r);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QVERIFY(copied->targetCreated);

        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->removed, 6);
        QCOMPARE(undone->restored, 0);
        QVERIFY(undone->branchRemoved);
        QCOMPARE(undone->targetBranch, kTarget);
        QVERIFY(!hasBranch(project.store(), kTarget));
        QCOMPARE(branchFingerprint(project.store(), kMainBranch), mainBefore);
    }

    void undoAfterCreateIntoExistingBranchKeepsIt()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 8, 10, 0);
        const QStringList before = branchFingerprint(project.store(), kTarget);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = kTarget;
        QVERIFY(engine.copy(r).ok());
        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QVERIFY(!undone->branchRemoved);
        QVERIFY(hasBranch(project.store(), kTarget));
        QCOMPARE(branchFingerprint(project.store(), kTarget), before);
    }

    void undoIsAudited()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("bob"));
        CopyRequest r;
        r.targetBranch = kTarget;
        const Result<CopyResult> copied = engine.copy(r);
        QVERIFY(copied.ok());
        QVERIFY(engine.undoLast().ok());

        const QList<AuditEntry> log = project.store().auditLog().value();
        QCOMPARE(log.size(), 2);
        const AuditEntry &entry = log.first(); // newest first
        QCOMPARE(entry.action, QStringLiteral("undo"));
        QCOMPARE(entry.user, QStringLiteral("bob"));
        QCOMPARE(entry.operationId, copied->operationId);
        const nlohmann::json details = parseDetails(entry);
        QCOMPARE(details["operationId"], copied->operationId);
        QCOMPARE(details["removed"], 6);
        QCOMPARE(details["branchRemoved"], true);
        QVERIFY2(entry.summary.contains(kTarget), qPrintable(entry.summary));

        const QList<OperationRecord> ops = project.store().operations().value();
        bool undoneSeen = false;
        for (const OperationRecord &op : ops) {
            if (op.id == copied->operationId)
                undoneSeen = op.undone;
        }
        QVERIFY(undoneSeen);
    }

    void undoGoesBackOneOperationAtATime()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 3, 9);
        const QStringList original = branchFingerprint(project.store(), kTarget);
        Engine engine(project.store(), QStringLiteral("tester"));

        CopyRequest first;
        first.targetBranch = kTarget;
        first.dataHashes = {unitHash(0), unitHash(4)};
        QVERIFY(engine.sync(first).ok());
        const QStringList afterFirst = branchFingerprint(project.store(), kTarget);

        CopyRequest second;
        second.targetBranch = kTarget;
        QVERIFY(engine.sync(second).ok());

        QVERIFY(engine.undoLast().ok());
        QCOMPARE(branchFingerprint(project.store(), kTarget), afterFirst);
        QVERIFY(engine.undoLast().ok());
        QCOMPARE(branchFingerprint(project.store(), kTarget), original);
        QVERIFY(!engine.undoLast().ok());
    }

    void undoOnOneBranchLeavesOthers()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest a;
        a.targetBranch = QStringLiteral("a");
        CopyRequest b;
        b.targetBranch = QStringLiteral("b");
        QVERIFY(engine.copy(a).ok());
        QVERIFY(engine.copy(b).ok());

        const Result<UndoResult> undone = engine.undoLast(QStringLiteral("a"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->targetBranch, QStringLiteral("a"));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("a")));
        QVERIFY(hasBranch(project.store(), QStringLiteral("b")));
        QCOMPARE(rowsOn(project.store(), QStringLiteral("b")).size(), 6);
    }

    void undoAfterPartialCancelledCopy()
    {
        Project project(30, 30);
        Engine engine(project.store(), QStringLiteral("tester"));
        std::atomic_bool cancel{false};
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &) { cancel = true; };
        CopyRequest r;
        r.targetBranch = kTarget;
        r.batchSize = 10;
        const Result<CopyResult> copied = engine.copy(r, control);
        QVERIFY(copied.ok());
        QVERIFY(copied->cancelled);
        QCOMPARE(rowsOn(project.store(), kTarget).size(), 10);

        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->removed, 10);
        QVERIFY(!hasBranch(project.store(), kTarget));
    }

    void undoAfterImport()
    {
        Project project(6, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        QList<LabelRowDocument> rows;
        for (int i = 0; i < 4; ++i)
            rows.append(imageRow(i, QStringLiteral("imported"), 3, 2, 1));
        const Result<CopyResult> imported = engine.importRows(QStringLiteral("imported"), rows, false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->removed, 4);
        QVERIFY(!hasBranch(project.store(), QStringLiteral("imported")));
    }

    void undoSurvivesReopen()
    {
        Project project(10, 6);
        project.writeRowsOn(kTarget, 1, 0, 4, 2);
        const QStringList before = branchFingerprint(project.store(), kTarget);
        {
            Engine engine(project.store(), QStringLiteral("tester"));
            CopyRequest r;
            r.targetBranch = kTarget;
            QVERIFY(engine.sync(r).ok());
        }
        project.reopen();
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<UndoResult> undone = engine.undoLast();
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(branchFingerprint(project.store(), kTarget), before);
    }
};

QTEST_GUILESS_MAIN(TestEngineUndo)
#include "tst_engine_undo.moc"
