// The content-addressed project file (format 3): derived label hashes, shared content, garbage collection,
// the size of a snapshot, and the upgrade of a format-2 file kept in tests/data.

#include "clirun.h"
#include "engine/engine.h"
#include "enginefixture.h"
#include "store/sqlite/sqlitelabelhash.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <QUuid>

using namespace lb;
using namespace lb::test;

namespace {

const QString kFixture = QStringLiteral(LB_TEST_DATA_DIR "/project-v2.lbproj");

// Runs `body` on a private connection to `path` that is closed again.
template <typename Body> void withConnection(const QString &path, Body body)
{
    const QString name = QStringLiteral("raw-%1").arg(QUuid::createUuid().toString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

qint64 scalar(QSqlDatabase db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        qFatal("query failed: %s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

// The file's size in pages after its WAL is folded in: what it takes on disk.
qint64 fileBytes(SqliteStore &store)
{
    QSqlQuery(store.database()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return scalar(store.database(), QStringLiteral("PRAGMA page_count")) *
           scalar(store.database(), QStringLiteral("PRAGMA page_size"));
}

// Every row of a format-2 file as "branch|data hash" -> its columns and the SHA-256 of its JSON, read with
// plain SQL.
QMap<QString, QString> versionTwoRows(const QString &path)
{
    QMap<QString, QString> rows;
    withConnection(path, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral(
                "SELECT b.name, du.data_hash, r.label_hash, r.label_status, r.created_at, r.last_edited_at, "
                "r.object_count, r.classification_count, r.class_counts, r.content_hash, "
                "COALESCE(r.source_branch, ''), COALESCE(r.source_content_hash, ''), COALESCE(r.copied_at, "
                "0), "
                "r.content FROM label_rows r JOIN branches b ON b.id = r.branch_id JOIN data_units du ON "
                "du.id = r.data_unit_id")))
            qFatal("cannot read the format-2 rows: %s", qPrintable(query.lastError().text()));
        while (query.next()) {
            QStringList columns;
            for (int i = 2; i < 13; ++i)
                columns << query.value(i).toString();
            columns << QString::fromLatin1(
                QCryptographicHash::hash(qUncompress(query.value(13).toByteArray()),
                                         QCryptographicHash::Sha256)
                    .toHex());
            rows.insert(query.value(0).toString() + QLatin1Char('|') + query.value(1).toString(),
                        columns.join(QLatin1Char('|')));
        }
    });
    return rows;
}

// The same view of a format-3 file, through plain SQL over its tables and the store's label hashes.
QMap<QString, QString> versionThreeRows(SqliteStore &store)
{
    QMap<QString, QString> rows;
    QSqlQuery query(store.database());
    if (!query.exec(QStringLiteral(
            "SELECT b.name, du.data_hash, r.label_status, r.created_at, r.last_edited_at, c.object_count, "
            "c.classification_count, c.class_counts, c.content_hash, COALESCE(r.source_branch, ''), "
            "COALESCE(sc.content_hash, ''), COALESCE(r.copied_at, 0), cb.content FROM label_rows r "
            "JOIN branches b ON b.id = r.branch_id JOIN data_units du ON du.id = r.data_unit_id "
            "JOIN label_contents c ON c.id = r.content_id JOIN label_content_bytes cb ON cb.content_id = "
            "c.id "
            "LEFT JOIN label_contents sc ON sc.id = r.source_content_id")))
        qFatal("cannot read the format-3 rows: %s", qPrintable(query.lastError().text()));
    QHash<QString, QString> labelHashes;
    RowQuery all;
    all.branch.clear();
    all.allBranches = true;
    const QList<LabelRowSummary> listed = *store.listRows(all);
    for (const LabelRowSummary &row : listed)
        labelHashes.insert(row.branchName + QLatin1Char('|') + row.dataHash, row.labelHash);
    while (query.next()) {
        const QString key = query.value(0).toString() + QLatin1Char('|') + query.value(1).toString();
        QStringList columns{labelHashes.value(key)};
        for (int i = 2; i < 12; ++i)
            columns << query.value(i).toString();
        columns << QString::fromLatin1(
            QCryptographicHash::hash(qUncompress(query.value(12).toByteArray()), QCryptographicHash::Sha256)
                .toHex());
        rows.insert(key, columns.join(QLatin1Char('|')));
    }
    return rows;
}

QString copyOfFixture(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    if (!QFile::copy(kFixture, path) || !QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner))
        qFatal("cannot copy the fixture");
    return path;
}

} // namespace

class TestContentStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivedLabelHashesRoundTrip()
    {
        const LabelHashCodec codec(QStringLiteral("project-a"));
        QSet<QString> seen;
        for (qint64 operation : {1, 2, 7, 1000, 123456789}) {
            for (qint64 unit : {1, 2, 3, 99999, 500000, 1000000}) {
                const QString hash = codec.derive(operation, unit);
                QVERIFY(!QUuid::fromString(hash).isNull());
                QCOMPARE(hash.size(), 36);
                QCOMPARE(hash.at(14), QLatin1Char('8')); // version 8
                QVERIFY(QStringLiteral("89ab").contains(hash.at(19)));
                QVERIFY(LabelHashCodec::isVersion8(hash));
                const auto origin = codec.decode(hash);
                QVERIFY(origin.has_value());
                QCOMPARE(origin->operationId, operation);
                QCOMPARE(origin->dataUnitId, unit);
                QVERIFY(!seen.contains(hash));
                seen.insert(hash);
            }
        }
        // Neighbouring rows do not look alike, and another project derives other hashes.
        QVERIFY(codec.derive(5, 1).left(8) != codec.derive(6, 1).left(8));
        QVERIFY(codec.derive(5, 1).right(12) != codec.derive(5, 2).right(12));
        QVERIFY(LabelHashCodec(QStringLiteral("project-b")).derive(5, 1) != codec.derive(5, 1));
        // Encord's own hashes (version 4) and other text are not derived.
        QVERIFY(!codec.decode(QStringLiteral("0f0e1c55-3ed2-4b8a-9f63-5c0e6a1d2b3c")).has_value());
        QVERIFY(!LabelHashCodec::isVersion8(QStringLiteral("0f0e1c55-3ed2-4b8a-9f63-5c0e6a1d2b3c")));
        QVERIFY(!codec.decode(QStringLiteral("not a uuid")).has_value());
        QVERIFY(!codec.decode(QString()).has_value());
    }

    void copiesShareContentAndUnusedContentIsCollected()
    {
        Project project(30, 30);
        SqliteStore &store = project.store();
        const qint64 contents =
            scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents"));
        QCOMPARE(contents, 30);

        Engine engine(store, QStringLiteral("tester"));
        QVERIFY(engine.snapshot(kMainBranch, QStringLiteral("snap")));
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")), 30);
        const QList<LabelRowSummary> snapRows = rowsOn(store, QStringLiteral("snap"));
        QCOMPARE(snapRows.size(), 30);
        QSet<QString> hashes;
        for (const LabelRowSummary &row : snapRows) {
            QVERIFY(LabelHashCodec::isVersion8(row.labelHash));
            hashes.insert(row.labelHash);
        }
        QCOMPARE(hashes.size(), 30);
        // A derived label hash leads back to its row and content.
        auto fetched = store.fetchContents(QStringLiteral("snap"), {snapRows.at(4).labelHash});
        QVERIFY2(fetched, qPrintable(fetched.error()));
        QCOMPARE(fetched->first().labelHash(), snapRows.at(4).labelHash);
        QCOMPARE(fetched->first().contentHash(), snapRows.at(4).contentHash);
        RowQuery byHash;
        byHash.branch = QStringLiteral("snap");
        byHash.labelHashes =
            QStringList{snapRows.at(4).labelHash, rowsOn(store, kMainBranch).at(4).labelHash};
        QCOMPARE(store.listRows(byHash)->size(), 1);
        QVERIFY(!store.fetchContents(kMainBranch, {snapRows.at(4).labelHash}));

        // New content on a branch, then undone: the content goes with it.
        project.writeRowsOn(QStringLiteral("edits"), 3, 0, 5, 9);
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")), 35);
        QVERIFY(engine.sync(CopyRequest{QStringLiteral("edits"), QStringLiteral("snap")}));
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")), 35);
        QVERIFY(store.deleteBranch(QStringLiteral("edits")));
        // Still used by the synced rows of snap.
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")), 35);
        QVERIFY(engine.undoLast(QStringLiteral("snap")));
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")), 30);
        QCOMPARE(*store.collectGarbage(), 0);
        QCOMPARE(rowsOn(store, QStringLiteral("snap")).size(), 30);
    }

    void gcCommandRemovesWhatNothingRefersTo()
    {
        Project project(4, 4);
        // Rewriting rows outside any operation keeps no journal, so their earlier content is left unused.
        project.writeMainRows(0, 2, 5);
        const QString path = project.path();
        project.close();

        CliRun first = runCli({QStringLiteral("--project"), path, QStringLiteral("gc")});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, QByteArray("removed 2 unused label contents\n"));
        CliRun again =
            runCli({QStringLiteral("--project"), path, QStringLiteral("--json"), QStringLiteral("gc")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.parsed().at("removed_contents").get<int>(), 0);
        project.reopen();
        QCOMPARE(rowsOn(project.store(), kMainBranch).size(), 4);
        QCOMPARE(scalar(project.store().database(), QStringLiteral("SELECT COUNT(*) FROM label_contents")),
                 4);
        CliRun extra =
            runCli({QStringLiteral("--project"), path, QStringLiteral("gc"), QStringLiteral("now")});
        QCOMPARE(extra.exitCode, 2);
    }

    void snapshotOfTenThousandRowsGrowsTheFileByLessThanOneMegabyte()
    {
        constexpr int kRows = 10000;
        Project project(kRows, 0);
        SqliteStore &store = project.store();
        for (int from = 0; from < kRows; from += 1000)
            project.writeMainRows(from, from + 1000);
        const qint64 before = fileBytes(store);
        Engine engine(store, QStringLiteral("tester"));
        const Result<CopyResult> snapshot = engine.snapshot(kMainBranch, QStringLiteral("snap"));
        QVERIFY2(snapshot, qPrintable(snapshot.error()));
        QCOMPARE(snapshot->created, kRows);
        const qint64 growth = fileBytes(store) - before;
        qInfo("a snapshot of %d rows grew the file by %lld bytes (%.1f per row)", kRows, growth,
              double(growth) / kRows);
        QVERIFY2(growth < 1000 * 1000, qPrintable(QString::number(growth)));
        QVERIFY(engine.undoLast());
        QVERIFY(!hasBranch(store, QStringLiteral("snap")));
    }

    void versionTwoFileIsUpgradedWithEveryRowIntact()
    {
        QTemporaryDir dir;
        const QString path = copyOfFixture(dir, QStringLiteral("project.lbproj"));
        const QMap<QString, QString> before = versionTwoRows(path);
        QCOMPARE(before.size(), 166);
        qint64 operations = 0, audit = 0, decisions = 0;
        withConnection(path, [&](QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 2);
            operations = scalar(db, QStringLiteral("SELECT COUNT(*) FROM operations"));
            audit = scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log"));
            decisions = scalar(db, QStringLiteral("SELECT COUNT(*) FROM review_decisions"));
        });

        Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error()));
        SqliteStore &store = *opened.value();
        QCOMPARE(scalar(store.database(), QStringLiteral("PRAGMA user_version")),
                 SqliteStore::kSchemaVersion);
        QVERIFY(!QFile::exists(path + QStringLiteral(".format-2.backup")));
        QCOMPARE(versionThreeRows(store), before);
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM operations")), operations);
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM audit_log")), audit);
        QCOMPARE(scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM review_decisions")),
                 decisions);
        QCOMPARE(
            scalar(store.database(), QStringLiteral("SELECT COUNT(*) FROM label_content_bytes")),
            scalar(store.database(), QStringLiteral("SELECT COUNT(DISTINCT content_id) FROM (SELECT "
                                                    "content_id FROM label_rows UNION ALL SELECT content_id "
                                                    "FROM journal)")));
        QSqlQuery check(store.database());
        QVERIFY(check.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!check.next());

        // The journal still undoes what the format-2 file recorded: the import, then the sync into main
        // (a snapshot of main taken before the sync shows what main held).
        Engine engine(store, QStringLiteral("tester"));
        const Result<UndoResult> import = engine.undoLast();
        QVERIFY2(import, qPrintable(import.error()));
        QCOMPARE(import->targetBranch, QStringLiteral("imported"));
        QCOMPARE(import->removed, 5);
        const Result<UndoResult> sync = engine.undoLast();
        QVERIFY2(sync, qPrintable(sync.error()));
        QCOMPARE(sync->targetBranch, kMainBranch);
        QCOMPARE(sync->removed, 1);
        QCOMPARE(sync->restored, 39);
        QHash<QString, QString> snapshot;
        for (const LabelRowSummary &row : rowsOn(store, QStringLiteral("snap-a")))
            snapshot.insert(row.dataHash, row.contentHash);
        QHash<QString, QString> main;
        for (const LabelRowSummary &row : rowsOn(store, kMainBranch))
            main.insert(row.dataHash, row.contentHash);
        QCOMPARE(main, snapshot);
    }

    void newerOrDamagedFileIsRefusedUntouched()
    {
        QTemporaryDir dir;
        const QString newer = copyOfFixture(dir, QStringLiteral("newer.lbproj"));
        withConnection(
            newer, [](QSqlDatabase &db) { QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 9")); });
        const QString newerBefore = test::fileSha256(newer);
        const auto refused = SqliteStore::open(newer);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("newer version of labelbranch")),
                 qPrintable(refused.error()));
        QCOMPARE(test::fileSha256(newer), newerBefore);

        // A row whose content cannot be read stops the upgrade; the file stays a format-2 file.
        const QString damaged = copyOfFixture(dir, QStringLiteral("damaged.lbproj"));
        withConnection(damaged, [](QSqlDatabase &db) {
            QSqlQuery(db).exec(QStringLiteral("UPDATE label_rows SET content = X'00000010' WHERE id = 7"));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        });
        const QString damagedBefore = test::fileSha256(damaged);
        const auto failed = SqliteStore::open(damaged);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("damaged")), qPrintable(failed.error()));
        QVERIFY2(failed.error().contains(QStringLiteral("format version 3")), qPrintable(failed.error()));
        withConnection(damaged, [](QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), 2);
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        });
        QCOMPARE(test::fileSha256(damaged), damagedBefore);
        QVERIFY(!QFile::exists(damaged + QStringLiteral(".format-2.backup")));
    }
};

QTEST_GUILESS_MAIN(TestContentStore)
#include "tst_contentstore.moc"
