// Rows of every Encord data type on a live project (the fake server speaks Encord's protocol): listed with
// their types, counted by docs/encord-api.md §5, read back as served, and copied to another branch through
// Encord's copy endpoint and without it, then undone.

#include "encord/encordstore.h"
#include "engine/engine.h"
#include "fakeencordserver.h"
#include "modalityrows.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

const QByteArray Seed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QString kCopied = QStringLiteral("copied");

SshKey keyFromSeed(const QByteArray &seed)
{
    auto key = SshKey::fromSeed(seed);
    if (!key)
        qFatal("key");
    return key.value();
}

// The parts of a row that are its labels and media, not its identity on a branch. An object answer with
// nothing in it is left out: a row written row by row gets one for every object, as the SDK writes it.
json labelsOf(const json &row)
{
    json out = json::object();
    for (const char *key : {"data_hash", "data_type", "data_title", "data_units", "object_answers",
                            "classification_answers", "object_actions", "spaces"})
        out[key] = row.value(key, json());
    json &answers = out["object_answers"];
    for (auto it = answers.begin(); it != answers.end();) {
        const json stub = {{"classifications", json::array()}, {"objectHash", it.key()}};
        it = it.value() == stub ? answers.erase(it) : std::next(it);
    }
    return out;
}

// Objects anywhere in a row: on its frames, in its answers, in its data-group children.
int labelCount(const json &row)
{
    int count = int(row.value("object_answers", json::object()).size());
    for (const char *key : {"data_units", "spaces"}) {
        for (const json &holder : row.value(key, json::object())) {
            const json labels = holder.value("labels", json::object());
            if (labels.contains("objects"))
                count += int(labels["objects"].size());
            else
                for (const json &frame : labels)
                    count += int(frame.value("objects", json::array()).size());
        }
    }
    return count;
}

} // namespace

class TestEncordModalities : public QObject
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
        s.cacheDir = m_cacheDir->path();
        auto store = EncordStore::open(keyFromSeed(Seed), s);
        if (!store)
            qFatal("cannot open the Encord store: %s", qPrintable(store.error()));
        return std::move(store).value();
    }

    static QHash<QString, LabelRowSummary> rowsOn(Store &store, const QString &branch)
    {
        RowQuery query;
        query.branch = branch;
        const Result<QList<LabelRowSummary>> rows = store.listRows(query);
        if (!rows)
            qFatal("listing %s failed: %s", qPrintable(branch), qPrintable(rows.error()));
        QHash<QString, LabelRowSummary> byData;
        for (const LabelRowSummary &row : rows.value())
            byData.insert(row.dataHash, row);
        return byData;
    }

private Q_SLOTS:
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        m_server->registerPublicKey(keyFromSeed(Seed).publicKey());
        for (const ModalityCase &c : modalityCases())
            m_server->putRawRow(QStringLiteral("main"), c.row);
    }

    void cleanup()
    {
        m_server.reset();
        m_cacheDir.reset();
    }

    void everyTypeIsListedCountedAndServed()
    {
        auto store = openStore();
        const auto rows = rowsOn(*store, QStringLiteral("main"));
        QCOMPARE(rows.size(), modalityCases().size());
        for (const ModalityCase &c : modalityCases()) {
            const LabelRowSummary row = rows.value(caseDataHash(c));
            QVERIFY2(row.dataType == c.unitType,
                     qPrintable(c.name + QStringLiteral(": ") + row.dataType.labelRowName()));
            QCOMPARE(row.dataType.labelRowName(), c.typeName);
            QCOMPARE(row.objectCount, c.objects);
            QCOMPARE(row.classCounts, c.classes);
        }
        // The data units are listed with their types too, a type Encord adds later by its own name.
        const QHash<QString, DataType> types = unitTypesOf(*store);
        QCOMPARE(types.size(), modalityCases().size());
        for (const ModalityCase &c : modalityCases())
            QCOMPARE(types.value(caseDataHash(c)).labelRowName(), c.typeName);

        // Each row's content is read back as Encord served it.
        const QList<ModalityCase> cases = modalityCases();
        QStringList labelHashes;
        for (const ModalityCase &c : cases)
            labelHashes.append(rows.value(caseDataHash(c)).labelHash);
        const Result<QList<QByteArray>> contents =
            store->fetchContentBytes(QStringLiteral("main"), labelHashes);
        QVERIFY2(contents.ok(), qPrintable(contents.error()));
        for (qsizetype i = 0; i < contents->size(); ++i) {
            const ModalityCase &c = cases.at(i);
            const json served = json::parse(contents->at(i).toStdString());
            QVERIFY2(labelsOf(served) == labelsOf(c.row), qPrintable(c.name));
        }
    }

    void everyTypeIsCopiedLive_data()
    {
        QTest::addColumn<bool>("endpoint");
        QTest::newRow("Encord's copy endpoint") << true;
        QTest::newRow("row by row") << false;
    }

    // Copied to a new branch, each row has the source's labels, media and children; the copy compares as
    // identical, counts as the source does, and undoing it leaves the rows it created empty.
    void everyTypeIsCopiedLive()
    {
        QFETCH(bool, endpoint);
        m_server->setCopyEndpoint(endpoint);
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        CopyRequest request;
        request.targetBranch = kCopied;
        request.batchSize = 4;
        const Result<CopyResult> copied = engine.copy(request);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(copied->method, endpoint ? CopyMethod::Server : CopyMethod::Client);
        QCOMPARE(copied->created, int(modalityCases().size()));

        const auto rows = rowsOn(*store, kCopied);
        for (const ModalityCase &c : modalityCases()) {
            const json source = m_server->row(QStringLiteral("main"), caseDataHash(c));
            const json target = m_server->row(kCopied, caseDataHash(c));
            QVERIFY2(
                labelsOf(target) == labelsOf(source),
                qPrintable(c.name + QStringLiteral(":\n") +
                           QString::fromStdString(json::diff(labelsOf(source), labelsOf(target)).dump())));
            QCOMPARE(rows.value(caseDataHash(c)).dataType, c.unitType);
            QCOMPARE(rows.value(caseDataHash(c)).objectCount, c.objects);
        }
        const Result<BranchDiff> diff = engine.diff(QStringLiteral("main"), kCopied);
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        for (const DiffEntry &entry : diff->entries)
            QVERIFY2(entry.status == DiffStatus::Identical, qPrintable(entry.dataTitle));

        const Result<UndoResult> undone = engine.undoLast(kCopied);
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->emptied, int(modalityCases().size()));
        for (const ModalityCase &c : modalityCases()) {
            const json emptied = m_server->row(kCopied, caseDataHash(c));
            QVERIFY2(labelCount(emptied) == 0, qPrintable(c.name));
            QCOMPARE(emptied.value("data_type", json()), c.row.at("data_type"));
            QCOMPARE(emptied.value("data_units", json()).size(), c.row.at("data_units").size());
        }
    }

    // An edited row of each type synced back over main replaces main's, and undo gives main's back exactly.
    void everyTypeIsSyncedLiveAndUndone()
    {
        for (const ModalityCase &c : modalityCases()) {
            json edited = c.row;
            edited["label_hash"] = nullptr;
            edited["object_answers"]["added"] = {{"objectHash", "added"}, {"classifications", json::array()}};
            m_server->putRawRow(kCopied, edited);
        }
        auto store = openStore();
        Engine engine(*store, QStringLiteral("tester"));
        const auto before = rowsOn(*store, QStringLiteral("main"));
        CopyRequest request;
        request.sourceBranch = kCopied;
        request.targetBranch = QStringLiteral("main");
        const Result<CopyResult> synced = engine.sync(request);
        QVERIFY2(synced.ok(), qPrintable(synced.error()));
        QCOMPARE(synced->replaced, int(modalityCases().size()));
        for (const ModalityCase &c : modalityCases())
            QVERIFY(
                m_server->row(QStringLiteral("main"), caseDataHash(c))["object_answers"].contains("added"));

        const Result<UndoResult> undone = engine.undoLast(QStringLiteral("main"));
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(undone->restored, int(modalityCases().size()));
        const auto after = rowsOn(*store, QStringLiteral("main"));
        for (const ModalityCase &c : modalityCases()) {
            QVERIFY2(labelsOf(m_server->row(QStringLiteral("main"), caseDataHash(c))) == labelsOf(c.row),
                     qPrintable(c.name));
            QCOMPARE(after.value(caseDataHash(c)).contentHash, before.value(caseDataHash(c)).contentHash);
        }
    }
};

QTEST_GUILESS_MAIN(TestEncordModalities)
#include "tst_encord_modalities.moc"
