#include "encord/encordcache.h"

#include "domain/classcountsencoding.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqliteconnection.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqliteschema.h"
#include "store/sqlite/sqlitetransaction.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QThread>
#include <QVariant>

namespace lb {

namespace {

const QString kCacheFormat = QStringLiteral("labelbranch-encord-cache");

// Version 1: the cache's tables as first written. IF NOT EXISTS, so a cache written before the format had
// steps (user_version 0, meta version 1) passes unharmed; the header only goes into a new cache.
Result<void> createVersion1(QSqlDatabase &db, const QString &projectHash)
{
    auto tables = sql::execAll(
        db,
        {
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS row_cache (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
            "label_hash TEXT NOT NULL, edited_secs INTEGER NOT NULL, object_count INTEGER NOT NULL, "
            "classification_count INTEGER NOT NULL, class_counts TEXT NOT NULL, content_hash TEXT NOT "
            "NULL, content BLOB, PRIMARY KEY (branch, data_hash))",
            "CREATE TABLE IF NOT EXISTS local_branches (name TEXT PRIMARY KEY, created_from TEXT NOT NULL, "
            "is_snapshot INTEGER NOT NULL, created_at INTEGER)",
            "CREATE TABLE IF NOT EXISTS provenance (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
            "source_branch TEXT NOT NULL, source_content_hash TEXT NOT NULL, copied_at INTEGER, "
            "PRIMARY KEY (branch, data_hash))",
            "CREATE TABLE IF NOT EXISTS operations (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
            "NULL, source_branch TEXT NOT NULL, target_branch TEXT NOT NULL, overwrite INTEGER NOT NULL, "
            "created_target INTEGER NOT NULL, created INTEGER NOT NULL, replaced INTEGER NOT NULL, "
            "skipped INTEGER NOT NULL, cancelled INTEGER NOT NULL, undone INTEGER NOT NULL, user TEXT NOT "
            "NULL, started_at INTEGER, finished_at INTEGER)",
            "CREATE TABLE IF NOT EXISTS journal (operation_id INTEGER NOT NULL REFERENCES operations(id), "
            "seq INTEGER PRIMARY KEY AUTOINCREMENT, branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
            "label_hash TEXT NOT NULL, created INTEGER NOT NULL, old_content BLOB)",
            "CREATE INDEX IF NOT EXISTS journal_by_operation ON journal (operation_id)",
            "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER, "
            "user TEXT NOT NULL, action TEXT NOT NULL, summary TEXT NOT NULL, details TEXT NOT NULL, "
            "operation_id INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS review_decisions (source_branch TEXT NOT NULL, "
            "target_branch TEXT NOT NULL, data_hash TEXT NOT NULL, verdict TEXT NOT NULL, "
            "comment TEXT NOT NULL, reviewer TEXT NOT NULL, decided_at INTEGER, "
            "source_content_hash TEXT NOT NULL, PRIMARY KEY (source_branch, target_branch, data_hash))",
        });
    if (!tables)
        return tables;
    auto header = sql::prepare(db, QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)"));
    if (!header)
        return header.takeError();
    for (const auto &[key, value] : {std::pair{QStringLiteral("format"), kCacheFormat},
                                     std::pair{QStringLiteral("version"), QStringLiteral("1")},
                                     std::pair{QStringLiteral("project_hash"), projectHash}}) {
        if (auto put = sql::run(header.value(), {key, value}); !put)
            return put;
    }
    return {};
}

// Version 2: the operation records and the audit log under the project file's names, so SqliteLedger serves
// both. The audit log is rebuilt because "no operation" becomes NULL (it was 0, which refers to nothing).
Result<void> useProjectLedgerNames(QSqlDatabase &db)
{
    return sql::execAll(db,
                        {
                            "ALTER TABLE operations RENAME COLUMN created_target TO created_target_branch",
                            "ALTER TABLE operations RENAME COLUMN user TO user_name",
                            "ALTER TABLE operations ADD COLUMN target_deleted INTEGER NOT NULL DEFAULT 0",
                            "CREATE TABLE audit_log ("
                            " id INTEGER PRIMARY KEY,"
                            " time INTEGER NOT NULL,"
                            " user_name TEXT NOT NULL DEFAULT '',"
                            " action TEXT NOT NULL,"
                            " summary TEXT NOT NULL DEFAULT '',"
                            " details TEXT NOT NULL DEFAULT '',"
                            " operation_id INTEGER REFERENCES operations(id) ON DELETE SET NULL)",
                            "INSERT INTO audit_log (id, time, user_name, action, summary, details, "
                            "operation_id) SELECT id, COALESCE(time, 0), user, action, summary, details, "
                            "CASE WHEN operation_id IN (SELECT id FROM operations) THEN operation_id END "
                            "FROM audit",
                            "DROP TABLE audit",
                            "CREATE INDEX audit_log_by_operation ON audit_log(operation_id)",
                            // Older programs read this and refuse a cache they no longer understand.
                            "INSERT OR REPLACE INTO meta (key, value) VALUES ('version', '2')",
                        });
}

QList<SchemaStep> cacheSteps(const QString &projectHash)
{
    return {
        {1, QStringLiteral("cache tables"),
         [projectHash](QSqlDatabase &db) { return createVersion1(db, projectHash); }},
        {2, QStringLiteral("project ledger names"), useProjectLedgerNames},
        {3, QStringLiteral("operation states"),
         [](QSqlDatabase &db) {
             if (Result<void> added = SqliteLedger::addOperationStates(db); !added)
                 return added;
             return sql::exec(
                 db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('version', '3')"));
         }},
        {4, QStringLiteral("review decisions on objects"),
         [](QSqlDatabase &db) {
             if (Result<void> added = SqliteLedger::addObjectReviewDecisions(db); !added)
                 return added;
             return sql::exec(
                 db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('version', '4')"));
         }},
    };
}

// A failure of `what` on the cache, in the cache's words.
Error cacheFailure(const QString &what, const QString &reason)
{
    return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, reason));
}

// Prepares and runs one statement; the error names what the cache was doing.
Result<QSqlQuery> cacheQuery(QSqlDatabase &db, const QString &statement,
                             std::initializer_list<QVariant> values, const QString &what)
{
    auto query = sql::prepare(db, statement);
    if (!query)
        return cacheFailure(what, query.error());
    if (auto ran = sql::run(query.value(), values); !ran)
        return cacheFailure(what, ran.error());
    return query;
}

} // namespace

// --- lifetime and format ----------------------------------------------------------------------------------

Result<std::unique_ptr<EncordCache>> EncordCache::open(const QString &path, const QString &projectHash)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(
            QStringLiteral("cannot create the folder for the Encord cache: %1").arg(info.absolutePath()));
    std::unique_ptr<EncordCache> cache(new EncordCache);
    cache->m_path = path;
    cache->m_projectHash = projectHash;
    if (auto connected = cache->ensureConnected(); !connected)
        return connected.takeError();
    if (auto prepared = cache->prepareFormat(); !prepared)
        return prepared.takeError();
    return cache;
}

EncordCache::~EncordCache()
{
    disconnect();
}

void EncordCache::disconnect()
{
    SqliteConnection::close(m_db, m_connectionName);
    m_connectionName.clear();
}

Result<void> EncordCache::ensureConnected()
{
    if (m_db.isValid() && m_db.isOpen() && m_db.driver() &&
        m_db.driver()->thread() == QThread::currentThread())
        return {};
    // A connection from another thread cannot be closed here; it is dropped with its name and the new one
    // belongs to this thread.
    if (m_db.isValid() && m_db.driver() && m_db.driver()->thread() != QThread::currentThread()) {
        m_db = QSqlDatabase();
        m_connectionName.clear();
    } else {
        disconnect();
    }
    m_connectionName = SqliteConnection::uniqueName();
    if (auto opened =
            SqliteConnection::open(m_connectionName, m_path, SqliteConnection::Access::ReadWrite, m_db);
        !opened) {
        m_connectionName.clear();
        return fail(QStringLiteral("cannot open the Encord cache %1: %2").arg(m_path, opened.error()));
    }
    return {};
}

Result<void> EncordCache::prepareFormat()
{
    // Checked before anything is written, so a cache that is not ours is left as it is.
    if (auto checked = checkHeader(false); !checked)
        return checked;
    if (auto migrated = SqliteSchema::migrate(m_db, cacheSteps(m_projectHash)); !migrated)
        return fail(QStringLiteral("cannot open the Encord cache %1: %2").arg(m_path, migrated.error()));
    return checkHeader(true);
}

Result<void> EncordCache::checkHeader(bool required)
{
    const int latest = SqliteSchema::latestVersion(cacheSteps(m_projectHash));
    const auto newer = [this]() {
        return fail(QStringLiteral("the Encord cache %1 was written by a newer labelbranch").arg(m_path));
    };
    const auto unreadable = [this](const QString &reason) {
        return fail(QStringLiteral("cannot read the Encord cache %1: %2").arg(m_path, reason));
    };
    auto hasMeta = sql::scalar(
        m_db, QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'"));
    if (!hasMeta)
        return unreadable(hasMeta.error());
    QHash<QString, QString> meta;
    if (hasMeta->isValid()) {
        auto rows = cacheQuery(m_db, QStringLiteral("SELECT key, value FROM meta"), {},
                               QStringLiteral("read its header"));
        if (!rows)
            return rows.takeError();
        while (rows->next())
            meta.insert(rows->value(0).toString(), rows->value(1).toString());
    }
    if (meta.isEmpty() && !required) {
        auto version = SqliteSchema::version(m_db);
        if (!version)
            return unreadable(version.error());
        return *version > latest ? Result<void>(newer()) : Result<void>();
    }
    if (meta.value(QStringLiteral("format")) != kCacheFormat ||
        meta.value(QStringLiteral("project_hash")) != m_projectHash)
        return fail(QStringLiteral("%1 is not the Encord cache of project %2").arg(m_path, m_projectHash));
    auto version = SqliteSchema::version(m_db);
    if (!version)
        return unreadable(version.error());
    if (*version > latest || meta.value(QStringLiteral("version")).toInt() > latest)
        return newer();
    return {};
}

// --- rows ---------------------------------------------------------------------------------------------

Result<QHash<QString, CachedRow>> EncordCache::rows(const QString &branch, bool withContent)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(
        m_db,
        QStringLiteral("SELECT data_hash, label_hash, edited_secs, object_count, classification_count, "
                       "class_counts, content_hash, %1 FROM row_cache WHERE branch = ?")
            .arg(withContent ? QStringLiteral("content") : QStringLiteral("NULL")),
        {branch}, QStringLiteral("read cached rows"));
    if (!q)
        return q.takeError();
    QHash<QString, CachedRow> out;
    while (q->next()) {
        CachedRow row;
        row.labelHash = q->value(1).toString();
        row.editedSecs = q->value(2).toLongLong();
        row.objectCount = q->value(3).toInt();
        row.classificationCount = q->value(4).toInt();
        row.classCounts = decodeClassCounts(q->value(5).toString());
        row.contentHash = q->value(6).toString();
        row.content = q->value(7).toByteArray();
        out.insert(q->value(0).toString(), row);
    }
    return out;
}

Result<void> EncordCache::putRows(const QString &branch, const QHash<QString, CachedRow> &rowsByDataHash)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    const QString what = QStringLiteral("store a fetched row");
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(what, begun.error());
    auto put = sql::prepare(
        m_db, QStringLiteral("INSERT OR REPLACE INTO row_cache (branch, data_hash, label_hash, edited_secs, "
                             "object_count, classification_count, class_counts, content_hash, content) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!put)
        return cacheFailure(what, put.error());
    for (auto it = rowsByDataHash.cbegin(); it != rowsByDataHash.cend(); ++it) {
        const CachedRow &row = it.value();
        if (auto ran =
                sql::run(put.value(), {branch, it.key(), row.labelHash, row.editedSecs, row.objectCount,
                                       row.classificationCount, encodeClassCounts(row.classCounts),
                                       row.contentHash, row.content});
            !ran)
            return cacheFailure(what, ran.error());
    }
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(what, committed.error());
    return {};
}

Result<void> EncordCache::setListedAt(const QDateTime &when)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done =
        cacheQuery(m_db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('listed_at', ?)"),
                   {QString::number(when.toMSecsSinceEpoch())}, QStringLiteral("note the listing time"));
    if (!done)
        return done.takeError();
    return {};
}

Result<QDateTime> EncordCache::listedAt()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'listed_at'"), {},
                        QStringLiteral("read the listing time"));
    if (!q)
        return q.takeError();
    if (!q->next())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(q->value(0).toString().toLongLong(), Qt::UTC);
}

Result<QStringList> EncordCache::cachedBranchNames()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(m_db, QStringLiteral("SELECT DISTINCT branch FROM row_cache ORDER BY branch"), {},
                        QStringLiteral("read its branches"));
    if (!q)
        return q.takeError();
    QStringList names;
    while (q->next())
        names.append(q->value(0).toString());
    return names;
}

Result<bool> EncordCache::hasRows(const QString &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(m_db, QStringLiteral("SELECT 1 FROM row_cache WHERE branch = ? LIMIT 1"), {branch},
                        QStringLiteral("read its rows"));
    if (!q)
        return q.takeError();
    return q->next();
}

Result<void> EncordCache::forgetRow(const QString &branch, const QString &dataHash)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = cacheQuery(m_db, QStringLiteral("DELETE FROM row_cache WHERE branch = ? AND data_hash = ?"),
                           {branch, dataHash}, QStringLiteral("drop a cached row"));
    if (!done)
        return done.takeError();
    return {};
}

// --- branches and provenance ----------------------------------------------------------------------------

Result<QList<LocalBranch>> EncordCache::localBranches()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(
        m_db,
        QStringLiteral(
            "SELECT name, created_from, is_snapshot, created_at FROM local_branches ORDER BY name"),
        {}, QStringLiteral("read its branches"));
    if (!q)
        return q.takeError();
    QList<LocalBranch> out;
    while (q->next())
        out.append(LocalBranch{q->value(0).toString(), q->value(1).toString(), q->value(2).toBool(),
                               sql::dateTimeFromMs(q->value(3))});
    return out;
}

Result<void> EncordCache::addLocalBranch(const LocalBranch &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = cacheQuery(
        m_db,
        QStringLiteral("INSERT OR REPLACE INTO local_branches (name, created_from, is_snapshot, created_at) "
                       "VALUES (?, ?, ?, ?)"),
        {branch.name, branch.createdFrom, branch.isSnapshot ? 1 : 0, sql::msOrNull(branch.createdAt)},
        QStringLiteral("record a branch"));
    if (!done)
        return done.takeError();
    return {};
}

Result<void> EncordCache::removeLocalBranch(const QString &name)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = cacheQuery(m_db, QStringLiteral("DELETE FROM local_branches WHERE name = ?"), {name},
                           QStringLiteral("remove a branch"));
    if (!done)
        return done.takeError();
    return {};
}

Result<QHash<QString, Provenance>> EncordCache::provenance(const QString &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = cacheQuery(m_db,
                        QStringLiteral("SELECT data_hash, source_branch, source_content_hash, copied_at FROM "
                                       "provenance WHERE branch = ?"),
                        {branch}, QStringLiteral("read provenance"));
    if (!q)
        return q.takeError();
    QHash<QString, Provenance> out;
    while (q->next())
        out.insert(q->value(0).toString(), Provenance{q->value(1).toString(), q->value(2).toString(),
                                                      sql::dateTimeFromMs(q->value(3))});
    return out;
}

Result<void> EncordCache::setProvenance(const QString &branch, const QString &dataHash,
                                        const Provenance &provenance)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done =
        provenance.sourceBranch.isEmpty()
            ? cacheQuery(m_db, QStringLiteral("DELETE FROM provenance WHERE branch = ? AND data_hash = ?"),
                         {branch, dataHash}, QStringLiteral("clear provenance"))
            : cacheQuery(
                  m_db,
                  QStringLiteral("INSERT OR REPLACE INTO provenance (branch, data_hash, source_branch, "
                                 "source_content_hash, copied_at) VALUES (?, ?, ?, ?, ?)"),
                  {branch, dataHash, provenance.sourceBranch, provenance.sourceContentHash,
                   sql::msOrNull(provenance.copiedAt)},
                  QStringLiteral("record provenance"));
    if (!done)
        return done.takeError();
    return {};
}

// --- journal ----------------------------------------------------------------------------------------------

Result<void> EncordCache::addJournal(qint64 operationId, const QList<JournalEntry> &entries)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    const QString what = QStringLiteral("journal a row");
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(what, begun.error());
    auto insert =
        sql::prepare(m_db, QStringLiteral("INSERT INTO journal (operation_id, branch, data_hash, "
                                          "label_hash, created, old_content) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return cacheFailure(what, insert.error());
    for (const JournalEntry &e : entries) {
        if (auto ran = sql::run(insert.value(), {operationId, e.branch, e.dataHash, e.labelHash,
                                                 e.created ? 1 : 0, e.oldContent});
            !ran)
            return cacheFailure(what, ran.error());
    }
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(what, committed.error());
    return {};
}

Result<QList<JournalEntry>> EncordCache::journal(qint64 operationId)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q =
        cacheQuery(m_db,
                   QStringLiteral("SELECT branch, data_hash, label_hash, created, old_content FROM journal "
                                  "WHERE operation_id = ? ORDER BY seq"),
                   {operationId}, QStringLiteral("read the journal"));
    if (!q)
        return q.takeError();
    QList<JournalEntry> out;
    while (q->next())
        out.append(JournalEntry{q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                                q->value(3).toBool(), q->value(4).toByteArray()});
    return out;
}

} // namespace lb
