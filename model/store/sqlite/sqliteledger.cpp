#include "store/sqlite/sqliteledger.h"

#include "domain/wording.h"
#include "store/operationowner.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"

#include <QDateTime>

namespace lb {

namespace {

QDateTime nowIfInvalid(const QDateTime &time)
{
    return time.isValid() ? time : QDateTime::currentDateTimeUtc();
}

const QString kReadHistory = QStringLiteral("read the operation history");

} // namespace

Result<void> SqliteLedger::addOperationStates(QSqlDatabase &db)
{
    return sql::execAll(db, {
                                "ALTER TABLE operations ADD COLUMN state TEXT NOT NULL DEFAULT 'done'",
                                "ALTER TABLE operations ADD COLUMN batches_done INTEGER NOT NULL DEFAULT 0",
                                "ALTER TABLE operations ADD COLUMN batches_total INTEGER NOT NULL DEFAULT 0",
                                "ALTER TABLE operations ADD COLUMN owner TEXT NOT NULL DEFAULT ''",
                                "UPDATE operations SET state = 'interrupted' WHERE finished_at IS NULL",
                                "CREATE INDEX operations_running ON operations(state, target_branch)",
                            });
}

// --- operations -------------------------------------------------------------------------------------------

QString SqliteLedger::operationColumns()
{
    return QStringLiteral(
        "id, kind, source_branch, target_branch, overwrite, created_target_branch, created, "
        "replaced, skipped, cancelled, undone, user_name, started_at, finished_at, state, batches_done, "
        "batches_total, owner");
}

OperationRecord SqliteLedger::operationFrom(const QSqlQuery &query)
{
    // Column order of operationColumns().
    OperationRecord record;
    record.id = query.value(0).toLongLong();
    OperationKind kind = OperationKind::Copy;
    if (parseOperationKind(query.value(1).toString(), &kind))
        record.kind = kind;
    record.sourceBranch = query.value(2).toString();
    record.targetBranch = query.value(3).toString();
    record.overwrite = query.value(4).toBool();
    record.createdTargetBranch = query.value(5).toBool();
    record.created = query.value(6).toInt();
    record.replaced = query.value(7).toInt();
    record.skipped = query.value(8).toInt();
    record.cancelled = query.value(9).toBool();
    record.undone = query.value(10).toBool();
    record.user = query.value(11).toString();
    record.startedAt = sql::dateTimeFromMs(query.value(12));
    record.finishedAt = sql::dateTimeFromMs(query.value(13));
    OperationState state = OperationState::Done;
    if (parseOperationState(query.value(14).toString(), &state))
        record.state = state;
    record.batchesDone = query.value(15).toInt();
    record.batchesTotal = query.value(16).toInt();
    record.owner = query.value(17).toString();
    return record;
}

Result<void> SqliteLedger::checkHolders(const QString &branch, QList<OperationRecord> *gone)
{
    auto running = sql::runQuery(m_db,
                                 QStringLiteral("SELECT %1 FROM operations WHERE state = 'running' AND "
                                                "target_branch = ? ORDER BY id")
                                     .arg(operationColumns()),
                                 {branch}, kReadHistory);
    if (!running)
        return running.takeError();
    while (running->next()) {
        const OperationRecord holder = operationFrom(running.value());
        if (operationowner::alive(holder.owner))
            return fail(ErrorKind::Busy, holder.holderText());
        if (gone)
            gone->append(holder);
    }
    return {};
}

Result<void> SqliteLedger::refuseIfHeld(const QString &branch)
{
    return checkHolders(branch, nullptr);
}

Result<qint64> SqliteLedger::beginOperation(const OperationRecord &record)
{
    // The running operations on the branch, whose lock is taken unless their process is gone.
    QList<OperationRecord> gone;
    if (Result<void> unheld = checkHolders(record.targetBranch, &gone); !unheld)
        return unheld.takeError();
    for (const OperationRecord &holder : std::as_const(gone)) {
        if (Result<void> marked = markInterrupted(holder.id); !marked)
            return marked.takeError();
    }
    // `undone` is given although it defaults to 0 in the project file: older Encord caches have no default.
    auto insert = sql::runQuery(
        m_db,
        QStringLiteral("INSERT INTO operations (kind, source_branch, target_branch, overwrite, "
                       "created_target_branch, created, replaced, skipped, cancelled, undone, user_name, "
                       "started_at, finished_at, state, batches_done, batches_total, owner) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, 'running', 0, ?, ?)"),
        {operationKindName(record.kind), record.sourceBranch, record.targetBranch, record.overwrite ? 1 : 0,
         record.createdTargetBranch ? 1 : 0, record.created, record.replaced, record.skipped,
         record.cancelled ? 1 : 0, record.user, nowIfInvalid(record.startedAt).toMSecsSinceEpoch(),
         record.batchesTotal, record.owner},
        QStringLiteral("record the operation"));
    if (!insert)
        return insert.takeError();
    return insert->lastInsertId().toLongLong();
}

Result<void> SqliteLedger::refuseIfBranchInUse(const QString &branch)
{
    auto running = sql::runQuery(m_db,
                                 QStringLiteral("SELECT %1 FROM operations WHERE state = 'running' AND "
                                                "(target_branch = ? OR source_branch = ?) ORDER BY id")
                                     .arg(operationColumns()),
                                 {branch, branch}, kReadHistory);
    if (!running)
        return running.takeError();
    while (running->next()) {
        const OperationRecord holder = operationFrom(running.value());
        if (operationowner::alive(holder.owner))
            return fail(ErrorKind::Busy,
                        QStringLiteral("branch %1 is in use by %2; try again when it has ended")
                            .arg(quoted(branch), holder.holderText()));
    }
    return {};
}

Result<void> SqliteLedger::finishOperation(const OperationRecord &record)
{
    const bool running = record.state == OperationState::Running;
    auto update = sql::runQuery(
        m_db,
        QStringLiteral("UPDATE operations SET created_target_branch = ?, created = ?, replaced = ?, "
                       "skipped = ?, cancelled = ?, finished_at = ?, state = ?, batches_total = ? "
                       "WHERE id = ?"),
        {record.createdTargetBranch ? 1 : 0, record.created, record.replaced, record.skipped,
         record.cancelled ? 1 : 0,
         running ? sql::nullOf(QMetaType::LongLong)
                 : QVariant(nowIfInvalid(record.finishedAt).toMSecsSinceEpoch()),
         operationStateName(record.state), record.batchesTotal, record.id},
        QStringLiteral("record the end of operation %1").arg(record.id));
    if (!update)
        return update.takeError();
    if (update->numRowsAffected() != 1)
        return fail(QStringLiteral("operation %1 does not exist").arg(record.id));
    return {};
}

Result<void> SqliteLedger::dropOperation(qint64 id)
{
    for (const QString &statement : {QStringLiteral("DELETE FROM audit_log WHERE operation_id = ?"),
                                     QStringLiteral("DELETE FROM operations WHERE id = ?")}) {
        if (auto ran = sql::runQuery(m_db, statement, {id}, QStringLiteral("forget operation %1").arg(id));
            !ran)
            return ran.takeError();
    }
    return {};
}

Result<void> SqliteLedger::countBatch(qint64 id)
{
    auto counted = sql::runQuery(
        m_db, QStringLiteral("UPDATE operations SET batches_done = batches_done + 1 WHERE id = ?"), {id},
        QStringLiteral("count the batch of operation %1").arg(id));
    return counted ? Result<void>() : Result<void>(counted.takeError());
}

Result<void> SqliteLedger::markInterrupted(qint64 id)
{
    auto marked =
        sql::runQuery(m_db,
                      QStringLiteral("UPDATE operations SET state = 'interrupted', finished_at = ? WHERE "
                                     "id = ? AND state = 'running'"),
                      {QDateTime::currentMSecsSinceEpoch(), id},
                      QStringLiteral("mark operation %1 as interrupted").arg(id));
    return marked ? Result<void>() : Result<void>(marked.takeError());
}

Result<QList<OperationRecord>> SqliteLedger::runningWithoutProcess()
{
    auto running =
        sql::runQuery(m_db,
                      QStringLiteral("SELECT %1 FROM operations WHERE state = 'running' ORDER BY id")
                          .arg(operationColumns()),
                      {}, kReadHistory);
    if (!running)
        return running.takeError();
    QList<OperationRecord> gone;
    while (running->next()) {
        OperationRecord record = operationFrom(running.value());
        if (!operationowner::alive(record.owner))
            gone.append(record);
    }
    return gone;
}

Result<QList<OperationRecord>> SqliteLedger::interruptRunningWithoutProcess()
{
    Result<QList<OperationRecord>> gone = runningWithoutProcess();
    if (!gone)
        return gone;
    for (OperationRecord &record : gone.value()) {
        if (Result<void> marked = markInterrupted(record.id); !marked)
            return marked.takeError();
        record.state = OperationState::Interrupted;
    }
    return gone;
}

Result<OperationRecord> SqliteLedger::operation(qint64 id)
{
    auto query =
        sql::runQuery(m_db, QStringLiteral("SELECT %1 FROM operations WHERE id = ?").arg(operationColumns()),
                      {id}, kReadHistory);
    if (!query)
        return query.takeError();
    if (!query->next())
        return fail(QStringLiteral("operation %1 does not exist").arg(id));
    return operationFrom(query.value());
}

Result<QList<OperationRecord>> SqliteLedger::operations()
{
    auto query = sql::runQuery(
        m_db, QStringLiteral("SELECT %1 FROM operations ORDER BY id DESC").arg(operationColumns()), {},
        kReadHistory);
    if (!query)
        return query.takeError();
    QList<OperationRecord> list;
    while (query->next())
        list.append(operationFrom(query.value()));
    return list;
}

Result<OperationRecord> SqliteLedger::lastUndoableOperation(const QString &targetBranch,
                                                            const QString &condition)
{
    QString text = QStringLiteral("SELECT %1 FROM operations o WHERE undone = 0 AND kind <> '%2'")
                       .arg(operationColumns(), operationKindName(OperationKind::Undo));
    if (!condition.isEmpty())
        text += QStringLiteral(" AND ") + condition;
    if (!targetBranch.isEmpty())
        text += QStringLiteral(" AND target_branch = ?");
    text += QStringLiteral(" ORDER BY id DESC LIMIT 1");
    auto query = targetBranch.isEmpty() ? sql::runQuery(m_db, text, {}, kReadHistory)
                                        : sql::runQuery(m_db, text, {targetBranch}, kReadHistory);
    if (!query)
        return query.takeError();
    if (!query->next())
        return OperationRecord{};
    return operationFrom(query.value());
}

Result<void> SqliteLedger::markUndone(qint64 id)
{
    auto mark = sql::prepare(m_db, QStringLiteral("UPDATE operations SET undone = 1 WHERE id = ?"));
    if (!mark)
        return mark.takeError();
    return sql::run(mark.value(), {id});
}

// --- audit log
// ----------------------------------------------------------------------------------------------

Result<void> SqliteLedger::replaceOperationAudit(const AuditEntry &entry)
{
    auto update =
        sql::runQuery(m_db,
                      QStringLiteral("UPDATE audit_log SET time = ?, summary = ?, details = ? WHERE id = "
                                     "(SELECT MIN(id) FROM audit_log WHERE operation_id = ? AND action = ?)"),
                      {nowIfInvalid(entry.time).toMSecsSinceEpoch(), entry.summary, entry.details,
                       entry.operationId, entry.action},
                      QStringLiteral("write the audit log"));
    if (!update)
        return update.takeError();
    if (update->numRowsAffected() == 1)
        return {};
    return appendAudit(entry);
}

Result<void> SqliteLedger::appendAudit(const AuditEntry &entry)
{
    // No operation is NULL, not 0: operation_id refers to an operation.
    const QVariant operation =
        entry.operationId != 0 ? QVariant(entry.operationId) : sql::nullOf(QMetaType::LongLong);
    auto insert =
        sql::runQuery(m_db,
                      QStringLiteral("INSERT INTO audit_log (time, user_name, action, summary, details, "
                                     "operation_id) VALUES (?, ?, ?, ?, ?, ?)"),
                      {nowIfInvalid(entry.time).toMSecsSinceEpoch(), entry.user, entry.action, entry.summary,
                       entry.details, operation},
                      QStringLiteral("write the audit log"));
    if (!insert)
        return insert.takeError();
    return {};
}

Result<QList<AuditEntry>> SqliteLedger::auditLog()
{
    // An operation's own entry shows how it stands (an undo's entry names the operation it took back).
    auto query =
        sql::runQuery(m_db,
                      QStringLiteral("SELECT a.id, a.time, a.user_name, a.action, a.summary, a.details, "
                                     "a.operation_id, o.state, o.batches_done, o.batches_total, o.kind "
                                     "FROM audit_log a LEFT JOIN operations o ON o.id = a.operation_id "
                                     "ORDER BY a.id DESC"),
                      {}, QStringLiteral("read the audit log"));
    if (!query)
        return query.takeError();
    QList<AuditEntry> entries;
    while (query->next()) {
        AuditEntry entry;
        entry.id = query->value(0).toLongLong();
        entry.time = sql::dateTimeFromMs(query->value(1));
        entry.user = query->value(2).toString();
        entry.action = query->value(3).toString();
        entry.summary = query->value(4).toString();
        entry.details = query->value(5).toString();
        entry.operationId = query->value(6).isNull() ? 0 : query->value(6).toLongLong();
        if (entry.operationId != 0 && query->value(10).toString() == entry.action) {
            OperationRecord record;
            OperationState state = OperationState::Done;
            if (parseOperationState(query->value(7).toString(), &state))
                record.state = state;
            record.batchesDone = query->value(8).toInt();
            record.batchesTotal = query->value(9).toInt();
            entry.operationState = record.stateText();
        }
        entries.append(entry);
    }
    return entries;
}

} // namespace lb
