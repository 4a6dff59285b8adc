#include "store/sqlite/sqliteundo.h"

#include "domain/branchname.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitetransaction.h"

#include <utility>

namespace lb {

namespace {

Error undoFailed(qint64 operationId, const QString &reason)
{
    return fail(QStringLiteral("cannot undo operation %1: %2").arg(operationId).arg(reason));
}

// One journal entry, as far as undo needs it.
struct JournalStep
{
    qint64 id;
    bool created;
    qint64 branchId;
    qint64 dataUnitId;
    QString labelHash;
};

// The journal of an operation, newest entry first.
Result<QList<JournalStep>> readJournal(QSqlQuery &entries, qint64 operationId)
{
    if (auto ran = sql::run(entries, {operationId}); !ran)
        return ran.takeError();
    QList<JournalStep> journal;
    while (entries.next()) {
        journal.append(
            {entries.value(0).toLongLong(), entries.value(1).toString() == QLatin1String("created"),
             entries.value(3).toLongLong(), entries.value(4).toLongLong(), entries.value(5).toString()});
    }
    entries.finish();
    return journal;
}

} // namespace

Result<OperationRecord> SqliteUndo::lastUndoableOperation(const QString &targetBranch)
{
    // Operations that changed nothing (everything skipped, or cancelled before the first batch) are passed
    // over: "undo" should undo the last change the user can see, not a no-op recorded after it.
    return SqliteLedger(m_db).lastUndoableOperation(
        targetBranch, QStringLiteral("target_deleted = 0 AND (created_target_branch = 1 OR EXISTS (SELECT 1 "
                                     "FROM journal j WHERE j.operation_id = o.id))"));
}

Result<UndoResult> SqliteUndo::undoOperation(qint64 operationId)
{
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return undoFailed(operationId, begun.error());
    auto record = undoableRecord(operationId);
    if (!record)
        return record.takeError();
    if (auto alone = checkNothingNewer(*record); !alone)
        return alone.takeError();

    UndoResult result;
    result.undoneOperationId = operationId;
    result.targetBranch = record->targetBranch;
    if (auto replayed = replayJournal(operationId, result); !replayed)
        return replayed.takeError();
    if (auto removed = removeBranchIfEmpty(*record, result); !removed)
        return removed.takeError();
    if (auto marked = SqliteLedger(m_db).markUndone(operationId); !marked)
        return undoFailed(operationId, marked.error());
    if (auto committed = transaction.commit(); !committed)
        return undoFailed(operationId, committed.error());
    return result;
}

Result<OperationRecord> SqliteUndo::undoableRecord(qint64 operationId)
{
    auto recordQuery =
        sql::prepare(m_db, QStringLiteral("SELECT %1, target_deleted FROM operations WHERE id = ?")
                               .arg(SqliteLedger::operationColumns()));
    if (!recordQuery)
        return undoFailed(operationId, recordQuery.error());
    if (auto ran = sql::run(recordQuery.value(), {operationId}); !ran)
        return undoFailed(operationId, ran.error());
    if (!recordQuery->next())
        return fail(QStringLiteral("operation %1 does not exist").arg(operationId));
    const OperationRecord record = SqliteLedger::operationFrom(recordQuery.value());
    const bool targetDeleted = recordQuery->value(14).toBool();
    recordQuery->finish();
    if (record.undone)
        return fail(QStringLiteral("operation %1 has already been undone").arg(operationId));
    if (record.kind == OperationKind::Undo)
        return undoFailed(operationId, QStringLiteral("it is itself an undo"));
    if (targetDeleted) {
        return undoFailed(operationId,
                          QStringLiteral("its target branch '%1' has been deleted").arg(record.targetBranch));
    }
    return record;
}

Result<void> SqliteUndo::checkNothingNewer(const OperationRecord &record)
{
    auto newer = sql::scalar(
        m_db,
        QStringLiteral(
            "SELECT o.id FROM operations o WHERE o.id > ? AND o.undone = 0 AND o.target_deleted = 0 AND "
            "o.kind <> ? "
            "AND o.target_branch = ? AND EXISTS (SELECT 1 FROM journal j WHERE j.operation_id = o.id) "
            "ORDER BY o.id DESC LIMIT 1"),
        {record.id, operationKindName(OperationKind::Undo), record.targetBranch});
    if (!newer)
        return undoFailed(record.id, newer.error());
    if (newer->isValid()) {
        return undoFailed(record.id,
                          QStringLiteral("the newer operation %1 on branch '%2' must be undone first")
                              .arg(newer->toLongLong())
                              .arg(record.targetBranch));
    }
    return {};
}

Result<void> SqliteUndo::replayJournal(qint64 operationId, UndoResult &result)
{
    auto entries = sql::prepare(m_db, QStringLiteral("SELECT id, change, row_id, branch_id, data_unit_id, "
                                                     "label_hash FROM journal WHERE operation_id = ? "
                                                     "ORDER BY id DESC"));
    auto removeCreated =
        sql::prepare(m_db, QStringLiteral("DELETE FROM label_rows WHERE branch_id = ? AND label_hash = ?"));
    auto removeCurrent =
        sql::prepare(m_db, QStringLiteral("DELETE FROM label_rows WHERE branch_id = ? AND data_unit_id = ?"));
    // The old row comes back under its old id too when that id is free, so it is the same row in every
    // column.
    auto restore = sql::prepare(m_db, QStringLiteral("INSERT INTO label_rows (id, branch_id, data_unit_id, "
                                                     "%1) SELECT CASE WHEN EXISTS (SELECT 1 FROM label_rows "
                                                     "WHERE id = j.row_id) THEN NULL ELSE j.row_id END, "
                                                     "j.branch_id, j.data_unit_id, %1 FROM journal j "
                                                     "WHERE j.id = ?")
                                          .arg(sql::kRowStateColumns));
    for (const Result<QSqlQuery> *query : {&entries, &removeCreated, &removeCurrent, &restore}) {
        if (!query->ok())
            return undoFailed(operationId, query->error());
    }
    auto journal = readJournal(entries.value(), operationId);
    if (!journal)
        return undoFailed(operationId, journal.error());

    for (const JournalStep &entry : std::as_const(*journal)) {
        if (entry.created) {
            if (auto ran = sql::run(removeCreated.value(), {entry.branchId, entry.labelHash}); !ran)
                return undoFailed(operationId, ran.error());
            result.removed += removeCreated->numRowsAffected() > 0 ? 1 : 0;
        } else {
            if (auto ran = sql::run(removeCurrent.value(), {entry.branchId, entry.dataUnitId}); !ran)
                return undoFailed(operationId, ran.error());
            if (auto ran = sql::run(restore.value(), {entry.id}); !ran)
                return undoFailed(operationId, ran.error());
            ++result.restored;
        }
    }
    return {};
}

Result<void> SqliteUndo::removeBranchIfEmpty(const OperationRecord &record, UndoResult &result)
{
    if (!record.createdTargetBranch || record.targetBranch == kMainBranch)
        return {};
    auto left = sql::scalar(m_db,
                            QStringLiteral("SELECT COUNT(r.id) FROM branches b LEFT JOIN label_rows r ON "
                                           "r.branch_id = b.id WHERE b.name = ? "
                                           "GROUP BY b.id"),
                            {record.targetBranch});
    if (!left)
        return undoFailed(record.id, left.error());
    if (!left->isValid() || left->toLongLong() != 0)
        return {};
    auto remove = sql::prepare(m_db, QStringLiteral("DELETE FROM branches WHERE name = ?"));
    if (!remove)
        return undoFailed(record.id, remove.error());
    if (auto ran = sql::run(remove.value(), {record.targetBranch}); !ran)
        return undoFailed(record.id, ran.error());
    // The other operations on that branch stay in the history but can no longer be undone.
    auto orphan = sql::prepare(m_db, QStringLiteral("UPDATE operations SET target_deleted = 1 WHERE "
                                                    "target_branch = ? AND id <> ? AND target_deleted = 0"));
    if (!orphan)
        return undoFailed(record.id, orphan.error());
    if (auto ran = sql::run(orphan.value(), {record.targetBranch, record.id}); !ran)
        return undoFailed(record.id, ran.error());
    result.branchRemoved = true;
    return {};
}

} // namespace lb
