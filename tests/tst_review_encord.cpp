#include "encord/encordstore.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "fakeencordserver.h"
#include "rowedits.h"

#include <QtTest>

using namespace lb;
using lb::test::FakeEncordServer;
using lb::test::FakeObject;
using json = nlohmann::json;

namespace {

const QByteArray Seed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QString kCandidate = QStringLiteral("candidate");
const QString kMain = QStringLiteral("main");
const QString kReviewer = QStringLiteral("rita@example.com");

SshKey keyFromSeed(const QByteArray &seed)
{
    auto key = SshKey::fromSeed(seed);
    if (!key)
        qFatal("key");
    return key.value();
}

QString dataHash(int i)
{
    return QStringLiteral("%1-0000-4000-8000-000000000000").arg(i, 8, 16, QLatin1Char('0'));
}

QSet<QString> objectHashes(const json &row)
{
    QSet<QString> hashes;
    if (row.is_object() && row.contains("object_answers")) {
        for (auto it = row["object_answers"].begin(); it != row["object_answers"].end(); ++it)
            hashes.insert(QString::fromStdString(it.key()));
    }
    return hashes;
}

QList<FakeObject> objects(const QString &prefix, int count)
{
    QList<FakeObject> list;
    for (int k = 0; k < count; ++k)
        list.append(FakeObject{QStringLiteral("%1o%2").arg(prefix).arg(k)});
    return list;
}

QHash<QString, ReviewItem> itemsByDataHash(const ReviewListing &listing)
{
    QHash<QString, ReviewItem> out;
    for (const ReviewItem &item : listing.items)
        out.insert(item.diff.dataHash, item);
    return out;
}

} // namespace

// The review on a live Encord project: decisions live in the local Encord cache (Encord has no place for
// them) and "apply approved" writes to Encord like any sync.
class TestReviewEncord : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeEncordServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cacheDir;

    std::unique_ptr<EncordStore> openStore()
    {
        EncordStoreSettings s;
        s.client.domain = m_server->domain();
        s.client.projectHash = FakeEncordServer::defaultProjectHash();
        s.client.retry.backoffMs = {0, 5, 10};
        s.client.retry.timeoutMs = 5000;
        s.client.retry.maxRetryAfterMs = 1000;
        s.cacheDir = m_cacheDir->path();
        auto store = EncordStore::open(keyFromSeed(Seed), s);
        if (!store)
            qFatal("cannot open the Encord store: %s", qPrintable(store.error()));
        return std::move(store).value();
    }

private Q_SLOTS:
    // Units 0..3 on main; candidate differs on 1 and 2, has 4 only, lacks 3; 0 is the same objects on both.
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        m_server->registerPublicKey(keyFromSeed(Seed).publicKey());
        for (int i = 0; i < 5; ++i)
            m_server->addDataUnit(dataHash(i), QStringLiteral("image-%1.jpg").arg(i));
        for (int i = 0; i < 4; ++i)
            m_server->putRow(kMain, dataHash(i), objects(QStringLiteral("m%1").arg(i), i + 1));
        m_server->putRow(kCandidate, dataHash(0), objects(QStringLiteral("m0"), 1));
        m_server->putRow(kCandidate, dataHash(1), objects(QStringLiteral("c1"), 3));
        m_server->putRow(kCandidate, dataHash(2), objects(QStringLiteral("c2"), 1));
        m_server->putRow(kCandidate, dataHash(4), objects(QStringLiteral("c4"), 2));
    }

    void cleanup()
    {
        m_server.reset();
        m_cacheDir.reset();
    }

    void decisionsLiveInTheCacheAcrossReopen()
    {
        QDateTime decidedAt;
        {
            auto store = openStore();
            Engine engine(*store, kReviewer);
            ReviewEngine review(engine);
            const Result<ReviewListing> listing = review.list(kCandidate, kMain);
            QVERIFY2(listing, qPrintable(listing.error()));
            const QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
            for (int i : {1, 2, 3, 4})
                QVERIFY2(items.contains(dataHash(i)), qPrintable(dataHash(i)));
            const Result<QList<ReviewDecision>> approved =
                review.decide(kCandidate, kMain, {dataHash(1), dataHash(4)}, ReviewVerdict::Approved,
                              QStringLiteral("better boxes"));
            QVERIFY2(approved, qPrintable(approved.error()));
            decidedAt = approved->first().decidedAt;
            // Unit 3 has no row on candidate: a decision needs no source row.
            QVERIFY(review.decide(kCandidate, kMain, {dataHash(2), dataHash(3)}, ReviewVerdict::Rejected));
        }
        const int writesBefore =
            int(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("PUT")).size() +
                m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("POST")).size());
        QCOMPARE(writesBefore, 0); // deciding writes nothing to Encord

        auto store = openStore();
        const Result<QList<ReviewDecision>> stored = store->reviewDecisions(kCandidate, kMain);
        QVERIFY2(stored, qPrintable(stored.error()));
        QCOMPARE(stored->size(), 4);
        Engine engine(*store, kReviewer);
        ReviewEngine review(engine);
        const Result<ReviewListing> listing = review.list(kCandidate, kMain);
        QVERIFY2(listing, qPrintable(listing.error()));
        const QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
        QVERIFY(items.value(dataHash(1)).isApproved());
        QCOMPARE(items.value(dataHash(1)).decision.comment, QStringLiteral("better boxes"));
        QCOMPARE(items.value(dataHash(1)).decision.reviewer, kReviewer);
        QCOMPARE(items.value(dataHash(1)).decision.decidedAt, decidedAt);
        QVERIFY(items.value(dataHash(4)).isApproved());
        QVERIFY(items.value(dataHash(2)).isRejected());
        QVERIFY(items.value(dataHash(3)).isRejected());
        QCOMPARE(listing->progress.decided, 4);

        // The candidate row changes after the approval (a sync from another branch): the approval goes stale.
        m_server->putRow(QStringLiteral("other"), dataHash(1), objects(QStringLiteral("o1"), 2));
        CopyRequest edit;
        edit.sourceBranch = QStringLiteral("other");
        edit.targetBranch = kCandidate;
        edit.dataHashes = {dataHash(1)};
        const Result<CopyResult> edited = engine.sync(edit);
        QVERIFY2(edited && edited->replaced == 1, qPrintable(edited ? QString() : edited.error()));
        const Result<ReviewListing> later = review.list(kCandidate, kMain);
        QVERIFY2(later, qPrintable(later.error()));
        QVERIFY(itemsByDataHash(later.value()).value(dataHash(1)).stale);
        QVERIFY(!itemsByDataHash(later.value()).value(dataHash(4)).stale);
        QCOMPARE(later->progress.decided, 3);

        const Result<QList<AuditEntry>> log = store->auditLog();
        QVERIFY2(log, qPrintable(log.error()));
        int decisions = 0;
        for (const AuditEntry &entry : log.value())
            if (entry.action.startsWith(QLatin1String("review-")))
                ++decisions;
        QCOMPARE(decisions, 4);
    }

    void applyWritesTheApprovedRowsToEncordAndUndoes()
    {
        auto store = openStore();
        Engine engine(*store, kReviewer);
        ReviewEngine review(engine);
        QVERIFY(review.decide(kCandidate, kMain, {dataHash(1), dataHash(4)}, ReviewVerdict::Approved));
        QVERIFY(review.decide(kCandidate, kMain, dataHash(2), ReviewVerdict::Rejected));
        QHash<int, QSet<QString>> before;
        for (int i = 0; i < 5; ++i)
            before.insert(i, objectHashes(m_server->row(kMain, dataHash(i))));

        const Result<AppliedReview> applied = review.applyApproved(kCandidate, kMain);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->units.count, 2);
        QCOMPARE(applied->units.replaced, 1);
        QCOMPARE(applied->units.created, 1);
        QCOMPARE(objectHashes(m_server->row(kMain, dataHash(1))),
                 objectHashes(m_server->row(kCandidate, dataHash(1))));
        QCOMPARE(objectHashes(m_server->row(kMain, dataHash(4))),
                 objectHashes(m_server->row(kCandidate, dataHash(4))));
        for (int i : {0, 2, 3})
            QCOMPARE(objectHashes(m_server->row(kMain, dataHash(i))), before.value(i));

        const Result<QList<AuditEntry>> log = store->auditLog();
        QVERIFY2(log, qPrintable(log.error()));
        QCOMPARE(log->first().action, QStringLiteral("apply-review"));
        QCOMPARE(log->first().user, kReviewer);
        QVERIFY(log->first().details.contains(dataHash(1)));
        QVERIFY(log->first().details.contains(dataHash(4)));
        QVERIFY(!log->first().details.contains(dataHash(2)));

        const Result<UndoResult> undone = engine.undoLast(kMain);
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(objectHashes(m_server->row(kMain, dataHash(1))), before.value(1));
    }

    void localBranchRenameCarriesAndDeleteForgetsDecisions()
    {
        auto store = openStore();
        Engine engine(*store, kReviewer);
        ReviewEngine review(engine);
        const QString local = QStringLiteral("local-target");
        QVERIFY(engine.createBranch(local));
        QVERIFY(review.decide(kCandidate, local, dataHash(1), ReviewVerdict::Approved));
        const QString renamed = QStringLiteral("local-renamed");
        const Result<void> moved = engine.renameBranch(local, renamed);
        QVERIFY2(moved, qPrintable(moved.error()));
        QVERIFY(store->reviewDecisions(kCandidate, local)->isEmpty());
        QCOMPARE(store->reviewDecisions(kCandidate, renamed)->size(), 1);
        QVERIFY(engine.deleteBranch(renamed));
        QVERIFY(engine.createBranch(renamed));
        QVERIFY(store->reviewDecisions(kCandidate, renamed)->isEmpty());
    }
    // Decided object by object on a live project: the approved object's edit reaches Encord, the other edit
    // of the same row does not, and undo puts Encord's row back.
    void applyMergesExactlyTheApprovedObjectsIntoEncord()
    {
        const auto box = [](const QString &hash, double x) {
            FakeObject object{hash};
            object.x = x;
            object.w = 0.1;
            return object;
        };
        m_server->putRow(kMain, dataHash(2), {box(QStringLiteral("a"), 0.1), box(QStringLiteral("b"), 0.6)});
        m_server->putRow(kCandidate, dataHash(2),
                         {box(QStringLiteral("a"), 0.12), box(QStringLiteral("b"), 0.62)});
        auto store = openStore();
        Engine engine(*store, kReviewer);
        ReviewEngine review(engine);
        const Result<QList<ReviewDecision>> decided = review.decideObjects(
            kCandidate, kMain, dataHash(2), {QStringLiteral("a")}, ReviewVerdict::Approved);
        QVERIFY2(decided, qPrintable(decided.error()));
        QCOMPARE(store->reviewDecisions(kCandidate, kMain)->constFirst().objectHash, QStringLiteral("a"));

        const QHash<QString, double> before = test::encordBoxes(m_server->row(kMain, dataHash(2)));
        const Result<AppliedReview> applied = review.applyApproved(kCandidate, kMain);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->units.operationId, 0);
        QVERIFY(applied->objects.operationId > 0);
        QCOMPARE(applied->objectsTaken, 1);
        const QHash<QString, double> merged = test::encordBoxes(m_server->row(kMain, dataHash(2)));
        QCOMPARE(merged.value(QStringLiteral("a")), 0.12);
        QCOMPARE(merged.value(QStringLiteral("b")), 0.6);
        QCOMPARE(objectHashes(m_server->row(kMain, dataHash(1))),
                 QSet<QString>({QStringLiteral("m1o0"), QStringLiteral("m1o1")}));

        QVERIFY(engine.undoLast(kMain));
        QCOMPARE(test::encordBoxes(m_server->row(kMain, dataHash(2))), before);
    }
};

QTEST_GUILESS_MAIN(TestReviewEncord)
#include "tst_review_encord.moc"
