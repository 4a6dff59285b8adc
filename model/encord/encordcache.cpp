#include "encord/encordcache.h"

#include "domain/classcountsencoding.h"

#include <atomic>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace lb {

namespace {

constexpr int kCacheSchemaVersion = 1;

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("labelbranch-encord-cache-%1").arg(++counter);
}

QString sqlError(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.driverText().trimmed() : text;
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// Prepares and runs one statement; the error names what was being done.
Result<QSqlQuery> run(QSqlDatabase &db, const QString &statement, const QVariantList &values,
                      const QString &what)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(query.lastError())));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(query.lastError())));
    return query;
}

OperationRecord operationFrom(const QSqlQuery &q)
{
    OperationRecord r;
    r.id = q.value(0).toLongLong();
    OperationKind kind = OperationKind::Copy;
    parseOperationKind(q.value(1).toString(), &kind);
    r.kind = kind;
    r.sourceBranch = q.value(2).toString();
    r.targetBranch = q.value(3).toString();
    r.overwrite = q.value(4).toBool();
    r.createdTargetBranch = q.value(5).toBool();
    r.created = q.value(6).toInt();
    r.replaced = q.value(7).toInt();
    r.skipped = q.value(8).toInt();
    r.cancelled = q.value(9).toBool();
    r.undone = q.value(10).toBool();
    r.user = q.value(11).toString();
    r.startedAt = fromMs(q.value(12));
    r.finishedAt = fromMs(q.value(13));
    return r;
}

const QString OperationColumns = QStringLiteral("id, kind, source_branch, target_branch, overwrite, "
                                                "created_target, created, replaced, skipped, cancelled, "
                                                "undone, user, started_at, finished_at");

// Several statements that must all happen or none.
class CacheTransaction
{
public:
    explicit CacheTransaction(QSqlDatabase &db) : m_db(db) {}
    ~CacheTransaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool begin() { return m_active = m_db.transaction(); }
    bool commit()
    {
        m_active = false;
        return m_db.commit();
    }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};

} // namespace

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
    if (auto schema = cache->createSchema(projectHash); !schema)
        return schema.takeError();
    return cache;
}

EncordCache::~EncordCache()
{
    disconnect();
}

void EncordCache::disconnect()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty() && QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
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
    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        const QString reason = sqlError(m_db.lastError());
        disconnect();
        return fail(QStringLiteral("cannot open the Encord cache %1: %2").arg(m_path, reason));
    }
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
        QSqlQuery q(m_db);
        q.exec(QString::fromLatin1(pragma));
    }
    return {};
}

Result<void> EncordCache::createSchema(const QString &projectHash)
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS row_cache (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
            "label_hash TEXT NOT NULL, edited_secs INTEGER NOT NULL, object_count INTEGER NOT NULL, "
            "classification_count INTEGER NOT NULL, class_counts TEXT NOT NULL, content_hash TEXT NOT NULL, "
            "content BLOB, PRIMARY KEY (branch, data_hash))"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS local_branches (name TEXT PRIMARY KEY, created_from TEXT NOT NULL, "
            "is_snapshot INTEGER NOT NULL, created_at INTEGER)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS provenance (branch TEXT NOT NULL, data_hash TEXT NOT NULL, "
            "source_branch TEXT NOT NULL, source_content_hash TEXT NOT NULL, copied_at INTEGER, "
            "PRIMARY KEY (branch, data_hash))"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS operations (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
            "NULL, "
            "source_branch TEXT NOT NULL, target_branch TEXT NOT NULL, overwrite INTEGER NOT NULL, "
            "created_target INTEGER NOT NULL, created INTEGER NOT NULL, replaced INTEGER NOT NULL, "
            "skipped INTEGER NOT NULL, cancelled INTEGER NOT NULL, undone INTEGER NOT NULL, user TEXT NOT "
            "NULL, "
            "started_at INTEGER, finished_at INTEGER)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS journal (operation_id INTEGER NOT NULL REFERENCES operations(id), "
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
    };
    CacheTransaction transaction(m_db);
    if (!transaction.begin())
        return fail(
            QStringLiteral("cannot write the Encord cache %1: %2").arg(m_path, sqlError(m_db.lastError())));
    for (const QString &statement : statements) {
        if (auto done = run(m_db, statement, {}, QStringLiteral("create its tables")); !done)
            return done.takeError();
    }
    auto existing =
        run(m_db, QStringLiteral("SELECT key, value FROM meta"), {}, QStringLiteral("read its header"));
    if (!existing)
        return existing.takeError();
    QHash<QString, QString> meta;
    while (existing->next())
        meta.insert(existing->value(0).toString(), existing->value(1).toString());
    if (meta.isEmpty()) {
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("format"), QStringLiteral("labelbranch-encord-cache")},
              std::pair{QStringLiteral("version"), QString::number(kCacheSchemaVersion)},
              std::pair{QStringLiteral("project_hash"), projectHash}}) {
            if (auto put = run(m_db, QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"),
                               {key, value}, QStringLiteral("write its header"));
                !put)
                return put.takeError();
        }
    } else if (meta.value(QStringLiteral("format")) != QLatin1String("labelbranch-encord-cache") ||
               meta.value(QStringLiteral("project_hash")) != projectHash) {
        return fail(QStringLiteral("%1 is not the Encord cache of project %2").arg(m_path, projectHash));
    } else if (meta.value(QStringLiteral("version")).toInt() > kCacheSchemaVersion) {
        return fail(QStringLiteral("the Encord cache %1 was written by a newer labelbranch").arg(m_path));
    }
    if (!transaction.commit())
        return fail(
            QStringLiteral("cannot write the Encord cache %1: %2").arg(m_path, sqlError(m_db.lastError())));
    return {};
}

// --- rows ---------------------------------------------------------------------------------------------

Result<QHash<QString, CachedRow>> EncordCache::rows(const QString &branch, bool withContent)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q =
        run(m_db,
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
    CacheTransaction transaction(m_db);
    if (!transaction.begin())
        return fail(QStringLiteral("cannot write the Encord cache: %1").arg(sqlError(m_db.lastError())));
    for (auto it = rowsByDataHash.cbegin(); it != rowsByDataHash.cend(); ++it) {
        const CachedRow &row = it.value();
        auto put = run(
            m_db,
            QStringLiteral("INSERT OR REPLACE INTO row_cache (branch, data_hash, label_hash, edited_secs, "
                           "object_count, classification_count, class_counts, content_hash, content) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {branch, it.key(), row.labelHash, row.editedSecs, row.objectCount, row.classificationCount,
             text(encodeClassCounts(row.classCounts)), text(row.contentHash), row.content},
            QStringLiteral("store a fetched row"));
        if (!put)
            return put.takeError();
    }
    if (!transaction.commit())
        return fail(QStringLiteral("cannot write the Encord cache: %1").arg(sqlError(m_db.lastError())));
    return {};
}

Result<void> EncordCache::forgetRow(const QString &branch, const QString &dataHash)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = run(m_db, QStringLiteral("DELETE FROM row_cache WHERE branch = ? AND data_hash = ?"),
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
    auto q = run(m_db,
                 QStringLiteral(
                     "SELECT name, created_from, is_snapshot, created_at FROM local_branches ORDER BY name"),
                 {}, QStringLiteral("read its branches"));
    if (!q)
        return q.takeError();
    QList<LocalBranch> out;
    while (q->next())
        out.append(LocalBranch{q->value(0).toString(), q->value(1).toString(), q->value(2).toBool(),
                               fromMs(q->value(3))});
    return out;
}

Result<void> EncordCache::addLocalBranch(const LocalBranch &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = run(
        m_db,
        QStringLiteral("INSERT OR REPLACE INTO local_branches (name, created_from, is_snapshot, created_at) "
                       "VALUES (?, ?, ?, ?)"),
        {branch.name, text(branch.createdFrom), branch.isSnapshot ? 1 : 0, msOrNull(branch.createdAt)},
        QStringLiteral("record a branch"));
    if (!done)
        return done.takeError();
    return {};
}

Result<void> EncordCache::removeLocalBranch(const QString &name)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = run(m_db, QStringLiteral("DELETE FROM local_branches WHERE name = ?"), {name},
                    QStringLiteral("remove a branch"));
    if (!done)
        return done.takeError();
    return {};
}

Result<QHash<QString, Provenance>> EncordCache::provenance(const QString &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q =
        run(m_db,
            QStringLiteral("SELECT data_hash, source_branch, source_content_hash, copied_at FROM provenance "
                           "WHERE branch = ?"),
            {branch}, QStringLiteral("read provenance"));
    if (!q)
        return q.takeError();
    QHash<QString, Provenance> out;
    while (q->next())
        out.insert(q->value(0).toString(),
                   Provenance{q->value(1).toString(), q->value(2).toString(), fromMs(q->value(3))});
    return out;
}

Result<void> EncordCache::setProvenance(const QString &branch, const QString &dataHash,
                                        const Provenance &provenance)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto done = provenance.sourceBranch.isEmpty()
                    ? run(m_db, QStringLiteral("DELETE FROM provenance WHERE branch = ? AND data_hash = ?"),
                          {branch, dataHash}, QStringLiteral("clear provenance"))
                    : run(m_db,
                          QStringLiteral("INSERT OR REPLACE INTO provenance (branch, data_hash, "
                                         "source_branch, source_content_hash, "
                                         "copied_at) VALUES (?, ?, ?, ?, ?)"),
                          {branch, dataHash, provenance.sourceBranch, text(provenance.sourceContentHash),
                           msOrNull(provenance.copiedAt)},
                          QStringLiteral("record provenance"));
    if (!done)
        return done.takeError();
    return {};
}

// --- operations, journal, audit
// -----------------------------------------------------------------------------

Result<qint64> EncordCache::beginOperation(const OperationRecord &r)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q =
        run(m_db,
            QStringLiteral(
                "INSERT INTO operations (kind, source_branch, target_branch, overwrite, created_target, "
                "created, replaced, skipped, cancelled, undone, user, started_at, finished_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"),
            {operationKindName(r.kind), text(r.sourceBranch), text(r.targetBranch), r.overwrite ? 1 : 0,
             r.createdTargetBranch ? 1 : 0, r.created, r.replaced, r.skipped, r.cancelled ? 1 : 0,
             text(r.user), msOrNull(r.startedAt.isValid() ? r.startedAt : QDateTime::currentDateTimeUtc()),
             msOrNull(r.finishedAt)},
            QStringLiteral("start an operation"));
    if (!q)
        return q.takeError();
    return q->lastInsertId().toLongLong();
}

Result<void> EncordCache::finishOperation(const OperationRecord &r)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto q =
        run(m_db,
            QStringLiteral("UPDATE operations SET created = ?, replaced = ?, skipped = ?, cancelled = ?, "
                           "created_target = ?, finished_at = ? WHERE id = ?"),
            {r.created, r.replaced, r.skipped, r.cancelled ? 1 : 0, r.createdTargetBranch ? 1 : 0,
             msOrNull(r.finishedAt.isValid() ? r.finishedAt : QDateTime::currentDateTimeUtc()), r.id},
            QStringLiteral("finish an operation"));
    if (!q)
        return q.takeError();
    if (q->numRowsAffected() == 0)
        return fail(QStringLiteral("there is no operation %1").arg(r.id));
    return {};
}

Result<OperationRecord> EncordCache::operation(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = run(m_db, QStringLiteral("SELECT %1 FROM operations WHERE id = ?").arg(OperationColumns), {id},
                 QStringLiteral("read an operation"));
    if (!q)
        return q.takeError();
    if (!q->next())
        return fail(QStringLiteral("there is no operation %1").arg(id));
    return operationFrom(q.value());
}

Result<QList<OperationRecord>> EncordCache::operations()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = run(m_db, QStringLiteral("SELECT %1 FROM operations ORDER BY id DESC").arg(OperationColumns), {},
                 QStringLiteral("read operations"));
    if (!q)
        return q.takeError();
    QList<OperationRecord> out;
    while (q->next())
        out.append(operationFrom(q.value()));
    return out;
}

Result<OperationRecord> EncordCache::lastUndoableOperation(const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QString statement =
        QStringLiteral("SELECT %1 FROM operations WHERE undone = 0 AND kind <> 'undo'").arg(OperationColumns);
    QVariantList values;
    if (!targetBranch.isEmpty()) {
        statement += QStringLiteral(" AND target_branch = ?");
        values.append(targetBranch);
    }
    statement += QStringLiteral(" ORDER BY id DESC LIMIT 1");
    auto q = run(m_db, statement, values, QStringLiteral("read operations"));
    if (!q)
        return q.takeError();
    if (!q->next())
        return OperationRecord();
    return operationFrom(q.value());
}

Result<void> EncordCache::markUndone(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto q = run(m_db, QStringLiteral("UPDATE operations SET undone = 1 WHERE id = ?"), {id},
                 QStringLiteral("mark an operation undone"));
    if (!q)
        return q.takeError();
    return {};
}

Result<void> EncordCache::addJournal(qint64 operationId, const QList<JournalEntry> &entries)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    CacheTransaction transaction(m_db);
    if (!transaction.begin())
        return fail(QStringLiteral("cannot write the Encord cache: %1").arg(sqlError(m_db.lastError())));
    for (const JournalEntry &e : entries) {
        auto q =
            run(m_db,
                QStringLiteral("INSERT INTO journal (operation_id, branch, data_hash, label_hash, created, "
                               "old_content) VALUES (?, ?, ?, ?, ?, ?)"),
                {operationId, e.branch, e.dataHash, e.labelHash, e.created ? 1 : 0, e.oldContent},
                QStringLiteral("journal a row"));
        if (!q)
            return q.takeError();
    }
    if (!transaction.commit())
        return fail(QStringLiteral("cannot write the Encord cache: %1").arg(sqlError(m_db.lastError())));
    return {};
}

Result<QList<JournalEntry>> EncordCache::journal(qint64 operationId)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = run(m_db,
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

Result<void> EncordCache::appendAudit(const AuditEntry &entry)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto q =
        run(m_db,
            QStringLiteral("INSERT INTO audit (time, user, action, summary, details, operation_id) "
                           "VALUES (?, ?, ?, ?, ?, ?)"),
            {msOrNull(entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc()), text(entry.user),
             text(entry.action), text(entry.summary), text(entry.details), entry.operationId},
            QStringLiteral("append to the audit log"));
    if (!q)
        return q.takeError();
    return {};
}

Result<QList<AuditEntry>> EncordCache::auditLog()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q = run(m_db,
                 QStringLiteral("SELECT id, time, user, action, summary, details, operation_id FROM audit "
                                "ORDER BY id DESC"),
                 {}, QStringLiteral("read the audit log"));
    if (!q)
        return q.takeError();
    QList<AuditEntry> out;
    while (q->next()) {
        AuditEntry e;
        e.id = q->value(0).toLongLong();
        e.time = fromMs(q->value(1));
        e.user = q->value(2).toString();
        e.action = q->value(3).toString();
        e.summary = q->value(4).toString();
        e.details = q->value(5).toString();
        e.operationId = q->value(6).toLongLong();
        out.append(e);
    }
    return out;
}

Result<QList<ReviewDecision>> EncordCache::reviewDecisions(const QString &sourceBranch,
                                                           const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto q =
        run(m_db,
            QStringLiteral("SELECT data_hash, verdict, comment, reviewer, decided_at, source_content_hash "
                           "FROM review_decisions WHERE source_branch = ? AND target_branch = ? "
                           "ORDER BY data_hash"),
            {text(sourceBranch), text(targetBranch)}, QStringLiteral("read the review decisions"));
    if (!q)
        return q.takeError();
    QList<ReviewDecision> out;
    while (q->next()) {
        ReviewDecision d;
        d.sourceBranch = sourceBranch;
        d.targetBranch = targetBranch;
        d.dataHash = q->value(0).toString();
        if (!parseReviewVerdict(q->value(1).toString(), &d.verdict))
            return fail(
                QStringLiteral("the review decision on %1 in the Encord cache is damaged").arg(d.dataHash));
        d.comment = q->value(2).toString();
        d.reviewer = q->value(3).toString();
        d.decidedAt = fromMs(q->value(4));
        d.sourceContentHash = q->value(5).toString();
        out.append(d);
    }
    return out;
}

Result<void> EncordCache::saveReviewDecision(const ReviewDecision &decision)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto q = run(
        m_db,
        QStringLiteral("INSERT OR REPLACE INTO review_decisions (source_branch, target_branch, data_hash, "
                       "verdict, comment, reviewer, decided_at, source_content_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {text(decision.sourceBranch), text(decision.targetBranch), text(decision.dataHash),
         reviewVerdictName(decision.verdict), text(decision.comment), text(decision.reviewer),
         msOrNull(decision.decidedAt.isValid() ? decision.decidedAt : QDateTime::currentDateTimeUtc()),
         text(decision.sourceContentHash)},
        QStringLiteral("save the review decision"));
    if (!q)
        return q.takeError();
    return {};
}

Result<int> EncordCache::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                              const QStringList &dataHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    const QString what = QStringLiteral("clear the review decisions");
    if (dataHashes.isEmpty()) {
        auto q =
            run(m_db,
                QStringLiteral("DELETE FROM review_decisions WHERE source_branch = ? AND target_branch = ?"),
                {text(sourceBranch), text(targetBranch)}, what);
        if (!q)
            return q.takeError();
        return q->numRowsAffected();
    }
    int removed = 0;
    CacheTransaction transaction(m_db);
    if (!transaction.begin())
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(m_db.lastError())));
    for (const QString &dataHash : dataHashes) {
        auto q =
            run(m_db,
                QStringLiteral("DELETE FROM review_decisions WHERE source_branch = ? AND target_branch = ? "
                               "AND data_hash = ?"),
                {text(sourceBranch), text(targetBranch), text(dataHash)}, what);
        if (!q)
            return q.takeError();
        removed += q->numRowsAffected();
    }
    if (!transaction.commit())
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(m_db.lastError())));
    return removed;
}

Result<void> EncordCache::renameBranchInReviewDecisions(const QString &from, const QString &to)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    const QString what = QStringLiteral("rename the branch in the review decisions");
    CacheTransaction transaction(m_db);
    if (!transaction.begin())
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(m_db.lastError())));
    for (const QString &statement :
         {QStringLiteral("UPDATE review_decisions SET source_branch = ? WHERE source_branch = ?"),
          QStringLiteral("UPDATE review_decisions SET target_branch = ? WHERE target_branch = ?")}) {
        if (auto q = run(m_db, statement, {to, from}, what); !q)
            return q.takeError();
    }
    if (!transaction.commit())
        return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, sqlError(m_db.lastError())));
    return {};
}

Result<void> EncordCache::forgetReviewDecisionsOf(const QString &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto q =
        run(m_db, QStringLiteral("DELETE FROM review_decisions WHERE source_branch = ? OR target_branch = ?"),
            {branch, branch}, QStringLiteral("forget the review decisions of a deleted branch"));
    if (!q)
        return q.takeError();
    return {};
}

} // namespace lb
