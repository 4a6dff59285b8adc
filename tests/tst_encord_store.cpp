#include "encord/api/copybranchcall.h"
#include "encord/encordstore.h"
#include "engine/engine.h"
#include "fakeencordserver.h"

#include <optional>
#include <QtTest>

using namespace lb;
using lb::test::FakeEncordServer;
using lb::test::FakeMatch;
using lb::test::FakeObject;
using lb::test::RecordedRequest;
using json = nlohmann::json;

namespace {

const QByteArray Seed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

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

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

const FakeMatch LabelRowGet{QStringLiteral("labelrow"), QStringLiteral("GET"), {}, 0};
const FakeMatch LabelRowPut{QStringLiteral("labelrow"), QStringLiteral("PUT"), {}, 0};
const FakeMatch LabelRowPost{QStringLiteral("labelrow"), QStringLiteral("POST"), {}, 0};

#define VERIFY_ERROR(result, fragment)                                                                       \
    do {                                                                                                     \
        const auto &evaluated_ = (result);                                                                   \
        QVERIFY2(!evaluated_.ok(), "expected an error");                                                     \
        QVERIFY2(evaluated_.error().contains(fragment, Qt::CaseInsensitive),                                 \
                 qPrintable(evaluated_.error()));                                                            \
    } while (false)

} // namespace

class TestEncordStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeEncordServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cacheDir;
    QStringList m_mainLabels; // label hashes on main of data units 0..3 (4 is uninitialised)

    EncordStoreSettings settings(int bundleSize = 100) const
    {
        EncordStoreSettings s;
        s.client.domain = m_server->domain();
        s.client.projectHash = FakeEncordServer::defaultProjectHash();
        s.client.retry.backoffMs = {0, 5, 10};
        s.client.retry.timeoutMs = 5000;
        s.client.retry.maxRetryAfterMs = 1000;
        s.cacheDir = m_cacheDir->path();
        s.bundleSize = bundleSize;
        return s;
    }

    std::unique_ptr<EncordStore> openStore(int bundleSize = 100)
    {
        auto store = EncordStore::open(keyFromSeed(Seed), settings(bundleSize));
        if (!store)
            qFatal("cannot open the Encord store: %s", qPrintable(store.error()));
        return std::move(store).value();
    }

    int contentRequests() const
    {
        return int(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("GET")).size());
    }
    int writeRequests() const
    {
        return int(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("PUT")).size() +
                   m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("POST")).size());
    }

    QList<RecordedRequest> copyRequests() const
    {
        QList<RecordedRequest> out;
        for (const RecordedRequest &r : m_server->requests()) {
            if (r.path.endsWith("/labels/copy-branch"))
                out.append(r);
        }
        return out;
    }

    static QSet<QString> objectHashes(const json &row)
    {
        QSet<QString> hashes;
        if (row.is_object() && row.contains("object_answers")) {
            for (auto it = row["object_answers"].begin(); it != row["object_answers"].end(); ++it)
                hashes.insert(QString::fromStdString(it.key()));
        }
        return hashes;
    }

private Q_SLOTS:
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        m_server->registerPublicKey(keyFromSeed(Seed).publicKey());
        for (int i = 0; i < 5; ++i)
            m_server->addDataUnit(dataHash(i), QStringLiteral("image-%1.jpg").arg(i));
        m_mainLabels.clear();
        for (int i = 0; i < 4; ++i) {
            QList<FakeObject> objects;
            for (int k = 0; k <= i; ++k)
                objects.append(FakeObject{QStringLiteral("m%1o%2").arg(i).arg(k),
                                          k % 2 ? QStringLiteral("no8RyWRY") : QStringLiteral("qWm5E3j4")});
            m_mainLabels.append(m_server->putRow(QStringLiteral("main"), dataHash(i), objects));
        }
    }

    void cleanup()
    {
        m_server.reset();
        m_cacheDir.reset();
    }

    void opensProjectAndOntology()
    {
        auto store = openStore();
        QCOMPARE(store->projectInfo().title, QStringLiteral("Fake project"));
        QVERIFY(store->projectInfo().remote);
        QCOMPARE(store->projectInfo().projectHash, FakeEncordServer::defaultProjectHash());
        auto ontology = store->ontology();
        QVERIFY(ontology.ok());
        QCOMPARE(ontology->objects.size(), 3);
        QCOMPARE(ontology->objects[0].name, QStringLiteral("Apple"));
        QCOMPARE(ontology->classifications.size(), 1);
        QCOMPARE(ontology->classifications[0].name, QStringLiteral("hot dog"));
        QCOMPARE(ontology->classifications[0].optionLabels,
                 (QStringList{QStringLiteral("yes"), QStringLiteral("no")}));
        QVERIFY(QFileInfo::exists(store->cachePath()));
        // Opening makes the two v2 calls of get_project and nothing else.
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(requests[0].path.startsWith("/v2/public/projects/"));
        QVERIFY(requests[1].path.startsWith("/v2/public/ontologies/"));
    }

    void wrongKeyIsReportedOnOpen()
    {
        auto store = EncordStore::open(keyFromSeed(QByteArray(32, '\x07')), settings());
        VERIFY_ERROR(store, QStringLiteral("not registered"));
    }

    void listsRowsWithCounts()
    {
        auto store = openStore();
        RowQuery query;
        auto rows = store->listRows(query);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), 4);
        QCOMPARE(rows->at(0).dataTitle, QStringLiteral("image-0.jpg"));
        QCOMPARE(rows->at(2).objectCount, 3);
        QCOMPARE(rows->at(3).classCounts.value(QStringLiteral("no8RyWRY")), 2);
        QVERIFY(!rows->at(0).contentHash.isEmpty());
        QVERIFY(rows->at(0).contentHash != rows->at(1).contentHash);

        query.includeUninitialised = true;
        auto all = store->listRows(query);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 5);
        QVERIFY(!all->at(4).isInitialised());

        query = RowQuery();
        query.dataHashes = {dataHash(1), dataHash(2)};
        query.labelHashes = {m_mainLabels[2]};
        auto filtered = store->listRows(query);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->size(), 1);
        QCOMPARE(filtered->at(0).labelHash, m_mainLabels[2]);

        query = RowQuery();
        query.order = RowQuery::Order::ObjectCount;
        query.descending = true;
        query.limit = 2;
        auto top = store->listRows(query);
        QVERIFY(top.ok());
        QCOMPARE(top->size(), 2);
        QCOMPARE(top->at(0).objectCount, 4);
        QCOMPARE(store->countRows(RowQuery()).value(), 4);

        query = RowQuery();
        query.allBranches = true;
        VERIFY_ERROR(store->listRows(query), QStringLiteral("not both"));
        query.branch.clear();
        auto everywhere = store->listRows(query);
        QVERIFY2(everywhere.ok(), qPrintable(everywhere.error()));
        QCOMPARE(everywhere->size(), 4);
    }

    void listsBranches()
    {
        m_server->putRow(QStringLiteral("review"), dataHash(1), {FakeObject{QStringLiteral("r1")}});
        auto store = openStore();
        QVERIFY(store->createBranch(QStringLiteral("experiment"), QStringLiteral("main"), false).ok());
        VERIFY_ERROR(store->createBranch(QStringLiteral("review"), QString(), false),
                     QStringLiteral("already exists"));
        auto branches = store->branches();
        QVERIFY2(branches.ok(), qPrintable(branches.error()));
        QCOMPARE(branches->size(), 3);
        QCOMPARE(branches->at(0).name, QStringLiteral("main"));
        QCOMPARE(branches->at(0).rowCount, 4);
        QCOMPARE(branches->at(0).objectCount, 1 + 2 + 3 + 4);
        QCOMPARE(branches->at(1).name, QStringLiteral("experiment"));
        QCOMPARE(branches->at(1).rowCount, 0);
        QCOMPARE(branches->at(1).createdFrom, QStringLiteral("main"));
        QCOMPARE(branches->at(2).name, QStringLiteral("review"));
        QCOMPARE(branches->at(2).rowCount, 1);
        QVERIFY(store->branchExists(QStringLiteral("review")).value());
        QVERIFY(store->branchExists(QStringLiteral("experiment")).value());
        QVERIFY(!store->branchExists(QStringLiteral("nothing")).value());

        // Branches with rows on Encord cannot be renamed or deleted there; local ones can.
        VERIFY_ERROR(store->deleteBranch(QStringLiteral("review")), QStringLiteral("no way to delete"));
        VERIFY_ERROR(store->renameBranch(QStringLiteral("review"), QStringLiteral("x")),
                     QStringLiteral("no way to rename"));
        QVERIFY(store->renameBranch(QStringLiteral("experiment"), QStringLiteral("trial")).ok());
        QVERIFY(store->deleteBranch(QStringLiteral("trial")).ok());
        QVERIFY(!store->branchExists(QStringLiteral("trial")).value());
    }

    void bundledInitialisationMakesOneRequestPerBundle()
    {
        for (int i = 5; i < 250; ++i) {
            m_server->addDataUnit(dataHash(i),
                                  QStringLiteral("image-%1.jpg").arg(i, 3, 10, QLatin1Char('0')));
            m_server->putRow(QStringLiteral("main"), dataHash(i), {FakeObject{QStringLiteral("o%1").arg(i)}});
        }
        m_server->putRow(QStringLiteral("main"), dataHash(4), {FakeObject{QStringLiteral("o4")}});
        auto store = openStore(100);
        QList<QPair<int, int>> progress;
        store->setBundleProgress([&progress](int done, int total) { progress.append({done, total}); });
        m_server->clearRequests();
        auto rows = store->listRows(RowQuery());
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), 250);
        QCOMPARE(contentRequests(), 3);
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last(), qMakePair(3, 3));
        for (const auto &r : m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("GET")))
            QVERIFY(r.json["values"]["uid"].size() <= 100);

        // The counts are cached: listing again and reading the contents fetch nothing more.
        QVERIFY(store->listRows(RowQuery()).ok());
        QStringList first100;
        for (int i = 0; i < 100; ++i)
            first100.append(rows->at(i).labelHash);
        auto contents = store->fetchContents(QStringLiteral("main"), first100);
        QVERIFY2(contents.ok(), qPrintable(contents.error()));
        QCOMPARE(contents->size(), 100);
        QCOMPARE(contents->at(7).labelHash(), first100.at(7));
        QCOMPARE(contentRequests(), 3);

        // Reopening uses the cache file: no contents are fetched again.
        store.reset();
        auto reopened = openStore(100);
        m_server->clearRequests();
        auto again = reopened->listRows(RowQuery());
        QVERIFY(again.ok());
        const auto third = std::find_if(again->cbegin(), again->cend(),
                                        [](const LabelRowSummary &r) { return r.dataHash == dataHash(3); });
        QVERIFY(third != again->cend());
        QCOMPARE(third->objectCount, 4);
        QCOMPARE(contentRequests(), 0);

        // A row edited on Encord is fetched again, alone.
        QTest::qWait(1100); // edit times have whole-second resolution
        m_server->putRow(QStringLiteral("main"), dataHash(0), {});
        auto edited = reopened->listRows(RowQuery());
        QVERIFY(edited.ok());
        QCOMPARE(edited->at(0).objectCount, 0);
        QCOMPARE(contentRequests(), 1);
    }

    void fetchContentsKeepsOrderAndRefusesUnknownRows()
    {
        auto store = openStore();
        auto docs = store->fetchContents(QStringLiteral("main"), {m_mainLabels[2], m_mainLabels[0]});
        QVERIFY2(docs.ok(), qPrintable(docs.error()));
        QCOMPARE(docs->size(), 2);
        QCOMPARE(docs->at(0).labelHash(), m_mainLabels[2]);
        QCOMPARE(docs->at(0).objectInstanceCount(), 3);
        QCOMPARE(contentRequests(), 1);
        VERIFY_ERROR(store->fetchContents(QStringLiteral("main"), {QStringLiteral("no-such-row")}),
                     QStringLiteral("not on branch"));
    }

    void copiesClientSideWithoutTheEndpoint()
    {
        m_server->setCopyEndpoint(false);
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        request.batchSize = 3;
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 4);
        QCOMPARE(result->created, 4);
        QCOMPARE(result->batchesTotal, 2);
        QCOMPARE(result->method, CopyMethod::Client);
        // Only the first batch asked for the endpoint.
        QCOMPARE(copyRequests().size(), 1);
        QCOMPARE(m_server->rowCount(QStringLiteral("review")), 4);
        for (int i = 0; i < 4; ++i) {
            const json copied = m_server->row(QStringLiteral("review"), dataHash(i));
            QCOMPARE(objectHashes(copied), objectHashes(m_server->row(QStringLiteral("main"), dataHash(i))));
            QCOMPARE(str(copied["branch_name"]), QStringLiteral("review"));
        }
        // Creates grouped by branch, one PUT and one POST per batch.
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("PUT")).size(), 2);
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("POST")).size(), 2);

        RowQuery query;
        query.branch = QStringLiteral("review");
        auto rows = store->listRows(query);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 4);
        QCOMPARE(rows->at(3).objectCount, 4);
        QCOMPARE(rows->at(3).provenance.sourceBranch, QStringLiteral("main"));
        auto source = store->listRows(RowQuery());
        QCOMPARE(rows->at(3).contentHash, source->at(3).contentHash);
        QCOMPARE(rows->at(3).provenance.sourceContentHash, source->at(3).contentHash);

        auto audit = store->auditLog();
        QVERIFY(audit.ok());
        QVERIFY(!audit->isEmpty());
    }

    void copySkipsOrReplacesExistingRows()
    {
        const QString reviewLabel =
            m_server->putRow(QStringLiteral("review"), dataHash(1), {FakeObject{QStringLiteral("old")}});
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        request.dataHashes = {dataHash(1), dataHash(2)};
        auto skipped = engine.copy(request);
        QVERIFY2(skipped.ok(), qPrintable(skipped.error()));
        QCOMPARE(skipped->created, 1);
        QCOMPARE(skipped->skipped, 1);
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("review"), dataHash(1))),
                 QSet<QString>{QStringLiteral("old")});

        request.overwrite = true;
        auto replaced = engine.copy(request);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
        QCOMPARE(replaced->replaced, 2);
        QCOMPARE(replaced->count, 2);
        const json row = m_server->row(QStringLiteral("review"), dataHash(1));
        QCOMPARE(str(row["label_hash"]), reviewLabel); // replaced in place, same row
        QCOMPARE(objectHashes(row), (QSet<QString>{QStringLiteral("m1o0"), QStringLiteral("m1o1")}));

        // Undo restores the replaced rows exactly as they were.
        auto undone = engine.undoLast(QStringLiteral("review"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->restored, 2);
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("review"), dataHash(1))),
                 QSet<QString>{QStringLiteral("old")});
    }

    void copyAppliesDataThenLabelFilters()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("subset");
        request.dataHashes = {dataHash(0), dataHash(1), dataHash(2)};
        request.labelHashes = {m_mainLabels[1], m_mainLabels[3]}; // 3 is outside data_hashes
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 1);
        QCOMPARE(m_server->rowCount(QStringLiteral("subset")), 1);
        QVERIFY(!m_server->row(QStringLiteral("subset"), dataHash(1)).is_null());
    }

    void uninitialisedRowsAreSkippedWithoutWrites()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("empty");
        request.dataHashes = {dataHash(4)};
        m_server->clearRequests();
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 0);
        QCOMPARE(writeRequests(), 0);
        QCOMPARE(contentRequests(), 0);
    }

    void sameBranchIsRefusedBeforeAnyRequest()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        m_server->clearRequests();
        CopyRequest request;
        request.targetBranch = QStringLiteral("main");
        VERIFY_ERROR(engine.copy(request), QStringLiteral("must be different"));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void rateLimitIsRetried()
    {
        m_server->setCopyEndpoint(false);
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        m_server->failNext(1, 429, 0, LabelRowPost);
        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->count, 4);
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("POST")).size(), 2);
    }

    void serverFailureReportsFinishedBatches()
    {
        m_server->setCopyEndpoint(false);
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        FakeMatch secondSaveOn = LabelRowPost;
        secondSaveOn.after = 1;
        m_server->failNext(100, 500, -1, secondSaveOn);
        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        request.batchSize = 2;
        auto result = engine.copy(request);
        VERIFY_ERROR(result, QStringLiteral("batch 2 of 2"));
        QVERIFY2(result.error().contains(QStringLiteral("HTTP 500")), qPrintable(result.error()));
        // The first batch stays written.
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("review"), dataHash(0))),
                 QSet<QString>{QStringLiteral("m0o0")});
    }

    void malformedAnswerIsAnError()
    {
        auto store = openStore();
        m_server->malformNext(1);
        VERIFY_ERROR(store->listRows(RowQuery()), QStringLiteral("not a valid response"));
        m_server->malformNext(1, LabelRowGet);
        VERIFY_ERROR(store->listRows(RowQuery()), QStringLiteral("not a valid response"));
        QVERIFY(store->listRows(RowQuery()).ok());
    }

    void undoEmptiesCreatedRows()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("scratch");
        request.dataHashes = {dataHash(3)};
        auto copied = engine.copy(request);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("scratch"), dataHash(3))).size(), 4);
        auto undone = engine.undoLast(QStringLiteral("scratch"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->removed, 1);
        QVERIFY(objectHashes(m_server->row(QStringLiteral("scratch"), dataHash(3))).isEmpty());
        auto operations = store->operations();
        QVERIFY(operations.ok());
        QVERIFY(!operations->isEmpty());
    }

    // --- Encord's copy endpoint (docs/encord-api.md §3.8) ----------------------------------------------

    void serverCopySendsTheSdkSequence()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        m_server->clearRequests();
        CopyRequest request;
        request.targetBranch = QStringLiteral("sdk-copy");
        request.batchSize = 3;
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->method, CopyMethod::Server);
        QCOMPARE(result->count, 4);
        QCOMPARE(result->created, 4);
        QCOMPARE(result->batchesTotal, 2);

        // One listing of the source with both filters, then ceil(4 / 3) copy requests; nothing else.
        const QList<RecordedRequest> requests = m_server->requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[0].queryType, QStringLiteral("labelrowmetadata"));
        const auto &payload = requests[0].json["values"]["payload"];
        QCOMPARE(str(json(payload["branch_name"])), QStringLiteral("main"));
        QVERIFY(payload["data_hashes"].is_null());
        QVERIFY(payload["label_hashes"].is_null());
        QStringList sent;
        for (int i = 1; i < 3; ++i) {
            const RecordedRequest &r = requests[i];
            QCOMPARE(r.method, QByteArray("POST"));
            QCOMPARE(r.path, "/v2/public/projects/" + FakeEncordServer::defaultProjectHash().toUtf8() +
                                 "/labels/copy-branch");
            QVERIFY(r.signatureValid);
            QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
            QStringList keys;
            for (auto it = r.json.begin(); it != r.json.end(); ++it)
                keys.append(QString::fromStdString(it.key()));
            QCOMPARE(keys,
                     (QStringList{QStringLiteral("sourceBranchName"), QStringLiteral("targetBranchName"),
                                  QStringLiteral("overwrite"), QStringLiteral("labelUuids")}));
            for (const auto &uuid : r.json["labelUuids"])
                sent.append(QString::fromStdString(uuid.get<std::string>()));
        }
        QCOMPARE(requests[1].json["labelUuids"].size(), size_t(3));
        QCOMPARE(sent, m_mainLabels); // listing order
        const QByteArray expected = "{\"sourceBranchName\": \"main\", \"targetBranchName\": \"sdk-copy\", "
                                    "\"overwrite\": false, \"labelUuids\": [\"" +
                                    m_mainLabels[3].toUtf8() + "\"]}";
        QCOMPARE(requests[2].body, expected);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(objectHashes(m_server->row(QStringLiteral("sdk-copy"), dataHash(i))),
                     objectHashes(m_server->row(QStringLiteral("main"), dataHash(i))));
    }

    void serverAndClientPathsGiveTheSameRows()
    {
        QMap<QString, QSet<QString>> viaServer;
        {
            auto store = openStore();
            Engine engine(*store, QStringLiteral("tester"));
            CopyRequest request;
            request.targetBranch = QStringLiteral("server");
            QCOMPARE(engine.copy(request).value().method, CopyMethod::Server);
            for (int i = 0; i < 5; ++i)
                viaServer.insert(dataHash(i),
                                 objectHashes(m_server->row(QStringLiteral("server"), dataHash(i))));
        }
        m_server->setCopyEndpoint(false);
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("client");
        auto result = engine.copy(request);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->method, CopyMethod::Client);
        QCOMPARE(result->created, 4);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(objectHashes(m_server->row(QStringLiteral("client"), dataHash(i))),
                     viaServer.value(dataHash(i)));
        QCOMPARE(m_server->rowCount(QStringLiteral("client")), 4);
    }

    void undoAfterServerSyncRestoresReplacedContent()
    {
        m_server->putRow(QStringLiteral("review"), dataHash(1), {FakeObject{QStringLiteral("old")}});
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        RowQuery review;
        review.branch = QStringLiteral("review");
        const auto before = store->listRows(review);
        QVERIFY2(before.ok(), qPrintable(before.error()));
        QCOMPARE(before->size(), 1);

        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        auto synced = engine.sync(request);
        QVERIFY2(synced.ok(), qPrintable(synced.error()));
        QCOMPARE(synced->method, CopyMethod::Server);
        QCOMPARE(synced->replaced, 1);
        QCOMPARE(synced->created, 3);
        QCOMPARE(copyRequests().size(), 1);
        QVERIFY(copyRequests().first().json["overwrite"].get<bool>());
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("review"), dataHash(1))),
                 (QSet<QString>{QStringLiteral("m1o0"), QStringLiteral("m1o1")}));

        auto undone = engine.undoLast(QStringLiteral("review"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->restored, 1);
        QCOMPARE(undone->removed, 3);
        QCOMPARE(undone->emptied, 3);
        const auto after = store->listRows(review);
        QVERIFY2(after.ok(), qPrintable(after.error()));
        const auto one = std::find_if(after->cbegin(), after->cend(),
                                      [](const LabelRowSummary &r) { return r.dataHash == dataHash(1); });
        QVERIFY(one != after->cend());
        QCOMPARE(one->contentHash, before->first().contentHash);
        for (int i : {0, 2, 3})
            QVERIFY(objectHashes(m_server->row(QStringLiteral("review"), dataHash(i))).isEmpty());
    }

    void countsAfterServerCopyNeedNoDownload()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        const auto main = store->listRows(RowQuery());
        QVERIFY(main.ok());
        CopyRequest request;
        request.targetBranch = QStringLiteral("copy");
        QVERIFY(engine.copy(request).ok());
        m_server->clearRequests();
        RowQuery query;
        query.branch = QStringLiteral("copy");
        const auto copied = store->listRows(query);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(copied->size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(copied->at(i).objectCount, main->at(i).objectCount);
            QCOMPARE(copied->at(i).contentHash, main->at(i).contentHash);
        }
        QCOMPARE(contentRequests(), 0);
        // And the next listing knows the rows by their own label hashes.
        QVERIFY(store->listRows(query).ok());
        QCOMPARE(contentRequests(), 0);
    }

    void partialCopyIntoAnUnlistedTargetIsReported()
    {
        m_server->putRow(QStringLiteral("review"), dataHash(1), {FakeObject{QStringLiteral("theirs")}});
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = QStringLiteral("review");
        auto copied = engine.copy(request);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(copied->created, 3);
        QCOMPARE(copied->skipped, 2); // data unit 4 is uninitialised on main; 1 has a row on the target
        QCOMPARE(copied->unidentified, 3);
        QVERIFY(copyMethodText(copied.value()).contains(QStringLiteral("undo leaves them")));
        auto undone = engine.undoLast(QStringLiteral("review"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->leftAlone, 3);
        QCOMPARE(undone->removed, 0);
        // Nothing the target had is touched.
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("review"), dataHash(1))),
                 QSet<QString>{QStringLiteral("theirs")});
    }

    void snapshotGoesThroughTheEndpointAndStaysASnapshot()
    {
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        auto snapshot = engine.snapshot(QStringLiteral("main"), QStringLiteral("snap-1"));
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.error()));
        QCOMPARE(snapshot->method, CopyMethod::Server);
        QCOMPARE(snapshot->count, 4);
        QVERIFY(snapshot->targetCreated);
        QCOMPARE(m_server->rowCount(QStringLiteral("snap-1")), 4);
        auto branches = store->branches();
        QVERIFY2(branches.ok(), qPrintable(branches.error()));
        const auto snap = std::find_if(branches->cbegin(), branches->cend(),
                                       [](const BranchInfo &b) { return b.name == QLatin1String("snap-1"); });
        QVERIFY(snap != branches->cend());
        QVERIFY(snap->isSnapshot);
        QCOMPARE(snap->createdFrom, QStringLiteral("main"));
        QCOMPARE(snap->rowCount, 4);
    }

    // A snapshot's branch is one only once its operation is done: a snapshot that never finished lists as a
    // plain branch.
    void unfinishedSnapshotIsNoSnapshot()
    {
        auto store = openStore();
        OperationRecord record;
        record.kind = OperationKind::Snapshot;
        record.sourceBranch = QStringLiteral("main");
        record.targetBranch = QStringLiteral("snap-2");
        record.createdTargetBranch = true;
        const Result<qint64> id = store->beginOperation(record);
        QVERIFY2(id.ok(), qPrintable(id.error()));
        record.id = id.value();
        QVERIFY(store->marksSnapshotsWhenDone());
        QVERIFY(store->createBranch(QStringLiteral("snap-2"), QStringLiteral("main"), false).ok());
        const auto snapshotMark = [&]() -> std::optional<bool> {
            const auto branches = store->branches();
            if (!branches)
                return std::nullopt;
            for (const BranchInfo &branch : branches.value())
                if (branch.name == QLatin1String("snap-2"))
                    return branch.isSnapshot;
            return std::nullopt;
        };
        QCOMPARE(snapshotMark(), std::optional<bool>(false));
        record.state = OperationState::Done;
        QVERIFY(store->finishOperation(record).ok());
        QCOMPARE(snapshotMark(), std::optional<bool>(true));
    }

    void copyEndpointFollowsEncordsRules()
    {
        auto store = openStore();
        EncordClient client(keyFromSeed(Seed), settings().client);
        const QString path =
            QStringLiteral("projects/%1/labels/copy-branch").arg(FakeEncordServer::defaultProjectHash());
        const auto body = [](const QString &target, const QStringList &labels) {
            CopyBranchCall call{QStringLiteral("main"), target, false, labels};
            return call.body();
        };
        int status = 0;
        QVERIFY(!client
                     .v2Post(path, body(QStringLiteral("main"), {m_mainLabels[0]}), QStringLiteral("same"),
                             &status)
                     .ok());
        QCOMPARE(status, 400);
        QStringList many;
        for (int i = 0; i < 1001; ++i)
            many.append(m_mainLabels[0]);
        QVERIFY(!client.v2Post(path, body(QStringLiteral("t"), many), QStringLiteral("many"), &status).ok());
        QCOMPARE(status, 413);
        QVERIFY(!client
                     .v2Post(path, body(QStringLiteral("t"), {QStringLiteral("nope")}),
                             QStringLiteral("unknown"), &status)
                     .ok());
        QCOMPARE(status, 404);
        QCOMPARE(m_server->rowCount(QStringLiteral("t")), 0);
        // Without overwrite a target row stays; with it, it takes the source's content in place.
        const QString theirs =
            m_server->putRow(QStringLiteral("t"), dataHash(0), {FakeObject{QStringLiteral("x")}});
        auto kept =
            sendCopyBranch(client, {QStringLiteral("main"), QStringLiteral("t"), false, {m_mainLabels[0]}});
        QVERIFY(kept.ok());
        QCOMPARE(kept->copiedCount, 0);
        auto replaced =
            sendCopyBranch(client, {QStringLiteral("main"), QStringLiteral("t"), true, {m_mainLabels[0]}});
        QVERIFY(replaced.ok());
        QCOMPARE(replaced->copiedCount, 1);
        QCOMPARE(str(m_server->row(QStringLiteral("t"), dataHash(0))["label_hash"]), theirs);
        QCOMPARE(objectHashes(m_server->row(QStringLiteral("t"), dataHash(0))),
                 QSet<QString>{QStringLiteral("m0o0")});
        m_server->setCopyEndpoint(false);
        auto missing =
            sendCopyBranch(client, {QStringLiteral("main"), QStringLiteral("t"), true, {m_mainLabels[0]}});
        QVERIFY(missing.ok());
        QVERIFY(missing->endpointMissing);
    }

    void anotherInstanceWorksOnAnotherThread()
    {
        auto store = openStore();
        auto other = store->openAnother();
        QVERIFY(other.ok());
        std::unique_ptr<Store> worker = std::move(other).value();
        int count = -1;
        QString error;
        QThread *thread = QThread::create([&] {
            auto rows = worker->listRows(RowQuery());
            if (rows)
                count = int(rows->size());
            else
                error = rows.error();
            worker.reset();
        });
        thread->start();
        QVERIFY(thread->wait(30000));
        delete thread;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(count, 4);
    }
};

QTEST_GUILESS_MAIN(TestEncordStore)
#include "tst_encord_store.moc"
