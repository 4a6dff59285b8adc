#include "domain/wording.h"
#include "store/operationowner.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitestore.h"
#include "store/sqlite/sqlitetransaction.h"
#include "store/sqlite/sqliteundo.h"

namespace lb {

// The records the project store keeps beside the rows: operations, the audit log and review decisions
// (docs/architecture.md §4.3), through SqliteLedger.

// --- operation records, audit log, review decisions -------------------------------------------------------

Result<qint64> SqliteStore::beginOperation(const OperationRecord &record)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (Result<void> unheld = SqliteLedger(m_db).refuseIfHeld(record.targetBranch); !unheld)
        return unheld.takeError();
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot record the operation: %1").arg(begun.error()));
    const Result<qint64> id = SqliteLedger(m_db).beginOperation(record);
    if (!id)
        return id;
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot record the operation: %1").arg(committed.error()));
    return id;
}

// A write of the ledger in one transaction of its own, refused on a read-only file.
Result<void> SqliteStore::writeLedger(const std::function<Result<void>()> &body)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return begun;
    if (Result<void> done = body(); !done)
        return done;
    return transaction.commit();
}

Result<void> SqliteStore::finishOperation(const OperationRecord &record)
{
    return writeLedger([&]() -> Result<void> {
        if (Result<void> finished = SqliteLedger(m_db).finishOperation(record); !finished)
            return finished;
        // The snapshot mark comes with the end of its operation, so no partial branch is ever one.
        if (record.kind != OperationKind::Snapshot || !record.createdTargetBranch ||
            record.state != OperationState::Done)
            return {};
        auto mark = sql::prepare(m_db, QStringLiteral("UPDATE branches SET is_snapshot = 1 WHERE name = ?"));
        if (!mark)
            return mark.takeError();
        return sql::run(mark.value(), {record.targetBranch});
    });
}

qint64 SqliteStore::changeStamp()
{
    if (auto ready = ensureConnected(); !ready)
        return -1;
    const Result<QVariant> version = sql::scalar(m_db, QStringLiteral("PRAGMA data_version"));
    return version ? version->toLongLong() : -1;
}

Result<void> SqliteStore::dropOperation(qint64 operationId)
{
    return writeLedger([&] { return SqliteLedger(m_db).dropOperation(operationId); });
}

Result<void> SqliteStore::recoverInterrupted()
{
    const Result<QList<OperationRecord>> gone = SqliteLedger(m_db).runningWithoutProcess();
    if (!gone)
        return gone.takeError();
    for (const OperationRecord &record : gone.value()) {
        if (Result<void> recovered = writeLedger([&] { return recoverOperation(record.id); }); !recovered)
            return recovered;
    }
    return {};
}

// In one write transaction, so a second opener cannot take the same operation back and a kill part-way leaves
// it to the next open: an operation still running without its process is marked interrupted, and a snapshot
// or import is rolled back, with an audit entry that says so.
Result<void> SqliteStore::recoverOperation(qint64 operationId)
{
    SqliteLedger ledger(m_db);
    const Result<OperationRecord> record = ledger.operation(operationId);
    if (!record)
        return record.takeError();
    if (record->state != OperationState::Running || operationowner::alive(record->owner))
        return {}; // another opener was first
    if (Result<void> marked = ledger.markInterrupted(operationId); !marked)
        return marked;
    if (record->kind != OperationKind::Snapshot && record->kind != OperationKind::Import)
        return {};
    const Result<UndoResult> undone = SqliteUndo(m_db).undoInTransaction(operationId);
    if (!undone)
        return fail(QStringLiteral("cannot roll back the interrupted %1 #%2: %3")
                        .arg(operationKindName(record->kind))
                        .arg(operationId)
                        .arg(undone.error()));
    AuditEntry entry;
    entry.action = QStringLiteral("undo");
    entry.operationId = operationId;
    entry.summary = QStringLiteral("Rolled back the interrupted %1 #%2 on %3 when the project was opened: "
                                   "%4 removed, %5 restored%6")
                        .arg(operationKindName(record->kind))
                        .arg(operationId)
                        .arg(quoted(record->targetBranch), plural(undone->removed, QStringLiteral("row")))
                        .arg(undone->restored)
                        .arg(undone->branchRemoved ? QStringLiteral("; branch removed") : QString());
    return ledger.appendAudit(entry);
}

Result<QList<OperationRecord>> SqliteStore::operations()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).operations();
}

Result<void> SqliteStore::appendAudit(const AuditEntry &entry)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).appendAudit(entry);
}

Result<void> SqliteStore::replaceOperationAudit(const AuditEntry &entry)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).replaceOperationAudit(entry);
}

Result<QList<AuditEntry>> SqliteStore::auditLog()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).auditLog();
}

Result<QList<ReviewDecision>> SqliteStore::reviewDecisions(const QString &sourceBranch,
                                                           const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).reviewDecisions(sourceBranch, targetBranch);
}

Result<void> SqliteStore::saveReviewDecision(const ReviewDecision &decision)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (decision.sourceBranch.isEmpty() || decision.targetBranch.isEmpty() || decision.dataHash.isEmpty())
        return fail(
            QStringLiteral("a review decision needs a source branch, a target branch and a data unit"));
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return begun;
    if (auto saved = SqliteLedger(m_db).saveReviewDecision(decision); !saved)
        return saved;
    return transaction.commit();
}

Result<int> SqliteStore::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                              const QStringList &dataHashes)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).clearReviewDecisions(sourceBranch, targetBranch, dataHashes);
}

} // namespace lb
