#include "encord/encordcache.h"

#include <atomic>
#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace lb;

namespace {

const QString kProject = QStringLiteral("11111111-2222-4333-8444-555555555555");
const QString kOtherProject = QStringLiteral("99999999-2222-4333-8444-555555555555");

// Runs statements on `path` through a connection of its own, closed before returning.
bool runOnFile(const QString &path, const QStringList &statements)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("tst-encordcache-raw-%1").arg(++counter);
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
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// First column of the first row of `statement` on `path`, through a connection of its own.
QVariant valueOnFile(const QString &path, const QString &statement)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("tst-encordcache-read-%1").arg(++counter);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement) && query.next())
                value = query.value(0);
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// The cache tables exactly as the first cache format wrote them (before the format had numbered steps),
// with a header for `projectHash`, two operations, their journal, an audit log and a review decision.
bool writeVersionOneCache(const QString &path, const QString &projectHash)
{
    return runOnFile(
        path,
        {
            QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS row_cache (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
                "label_hash TEXT NOT NULL, edited_secs INTEGER NOT NULL, object_count INTEGER NOT NULL, "
                "classification_count INTEGER NOT NULL, class_counts TEXT NOT NULL, content_hash TEXT NOT "
                "NULL, content BLOB, PRIMARY KEY (branch, data_hash))"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS local_branches (name TEXT PRIMARY KEY, created_from "
                           "TEXT NOT NULL, "
                           "is_snapshot INTEGER NOT NULL, created_at INTEGER)"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS provenance (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
                "source_branch TEXT NOT NULL, source_content_hash TEXT NOT NULL, copied_at INTEGER, "
                "PRIMARY KEY (branch, data_hash))"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS operations (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
                "NULL, source_branch TEXT NOT NULL, target_branch TEXT NOT NULL, overwrite INTEGER NOT NULL, "
                "created_target INTEGER NOT NULL, created INTEGER NOT NULL, replaced INTEGER NOT NULL, "
                "skipped INTEGER NOT NULL, cancelled INTEGER NOT NULL, undone INTEGER NOT NULL, user TEXT "
                "NOT "
                "NULL, started_at INTEGER, finished_at INTEGER)"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS journal (operation_id INTEGER NOT NULL REFERENCES "
                "operations(id), "
                "seq INTEGER PRIMARY KEY AUTOINCREMENT, branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
                "label_hash TEXT NOT NULL, created INTEGER NOT NULL, old_content BLOB)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS journal_by_operation ON journal (operation_id)"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER, "
                "user TEXT NOT NULL, action TEXT NOT NULL, summary TEXT NOT NULL, details TEXT NOT NULL, "
                "operation_id INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS review_decisions (source_branch TEXT NOT NULL, "
                "target_branch TEXT NOT NULL, data_hash TEXT NOT NULL, verdict TEXT NOT NULL, "
                "comment TEXT NOT NULL, reviewer TEXT NOT NULL, decided_at INTEGER, "
                "source_content_hash TEXT NOT NULL, PRIMARY KEY (source_branch, target_branch, data_hash))"),
            QStringLiteral("INSERT INTO meta VALUES ('format', 'labelbranch-encord-cache')"),
            QStringLiteral("INSERT INTO meta VALUES ('version', '1')"),
            QStringLiteral("INSERT INTO meta VALUES ('project_hash', '%1')").arg(projectHash),
            QStringLiteral(
                "INSERT INTO operations VALUES (1, 'copy', 'main', 'feature', 1, 1, 2, 1, 0, 0, 0, "
                "'ann', 1735725600000, 1735725660000)"),
            QStringLiteral("INSERT INTO operations VALUES (2, 'apply-review', 'feature', 'main', 0, 0, 0, 3, "
                           "1, 1, 1, 'bob', 1735729200000, NULL)"),
            QStringLiteral("INSERT INTO journal (operation_id, branch, data_hash, label_hash, created, "
                           "old_content) VALUES (1, 'feature', 'd1', 'l1', 1, NULL)"),
            QStringLiteral("INSERT INTO journal (operation_id, branch, data_hash, label_hash, created, "
                           "old_content) VALUES (1, 'feature', 'd2', 'l2', 0, X'7B7D')"),
            QStringLiteral("INSERT INTO audit VALUES (1, 1735725660000, 'ann', 'copy', 'Copied 3 rows', "
                           "'{\"n\":3}', 1)"),
            QStringLiteral("INSERT INTO audit VALUES (2, 1735729300000, 'bob', 'branch-create', "
                           "'Created x', '{}', 0)"),
            QStringLiteral("INSERT INTO review_decisions VALUES ('feature', 'main', 'd1', 'rejected', "
                           "'wrong box', 'carol', 1735730000000, 'c1')"),
            QStringLiteral("INSERT INTO row_cache VALUES ('main', 'd1', 'l0', 1735725000, 4, 1, 'f:4', 'h0', "
                           "X'7B7D')"),
        });
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QDateTime utcMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TestEncordCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString freshPath(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".lbcache")); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void newCacheHasTheProjectLedgerTables()
    {
        const QString path = freshPath(QStringLiteral("new"));
        {
            auto cache = EncordCache::open(path, kProject);
            QVERIFY2(cache.ok(), qPrintable(cache.error()));
            OperationRecord record;
            record.kind = OperationKind::Snapshot;
            record.targetBranch = QStringLiteral("snap");
            record.user = QStringLiteral("ann");
            auto id = (*cache)->beginOperation(record);
            QVERIFY2(id.ok(), qPrintable(id.error()));
            AuditEntry entry;
            entry.action = QStringLiteral("snapshot");
            QVERIFY((*cache)->appendAudit(entry).ok());
            auto log = (*cache)->auditLog();
            QVERIFY(log.ok());
            QCOMPARE(log->size(), 1);
            QCOMPARE(log->first().operationId, qint64(0));
        }
        QCOMPARE(valueOnFile(path, QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(valueOnFile(path, QStringLiteral("SELECT value FROM meta WHERE key = 'version'")).toString(),
                 QStringLiteral("4"));
        QCOMPARE(valueOnFile(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'audit'"))
                     .toInt(),
                 0);
        QCOMPARE(valueOnFile(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = "
                                                  "'review_object_decisions'"))
                     .toInt(),
                 1);
        QCOMPARE(valueOnFile(path, QStringLiteral("SELECT user_name FROM operations")).toString(),
                 QStringLiteral("ann"));
        // Reopening an up-to-date cache changes nothing.
        auto again = EncordCache::open(path, kProject);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE((*again)->operations()->size(), 1);
    }

    void twoThreadsWriteConcurrently()
    {
        const QString path = freshPath(QStringLiteral("concurrent"));
        QVERIFY(EncordCache::open(path, kProject).ok());
        constexpr int kWrites = 200;
        QMutex mutex;
        QStringList failures;
        const auto writer = [&](int worker) {
            const auto failed = [&](const QString &what, const QString &error) {
                QMutexLocker lock(&mutex);
                failures << QStringLiteral("worker %1, %2: %3").arg(worker).arg(what, error);
            };
            auto cache = EncordCache::open(path, kProject);
            if (!cache) {
                failed(QStringLiteral("open"), cache.error());
                return;
            }
            const QString branch = QStringLiteral("branch-%1").arg(worker);
            for (int i = 0; i < kWrites; ++i) {
                OperationRecord record;
                record.targetBranch = branch;
                record.created = i;
                auto id = (*cache)->beginOperation(record);
                if (!id) {
                    failed(QStringLiteral("begin %1").arg(i), id.error());
                    continue;
                }
                record.id = *id;
                if (auto done = (*cache)->finishOperation(record); !done)
                    failed(QStringLiteral("finish %1").arg(i), done.error());
                AuditEntry entry;
                entry.action = QStringLiteral("copy");
                entry.summary = QStringLiteral("%1/%2").arg(worker).arg(i);
                entry.operationId = *id;
                if (auto done = (*cache)->appendAudit(entry); !done)
                    failed(QStringLiteral("audit %1").arg(i), done.error());
                CachedRow row;
                row.labelHash = QStringLiteral("label-%1").arg(i);
                row.editedSecs = i;
                row.contentHash = QStringLiteral("hash-%1").arg(i);
                QHash<QString, CachedRow> rows;
                rows.insert(QStringLiteral("data-%1").arg(i), row);
                if (auto done = (*cache)->putRows(branch, rows); !done)
                    failed(QStringLiteral("rows %1").arg(i), done.error());
                JournalEntry journal{branch, QStringLiteral("data-%1").arg(i), row.labelHash, true, {}};
                if (auto done = (*cache)->addJournal(*id, {journal}); !done)
                    failed(QStringLiteral("journal %1").arg(i), done.error());
            }
        };
        std::unique_ptr<QThread> first(QThread::create(writer, 0));
        std::unique_ptr<QThread> second(QThread::create(writer, 1));
        first->start();
        second->start();
        QVERIFY(first->wait(120000));
        QVERIFY(second->wait(120000));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));

        auto cache = EncordCache::open(path, kProject);
        QVERIFY2(cache.ok(), qPrintable(cache.error()));
        auto operations = (*cache)->operations();
        QVERIFY(operations.ok());
        QCOMPARE(operations->size(), 2 * kWrites);
        for (const OperationRecord &record : *operations)
            QVERIFY(record.finishedAt.isValid());
        auto log = (*cache)->auditLog();
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 2 * kWrites);
        QSet<QString> summaries;
        for (const AuditEntry &entry : *log) {
            QVERIFY(entry.operationId != 0);
            summaries.insert(entry.summary);
        }
        QCOMPARE(summaries.size(), 2 * kWrites);
        for (int worker = 0; worker < 2; ++worker) {
            auto rows = (*cache)->rows(QStringLiteral("branch-%1").arg(worker), false);
            QVERIFY(rows.ok());
            QCOMPARE(rows->size(), kWrites);
        }
        for (const OperationRecord &record : *operations) {
            auto journal = (*cache)->journal(record.id);
            QVERIFY(journal.ok());
            QCOMPARE(journal->size(), 1);
        }
    }

    void versionOneCacheMigratesWithItsData()
    {
        const QString path = freshPath(QStringLiteral("version-one"));
        QVERIFY(writeVersionOneCache(path, kProject));
        QCOMPARE(valueOnFile(path, QStringLiteral("PRAGMA user_version")).toInt(), 0);

        auto cache = EncordCache::open(path, kProject);
        QVERIFY2(cache.ok(), qPrintable(cache.error()));
        QCOMPARE(valueOnFile(path, QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(valueOnFile(path, QStringLiteral("SELECT value FROM meta WHERE key = 'version'")).toString(),
                 QStringLiteral("4"));

        auto operations = (*cache)->operations();
        QVERIFY2(operations.ok(), qPrintable(operations.error()));
        QCOMPARE(operations->size(), 2);
        const OperationRecord &apply = operations->at(0);
        QCOMPARE(apply.id, qint64(2));
        QCOMPARE(apply.kind, OperationKind::ApplyReview);
        QCOMPARE(apply.sourceBranch, QStringLiteral("feature"));
        QCOMPARE(apply.targetBranch, QStringLiteral("main"));
        QCOMPARE(apply.replaced, 3);
        QCOMPARE(apply.skipped, 1);
        QVERIFY(apply.cancelled);
        QVERIFY(apply.undone);
        QCOMPARE(apply.user, QStringLiteral("bob"));
        QVERIFY(!apply.finishedAt.isValid());
        const OperationRecord &copy = operations->at(1);
        QCOMPARE(copy.id, qint64(1));
        QCOMPARE(copy.kind, OperationKind::Copy);
        QVERIFY(copy.overwrite);
        QVERIFY(copy.createdTargetBranch);
        QCOMPARE(copy.created, 2);
        QCOMPARE(copy.replaced, 1);
        QVERIFY(!copy.undone);
        QCOMPARE(copy.user, QStringLiteral("ann"));
        QCOMPARE(copy.startedAt, utcMs(1735725600000));
        QCOMPARE(copy.finishedAt, utcMs(1735725660000));

        auto undoable = (*cache)->lastUndoableOperation(QString());
        QVERIFY(undoable.ok());
        QCOMPARE(undoable->id, qint64(1));
        auto journal = (*cache)->journal(1);
        QVERIFY(journal.ok());
        QCOMPARE(journal->size(), 2);
        QCOMPARE(journal->at(1).oldContent, QByteArray("{}"));

        auto log = (*cache)->auditLog();
        QVERIFY2(log.ok(), qPrintable(log.error()));
        QCOMPARE(log->size(), 2);
        QCOMPARE(log->at(0).id, qint64(2));
        QCOMPARE(log->at(0).user, QStringLiteral("bob"));
        QCOMPARE(log->at(0).action, QStringLiteral("branch-create"));
        QCOMPARE(log->at(0).operationId, qint64(0));
        QCOMPARE(log->at(1).user, QStringLiteral("ann"));
        QCOMPARE(log->at(1).summary, QStringLiteral("Copied 3 rows"));
        QCOMPARE(log->at(1).details, QStringLiteral("{\"n\":3}"));
        QCOMPARE(log->at(1).time, utcMs(1735725660000));
        QCOMPARE(log->at(1).operationId, qint64(1));

        auto decisions = (*cache)->reviewDecisions(QStringLiteral("feature"), QStringLiteral("main"));
        QVERIFY2(decisions.ok(), qPrintable(decisions.error()));
        QCOMPARE(decisions->size(), 1);
        QCOMPARE(decisions->first().verdict, ReviewVerdict::Rejected);
        QCOMPARE(decisions->first().comment, QStringLiteral("wrong box"));
        QCOMPARE(decisions->first().reviewer, QStringLiteral("carol"));
        QCOMPARE(decisions->first().sourceContentHash, QStringLiteral("c1"));

        auto rows = (*cache)->rows(QStringLiteral("main"), true);
        QVERIFY(rows.ok());
        QCOMPARE(rows->value(QStringLiteral("d1")).objectCount, 4);
        QCOMPARE(rows->value(QStringLiteral("d1")).content, QByteArray("{}"));

        // The migrated cache takes new records after the old ones.
        OperationRecord record;
        record.kind = OperationKind::Undo;
        auto id = (*cache)->beginOperation(record);
        QVERIFY2(id.ok(), qPrintable(id.error()));
        QCOMPARE(*id, qint64(3));
        AuditEntry entry;
        entry.action = QStringLiteral("undo");
        entry.operationId = *id;
        QVERIFY((*cache)->appendAudit(entry).ok());
        QCOMPARE((*cache)->auditLog()->first().operationId, qint64(3));
        QVERIFY((*cache)->markUndone(1).ok());
        QVERIFY((*cache)->operation(1)->undone);
    }

    void cacheOfAnotherProjectIsRefusedUntouched()
    {
        const QString current = freshPath(QStringLiteral("other-current"));
        QVERIFY(EncordCache::open(current, kOtherProject).ok());
        const QByteArray before = fileDigest(current);
        auto refused = EncordCache::open(current, kProject);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("is not the Encord cache of project")),
                 qPrintable(refused.error()));
        QCOMPARE(fileDigest(current), before);

        const QString old = freshPath(QStringLiteral("other-old"));
        QVERIFY(writeVersionOneCache(old, kOtherProject));
        const QByteArray oldBefore = fileDigest(old);
        auto oldRefused = EncordCache::open(old, kProject);
        QVERIFY(!oldRefused.ok());
        QVERIFY2(oldRefused.error().contains(QStringLiteral("is not the Encord cache of project")),
                 qPrintable(oldRefused.error()));
        QCOMPARE(fileDigest(old), oldBefore);
        QCOMPARE(valueOnFile(old, QStringLiteral("PRAGMA user_version")).toInt(), 0);
        QCOMPARE(valueOnFile(old, QStringLiteral("SELECT COUNT(*) FROM audit")).toInt(), 2);
    }

    void newerCacheIsRefusedUntouched()
    {
        // Newer by the format version in the file header.
        const QString path = freshPath(QStringLiteral("newer"));
        QVERIFY(EncordCache::open(path, kProject).ok());
        QVERIFY(runOnFile(path, {QStringLiteral("PRAGMA user_version = 5")}));
        const QByteArray before = fileDigest(path);
        auto refused = EncordCache::open(path, kProject);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("written by a newer labelbranch")),
                 qPrintable(refused.error()));
        QCOMPARE(fileDigest(path), before);
        QCOMPARE(valueOnFile(path, QStringLiteral("PRAGMA user_version")).toInt(), 5);

        // Newer by the version in its header table, as the first cache format recorded it.
        const QString meta = freshPath(QStringLiteral("newer-meta"));
        QVERIFY(writeVersionOneCache(meta, kProject));
        QVERIFY(runOnFile(meta, {QStringLiteral("UPDATE meta SET value = '7' WHERE key = 'version'")}));
        const QByteArray metaBefore = fileDigest(meta);
        auto metaRefused = EncordCache::open(meta, kProject);
        QVERIFY(!metaRefused.ok());
        QVERIFY2(metaRefused.error().contains(QStringLiteral("written by a newer labelbranch")),
                 qPrintable(metaRefused.error()));
        QCOMPARE(fileDigest(meta), metaBefore);
        QCOMPARE(valueOnFile(meta, QStringLiteral("PRAGMA user_version")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEncordCache)
#include "tst_encordcache.moc"
