#include "encord/encordstore.h"
#include "engine/mergeengine.h"
#include "enginefixture.h"
#include "fakeencordserver.h"
#include "rowedits.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;
using nlohmann::json;

namespace {

const QString kReview = QStringLiteral("review");

// main has units 0..5; review is a copy of main; then main and review are edited on their own.
struct Fixture
{
    Project project{12, 10};
    Engine engine{project.store(), QStringLiteral("rita")};
    MergeEngine merges{engine};

    Fixture()
    {
        CopyRequest copy;
        copy.targetBranch = kReview;
        if (!engine.copy(copy))
            qFatal("copy failed");
        // Unit 2 (3 objects): main moved k0, review moved k1. Unit 1 (2 objects): both moved k0.
        moveObject(project.store(), kMainBranch, 2, 0, 0.31);
        moveObject(project.store(), kReview, 2, 1, 0.52);
        moveObject(project.store(), kMainBranch, 1, 0, 0.33);
        moveObject(project.store(), kReview, 1, 0, 0.44);
    }

    MergeRequest request(const QList<int> &units) const
    {
        MergeRequest r;
        r.sourceBranch = kMainBranch;
        r.targetBranch = kReview;
        for (int i : units)
            r.units.append(UnitMergeRequest{unitHash(i), {}, {}, std::nullopt});
        return r;
    }
};

} // namespace

class TestEngineMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void threeWayMergeWritesOneRowAndIsAudited()
    {
        Fixture f;
        const Result<MergeEngine::Applied> applied = f.merges.apply(f.request({2}));
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QCOMPARE(applied->result.count, 1);
        QCOMPARE(applied->result.replaced, 1);
        QVERIFY(applied->result.operationId > 0);
        QVERIFY(applied->plan.units.first().hasBase);

        const LabelRowDocument merged = stored(f.project.store(), kReview, 2);
        QCOMPARE(xOf(merged, objectHash(2, 0)), 0.31); // changed on main only
        QCOMPARE(xOf(merged, objectHash(2, 1)), 0.52); // changed on review only
        QCOMPARE(xOf(merged, objectHash(2, 2)),
                 xOf(stored(f.project.store(), kMainBranch, 2), objectHash(2, 2)));
        QCOMPARE(merged.objectInstanceCount(), 3);

        const AuditEntry entry = f.project.store().auditLog().value().first();
        QCOMPARE(entry.action, QStringLiteral("merge"));
        QCOMPARE(entry.user, QStringLiteral("rita"));
        QCOMPARE(entry.operationId, applied->result.operationId);
        QVERIFY2(entry.summary.contains(QStringLiteral("1 object")), qPrintable(entry.summary));
        const json details = parseDetails(entry);
        QCOMPARE(details["dataUnits"].size(), std::size_t(1));
        QCOMPARE(details["dataUnits"][0]["objects"][0]["hash"], objectHash(2, 0).toStdString());
        QCOMPARE(f.engine.lastUndoable(kReview)->kind, OperationKind::Merge);
    }

    void undoRestoresTheTargetExactly()
    {
        Fixture f;
        const QStringList before = branchFingerprint(f.project.store(), kReview);
        MergeRequest r = f.request({1, 2});
        r.units[0].objects.insert(objectHash(1, 0), MergeChoice::TakeSource);
        const Result<MergeEngine::Applied> applied = f.merges.apply(r);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QCOMPARE(applied->result.count, 2);
        QVERIFY(branchFingerprint(f.project.store(), kReview) != before);

        const Result<UndoResult> undone = f.engine.undoLast(kReview);
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->restored, 2);
        QCOMPARE(branchFingerprint(f.project.store(), kReview), before);
    }

    void dryRunWritesNothing()
    {
        Fixture f;
        const QStringList before = branchFingerprint(f.project.store(), kReview);
        const qsizetype operations = f.project.store().operations()->size();
        const qsizetype audit = f.project.store().auditLog()->size();
        const Result<MergePlan> plan = f.merges.plan(f.request({1, 2, 3}));
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QCOMPARE(plan->units.size(), 3);
        QCOMPARE(plan->toWrite, 1); // unit 2; unit 1 is in conflict, unit 3 unchanged
        QCOMPARE(plan->conflicts, 1);
        QCOMPARE(plan->units[1].entries.size(), 2);
        QVERIFY(plan->units[2].entries.isEmpty());
        QVERIFY(plan->conflictLines().first().contains(objectHash(1, 0)));
        QCOMPARE(branchFingerprint(f.project.store(), kReview), before);
        QCOMPARE(f.project.store().operations()->size(), operations);
        QCOMPARE(f.project.store().auditLog()->size(), audit);
    }

    void conflictIsRefusedAndNothingWritten()
    {
        Fixture f;
        const QStringList before = branchFingerprint(f.project.store(), kReview);
        const qsizetype operations = f.project.store().operations()->size();
        const Result<MergeEngine::Applied> refused = f.merges.apply(f.request({1, 2}));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.errorKind(), ErrorKind::Conflict);
        QVERIFY2(refused.error().contains(objectHash(1, 0)), qPrintable(refused.error()));
        QCOMPARE(branchFingerprint(f.project.store(), kReview), before);
        QCOMPARE(f.project.store().operations()->size(), operations);

        MergeRequest keep = f.request({1});
        keep.units[0].objects.insert(objectHash(1, 0), MergeChoice::KeepTarget);
        const Result<MergeEngine::Applied> kept = f.merges.apply(keep);
        QVERIFY2(kept.ok(), qPrintable(kept.error()));
        QCOMPARE(kept->result.operationId, qint64(0)); // nothing to change
        QCOMPARE(branchFingerprint(f.project.store(), kReview), before);
    }

    void withoutCopyOnlyNamedObjectsMove()
    {
        Project project(6, 4);
        project.writeRowsOn(QStringLiteral("model"), 3, 0, 4, 5); // its own rows, not copied from main
        Engine engine(project.store(), QStringLiteral("rita"));
        MergeEngine merges(engine);
        MergeRequest r;
        r.sourceBranch = QStringLiteral("model");
        r.targetBranch = kMainBranch;
        r.units.append(UnitMergeRequest{unitHash(2), {}, {}, std::nullopt});
        const Result<MergePlan> untouched = merges.plan(r);
        QVERIFY2(untouched.ok(), qPrintable(untouched.error()));
        QVERIFY(!untouched->units.first().hasBase);
        QCOMPARE(untouched->toWrite, 0);

        r.units[0].objects.insert(objectHash(2, 1), MergeChoice::TakeSource);
        const Result<MergeEngine::Applied> applied = merges.apply(r);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        const LabelRowDocument row = stored(project.store(), kMainBranch, 2);
        const LabelRowDocument model = stored(project.store(), QStringLiteral("model"), 2);
        QCOMPARE(xOf(row, objectHash(2, 1)), xOf(model, objectHash(2, 1)));
        QVERIFY(xOf(row, objectHash(2, 0)) != xOf(model, objectHash(2, 0)));
    }

    void mergesOnALiveEncordProjectAndUndoes()
    {
        test::FakeEncordServer server;
        QVERIFY(server.start());
        const QByteArray seed =
            QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        const SshKey key = SshKey::fromSeed(seed).value();
        server.registerPublicKey(key.publicKey());
        const QString unit = QStringLiteral("00000001-0000-4000-8000-000000000000");
        server.addDataUnit(unit, QStringLiteral("image-1.jpg"));
        server.putRow(kMainBranch, unit,
                      {test::FakeObject{QStringLiteral("a")}, test::FakeObject{QStringLiteral("b")}});
        test::FakeObject moved{QStringLiteral("a")};
        moved.x = 0.5;
        server.putRow(QStringLiteral("candidate"), unit,
                      {moved, test::FakeObject{QStringLiteral("b")}, test::FakeObject{QStringLiteral("c")}});
        QTemporaryDir cache;
        EncordStoreSettings settings;
        settings.client.domain = server.domain();
        settings.client.projectHash = test::FakeEncordServer::defaultProjectHash();
        settings.client.retry.backoffMs = {0, 5, 10};
        settings.cacheDir = cache.path();
        auto store = EncordStore::open(key, settings);
        QVERIFY2(store, qPrintable(store.error()));
        Engine engine(*store.value(), QStringLiteral("rita"));
        MergeEngine merges(engine);
        const QHash<QString, double> before = encordBoxes(server.row(kMainBranch, unit));

        MergeRequest r;
        r.sourceBranch = QStringLiteral("candidate");
        r.targetBranch = kMainBranch;
        UnitMergeRequest named{unit, {}, {}, std::nullopt};
        named.objects.insert(QStringLiteral("a"), MergeChoice::TakeSource);
        r.units.append(named);
        const Result<MergeEngine::Applied> applied = merges.apply(r);
        QVERIFY2(applied, qPrintable(applied.error()));
        QVERIFY(!applied->plan.units.first().hasBase); // Encord keeps no copy-time content
        QCOMPARE(applied->result.replaced, 1);
        const QHash<QString, double> merged = encordBoxes(server.row(kMainBranch, unit));
        QCOMPARE(merged.value(QStringLiteral("a")), 0.5);
        QCOMPARE(merged.value(QStringLiteral("b")), before.value(QStringLiteral("b")));
        QVERIFY(!merged.contains(QStringLiteral("c"))); // not named: stays as on the target

        QVERIFY(engine.undoLast(kMainBranch));
        QCOMPARE(encordBoxes(server.row(kMainBranch, unit)), before);
    }

    void intoADataUnitTheTargetLacksAndBack()
    {
        Project project(8, 6);
        Engine engine(project.store(), QStringLiteral("rita"));
        CopyRequest copy;
        copy.targetBranch = kReview;
        copy.dataHashes = {unitHash(0), unitHash(1)};
        QVERIFY(engine.copy(copy));
        const QStringList before = branchFingerprint(project.store(), kReview);
        MergeEngine merges(engine);
        MergeRequest r;
        r.sourceBranch = kMainBranch;
        r.targetBranch = kReview;
        UnitMergeRequest unit{unitHash(5), {}, {}, std::nullopt}; // 3 objects on main, no row on review
        unit.objects.insert(objectHash(5, 1), MergeChoice::TakeSource);
        r.units.append(unit);
        const Result<MergeEngine::Applied> applied = merges.apply(r);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->result.created, 1);
        const LabelRowDocument row = stored(project.store(), kReview, 5);
        QCOMPARE(row.objectInstanceCount(), 1);
        QCOMPARE(row.objects().first().objectHash, objectHash(5, 1));
        QCOMPARE(row.branchName(), kReview);

        const Result<UndoResult> undone = engine.undoLast(kReview);
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(undone->removed, 1);
        QCOMPARE(branchFingerprint(project.store(), kReview), before);
    }

    void aForwardingStoreHandsTheCopyTimeContentOn()
    {
        Fixture f;
        CountingStore counting(f.project.store());
        Engine engine(counting, QStringLiteral("rita"));
        const Result<MergePlan> plan = MergeEngine(engine).plan(f.request({2}));
        QVERIFY2(plan, qPrintable(plan.error()));
        QVERIFY(plan->units.first().hasBase);
        QCOMPARE(plan->toWrite, 1);
    }

    void badRequestsAreRefusedByName()
    {
        Fixture f;
        MergeRequest r = f.request({2});
        r.targetBranch = QStringLiteral("nope");
        Result<MergePlan> plan = f.merges.plan(r);
        QCOMPARE(plan.errorKind(), ErrorKind::NotFound);
        QVERIFY(plan.error().contains(QStringLiteral("nope")));

        r = f.request({2});
        r.units.append(
            UnitMergeRequest{QStringLiteral("ffffffff-0000-4000-8000-000000000000"), {}, {}, std::nullopt});
        plan = f.merges.plan(r);
        QCOMPARE(plan.errorKind(), ErrorKind::NotFound);
        QVERIFY(plan.error().contains(QStringLiteral("ffffffff")));

        r = f.request({2});
        r.units[0].objects.insert(QStringLiteral("ghost"), MergeChoice::TakeSource);
        plan = f.merges.plan(r);
        QCOMPARE(plan.errorKind(), ErrorKind::NotFound);
        QVERIFY(plan.error().contains(QStringLiteral("ghost")));

        r = f.request({11}); // no row on either branch
        QVERIFY(!f.merges.plan(r).ok());

        r = f.request({2, 2});
        QCOMPARE(f.merges.plan(r).errorKind(), ErrorKind::Usage);
        r = f.request({2});
        r.targetBranch = kMainBranch;
        QCOMPARE(f.merges.apply(r).errorKind(), ErrorKind::Usage);
    }

    void progressAndCancelBetweenBatches()
    {
        Fixture f;
        // Every unit 3..9 gets an edit on main only, so each merges and writes.
        for (int i = 3; i < 10; ++i)
            moveObject(f.project.store(), kMainBranch, i, 0, 0.6);
        const double before = xOf(stored(f.project.store(), kReview, 2), objectHash(2, 0));
        QCOMPARE(xOf(stored(f.project.store(), kReview, 4), objectHash(4, 0)), before);
        MergeRequest r = f.request({2, 3, 4, 5, 6, 7, 8, 9});
        r.batchSize = 2;
        std::atomic_bool cancel{false};
        QStringList stages;
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &p) {
            stages << p.stage;
            if (p.stage == QStringLiteral("merging"))
                cancel = true;
        };
        const Result<MergeEngine::Applied> applied = f.merges.apply(r, control);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QVERIFY(applied->result.cancelled);
        QCOMPARE(applied->result.batchesTotal, 4);
        QCOMPARE(applied->result.batchesDone, 1);
        QCOMPARE(applied->result.count, 2);
        QVERIFY(stages.contains(QStringLiteral("planning the merge")));
        QCOMPARE(xOf(stored(f.project.store(), kReview, 2), objectHash(2, 0)), 0.31);   // the first batch
        QCOMPARE(xOf(stored(f.project.store(), kReview, 4), objectHash(4, 0)), before); // not reached
        // What was written is one operation, which undo takes back.
        QVERIFY(f.engine.undoLast(kReview).ok());
        QCOMPARE(xOf(stored(f.project.store(), kReview, 2), objectHash(2, 0)), before);
    }
};

QTEST_GUILESS_MAIN(TestEngineMerge)
#include "tst_engine_merge.moc"
