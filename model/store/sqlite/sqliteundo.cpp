#include "store/sqlite/sqliteundo.h"

#include "domain/branchname.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqlitecontents.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitetransaction.h"

#include <utility>

namespace lb {

namespace {

Error undoFailed(qint64 operationId, const QString &reason)
{
    return fail(QStringLiteral("cannot undo operation %1: %2").arg(operationId).arg(reason));
}

// Whether operation o changed anything that is still there: a row it replaced, or a row it created.
const QString kChangedSomething =
    QStringLiteral("(EXISTS (SELECT 1 FROM journal j WHERE j.operation_id = o.id) OR EXISTS (SELECT 1 FROM "
                   "label_rows r WHERE r.created_by = o.id))");

// The journal's row-state columns, qualified by its alias j.
QString journalColumns()
{
    QStringList columns = sql::kRowStateColumns.split(QStringLiteral(", "));
    for (QString &column : columns)
        column.prepend(QStringLiteral("j."));
    return columns.join(QStringLiteral(", "));
}

} // namespace

Result<OperationRecord> SqliteUndo::lastUndoableOperation(const QString &targetBranch)
{
    // Operations that changed nothing (everything skipped, or cancelled before the first batch) are passed
    // over: "undo" should undo the last change the user can see, not a no-op recorded after it.
    return SqliteLedger(m_db).lastUndoableOperation(
        targetBranch,
        QStringLiteral("target_deleted = 0 AND (created_target_branch = 1 OR %1)").arg(kChangedSomething));
}

Result<UndoResult> SqliteUndo::undoOperation(qint64 operationId)
{
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return undoFailed(operationId, begun.error());
    Result<UndoResult> result = undoInTransaction(operationId);
    if (!result)
        return result;
    if (auto committed = transaction.commit(); !committed)
        return undoFailed(operationId, committed.error());
    return result;
}

Result<UndoResult> SqliteUndo::undoInTransaction(qint64 operationId)
{
    auto record = undoableRecord(operationId);
    if (!record)
        return record.takeError();
    if (auto alone = checkNothingNewer(*record); !alone)
        return alone.takeError();

    UndoResult result;
    result.undoneOperationId = operationId;
    result.targetBranch = record->targetBranch;
    if (auto noted = noteReplacedContents(operationId); !noted)
        return noted.takeError();
    if (auto replayed = replayJournal(operationId, result); !replayed)
        return replayed.takeError();
    if (auto removed = removeBranchIfEmpty(*record, result); !removed)
        return removed.takeError();
    if (auto marked = SqliteLedger(m_db).markUndone(operationId); !marked)
        return undoFailed(operationId, marked.error());
    if (auto collected = SqliteContents(m_db).collectCandidates(); !collected)
        return undoFailed(operationId, collected.error());
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
    const bool targetDeleted = recordQuery->value(18).toBool(); // after operationColumns()
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
            "AND o.target_branch = ? AND %1 ORDER BY o.id DESC LIMIT 1")
            .arg(kChangedSomething),
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

Result<void> SqliteUndo::noteReplacedContents(qint64 operationId)
{
    // The contents the operation put in place lose a reference when its rows go or are put back.
    SqliteContents contents(m_db);
    for (const QString &select :
         {QStringLiteral("SELECT content_id FROM label_rows WHERE created_by = ?"),
          QStringLiteral(
              "SELECT r.content_id FROM label_rows r JOIN journal j ON j.branch_id = r.branch_id AND "
              "j.data_unit_id = r.data_unit_id WHERE j.operation_id = ?"),
          QStringLiteral("SELECT r.source_content_id FROM label_rows r JOIN journal j ON j.branch_id = "
                         "r.branch_id AND j.data_unit_id = r.data_unit_id WHERE j.operation_id = ? AND "
                         "r.source_content_id IS NOT NULL")}) {
        if (auto noted = contents.addCandidates(select, {operationId}); !noted)
            return undoFailed(operationId, noted.error());
    }
    return {};
}

Result<void> SqliteUndo::replayJournal(qint64 operationId, UndoResult &result)
{
    // Replaced rows first: each comes back as the operation's first journal entry for it kept it (an
    // operation may replace a row twice, an import across two batches). Then the rows it created go, among
    // them any restored row the operation had itself created.
    const QStringList statements = {
        QStringLiteral("DELETE FROM label_rows WHERE (branch_id, data_unit_id) IN (SELECT branch_id, "
                       "data_unit_id FROM journal WHERE operation_id = ?)"),
        QStringLiteral(
            "INSERT INTO label_rows (branch_id, data_unit_id, %1) SELECT j.branch_id, j.data_unit_id, "
            "%2 FROM journal j JOIN (SELECT MIN(id) AS id FROM journal WHERE operation_id = ? "
            "GROUP BY branch_id, data_unit_id) first ON first.id = j.id")
            .arg(sql::kRowStateColumns, journalColumns()),
        QStringLiteral("DELETE FROM label_rows WHERE created_by = ?"),
    };
    int affected[3] = {0, 0, 0};
    for (int i = 0; i < statements.size(); ++i) {
        auto query = sql::prepare(m_db, statements.at(i));
        if (!query)
            return undoFailed(operationId, query.error());
        if (auto ran = sql::run(query.value(), {operationId}); !ran)
            return undoFailed(operationId, ran.error());
        affected[i] = query->numRowsAffected();
    }
    result.restored = affected[1];
    result.removed = affected[2];
    return {};
}

Result<void> SqliteUndo::removeBranchIfEmpty(const OperationRecord &record, UndoResult &result)
{
    if (!record.createdTargetBranch || record.targetBranch == kMainBranch)
        return {};
    auto left =
        sql::scalar(m_db,
                    QStringLiteral("SELECT COUNT(r.data_unit_id) FROM branches b LEFT JOIN label_rows r ON "
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
