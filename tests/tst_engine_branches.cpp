#include "domain/branchname.h"
#include "engine/writerlock.h"
#include "enginefixture.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

QList<AuditEntry> auditOf(Store &store)
{
    const Result<QList<AuditEntry>> log = store.auditLog();
    if (!log)
        qFatal("audit log failed: %s", qPrintable(log.error()));
    return log.value();
}

QStringList branchNames(Store &store)
{
    QStringList names;
    for (const BranchInfo &info : store.branches().value())
        names << info.name;
    return names;
}

} // namespace

class TestEngineBranches : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- user
    // -----------------------------------------------------------------------------------------------

    void userDefaultsToTheOsUser()
    {
        Project project;
        Engine named(project.store(), QStringLiteral("carol"));
        QCOMPARE(named.user(), QStringLiteral("carol"));

        Engine fromOs(project.store());
        QString expected = qEnvironmentVariable("USER");
        if (expected.isEmpty())
            expected = qEnvironmentVariable("USERNAME");
        if (expected.isEmpty())
            expected = QStringLiteral("unknown");
        QCOMPARE(fromOs.user(), expected);
        QVERIFY(!fromOs.user().isEmpty());
    }

    void userFallsBackToUnknown()
    {
        const QByteArray user = qgetenv("USER");
        const QByteArray username = qgetenv("USERNAME");
        qunsetenv("USER");
        qunsetenv("USERNAME");
        Project project;
        Engine engine(project.store());
        const QString seen = engine.user();
        if (!user.isNull())
            qputenv("USER", user);
        if (!username.isNull())
            qputenv("USERNAME", username);
        QCOMPARE(seen, QStringLiteral("unknown"));
    }

    // --- create / rename / delete
    // ------------------------------------------------------------------------------

    void createBranch()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<void> created = engine.createBranch(QStringLiteral("review"), QStringLiteral("main"));
        QVERIFY2(created.ok(), qPrintable(created.error()));
        QVERIFY(hasBranch(project.store(), QStringLiteral("review")));
        QCOMPARE(branchInfo(project.store(), QStringLiteral("review")).createdFrom, QStringLiteral("main"));
        QCOMPARE(branchInfo(project.store(), QStringLiteral("review")).rowCount, 0);

        const QList<AuditEntry> log = auditOf(project.store());
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().action, QStringLiteral("branch-create"));
        QCOMPARE(log.first().user, QStringLiteral("tester"));
        QCOMPARE(parseDetails(log.first())["branch"], "review");
    }

    void createBranchRefusals()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        QCOMPARE(engine.createBranch(QStringLiteral(" x")).error(), branchNameError(QStringLiteral(" x")));
        QCOMPARE(engine.createBranch(QString()).error(), QStringLiteral("branch name must not be empty"));
        QCOMPARE(engine.createBranch(QStringLiteral("main")).error(),
                 QStringLiteral("a branch named \"main\" already exists"));
        QVERIFY(engine.createBranch(QStringLiteral("dup")).ok());
        QCOMPARE(engine.createBranch(QStringLiteral("dup")).error(),
                 QStringLiteral("a branch named \"dup\" already exists"));
        QCOMPARE(engine.createBranch(QStringLiteral("child"), QStringLiteral("ghost")).error(),
                 QStringLiteral("branch \"ghost\" does not exist"));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("child")));
        QCOMPARE(auditOf(project.store()).size(), 1); // only the one that worked
    }

    void renameBranch()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = QStringLiteral("old");
        QVERIFY(engine.copy(r).ok());
        const Result<void> renamed = engine.renameBranch(QStringLiteral("old"), QStringLiteral("new"));
        QVERIFY2(renamed.ok(), qPrintable(renamed.error()));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("old")));
        QCOMPARE(rowsOn(project.store(), QStringLiteral("new")).size(), 6);
        const AuditEntry entry = auditOf(project.store()).first();
        QCOMPARE(entry.action, QStringLiteral("branch-rename"));
        QCOMPARE(parseDetails(entry)["from"], "old");
        QCOMPARE(parseDetails(entry)["to"], "new");
    }

    void renameRefusals()
    {
        Project project;
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        QCOMPARE(engine.renameBranch(QStringLiteral("main"), QStringLiteral("trunk")).error(),
                 QStringLiteral("the main branch cannot be renamed"));
        QCOMPARE(counting.calls, 0);
        QCOMPARE(engine.renameBranch(QStringLiteral("ghost"), QStringLiteral("x")).error(),
                 QStringLiteral("branch \"ghost\" does not exist"));
        QVERIFY(engine.createBranch(QStringLiteral("a")).ok());
        QVERIFY(engine.createBranch(QStringLiteral("b")).ok());
        QCOMPARE(engine.renameBranch(QStringLiteral("a"), QStringLiteral("b")).error(),
                 QStringLiteral("a branch named \"b\" already exists"));
        QCOMPARE(engine.renameBranch(QStringLiteral("a"), QStringLiteral("main")).error(),
                 QStringLiteral("a branch named \"main\" already exists"));
        QCOMPARE(engine.renameBranch(QStringLiteral("a"), QStringLiteral("b\n")).error(),
                 branchNameError(QStringLiteral("b\n")));
        QVERIFY(!engine.renameBranch(QStringLiteral("a"), QStringLiteral("a")).ok());
        QVERIFY(hasBranch(project.store(), QStringLiteral("a")));
        QVERIFY(hasBranch(project.store(), QStringLiteral("b")));
    }

    void deleteBranch()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = QStringLiteral("gone");
        QVERIFY(engine.copy(r).ok());
        const Result<void> deleted = engine.deleteBranch(QStringLiteral("gone"));
        QVERIFY2(deleted.ok(), qPrintable(deleted.error()));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("gone")));
        QCOMPARE(rowsOn(project.store(), kMainBranch).size(), 6);
        const AuditEntry entry = auditOf(project.store()).first();
        QCOMPARE(entry.action, QStringLiteral("branch-delete"));
        QCOMPARE(parseDetails(entry)["rows"], 6);
    }

    void deleteRefusals()
    {
        Project project;
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        QCOMPARE(engine.deleteBranch(QStringLiteral("main")).error(),
                 QStringLiteral("the main branch cannot be deleted"));
        QCOMPARE(counting.calls, 0);
        QCOMPARE(engine.deleteBranch(QStringLiteral("ghost")).error(),
                 QStringLiteral("branch \"ghost\" does not exist"));
        QVERIFY(hasBranch(project.store(), kMainBranch));
    }

    // A branch that a live operation reads or writes is neither renamed nor deleted under it; once the
    // operation has ended, both work.
    void branchInUseIsNeitherRenamedNorDeleted()
    {
        Project project(10, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        CopyRequest r;
        r.targetBranch = QStringLiteral("busy");
        QVERIFY(engine.copy(r).ok());
        OperationRecord record;
        record.kind = OperationKind::Sync;
        record.sourceBranch = QStringLiteral("busy");
        record.targetBranch = QStringLiteral("other");
        record.user = QStringLiteral("alice");
        auto lock = std::make_unique<WriterLock>(project.store(), record);
        QVERIFY(lock->acquire({}).ok());
        const Result<void> renamed = engine.renameBranch(QStringLiteral("busy"), QStringLiteral("calm"));
        QCOMPARE(renamed.errorKind(), ErrorKind::Busy);
        QVERIFY2(renamed.error().startsWith(QStringLiteral("branch \"busy\" is in use by sync #")),
                 qPrintable(renamed.error()));
        QVERIFY2(renamed.error().contains(QStringLiteral("by alice")), qPrintable(renamed.error()));
        QCOMPARE(engine.deleteBranch(QStringLiteral("busy")).errorKind(), ErrorKind::Busy);
        QVERIFY(hasBranch(project.store(), QStringLiteral("busy")));
        QCOMPARE(auditOf(project.store()).first().action, QStringLiteral("copy"));

        lock.reset();
        QVERIFY(engine.renameBranch(QStringLiteral("busy"), QStringLiteral("calm")).ok());
        QVERIFY(engine.deleteBranch(QStringLiteral("calm")).ok());
    }

    // --- snapshot
    // -------------------------------------------------------------------------------------------

    void proposeSnapshotName()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const QDate day(2026, 11, 25);
        QCOMPARE(engine.proposeSnapshotName(day).value(), QStringLiteral("export-2026-11-25"));
        QVERIFY(engine.createBranch(QStringLiteral("export-2026-11-25")).ok());
        QCOMPARE(engine.proposeSnapshotName(day).value(), QStringLiteral("export-2026-11-25-2"));
        QVERIFY(engine.createBranch(QStringLiteral("export-2026-11-25-2")).ok());
        QCOMPARE(engine.proposeSnapshotName(day).value(), QStringLiteral("export-2026-11-25-3"));
        const QString today =
            QStringLiteral("export-") + QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"));
        QVERIFY(engine.proposeSnapshotName().value().startsWith(today));
    }

    void snapshotGetsMainsCounts()
    {
        Project project(12, 9);
        Engine engine(project.store(), QStringLiteral("tester"));
        const BranchInfo main = branchInfo(project.store(), kMainBranch);
        const Result<CopyResult> snap = engine.snapshot(QStringLiteral("main"), QStringLiteral("export-a"));
        QVERIFY2(snap.ok(), qPrintable(snap.error()));
        QCOMPARE(snap->count, 9);
        QVERIFY(snap->targetCreated);
        const BranchInfo info = branchInfo(project.store(), QStringLiteral("export-a"));
        QCOMPARE(info.rowCount, main.rowCount);
        QCOMPARE(info.objectCount, main.objectCount);
        QVERIFY(info.isSnapshot);
        QCOMPARE(info.createdFrom, QStringLiteral("main"));

        const auto source = rowsByDataHash(project.store(), kMainBranch);
        const auto copy = rowsByDataHash(project.store(), QStringLiteral("export-a"));
        QCOMPARE(copy.size(), source.size());
        for (const LabelRowSummary &row : source)
            QCOMPARE(copy.value(row.dataHash).contentHash, row.contentHash);

        const QList<OperationRecord> ops = project.store().operations().value();
        QCOMPARE(ops.first().kind, OperationKind::Snapshot);
        const AuditEntry entry = auditOf(project.store()).first();
        QCOMPARE(entry.action, QStringLiteral("snapshot"));
        QCOMPARE(parseDetails(entry)["count"], 9);
    }

    void snapshotWithoutNameTakesProposal()
    {
        Project project(4, 4);
        Engine engine(project.store(), QStringLiteral("tester"));
        const QString expected = engine.proposeSnapshotName().value();
        const Result<CopyResult> snap = engine.snapshot(QStringLiteral("main"));
        QVERIFY2(snap.ok(), qPrintable(snap.error()));
        QVERIFY(hasBranch(project.store(), expected));
        QVERIFY(branchInfo(project.store(), expected).isSnapshot);
        const Result<CopyResult> second = engine.snapshot(QStringLiteral("main"));
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QVERIFY(hasBranch(project.store(), expected + QStringLiteral("-2")));
    }

    void snapshotRefusals()
    {
        Project project(4, 4);
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(engine.createBranch(QStringLiteral("taken")).ok());
        QCOMPARE(engine.snapshot(QStringLiteral("main"), QStringLiteral("taken")).error(),
                 QStringLiteral("a branch named \"taken\" already exists"));
        QCOMPARE(engine.snapshot(QStringLiteral("main"), QStringLiteral("main")).error(),
                 QStringLiteral("a branch named \"main\" already exists"));
        QCOMPARE(engine.snapshot(QStringLiteral("main"), QStringLiteral("bad ")).error(),
                 branchNameError(QStringLiteral("bad ")));
        QCOMPARE(engine.snapshot(QStringLiteral("ghost"), QStringLiteral("snap")).error(),
                 QStringLiteral("branch \"ghost\" does not exist"));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("snap")));
    }

    void snapshotOfEmptyBranchIsAnEmptyBranch()
    {
        Project project(4, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> snap = engine.snapshot(QStringLiteral("main"), QStringLiteral("empty-snap"));
        QVERIFY2(snap.ok(), qPrintable(snap.error()));
        QCOMPARE(snap->count, 0);
        QVERIFY(hasBranch(project.store(), QStringLiteral("empty-snap")));
        QVERIFY(branchInfo(project.store(), QStringLiteral("empty-snap")).isSnapshot);
    }

    // --- diff
    // -------------------------------------------------------------------------------------------------

    void diffComparesTwoBranches()
    {
        Project project(10, 6);
        project.writeRowsOn(QStringLiteral("candidate"), 1, 0, 2, 0);    // identical to main
        project.writeRowsOn(QStringLiteral("candidate"), 1, 2, 3, 4);    // same count, moved boxes
        project.writeRowsOn(QStringLiteral("candidate"), 1, 3, 4, 0, 5); // count differs
        project.writeRowsOn(QStringLiteral("candidate"), 1, 8, 9, 0);    // only in target
        Engine engine(project.store(), QStringLiteral("tester"));
        QStringList stages;
        JobControl control;
        control.onProgress = [&](const Progress &p) { stages << p.stage; };
        const Result<BranchDiff> diff =
            engine.diff(QStringLiteral("main"), QStringLiteral("candidate"), control);
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        QCOMPARE(diff->entries.size(), 10);
        QCOMPARE(diff->summary.identical, 2);
        QCOMPARE(diff->summary.changedSameCount, 1);
        QCOMPARE(diff->summary.countDiffers, 1);
        QCOMPARE(diff->summary.onlyInSource, 2);
        QCOMPARE(diff->summary.onlyInTarget, 1);
        QCOMPARE(diff->summary.uninitialisedOnBoth, 3);
        QCOMPARE(diff->entries.first().dataTitle, unitTitle(0)); // ordered by title
        QVERIFY(stages.size() >= 3);
        QVERIFY(stages.contains(QStringLiteral("comparing")));
    }

    void diffValidatesBothBranches()
    {
        Project project;
        Engine engine(project.store(), QStringLiteral("tester"));
        QCOMPARE(engine.diff(QStringLiteral("ghost"), QStringLiteral("main")).error(),
                 QStringLiteral("source branch \"ghost\" does not exist"));
        QCOMPARE(engine.diff(QStringLiteral("main"), QStringLiteral("ghost")).error(),
                 QStringLiteral("target branch \"ghost\" does not exist"));
    }

    void diffCanBeCancelled()
    {
        Project project(6, 6);
        Engine engine(project.store(), QStringLiteral("tester"));
        std::atomic_bool cancel{false};
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &) { cancel = true; };
        const Result<BranchDiff> diff = engine.diff(QStringLiteral("main"), QStringLiteral("main"), control);
        QVERIFY(!diff.ok());
        QCOMPARE(diff.error(), QStringLiteral("comparison cancelled"));
    }

    // --- import / export
    // -------------------------------------------------------------------------------------

    void importCreatesBranchJournalsAndAudits()
    {
        Project project(6, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        QList<LabelRowDocument> rows;
        for (int i = 0; i < 5; ++i)
            rows.append(imageRow(i, QStringLiteral("whatever"), 4, 3, 2));
        QList<Progress> reports;
        JobControl control;
        control.onProgress = [&](const Progress &p) { reports.append(p); };
        const Result<CopyResult> imported =
            engine.importRows(QStringLiteral("imported"), rows, false, control);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->count, 5);
        QCOMPARE(imported->created, 5);
        QVERIFY(imported->targetCreated);
        QVERIFY(!reports.isEmpty());
        QCOMPARE(reports.last().done, qint64(5));
        QCOMPARE(rowsOn(project.store(), QStringLiteral("imported")).size(), 5);
        const OperationRecord op = project.store().operations().value().first();
        QCOMPARE(op.kind, OperationKind::Import);
        QCOMPARE(op.created, 5);
        const AuditEntry entry = auditOf(project.store()).first();
        QCOMPARE(entry.action, QStringLiteral("import"));
        QCOMPARE(entry.operationId, op.id);
    }

    void importIsOneStoreWrite()
    {
        Project project(50, 0);
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        QList<LabelRowDocument> rows;
        for (int i = 0; i < 50; ++i)
            rows.append(imageRow(i, QStringLiteral("main"), 4, 1, 0));
        const Result<CopyResult> imported = engine.importRows(QStringLiteral("main"), rows, false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(counting.writeRowsCalls, 1);
        QVERIFY(!imported->targetCreated);
    }

    void failedImportWritesNothing()
    {
        Project project(6, 3);
        Engine engine(project.store(), QStringLiteral("tester"));
        const QStringList mainBefore = branchFingerprint(project.store(), kMainBranch);

        // A row for a data unit the project does not have: the whole import fails.
        QList<LabelRowDocument> rows;
        rows.append(imageRow(0, QStringLiteral("x"), 4, 1, 0));
        rows.append(imageRow(99, QStringLiteral("x"), 4, 1, 0));
        const Result<CopyResult> toNew = engine.importRows(QStringLiteral("new-branch"), rows, false);
        QVERIFY(!toNew.ok());
        QVERIFY2(toNew.error().contains(QStringLiteral("row 2")), qPrintable(toNew.error()));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("new-branch")));
        QVERIFY(!engine.lastUndoable().value().id);
        // Refused before anything was begun: not even an (undone) operation record is left behind.
        QVERIFY(project.store().operations().value().isEmpty());

        // Without overwrite, a unit that already has a row on the branch fails the whole import too.
        QList<LabelRowDocument> clash;
        clash.append(imageRow(5, QStringLiteral("x"), 4, 1, 0));
        clash.append(imageRow(1, QStringLiteral("x"), 4, 1, 0));
        const Result<CopyResult> toMain = engine.importRows(QStringLiteral("main"), clash, false);
        QVERIFY(!toMain.ok());
        QCOMPARE(branchFingerprint(project.store(), kMainBranch), mainBefore);
    }

    void importRefusals()
    {
        Project project(6, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        QList<LabelRowDocument> rows{imageRow(0, QStringLiteral("x"), 4, 1, 0)};
        QCOMPARE(engine.importRows(QStringLiteral(" bad"), rows, false).error(),
                 branchNameError(QStringLiteral(" bad")));
        rows.append(imageRow(0, QStringLiteral("x"), 5, 2, 0));
        const Result<CopyResult> duplicate = engine.importRows(QStringLiteral("dup"), rows, false);
        QVERIFY(!duplicate.ok());
        QVERIFY2(duplicate.error().contains(unitHash(0)), qPrintable(duplicate.error()));
        QVERIFY(!hasBranch(project.store(), QStringLiteral("dup")));
    }

    void importWithOverwriteReplaces()
    {
        Project project(6, 3);
        Engine engine(project.store(), QStringLiteral("tester"));
        QList<LabelRowDocument> rows{imageRow(0, QStringLiteral("main"), 4, 3, 8),
                                     imageRow(4, QStringLiteral("main"), 4, 1, 8)};
        const Result<CopyResult> imported = engine.importRows(QStringLiteral("main"), rows, true);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->replaced, 1);
        QCOMPARE(imported->created, 1);
        QCOMPARE(rowsByDataHash(project.store(), kMainBranch).value(unitHash(0)).contentHash,
                 rows[0].contentHash());
    }

    void exportRejectsBundleSizes_data()
    {
        QTest::addColumn<int>("bundleSize");
        QTest::newRow("0") << 0;
        QTest::newRow("1001") << 1001;
    }

    void exportRejectsBundleSizes()
    {
        QFETCH(int, bundleSize);
        Project project(3, 3);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<QList<LabelRowDocument>> exported =
            engine.exportRows(QStringLiteral("main"), bundleSize);
        QVERIFY(!exported.ok());
        QVERIFY2(exported.error().contains(QStringLiteral("bundle size")), qPrintable(exported.error()));
    }

    void exportFetchesInBundles()
    {
        Project project(25, 23);
        CountingStore counting(project.store());
        Engine engine(counting, QStringLiteral("tester"));
        int reports = 0;
        JobControl control;
        control.onProgress = [&](const Progress &) { ++reports; };
        const Result<QList<LabelRowDocument>> exported =
            engine.exportRows(QStringLiteral("main"), 10, control);
        QVERIFY2(exported.ok(), qPrintable(exported.error()));
        QCOMPARE(exported->size(), 23);
        QCOMPARE(counting.fetchContentsCalls, 3);
        QCOMPARE(reports, 3);
        const auto summaries = rowsByDataHash(project.store(), kMainBranch);
        for (const LabelRowDocument &doc : exported.value()) {
            QCOMPARE(doc.labelHash(), summaries.value(doc.dataHash()).labelHash);
            QCOMPARE(doc.contentHash(), summaries.value(doc.dataHash()).contentHash);
        }
        QCOMPARE(engine.exportRows(QStringLiteral("ghost")).error(),
                 QStringLiteral("branch \"ghost\" does not exist"));
    }

    void exportThenImportRoundTrips()
    {
        Project project(8, 8);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<QList<LabelRowDocument>> exported = engine.exportRows(QStringLiteral("main"));
        QVERIFY(exported.ok());
        const Result<CopyResult> imported =
            engine.importRows(QStringLiteral("copy-of-main"), exported.value(), false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const Result<BranchDiff> diff = engine.diff(QStringLiteral("main"), QStringLiteral("copy-of-main"));
        QVERIFY(diff.ok());
        QCOMPARE(diff->summary.identical, 8);
        QCOMPARE(diff->summary.differences(), 0);
    }

    // --- persistence
    // ------------------------------------------------------------------------------------------

    void everythingPersistsAcrossReopen()
    {
        Project project(10, 6);
        qint64 copyId = 0;
        {
            Engine engine(project.store(), QStringLiteral("dana"));
            CopyRequest r;
            r.targetBranch = QStringLiteral("exp");
            const Result<CopyResult> copied = engine.copy(r);
            QVERIFY(copied.ok());
            copyId = copied->operationId;
            QVERIFY(engine.snapshot(QStringLiteral("main"), QStringLiteral("export-x")).ok());
            QVERIFY(engine.createBranch(QStringLiteral("to-rename")).ok());
            QVERIFY(engine.renameBranch(QStringLiteral("to-rename"), QStringLiteral("renamed")).ok());
            QVERIFY(engine.createBranch(QStringLiteral("to-delete")).ok());
            QVERIFY(engine.deleteBranch(QStringLiteral("to-delete")).ok());
        }
        const QStringList expFingerprint = branchFingerprint(project.store(), QStringLiteral("exp"));
        const QList<AuditEntry> auditBefore = auditOf(project.store());
        project.reopen();

        Engine engine(project.store(), QStringLiteral("dana"));
        QCOMPARE(branchNames(project.store()),
                 (QStringList{QStringLiteral("main"), QStringLiteral("exp"), QStringLiteral("export-x"),
                              QStringLiteral("renamed")}));
        QCOMPARE(branchFingerprint(project.store(), QStringLiteral("exp")), expFingerprint);
        const BranchInfo snap = branchInfo(project.store(), QStringLiteral("export-x"));
        QVERIFY(snap.isSnapshot);
        QCOMPARE(snap.createdFrom, QStringLiteral("main"));
        QCOMPARE(snap.rowCount, 6);

        const QList<OperationRecord> ops = project.store().operations().value();
        QCOMPARE(ops.size(), 2);
        QCOMPARE(ops.last().id, copyId);
        QCOMPARE(ops.last().created, 6);
        QCOMPARE(ops.last().user, QStringLiteral("dana"));

        const QList<AuditEntry> auditAfter = auditOf(project.store());
        QCOMPARE(auditAfter.size(), auditBefore.size());
        QStringList actions;
        for (const AuditEntry &entry : auditAfter)
            actions << entry.action;
        QCOMPARE(actions, (QStringList{QStringLiteral("branch-delete"), QStringLiteral("branch-create"),
                                       QStringLiteral("branch-rename"), QStringLiteral("branch-create"),
                                       QStringLiteral("snapshot"), QStringLiteral("copy")}));
        for (int i = 0; i < auditAfter.size(); ++i) {
            QCOMPARE(auditAfter.at(i).summary, auditBefore.at(i).summary);
            QCOMPARE(auditAfter.at(i).details, auditBefore.at(i).details);
            QCOMPARE(auditAfter.at(i).user, QStringLiteral("dana"));
        }
    }
};

QTEST_GUILESS_MAIN(TestEngineBranches)
#include "tst_engine_branches.moc"
