#include "domain/classcountsencoding.h"
#include "store/sqlite/sqliteschema.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"

#include <atomic>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <QUuid>

using namespace lb;

namespace {

const QString kApple = QStringLiteral("qWm5E3j4");
const QString kPear = QStringLiteral("no8RyWRY");

struct Box
{
    const char *objectHash;
    QString featureHash;
    double x;
};

QString unitHash(int i)
{
    return QStringLiteral("aaaaaaaa-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
}

QString unitTitle(int i)
{
    return QStringLiteral("image-%1.jpg").arg(i, 3, 10, QLatin1Char('0'));
}

// A hand-written Encord image label row (docs/encord-api.md §4.7) with bounding boxes.
nlohmann::json imageRow(int unit, const QString &labelHash, const QString &status, const QList<Box> &boxes,
                        const QString &edited = QStringLiteral("2025-01-02 11:00:00"))
{
    const std::string dataHash = unitHash(unit).toStdString();
    nlohmann::json objects = nlohmann::json::array();
    nlohmann::json answers = nlohmann::json::object();
    for (const Box &box : boxes) {
        const bool apple = box.featureHash == kApple;
        objects.push_back({{"name", apple ? "Apple" : "Pear"},
                           {"color", apple ? "#D33115" : "#E27300"},
                           {"shape", "bounding_box"},
                           {"value", apple ? "apple" : "pear"},
                           {"createdAt", "Wed, 01 Jan 2025 10:05:00 GMT"},
                           {"createdBy", "ann@example.com"},
                           {"confidence", 1},
                           {"objectHash", box.objectHash},
                           {"featureHash", box.featureHash.toStdString()},
                           {"manualAnnotation", true},
                           {"boundingBox", {{"h", 0.2}, {"w", 0.1}, {"x", box.x}, {"y", 0.4}}}});
        answers[box.objectHash] = {{"objectHash", box.objectHash},
                                   {"classifications", nlohmann::json::array()}};
    }
    return {{"label_hash", labelHash.isEmpty() ? nlohmann::json() : nlohmann::json(labelHash.toStdString())},
            {"branch_name", "main"},
            {"created_at", "2025-01-01 10:00:00"},
            {"last_edited_at", edited.toStdString()},
            {"dataset_hash", "dddddddd-0000-4000-8000-00000000000d"},
            {"dataset_title", "DS"},
            {"data_title", unitTitle(unit).toStdString()},
            {"data_hash", dataHash},
            {"data_type", "image"},
            {"label_status", status.toStdString()},
            {"annotation_task_status", nullptr},
            {"spaces", nlohmann::json::object()},
            {"data_units",
             {{dataHash,
               {{"data_hash", dataHash},
                {"data_title", unitTitle(unit).toStdString()},
                {"data_type", "image/jpeg"},
                {"data_sequence", 0},
                {"data_link", nullptr},
                {"width", 640},
                {"height", 480},
                {"labels", {{"objects", objects}, {"classifications", nlohmann::json::array()}}}}}}},
            {"object_answers", answers},
            {"classification_answers", nlohmann::json::object()},
            {"object_actions", nlohmann::json::object()}};
}

LabelRowDocument document(const nlohmann::json &json)
{
    auto parsed = LabelRowDocument::fromJson(json);
    if (!parsed)
        qFatal("test row does not parse: %s", qPrintable(parsed.error()));
    return parsed.value();
}

QList<DataUnit> units(int count, int first = 1)
{
    QList<DataUnit> list;
    for (int i = first; i < first + count; ++i) {
        DataUnit unit;
        unit.dataHash = unitHash(i);
        unit.dataTitle = unitTitle(i);
        unit.dataType = DataType::Image;
        unit.datasetHash = QStringLiteral("dddddddd-0000-4000-8000-00000000000d");
        unit.datasetTitle = QStringLiteral("DS");
        unit.width = 640;
        unit.height = 480;
        list.append(unit);
    }
    return list;
}

Ontology fruitOntology()
{
    Ontology ontology;
    ontology.ontologyHash = QStringLiteral("0b0b0b0b-0000-4000-8000-000000000001");
    ontology.title = QStringLiteral("Fruit");
    ontology.objects = {
        {kApple, QStringLiteral("Apple"), QStringLiteral("bounding_box"), QStringLiteral("#D33115")},
        {kPear, QStringLiteral("Pear"), QStringLiteral("bounding_box"), QStringLiteral("#E27300")}};
    ontology.classifications = {{QStringLiteral("4BjoumKd"),
                                 QStringLiteral("hot dog"),
                                 QStringLiteral("t/prlg4Z"),
                                 {QStringLiteral("hot dog"), QStringLiteral("not hot dog")},
                                 {QStringLiteral("8fjrfCJy"), QStringLiteral("MpKwvogL")}}};
    return ontology;
}

ProjectInfo fruitInfo()
{
    ProjectInfo info;
    info.projectHash = QStringLiteral("77777777-0000-4000-8000-000000000007");
    info.title = QStringLiteral("Fruit project");
    info.description = QStringLiteral("apples and pears");
    return info;
}

// A checksum over every column of every row of a branch (content bytes included), NULL distinct from ''.
QString branchChecksum(SqliteStore &store, const QString &branch)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral(
        "SELECT quote(du.data_hash) || '|' || quote(r.label_hash) || '|' || quote(r.created_by) || '|' || "
        "quote(r.label_status) || '|' || quote(r.created_at) || '|' || quote(r.last_edited_at) || '|' || "
        "quote(c.object_count) || '|' || quote(c.classification_count) || '|' || quote(c.class_counts) || '|' || "
        "quote(c.content_hash) || '|' || quote(r.source_branch) || '|' || quote(r.source_content_id) || '|' || "
        "quote(r.copied_at) || '|' || quote(cb.content) FROM label_rows r JOIN branches b ON b.id = r.branch_id "
        "JOIN data_units du ON du.id = r.data_unit_id JOIN label_contents c ON c.id = r.content_id JOIN label_content_bytes cb ON cb.content_id = c.id "
        "WHERE b.name = ? ORDER BY du.data_hash"));
    query.addBindValue(branch);
    if (!query.exec())
        qFatal("checksum query failed: %s", qPrintable(query.lastError().text()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    int rows = 0;
    while (query.next()) {
        hash.addData(query.value(0).toString().toUtf8());
        hash.addData(QByteArrayView("\n"));
        ++rows;
    }
    return QString::number(rows) + QLatin1Char(':') + QString::fromLatin1(hash.result().toHex());
}

int scalarInt(SqliteStore &store, const QString &statement)
{
    QSqlQuery query(store.database());
    if (!query.exec(statement) || !query.next())
        qFatal("query failed: %s", qPrintable(query.lastError().text()));
    return query.value(0).toInt();
}

// Runs `statement` on a file through a private connection that is closed again.
bool rawExec(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("tst-raw-%1").arg(QUuid::createUuid().toString());
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &statement : statements) {
            if (!ok)
                break;
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok)
                qWarning() << statement << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString labelHashOf(SqliteStore &store, const QString &branch, int unit)
{
    RowQuery query;
    query.branch = branch;
    query.dataHashes = {unitHash(unit)};
    auto rows = store.listRows(query);
    if (!rows || rows->isEmpty())
        return QString();
    return rows->first().labelHash;
}

} // namespace

class TestSqliteStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileCounter = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("project-%1.lbproj").arg(++m_fileCounter)); }

    // main: units 1..3 with 1, 2 and 3 boxes; units 4 and 5 uninitialised.
    std::unique_ptr<SqliteStore> makeProject(const QString &path, int unitCount = 5)
    {
        auto created = SqliteStore::create(path, fruitInfo(), fruitOntology(), units(unitCount));
        if (!created)
            qFatal("create failed: %s", qPrintable(created.error()));
        std::unique_ptr<SqliteStore> store = std::move(created).value();
        const QList<LabelRowDocument> rows = {
            document(imageRow(1, QStringLiteral("11111111-1111-4111-8111-000000000001"),
                              QStringLiteral("LABELLED"), {{"obj1a", kApple, 0.1}},
                              QStringLiteral("2025-01-02 11:00:00"))),
            document(imageRow(2, QStringLiteral("11111111-1111-4111-8111-000000000002"),
                              QStringLiteral("LABEL_IN_PROGRESS"),
                              {{"obj2a", kApple, 0.1}, {"obj2b", kPear, 0.5}},
                              QStringLiteral("2025-02-02 11:00:00"))),
            document(imageRow(3, QStringLiteral("11111111-1111-4111-8111-000000000003"),
                              QStringLiteral("REVIEWED"),
                              {{"obj3a", kApple, 0.1}, {"obj3b", kApple, 0.3}, {"obj3c", kPear, 0.5}},
                              QStringLiteral("2025-03-02 11:00:00"))),
        };
        auto written = store->writeRows(0, QStringLiteral("main"), rows, false);
        if (!written)
            qFatal("writeRows failed: %s", qPrintable(written.error()));
        return store;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void operationKindNamesRoundTrip()
    {
        for (OperationKind kind : {OperationKind::Copy, OperationKind::Sync, OperationKind::Snapshot,
                                   OperationKind::Import, OperationKind::Undo, OperationKind::ApplyReview,
                                   OperationKind::Merge}) {
            OperationKind parsed = OperationKind::Copy;
            QVERIFY(parseOperationKind(operationKindName(kind), &parsed));
            QCOMPARE(parsed, kind);
        }
        QCOMPARE(operationKindName(OperationKind::ApplyReview), QStringLiteral("apply-review"));
        OperationKind unused;
        QVERIFY(!parseOperationKind(QStringLiteral("rebase"), &unused));
    }

    void classCountsEncodingRoundTrip()
    {
        const QHash<QString, int> counts = {{kApple, 2}, {kPear, 1}, {QStringLiteral("odd:key;%x"), 7}};
        const QString text = encodeClassCounts(counts);
        QCOMPARE(decodeClassCounts(text), counts);
        QCOMPARE(encodeClassCounts({{kPear, 1}, {kApple, 2}}), QStringLiteral("no8RyWRY:1;qWm5E3j4:2"));
        QVERIFY(decodeClassCounts(QString()).isEmpty());
    }

    void createAndOpenRoundTrip()
    {
        const QString path = newPath();
        {
            auto store = makeProject(path);
            QVERIFY(!store->isReadOnly());
            QCOMPARE(store->projectInfo().title, QStringLiteral("Fruit project"));
            QCOMPARE(store->projectInfo().projectHash, fruitInfo().projectHash);
            auto branches = store->branches();
            QVERIFY2(branches, qPrintable(branches.error()));
            QCOMPARE(branches->size(), 1);
            QCOMPARE(branches->first().name, QStringLiteral("main"));
        }
        auto reopened = SqliteStore::open(path);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        SqliteStore &store = *reopened.value();
        QCOMPARE(store.projectInfo().projectHash, fruitInfo().projectHash);
        QCOMPARE(store.projectInfo().description, QStringLiteral("apples and pears"));
        QCOMPARE(store.projectInfo().location, QFileInfo(path).absoluteFilePath());
        QVERIFY(!store.projectInfo().remote);

        auto ontology = store.ontology();
        QVERIFY2(ontology, qPrintable(ontology.error()));
        QCOMPARE(ontology->title, QStringLiteral("Fruit"));
        QCOMPARE(ontology->objects.size(), 2);
        QCOMPARE(ontology->objects.at(1).featureHash, kPear);
        QCOMPARE(ontology->objects.at(1).color, QStringLiteral("#E27300"));
        QCOMPARE(ontology->classifications.size(), 1);
        QCOMPARE(ontology->classifications.first().optionHashes,
                 QStringList({QStringLiteral("8fjrfCJy"), QStringLiteral("MpKwvogL")}));

        auto dataUnits = store.dataUnits();
        QVERIFY2(dataUnits, qPrintable(dataUnits.error()));
        QCOMPARE(dataUnits->size(), 5);
        QCOMPARE(dataUnits->first().dataHash, unitHash(1));
        QCOMPARE(dataUnits->first().width, 640);
        QCOMPARE(dataUnits->first().datasetTitle, QStringLiteral("DS"));

        // The file is marked as ours and in WAL mode.
        QCOMPARE(scalarInt(store, QStringLiteral("PRAGMA application_id")),
                 int(SqliteSchema::kApplicationId));
        QCOMPARE(scalarInt(store, QStringLiteral("PRAGMA user_version")), SqliteStore::kSchemaVersion);
        QCOMPARE(scalarInt(store, QStringLiteral("PRAGMA foreign_keys")), 1);
        QSqlQuery mode(store.database());
        QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
    }

    void createRefusesExistingPath()
    {
        const QString path = newPath();
        QVERIFY(test::writeFile(path, "precious"));
        const QString before = test::fileSha256(path);
        auto created = SqliteStore::create(path, fruitInfo(), fruitOntology(), units(2));
        QVERIFY(!created);
        QVERIFY2(created.error().contains(QStringLiteral("already exists")), qPrintable(created.error()));
        QCOMPARE(test::fileSha256(path), before);
    }

    void createRefusesDuplicateDataUnitsAndLeavesNoFile()
    {
        const QString path = newPath();
        QList<DataUnit> list = units(2);
        list.append(units(1).first());
        auto created = SqliteStore::create(path, fruitInfo(), fruitOntology(), list);
        QVERIFY(!created);
        QVERIFY2(created.error().contains(unitHash(1)), qPrintable(created.error()));
        QVERIFY(!QFile::exists(path));
    }

    void persistenceAcrossReopen()
    {
        const QString path = newPath();
        qint64 operationId = 0;
        QString copiedHash;
        {
            auto store = makeProject(path);
            QVERIFY(store->createBranch(QStringLiteral("export-2026-01-01"), QStringLiteral("main"), true));
            OperationRecord record;
            record.kind = OperationKind::Snapshot;
            record.sourceBranch = QStringLiteral("main");
            record.targetBranch = QStringLiteral("export-2026-01-01");
            record.createdTargetBranch = true;
            record.user = QStringLiteral("ann");
            auto begun = store->beginOperation(record);
            QVERIFY2(begun, qPrintable(begun.error()));
            operationId = *begun;
            auto copied =
                store->copyBatch(operationId, QStringLiteral("main"), QStringLiteral("export-2026-01-01"),
                                 {{unitHash(2), labelHashOf(*store, QStringLiteral("main"), 2), QString()}});
            QVERIFY2(copied, qPrintable(copied.error()));
            record.id = operationId;
            record.created = 1;
            QVERIFY(store->finishOperation(record));
            AuditEntry entry;
            entry.user = QStringLiteral("ann");
            entry.action = QStringLiteral("snapshot");
            entry.summary = QStringLiteral("snapshot of main");
            entry.details = QStringLiteral("{\"rows\":1}");
            entry.operationId = operationId;
            QVERIFY(store->appendAudit(entry));
            copiedHash = labelHashOf(*store, QStringLiteral("export-2026-01-01"), 2);
        }
        auto reopened = SqliteStore::open(path);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        SqliteStore &store = *reopened.value();

        auto branches = store.branches();
        QVERIFY(branches);
        QCOMPARE(branches->size(), 2);
        QCOMPARE(branches->at(0).name, QStringLiteral("main"));
        QCOMPARE(branches->at(0).rowCount, 3);
        QCOMPARE(branches->at(0).objectCount, 6);
        QCOMPARE(branches->at(0).lastEditedAt, QDateTime(QDate(2025, 3, 2), QTime(11, 0), Qt::UTC));
        QCOMPARE(branches->at(1).name, QStringLiteral("export-2026-01-01"));
        QCOMPARE(branches->at(1).rowCount, 1);
        QCOMPARE(branches->at(1).objectCount, 2);
        QCOMPARE(branches->at(1).createdFrom, QStringLiteral("main"));
        QVERIFY(branches->at(1).isSnapshot);
        QVERIFY(!branches->at(0).isSnapshot);

        RowQuery query;
        auto rows = store.listRows(query);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 3);
        const LabelRowSummary &third = rows->at(2);
        QCOMPARE(third.dataHash, unitHash(3));
        QCOMPARE(third.labelHash, QStringLiteral("11111111-1111-4111-8111-000000000003"));
        QCOMPARE(third.labelStatus, QStringLiteral("REVIEWED"));
        QCOMPARE(third.objectCount, 3);
        QCOMPARE(third.classCounts.value(kApple), 2);
        QCOMPARE(third.classCounts.value(kPear), 1);
        QCOMPARE(third.createdAt, QDateTime(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(third.lastEditedAt, QDateTime(QDate(2025, 3, 2), QTime(11, 0), Qt::UTC));
        QCOMPARE(third.contentHash.size(), 64);
        QCOMPARE(third.dataTitle, unitTitle(3));

        RowQuery onSnapshot;
        onSnapshot.branch = QStringLiteral("export-2026-01-01");
        auto copies = store.listRows(onSnapshot);
        QVERIFY(copies);
        QCOMPARE(copies->size(), 1);
        QCOMPARE(copies->first().labelHash, copiedHash);
        QCOMPARE(copies->first().provenance.sourceBranch, QStringLiteral("main"));
        QCOMPARE(copies->first().provenance.sourceContentHash, rows->at(1).contentHash);
        QVERIFY(copies->first().provenance.copiedAt.isValid());

        auto operations = store.operations();
        QVERIFY(operations);
        QCOMPARE(operations->size(), 1);
        QCOMPARE(operations->first().id, operationId);
        QCOMPARE(operations->first().kind, OperationKind::Snapshot);
        QCOMPARE(operations->first().created, 1);
        QVERIFY(operations->first().createdTargetBranch);
        QCOMPARE(operations->first().user, QStringLiteral("ann"));
        QVERIFY(operations->first().finishedAt.isValid());

        auto audit = store.auditLog();
        QVERIFY(audit);
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->first().action, QStringLiteral("snapshot"));
        QCOMPARE(audit->first().details, QStringLiteral("{\"rows\":1}"));
        QCOMPARE(audit->first().operationId, operationId);
        QVERIFY(audit->first().time.isValid());
    }

    // --- refusals ------------------------------------------------------------------------------------

    void refusesMissingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("nothing-here.lbproj"));
        auto opened = SqliteStore::open(path);
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(QStringLiteral("does not exist")), qPrintable(opened.error()));
        QVERIFY(!QFile::exists(path));
    }

    void refusesUnchanged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << "text"
                                   << "is not a labelbranch project (not an SQLite database)";
        QTest::newRow("random bytes") << "random"
                                      << "is not a labelbranch project (not an SQLite database)";
        QTest::newRow("empty file") << "empty"
                                    << "is not a labelbranch project (not an SQLite database)";
        QTest::newRow("foreign sqlite") << "foreign"
                                        << "is an SQLite file but not a labelbranch project";
        QTest::newRow("truncated project") << "truncated"
                                           << "is damaged: ";
        QTest::newRow("corrupted pages") << "corrupted"
                                         << "is damaged: ";
        QTest::newRow("newer schema") << "newer"
                                      << "newer version of labelbranch";
    }

    void refusesUnchanged()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString path = newPath();
        if (kind == QLatin1String("text")) {
            QVERIFY(test::writeFile(path, "label_hash,data_hash\n1,2\n"));
        } else if (kind == QLatin1String("random")) {
            QByteArray bytes(8192, Qt::Uninitialized);
            for (char &c : bytes)
                c = char(QRandomGenerator::global()->bounded(256));
            QVERIFY(test::writeFile(path, bytes));
        } else if (kind == QLatin1String("empty")) {
            QVERIFY(test::writeFile(path, QByteArray()));
        } else if (kind == QLatin1String("foreign")) {
            QVERIFY(rawExec(path, {QStringLiteral("PRAGMA journal_mode = WAL"),
                                   QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"),
                                   QStringLiteral("INSERT INTO notes (body) VALUES ('hello')")}));
        } else if (kind == QLatin1String("truncated")) {
            makeProject(path, 400);
            const QByteArray bytes = test::readFile(path);
            QVERIFY(bytes.size() > 8192);
            QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
            QVERIFY(test::writeFile(path, bytes.left(bytes.size() / 2)));
        } else if (kind == QLatin1String("corrupted")) {
            makeProject(path, 400);
            QByteArray bytes = test::readFile(path);
            // Garbage over everything after the first page: the header is fine, the b-trees are not.
            for (qsizetype i = 4096; i < bytes.size(); ++i)
                bytes[i] = char(0xA5 ^ (i & 0xff));
            QVERIFY(test::writeFile(path, bytes));
        } else if (kind == QLatin1String("newer")) {
            makeProject(path);
            QVERIFY(rawExec(path, {QStringLiteral("PRAGMA user_version = 99")}));
        }
        const QString before = test::projectFilesSha256(path);
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);

        auto opened = SqliteStore::open(path);
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(expected), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QDir::toNativeSeparators(path)), qPrintable(opened.error()));
        QCOMPARE(test::projectFilesSha256(path), before);
        QCOMPARE(test::fileSha256(path), test::fileSha256(path)); // readable, still there
        // Nothing was created beside the file either.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
    }

    void readOnlyFileOpensReadOnly()
    {
        const QString path = newPath();
        QString mainHash;
        {
            auto store = makeProject(path);
            QVERIFY(store->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
            mainHash = labelHashOf(*store, QStringLiteral("main"), 1);
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                                QFileDevice::ReadOther));
        const auto restore = qScopeGuard([&] {
            QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        });
        const QString before = test::projectFilesSha256(path);
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
        {
            auto opened = SqliteStore::open(path);
            QVERIFY2(opened, qPrintable(opened.error()));
            SqliteStore &store = *opened.value();
            // As a superuser the OS would allow writing; the store still honours the permission bits.
            QVERIFY(store.isReadOnly());

            auto rows = store.listRows(RowQuery());
            QVERIFY2(rows, qPrintable(rows.error()));
            QCOMPARE(rows->size(), 3);
            auto contents = store.fetchContents(QStringLiteral("main"), {mainHash});
            QVERIFY2(contents, qPrintable(contents.error()));
            QCOMPARE(contents->first().objectInstanceCount(), 1);
            QVERIFY(store.branches());
            QVERIFY(store.operations());
            QVERIFY(store.auditLog());

            const QString readOnly = QStringLiteral("is read-only");
            auto check = [&](const QString &error) {
                QVERIFY2(error.contains(readOnly), qPrintable(error));
                QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
            };
            check(store.createBranch(QStringLiteral("x"), QString(), false).error());
            check(store.renameBranch(QStringLiteral("feature"), QStringLiteral("y")).error());
            check(store.deleteBranch(QStringLiteral("feature")).error());
            check(store.beginOperation(OperationRecord()).error());
            OperationRecord record;
            record.id = 1;
            check(store.finishOperation(record).error());
            check(store
                      .copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                                 {{unitHash(1), mainHash, QString()}})
                      .error());
            check(store
                      .writeRows(0, QStringLiteral("feature"),
                                 {document(imageRow(4, QString(), QStringLiteral("LABELLED"),
                                                    {{"o4", kApple, 0.2}}))},
                                 false)
                      .error());
            check(store.undoOperation(1).error());
            check(store
                      .appendAudit(AuditEntry{0, QDateTime(), QStringLiteral("u"), QStringLiteral("copy"),
                                              QString(), QString(), 0})
                      .error());
            check(store.addDataUnits(units(1, 50)).error());

            // A second instance for a worker thread is read-only too.
            auto another = store.openAnother();
            QVERIFY2(another, qPrintable(another.error()));
            QVERIFY(!another.value()->createBranch(QStringLiteral("z"), QString(), false));
            QVERIFY(another.value()->listRows(RowQuery()));
        }
        QCOMPARE(test::projectFilesSha256(path), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
    }

    // --- listing -------------------------------------------------------------------------------------

    void listRowsFilters()
    {
        auto store = makeProject(newPath());
        const auto hashes = [&](const RowQuery &query) {
            QStringList out;
            auto rows = store->listRows(query);
            if (!rows) {
                out << QStringLiteral("error: ") + rows.error();
                return out;
            }
            for (const LabelRowSummary &row : *rows)
                out << row.dataHash.right(2);
            auto count = store->countRows(query);
            if (!count || (query.limit < 0 && query.offset == 0 && *count != rows->size()))
                out << QStringLiteral("count mismatch");
            return out;
        };
        const auto list = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *item : items)
                out << QString::fromLatin1(item);
            return out;
        };

        RowQuery all;
        QCOMPARE(hashes(all), list({"01", "02", "03"}));

        RowQuery byData;
        byData.dataHashes = {unitHash(3), unitHash(1), unitHash(4), QStringLiteral("unknown")};
        QCOMPARE(hashes(byData), list({"01", "03"}));

        RowQuery byLabel;
        byLabel.labelHashes = {QStringLiteral("11111111-1111-4111-8111-000000000002")};
        QCOMPARE(hashes(byLabel), list({"02"}));

        // Label hashes apply to what data hashes left.
        RowQuery both;
        both.dataHashes = {unitHash(1)};
        both.labelHashes = {QStringLiteral("11111111-1111-4111-8111-000000000002")};
        QCOMPARE(hashes(both), QStringList());

        RowQuery titleEquals;
        titleEquals.titleEquals = unitTitle(2);
        QCOMPARE(hashes(titleEquals), list({"02"}));

        RowQuery titleLike;
        titleLike.titleLike = QStringLiteral("image-00_.jpg");
        QCOMPARE(hashes(titleLike), list({"01", "02", "03"}));
        titleLike.titleLike = QStringLiteral("%3.jpg");
        QCOMPARE(hashes(titleLike), list({"03"}));

        RowQuery statuses;
        statuses.statuses = {QStringLiteral("LABELLED"), QStringLiteral("REVIEWED")};
        QCOMPARE(hashes(statuses), list({"01", "03"}));

        RowQuery before;
        before.editedBefore = QDateTime(QDate(2025, 2, 15), QTime(0, 0), Qt::UTC);
        QCOMPARE(hashes(before), list({"01", "02"}));
        RowQuery after;
        after.editedAfter = QDateTime(QDate(2025, 2, 15), QTime(0, 0), Qt::UTC);
        QCOMPARE(hashes(after), list({"03"}));
        RowQuery window;
        window.editedAfter = QDateTime(QDate(2025, 1, 15), QTime(0, 0), Qt::UTC);
        window.editedBefore = QDateTime(QDate(2025, 2, 15), QTime(0, 0), Qt::UTC);
        QCOMPARE(hashes(window), list({"02"}));

        RowQuery byCount;
        byCount.order = RowQuery::Order::ObjectCount;
        byCount.descending = true;
        QCOMPARE(hashes(byCount), list({"03", "02", "01"}));
        RowQuery byEdit;
        byEdit.order = RowQuery::Order::LastEdited;
        byEdit.descending = true;
        QCOMPARE(hashes(byEdit), list({"03", "02", "01"}));
        RowQuery byStatus;
        byStatus.order = RowQuery::Order::Status;
        QCOMPARE(hashes(byStatus), list({"02", "01", "03"})); // LABEL_IN_PROGRESS < LABELLED < REVIEWED
        RowQuery byTitleDesc;
        byTitleDesc.descending = true;
        QCOMPARE(hashes(byTitleDesc), list({"03", "02", "01"}));

        RowQuery page;
        page.offset = 1;
        page.limit = 1;
        QCOMPARE(hashes(page), list({"02"}));
        auto pageCount = store->countRows(page);
        QVERIFY(pageCount);
        QCOMPARE(*pageCount, 3); // count ignores paging
        RowQuery tail;
        tail.offset = 2;
        QCOMPARE(hashes(tail), list({"03"}));

        // All branches, and the refusals.
        QVERIFY(store->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
        auto copied =
            store->copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                             {{unitHash(2), labelHashOf(*store, QStringLiteral("main"), 2), QString()}});
        QVERIFY2(copied, qPrintable(copied.error()));
        RowQuery everywhere;
        everywhere.branch.clear();
        everywhere.allBranches = true;
        auto rows = store->listRows(everywhere);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 4);
        QCOMPARE(rows->at(1).dataHash, unitHash(2));
        QCOMPARE(rows->at(1).branchName, QStringLiteral("feature"));
        QCOMPARE(rows->at(2).branchName, QStringLiteral("main"));

        RowQuery conflicting;
        conflicting.allBranches = true; // branch is still "main"
        auto refused = store->listRows(conflicting);
        QVERIFY(!refused);
        QCOMPARE(refused.error(), QStringLiteral("cannot list one branch and all branches at once"));
        QVERIFY(!store->countRows(conflicting));

        RowQuery unknown;
        unknown.branch = QStringLiteral("nope");
        auto missing = store->listRows(unknown);
        QVERIFY(!missing);
        QCOMPARE(missing.error(), QStringLiteral("branch 'nope' does not exist"));
    }

    void includeUninitialised()
    {
        auto store = makeProject(newPath());
        RowQuery query;
        query.includeUninitialised = true;
        auto rows = store->listRows(query);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 5);
        QCOMPARE(rows->at(3).dataHash, unitHash(4));
        QVERIFY(rows->at(3).labelHash.isEmpty());
        QVERIFY(!rows->at(3).isInitialised());
        QCOMPARE(rows->at(3).labelStatus, QStringLiteral("NOT_LABELLED"));
        QCOMPARE(rows->at(3).branchName, QStringLiteral("main"));
        QCOMPARE(rows->at(3).dataTitle, unitTitle(4));
        QCOMPARE(rows->at(3).objectCount, 0);
        QVERIFY(rows->at(0).isInitialised());
        QCOMPARE(*store->countRows(query), 5);

        query.statuses = {QStringLiteral("NOT_LABELLED")};
        rows = store->listRows(query);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 2);

        // On an empty branch every data unit is uninitialised.
        QVERIFY(store->createBranch(QStringLiteral("empty"), QString(), false));
        RowQuery onEmpty;
        onEmpty.branch = QStringLiteral("empty");
        onEmpty.includeUninitialised = true;
        onEmpty.dataHashes = {unitHash(1), unitHash(2)};
        rows = store->listRows(onEmpty);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->first().branchName, QStringLiteral("empty"));
        QVERIFY(rows->first().labelHash.isEmpty());
    }

    void largeHashListsWork()
    {
        auto store = makeProject(newPath());
        RowQuery query;
        for (int i = 0; i < 40000; ++i)
            query.dataHashes << QUuid::createUuid().toString(QUuid::WithoutBraces);
        query.dataHashes << unitHash(2) << unitHash(5);
        query.includeUninitialised = true;
        auto rows = store->listRows(query);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).dataHash, unitHash(2));
        QCOMPARE(rows->at(1).dataHash, unitHash(5));

        RowQuery byLabel;
        for (int i = 0; i < 40000; ++i)
            byLabel.labelHashes << QUuid::createUuid().toString(QUuid::WithoutBraces);
        byLabel.labelHashes << QStringLiteral("11111111-1111-4111-8111-000000000003");
        auto count = store->countRows(byLabel);
        QVERIFY2(count, qPrintable(count.error()));
        QCOMPARE(*count, 1);

        QStringList fetch;
        for (int i = 1; i <= 3; ++i)
            fetch << labelHashOf(*store, QStringLiteral("main"), i);
        auto contents = store->fetchContents(QStringLiteral("main"), fetch);
        QVERIFY2(contents, qPrintable(contents.error()));
        QCOMPARE(contents->size(), 3);
    }

    void fetchContentsFollowsOrderAndColumns()
    {
        auto store = makeProject(newPath());
        const QString first = labelHashOf(*store, QStringLiteral("main"), 1);
        const QString third = labelHashOf(*store, QStringLiteral("main"), 3);
        auto contents = store->fetchContents(QStringLiteral("main"), {third, first});
        QVERIFY2(contents, qPrintable(contents.error()));
        QCOMPARE(contents->size(), 2);
        QCOMPARE(contents->at(0).labelHash(), third);
        QCOMPARE(contents->at(0).objectInstanceCount(), 3);
        QCOMPARE(contents->at(1).labelHash(), first);
        QCOMPARE(contents->at(1).dataHash(), unitHash(1));

        auto unknown = store->fetchContents(QStringLiteral("main"), {first, QStringLiteral("not-a-row")});
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains(QStringLiteral("not-a-row")), qPrintable(unknown.error()));
        QVERIFY(!store->fetchContents(QStringLiteral("nope"), {first}));
    }

    // --- copy, journal, undo ---------------------------------------------------------------------------

    void copyBatchCreatesAndReplaces()
    {
        auto store = makeProject(newPath());
        QVERIFY(store->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
        // The feature branch has its own row for unit 1 (one pear) before the sync.
        auto own =
            store->writeRows(0, QStringLiteral("feature"),
                             {document(imageRow(1, QStringLiteral("22222222-2222-4222-8222-000000000001"),
                                                QStringLiteral("REVIEW_IN_PROGRESS"), {{"f1", kPear, 0.7}},
                                                QStringLiteral("2024-06-01 08:00:00")))},
                             false);
        QVERIFY2(own, qPrintable(own.error()));
        RowQuery featureQuery;
        featureQuery.branch = QStringLiteral("feature");
        const LabelRowSummary targetBefore = store->listRows(featureQuery)->first();

        RowQuery mainQuery;
        const QList<LabelRowSummary> mainRows = *store->listRows(mainQuery);

        OperationRecord record;
        record.kind = OperationKind::Sync;
        record.sourceBranch = QStringLiteral("main");
        record.targetBranch = QStringLiteral("feature");
        record.overwrite = true;
        auto operation = store->beginOperation(record);
        QVERIFY2(operation, qPrintable(operation.error()));

        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        auto result = store->copyBatch(*operation, QStringLiteral("main"), QStringLiteral("feature"),
                                       {{unitHash(1), mainRows.at(0).labelHash, targetBefore.labelHash},
                                        {unitHash(3), mainRows.at(2).labelHash, QString()}});
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
        QVERIFY2(result, qPrintable(result.error()));
        QCOMPARE(result->created, 1);
        QCOMPARE(result->replaced, 1);

        const QList<LabelRowSummary> feature = *store->listRows(featureQuery);
        QCOMPARE(feature.size(), 2);
        // Replaced: target identity kept, content and summary from the source, edited now, provenance set.
        const LabelRowSummary &replaced = feature.at(0);
        QCOMPARE(replaced.labelHash, targetBefore.labelHash);
        QCOMPARE(replaced.createdAt, targetBefore.createdAt);
        QCOMPARE(replaced.labelStatus, QStringLiteral("REVIEW_IN_PROGRESS"));
        QVERIFY(replaced.lastEditedAt >= before && replaced.lastEditedAt <= after);
        QCOMPARE(replaced.objectCount, mainRows.at(0).objectCount);
        QCOMPARE(replaced.classCounts, mainRows.at(0).classCounts);
        QCOMPARE(replaced.contentHash, mainRows.at(0).contentHash);
        QCOMPARE(replaced.provenance.sourceBranch, QStringLiteral("main"));
        QCOMPARE(replaced.provenance.sourceContentHash, mainRows.at(0).contentHash);
        QVERIFY(replaced.provenance.copiedAt >= before && replaced.provenance.copiedAt <= after);
        // Created: a fresh label hash, status from the source, created = edited = now.
        const LabelRowSummary &created = feature.at(1);
        QCOMPARE(created.dataHash, unitHash(3));
        QVERIFY(!created.labelHash.isEmpty());
        QVERIFY(created.labelHash != mainRows.at(2).labelHash);
        QVERIFY(!QUuid::fromString(created.labelHash).isNull());
        QCOMPARE(created.labelStatus, QStringLiteral("REVIEWED"));
        QVERIFY(created.createdAt >= before && created.createdAt <= after);
        QCOMPARE(created.lastEditedAt, created.createdAt);
        QCOMPARE(created.objectCount, 3);
        QCOMPARE(created.contentHash, mainRows.at(2).contentHash);
        QCOMPARE(created.provenance.sourceBranch, QStringLiteral("main"));

        // The source rows are untouched.
        const QList<LabelRowSummary> mainAfter = *store->listRows(mainQuery);
        QCOMPARE(mainAfter.at(0).lastEditedAt, mainRows.at(0).lastEditedAt);
        QVERIFY(mainAfter.at(0).provenance.sourceBranch.isEmpty());

        // Contents come back with the target's identity although the blob was moved untouched.
        auto contents =
            store->fetchContents(QStringLiteral("feature"), {replaced.labelHash, created.labelHash});
        QVERIFY2(contents, qPrintable(contents.error()));
        QCOMPARE(contents->at(0).labelHash(), replaced.labelHash);
        QCOMPARE(contents->at(0).branchName(), QStringLiteral("feature"));
        QCOMPARE(contents->at(0).labelStatus(), QStringLiteral("REVIEW_IN_PROGRESS"));
        QCOMPARE(contents->at(0).createdAt(), targetBefore.createdAt);
        QCOMPARE(contents->at(0).objectInstanceCount(), 1);
        QCOMPARE(contents->at(0).classCounts().value(kApple), 1);
        QCOMPARE(contents->at(0).contentHash(), mainRows.at(0).contentHash);
        QCOMPARE(contents->at(1).branchName(), QStringLiteral("feature"));
        QCOMPARE(contents->at(1).labelHash(), created.labelHash);

        // The created row names its operation; the journal holds the replaced row as it was.
        QCOMPARE(
            scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM label_rows WHERE created_by = %1").arg(*operation)),
            1);
        QCOMPARE(scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM journal WHERE operation_id = %1 AND "
                                                  "content_id IS NOT NULL")
                                       .arg(*operation)),
                 1);

        // operationId 0: not journaled.
        auto unjournaled = store->copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                                            {{unitHash(2), mainRows.at(1).labelHash, QString()}});
        QVERIFY2(unjournaled, qPrintable(unjournaled.error()));
        QCOMPARE(scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM journal")), 1);
        QCOMPARE(scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM label_rows WHERE created_by IS NULL AND "
                                                  "label_hash IS NULL")),
                 0);

        auto same = store->copyBatch(0, QStringLiteral("main"), QStringLiteral("main"), {});
        QVERIFY(!same);
        QVERIFY2(same.error().contains(QStringLiteral("must be different")), qPrintable(same.error()));
    }

    void failingBatchWritesNothing_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown data unit") << "unit"
                                           << "is not in this project";
        QTest::newRow("source row missing") << "source"
                                            << "is not on branch 'main'";
        QTest::newRow("target branch missing") << "target"
                                               << "branch 'ghost' does not exist";
        QTest::newRow("target already has a row") << "exists"
                                                  << "already has a row";
        QTest::newRow("unknown operation") << "operation"
                                           << "operation 999 does not exist";
    }

    void failingBatchWritesNothing()
    {
        QFETCH(QString, failure);
        QFETCH(QString, expected);
        auto store = makeProject(newPath());
        QVERIFY(store->createBranch(QStringLiteral("feature"), QString(), false));
        const QString h1 = labelHashOf(*store, QStringLiteral("main"), 1);
        const QString h2 = labelHashOf(*store, QStringLiteral("main"), 2);
        QVERIFY(store->copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                                 {{unitHash(3), labelHashOf(*store, QStringLiteral("main"), 3), QString()}}));
        auto operation = store->beginOperation(OperationRecord{});
        QVERIFY(operation);
        const QString featureBefore = branchChecksum(*store, QStringLiteral("feature"));
        const QString mainBefore = branchChecksum(*store, QStringLiteral("main"));

        QList<CopyItem> items = {{unitHash(1), h1, QString()}, {unitHash(2), h2, QString()}};
        QString target = QStringLiteral("feature");
        qint64 operationId = *operation;
        if (failure == QLatin1String("unit"))
            items.append({QStringLiteral("ffffffff-0000-4000-8000-000000000000"), h1, QString()});
        else if (failure == QLatin1String("source"))
            items.append({unitHash(4), QStringLiteral("11111111-1111-4111-8111-00000000beef"), QString()});
        else if (failure == QLatin1String("target"))
            target = QStringLiteral("ghost");
        else if (failure == QLatin1String("exists"))
            items.append({unitHash(3), labelHashOf(*store, QStringLiteral("main"), 3), QString()});
        else if (failure == QLatin1String("operation"))
            operationId = 999;

        auto result = store->copyBatch(operationId, QStringLiteral("main"), target, items);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
        QCOMPARE(branchChecksum(*store, QStringLiteral("feature")), featureBefore);
        QCOMPARE(branchChecksum(*store, QStringLiteral("main")), mainBefore);
        QCOMPARE(scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM journal")), 0);
        QVERIFY(!*store->branchExists(QStringLiteral("ghost")));
    }

    void undoRestoresByteForByte()
    {
        auto store = makeProject(newPath());
        QVERIFY(store->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
        QVERIFY(store->writeRows(
            0, QStringLiteral("feature"),
            {document(imageRow(1, QStringLiteral("33333333-3333-4333-8333-000000000001"),
                               QStringLiteral("LABELLED"), {{"g1", kPear, 0.7}, {"g2", kPear, 0.1}},
                               QStringLiteral("2024-06-01 08:00:00"))),
             document(imageRow(2, QStringLiteral("33333333-3333-4333-8333-000000000002"),
                               QStringLiteral("LABELLED"), {{"g3", kApple, 0.7}}))},
            false));
        // A copied row with provenance, so undo must restore provenance too.
        QVERIFY(store->copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                                 {{unitHash(3), labelHashOf(*store, QStringLiteral("main"), 3), QString()}}));
        const QString before = branchChecksum(*store, QStringLiteral("feature"));
        const QString mainBefore = branchChecksum(*store, QStringLiteral("main"));

        // Change main's unit 3 so the sync really replaces feature's copy with new content.
        QVERIFY(store->writeRows(
            0, QStringLiteral("main"),
            {document(imageRow(3, QString(), QStringLiteral("REVIEWED"), {{"n1", kApple, 0.9}}))}, true));
        const QString mainChanged = branchChecksum(*store, QStringLiteral("main"));

        OperationRecord record;
        record.kind = OperationKind::Sync;
        record.sourceBranch = QStringLiteral("main");
        record.targetBranch = QStringLiteral("feature");
        record.overwrite = true;
        auto operation = store->beginOperation(record);
        QVERIFY(operation);
        // Two batches of one operation: replace 1, 2, 3, then create 4 (written first by writeRows on main).
        QVERIFY(store->writeRows(
            0, QStringLiteral("main"),
            {document(imageRow(4, QString(), QStringLiteral("LABELLED"), {{"m4", kApple, 0.2}}))}, false));
        const QString mainWithFour = branchChecksum(*store, QStringLiteral("main"));
        QList<CopyItem> first;
        for (int unit : {1, 2, 3}) {
            first.append({unitHash(unit), labelHashOf(*store, QStringLiteral("main"), unit),
                          labelHashOf(*store, QStringLiteral("feature"), unit)});
        }
        auto batch1 = store->copyBatch(*operation, QStringLiteral("main"), QStringLiteral("feature"), first);
        QVERIFY2(batch1, qPrintable(batch1.error()));
        QCOMPARE(batch1->replaced, 3);
        auto batch2 =
            store->copyBatch(*operation, QStringLiteral("main"), QStringLiteral("feature"),
                             {{unitHash(4), labelHashOf(*store, QStringLiteral("main"), 4), QString()}});
        QVERIFY2(batch2, qPrintable(batch2.error()));
        QCOMPARE(batch2->created, 1);
        record.id = *operation;
        record.replaced = 3;
        record.created = 1;
        QVERIFY(store->finishOperation(record));
        QVERIFY(branchChecksum(*store, QStringLiteral("feature")) != before);

        // A later operation that wrote nothing is not what "undo" should pick.
        OperationRecord noop = record;
        noop.id = 0;
        auto skipped = store->beginOperation(noop);
        QVERIFY(skipped);
        noop.id = *skipped;
        noop.skipped = 4;
        QVERIFY(store->finishOperation(noop));

        auto last = store->lastUndoableOperation(QStringLiteral("feature"));
        QVERIFY(last);
        QCOMPARE(last->id, *operation);
        QCOMPARE(last->kind, OperationKind::Sync);
        QCOMPARE(last->replaced, 3);
        QVERIFY(last->overwrite);
        QCOMPARE(store->lastUndoableOperation()->id, *operation);
        QCOMPARE(store->lastUndoableOperation(QStringLiteral("main"))->id, 0);
        auto undone = store->undoOperation(*operation);
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(undone->undoneOperationId, *operation);
        QCOMPARE(undone->targetBranch, QStringLiteral("feature"));
        QCOMPARE(undone->removed, 1);
        QCOMPARE(undone->restored, 3);
        QVERIFY(!undone->branchRemoved);

        QCOMPARE(branchChecksum(*store, QStringLiteral("feature")), before);
        QCOMPARE(branchChecksum(*store, QStringLiteral("main")), mainWithFour);
        QVERIFY(mainChanged != mainBefore);

        auto again = store->undoOperation(*operation);
        QVERIFY(!again);
        QVERIFY2(again.error().contains(QStringLiteral("already been undone")), qPrintable(again.error()));
        auto operations = store->operations();
        QVERIFY(operations);
        QCOMPARE(operations->size(), 2);
        QCOMPARE(operations->at(0).id, *skipped); // newest first
        QVERIFY(!operations->at(0).undone);
        QCOMPARE(operations->at(1).id, *operation);
        QVERIFY(operations->at(1).undone);
        auto nothing = store->lastUndoableOperation(QStringLiteral("feature"));
        QVERIFY(nothing);
        QCOMPARE(nothing->id, 0);
        QVERIFY(!store->undoOperation(12345));
    }

    void undoRemovesTheBranchItCreated()
    {
        auto store = makeProject(newPath());
        OperationRecord record;
        record.kind = OperationKind::Snapshot;
        record.sourceBranch = QStringLiteral("main");
        record.targetBranch = QStringLiteral("snap");
        record.createdTargetBranch = true;
        auto operation = store->beginOperation(record);
        QVERIFY(operation);
        QVERIFY(store->createBranch(QStringLiteral("snap"), QStringLiteral("main"), true));
        QList<CopyItem> items;
        for (int unit : {1, 2, 3})
            items.append({unitHash(unit), labelHashOf(*store, QStringLiteral("main"), unit), QString()});
        QVERIFY(store->copyBatch(*operation, QStringLiteral("main"), QStringLiteral("snap"), items));

        // An older operation on another branch is still undoable; a newer one on the same branch blocks.
        OperationRecord other = record;
        other.targetBranch = QStringLiteral("snap");
        other.createdTargetBranch = false;
        auto newer = store->beginOperation(other);
        QVERIFY(newer);
        QVERIFY(store->writeRows(
            *newer, QStringLiteral("snap"),
            {document(imageRow(5, QString(), QStringLiteral("LABELLED"), {{"s5", kPear, 0.1}}))}, false));
        auto blocked = store->undoOperation(*operation);
        QVERIFY(!blocked);
        QVERIFY2(blocked.error().contains(QStringLiteral("must be undone first")),
                 qPrintable(blocked.error()));
        auto undoNewer = store->undoOperation(*newer);
        QVERIFY2(undoNewer, qPrintable(undoNewer.error()));
        QCOMPARE(undoNewer->removed, 1);

        auto undone = store->undoOperation(*operation);
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(undone->removed, 3);
        QVERIFY(undone->branchRemoved);
        QVERIFY(!*store->branchExists(QStringLiteral("snap")));
        QCOMPARE(store->branches()->size(), 1);
    }

    void writeRowsRules()
    {
        auto store = makeProject(newPath());
        QVERIFY(store->createBranch(QStringLiteral("import"), QString(), false));

        // Unknown data units are named, and nothing is written.
        auto unknown = store->writeRows(0, QStringLiteral("import"),
                                        {document(imageRow(1, QString(), QStringLiteral("LABELLED"), {})),
                                         document(imageRow(77, QString(), QStringLiteral("LABELLED"), {})),
                                         document(imageRow(78, QString(), QStringLiteral("LABELLED"), {}))},
                                        false);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains(unitHash(77)) && unknown.error().contains(unitHash(78)),
                 qPrintable(unknown.error()));
        QVERIFY2(unknown.error().contains(unitTitle(77)), qPrintable(unknown.error()));
        QCOMPARE(*store->countRows([] {
            RowQuery q;
            q.branch = QStringLiteral("import");
            return q;
        }()),
                 0);

        // A valid unused label hash is kept; one used elsewhere, or not a UUID, is replaced by a fresh one.
        const QString kept = QStringLiteral("44444444-4444-4444-8444-000000000001");
        const QString taken = labelHashOf(*store, QStringLiteral("main"), 1);
        auto written =
            store->writeRows(0, QStringLiteral("import"),
                             {document(imageRow(1, kept, QStringLiteral("LABELLED"), {{"i1", kApple, 0.1}})),
                              document(imageRow(2, taken, QStringLiteral("LABELLED"), {{"i2", kApple, 0.1}})),
                              document(imageRow(3, QStringLiteral("not-a-uuid"), QString(), {}))},
                             false);
        QVERIFY2(written, qPrintable(written.error()));
        QCOMPARE(written->created, 3);
        QCOMPARE(labelHashOf(*store, QStringLiteral("import"), 1), kept);
        const QString fresh2 = labelHashOf(*store, QStringLiteral("import"), 2);
        QVERIFY(fresh2 != taken);
        QVERIFY(!QUuid::fromString(fresh2).isNull());
        const QString fresh3 = labelHashOf(*store, QStringLiteral("import"), 3);
        QVERIFY(fresh3 != QStringLiteral("not-a-uuid"));
        QVERIFY(!QUuid::fromString(fresh3).isNull());
        RowQuery third;
        third.branch = QStringLiteral("import");
        third.dataHashes = {unitHash(3)};
        QCOMPARE(store->listRows(third)->first().labelStatus, QStringLiteral("NOT_LABELLED"));
        QCOMPARE(store->listRows(third)->first().objectCount, 0);

        // Existing rows are replaced only with overwrite.
        const LabelRowDocument replacement = document(
            imageRow(1, QString(), QStringLiteral("REVIEWED"), {{"r1", kPear, 0.1}, {"r2", kPear, 0.2}}));
        auto refused = store->writeRows(0, QStringLiteral("import"), {replacement}, false);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(unitHash(1)) &&
                     refused.error().contains(QStringLiteral("already has")),
                 qPrintable(refused.error()));
        auto replaced = store->writeRows(0, QStringLiteral("import"), {replacement}, true);
        QVERIFY2(replaced, qPrintable(replaced.error()));
        QCOMPARE(replaced->replaced, 1);
        RowQuery first;
        first.branch = QStringLiteral("import");
        first.dataHashes = {unitHash(1)};
        const LabelRowSummary row = store->listRows(first)->first();
        QCOMPARE(row.labelHash, kept);
        QCOMPARE(row.labelStatus, QStringLiteral("REVIEWED"));
        QCOMPARE(row.objectCount, 2);
        QCOMPARE(row.classCounts, (QHash<QString, int>{{kPear, 2}}));
        QCOMPARE(row.contentHash, replacement.contentHash());

        QVERIFY(!store->writeRows(0, QStringLiteral("ghost"), {replacement}, true));
    }

    void branchManagement()
    {
        auto store = makeProject(newPath());
        QVERIFY(store->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
        auto duplicate = store->createBranch(QStringLiteral("feature"), QString(), false);
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.error(), QStringLiteral("branch 'feature' already exists"));
        QVERIFY(!store->createBranch(QStringLiteral("main"), QString(), false));

        QCOMPARE(store->renameBranch(QStringLiteral("main"), QStringLiteral("trunk")).error(),
                 QStringLiteral("the main branch cannot be renamed"));
        QCOMPARE(store->deleteBranch(QStringLiteral("main")).error(),
                 QStringLiteral("the main branch cannot be deleted"));
        QCOMPARE(store->renameBranch(QStringLiteral("x"), QStringLiteral("y")).error(),
                 QStringLiteral("branch 'x' does not exist"));
        QCOMPARE(store->deleteBranch(QStringLiteral("x")).error(),
                 QStringLiteral("branch 'x' does not exist"));
        QCOMPARE(store->renameBranch(QStringLiteral("feature"), QStringLiteral("main")).error(),
                 QStringLiteral("branch 'main' already exists"));

        // Rows, provenance and operation targets follow a rename.
        QVERIFY(store->createBranch(QStringLiteral("b"), QString(), false));
        OperationRecord record;
        record.sourceBranch = QStringLiteral("feature");
        record.targetBranch = QStringLiteral("b");
        QVERIFY(store->copyBatch(0, QStringLiteral("main"), QStringLiteral("feature"),
                                 {{unitHash(1), labelHashOf(*store, QStringLiteral("main"), 1), QString()}}));
        auto operation = store->beginOperation(record);
        QVERIFY(operation);
        QVERIFY(
            store->copyBatch(*operation, QStringLiteral("feature"), QStringLiteral("b"),
                             {{unitHash(1), labelHashOf(*store, QStringLiteral("feature"), 1), QString()}}));
        QVERIFY(store->renameBranch(QStringLiteral("feature"), QStringLiteral("feature-2")));
        QVERIFY(store->renameBranch(QStringLiteral("b"), QStringLiteral("b-2")));
        QVERIFY(!*store->branchExists(QStringLiteral("feature")));
        QVERIFY(*store->branchExists(QStringLiteral("feature-2")));
        RowQuery onB;
        onB.branch = QStringLiteral("b-2");
        QCOMPARE(store->listRows(onB)->first().provenance.sourceBranch, QStringLiteral("feature-2"));
        QCOMPARE(store->lastUndoableOperation(QStringLiteral("b-2"))->id, *operation);

        // Deleting a branch removes its rows and journal entries; its operations can no longer be undone.
        QVERIFY(store->deleteBranch(QStringLiteral("b-2")));
        QVERIFY(!*store->branchExists(QStringLiteral("b-2")));
        QCOMPARE(scalarInt(*store, QStringLiteral("SELECT COUNT(*) FROM journal")), 0);
        QCOMPARE(store->lastUndoableOperation(QStringLiteral("b-2"))->id, 0);
        auto orphan = store->undoOperation(*operation);
        QVERIFY(!orphan);
        QVERIFY2(orphan.error().contains(QStringLiteral("deleted")), qPrintable(orphan.error()));
        QSqlQuery foreignKeys(store->database());
        QVERIFY(foreignKeys.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!foreignKeys.next());
        const QList<BranchInfo> branches = *store->branches();
        QCOMPARE(branches.size(), 2);
        QCOMPARE(branches.at(0).name, QStringLiteral("main"));
        QCOMPARE(branches.at(1).name, QStringLiteral("feature-2"));
        QCOMPARE(branches.at(1).rowCount, 1);
    }

    // --- format versions -----------------------------------------------------------------------------

    void migrationRunnerRunsMissingStepsInOrder()
    {
        const QString path = newPath();
        const QString name = QStringLiteral("tst-migrate");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QStringList ran;
            const auto step = [&](int version, const char *statement) {
                return SchemaStep{version, QStringLiteral("step %1").arg(version),
                                  [&ran, version, statement](QSqlDatabase &d) -> Result<void> {
                                      ran << QString::number(version);
                                      QSqlQuery q(d);
                                      if (!q.exec(QString::fromLatin1(statement)))
                                          return fail(q.lastError().text());
                                      return {};
                                  }};
            };
            QList<SchemaStep> steps = {step(1, "CREATE TABLE t (a INTEGER)"),
                                       step(2, "ALTER TABLE t ADD COLUMN b TEXT")};
            auto migrated = SqliteSchema::migrate(db, steps);
            QVERIFY2(migrated, qPrintable(migrated.error()));
            QCOMPARE(*migrated, 2);
            QCOMPARE(ran, QStringList({QStringLiteral("1"), QStringLiteral("2")}));
            QCOMPARE(*SqliteSchema::version(db), 2);

            // Only the missing step runs.
            ran.clear();
            steps.append(step(3, "CREATE TABLE u (c INTEGER)"));
            QCOMPARE(*SqliteSchema::migrate(db, steps), 3);
            QCOMPARE(ran, QStringList({QStringLiteral("3")}));

            // A failing step rolls back the steps before it in the same run.
            ran.clear();
            steps.append(step(4, "CREATE TABLE v (d INTEGER)"));
            steps.append(step(5, "THIS IS NOT SQL"));
            auto failed = SqliteSchema::migrate(db, steps);
            QVERIFY(!failed);
            QVERIFY2(failed.error().contains(QStringLiteral("version 5")), qPrintable(failed.error()));
            QCOMPARE(*SqliteSchema::version(db), 3);
            QVERIFY(!db.tables().contains(QStringLiteral("v")));

            // A file newer than the steps is refused and left alone.
            steps.resize(2);
            auto newer = SqliteSchema::migrate(db, steps);
            QVERIFY(!newer);
            QVERIFY2(newer.error().contains(QStringLiteral("update labelbranch")), qPrintable(newer.error()));
            QCOMPARE(*SqliteSchema::version(db), 3);

            // Gaps in the step list are a programming error, reported rather than run.
            QList<SchemaStep> gap = {step(1, "SELECT 1"), step(3, "SELECT 1")};
            QVERIFY(!SqliteSchema::migrate(db, gap));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void openUpgradesAVersionZeroProject()
    {
        // A labelbranch file at format 0: marked as ours, no tables yet.
        const QString path = newPath();
        QVERIFY(
            rawExec(path, {QStringLiteral("PRAGMA application_id = %1").arg(SqliteSchema::kApplicationId)}));
        auto opened = SqliteStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error()));
        SqliteStore &store = *opened.value();
        QCOMPARE(scalarInt(store, QStringLiteral("PRAGMA user_version")), SqliteStore::kSchemaVersion);
        QCOMPARE(scalarInt(store, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")),
                 SqliteStore::kSchemaVersion);
        auto branches = store.branches();
        QVERIFY(branches);
        QCOMPARE(branches->size(), 1);
        QCOMPARE(branches->first().name, QStringLiteral("main"));
        QVERIFY(!store.projectInfo().projectHash.isEmpty());
    }

    void secondInstanceOnAnOpenProject()
    {
        const QString path = newPath();
        auto first = makeProject(path);
        QVERIFY(first->createBranch(QStringLiteral("feature"), QStringLiteral("main"), false));
        // The first instance holds the file open with its changes in the WAL; opening it again must validate
        // through SQLite's locking and see them.
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        auto second = SqliteStore::open(path);
        QVERIFY2(second, qPrintable(second.error()));
        QVERIFY(!second.value()->isReadOnly());
        QVERIFY(*second.value()->branchExists(QStringLiteral("feature")));
        QVERIFY(second.value()->createBranch(QStringLiteral("from-second"), QString(), false));
        QVERIFY(*first->branchExists(QStringLiteral("from-second")));
        auto rows = second.value()->listRows(RowQuery());
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3);

        // A format change still only in the WAL is seen too.
        QSqlQuery bump(first->database());
        QVERIFY(bump.exec(QStringLiteral("PRAGMA user_version = 42")));
        auto newer = SqliteStore::open(path);
        QVERIFY(!newer);
        QVERIFY2(newer.error().contains(QStringLiteral("newer version of labelbranch")),
                 qPrintable(newer.error()));
    }

    // --- threads and scale ---------------------------------------------------------------------------

    void readerThreadWhileWriting()
    {
        auto store = makeProject(newPath(), 300);
        QVERIFY(store->createBranch(QStringLiteral("target"), QString(), false));
        QList<LabelRowDocument> rows;
        for (int unit = 4; unit <= 300; ++unit)
            rows.append(
                document(imageRow(unit, QString(), QStringLiteral("LABELLED"), {{"w", kApple, 0.3}})));
        QVERIFY(store->writeRows(0, QStringLiteral("main"), rows, false));

        // Created here, used only on the worker: the store reconnects on the thread that uses it.
        auto another = store->openAnother();
        QVERIFY2(another, qPrintable(another.error()));
        std::unique_ptr<Store> reader = std::move(another).value();
        std::atomic_bool stop{false};
        QStringList readerErrors;
        int reads = 0;
        QThread *thread = QThread::create([&] {
            while (!stop.load()) {
                RowQuery query;
                query.branch = QStringLiteral("target");
                auto listed = reader->listRows(query);
                auto branches = reader->branches();
                if (!listed)
                    readerErrors << listed.error();
                if (!branches)
                    readerErrors << branches.error();
                ++reads;
            }
            reader.reset(); // close the connection on the thread that owns it
        });
        thread->start();

        auto mainRows = store->listRows(RowQuery());
        QVERIFY(mainRows);
        for (int start = 0; start < mainRows->size(); start += 25) {
            QList<CopyItem> batch;
            for (int i = start; i < qMin(start + 25, int(mainRows->size())); ++i)
                batch.append({mainRows->at(i).dataHash, mainRows->at(i).labelHash, QString()});
            auto copied = store->copyBatch(0, QStringLiteral("main"), QStringLiteral("target"), batch);
            QVERIFY2(copied, qPrintable(copied.error()));
        }
        QTRY_VERIFY(reads > 0);
        stop = true;
        QVERIFY(thread->wait(60000));
        delete thread;
        QVERIFY2(readerErrors.isEmpty(), qPrintable(readerErrors.join(QLatin1Char('\n'))));
        RowQuery onTarget;
        onTarget.branch = QStringLiteral("target");
        QCOMPARE(*store->countRows(onTarget), 300);
    }

    // Listing 100,000 rows must stay interactive. Timings are printed, never asserted.
    void hundredThousandRows()
    {
        constexpr int kUnits = 100000;
        const QString path = newPath();
        auto created = SqliteStore::create(path, fruitInfo(), fruitOntology(), {});
        QVERIFY(created);
        SqliteStore &store = *created.value();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(store.addDataUnits(units(kUnits)));
        const qint64 addUnits = timer.restart();
        qint64 write = 0;
        for (int start = 1; start <= kUnits; start += 1000) {
            QList<LabelRowDocument> rows;
            for (int unit = start; unit < start + 1000; ++unit) {
                QList<Box> boxes = {{"a", kApple, 0.1}};
                if (unit % 2)
                    boxes.append({"b", kPear, 0.4});
                if (unit % 3)
                    boxes.append({"c", kApple, 0.6});
                rows.append(document(imageRow(unit, QString(), QStringLiteral("LABELLED"), boxes)));
            }
            QElapsedTimer writeTimer;
            writeTimer.start();
            auto written = store.writeRows(0, QStringLiteral("main"), rows, false);
            write += writeTimer.elapsed();
            QVERIFY2(written, qPrintable(written.error()));
        }
        const qint64 prepareAndWrite = timer.restart();
        auto listed = store.listRows(RowQuery());
        const qint64 list = timer.restart();
        QVERIFY2(listed, qPrintable(listed.error()));
        QCOMPARE(listed->size(), kUnits);
        QCOMPARE(listed->at(1).classCounts.value(kPear), 0);
        QCOMPARE(listed->at(0).classCounts.value(kPear), 1);
        QCOMPARE(listed->at(0).objectCount, 3);
        RowQuery uninitialised;
        uninitialised.includeUninitialised = true;
        uninitialised.order = RowQuery::Order::LastEdited;
        auto listedAll = store.listRows(uninitialised);
        const qint64 listAll = timer.restart();
        QVERIFY(listedAll);
        auto counted = store.countRows(RowQuery());
        const qint64 count = timer.restart();
        QCOMPARE(*counted, kUnits);
        auto branches = store.branches();
        const qint64 branchList = timer.restart();
        QCOMPARE(branches->first().rowCount, kUnits);
        RowQuery page;
        page.offset = 50000;
        page.limit = 200;
        auto paged = store.listRows(page);
        const qint64 pageTime = timer.restart();
        QCOMPARE(paged->size(), 200);
        QVERIFY(store.createBranch(QStringLiteral("copy"), QStringLiteral("main"), false));
        auto operation = store.beginOperation(OperationRecord{});
        for (int start = 0; start < kUnits; start += 1000) {
            QList<CopyItem> batch;
            for (int i = start; i < start + 1000; ++i)
                batch.append({listed->at(i).dataHash, listed->at(i).labelHash, QString()});
            QVERIFY(store.copyBatch(*operation, QStringLiteral("main"), QStringLiteral("copy"), batch));
        }
        const qint64 copy = timer.restart();
        auto undone = store.undoOperation(*operation);
        const qint64 undo = timer.restart();
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(undone->removed, kUnits);
        qInfo("100k rows: add units %lld ms, write %lld ms (with building the documents %lld ms), list %lld "
              "ms, list with uninitialised %lld ms, "
              "count %lld ms, branches %lld ms, page %lld ms, copy %lld ms, undo %lld ms, file %lld MB",
              addUnits, write, prepareAndWrite, list, listAll, count, branchList, pageTime, copy, undo,
              QFileInfo(path).size() / (1024 * 1024));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"
