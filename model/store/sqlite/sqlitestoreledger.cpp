#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitestore.h"

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
    return SqliteLedger(m_db).beginOperation(record);
}

Result<void> SqliteStore::finishOperation(const OperationRecord &record)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).finishOperation(record);
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
    return SqliteLedger(m_db).saveReviewDecision(decision);
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
