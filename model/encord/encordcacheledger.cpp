#include "encord/encordcache.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitetransaction.h"

namespace lb {

// The records the Encord cache keeps beside its rows, through SqliteLedger as in the project file
// (docs/architecture.md §4.3): operations with their write locks, the audit log, review decisions.

namespace {

Error cacheFailure(const QString &what, const QString &reason)
{
    return fail(QStringLiteral("the Encord cache cannot %1: %2").arg(what, reason));
}

} // namespace

// --- operations -------------------------------------------------------------------------------------------

Result<qint64> EncordCache::beginOperation(const OperationRecord &record)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (Result<void> unheld = SqliteLedger(m_db).refuseIfHeld(record.targetBranch); !unheld)
        return unheld.takeError();
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(QStringLiteral("record the operation"), begun.error());
    const Result<qint64> id = SqliteLedger(m_db).beginOperation(record);
    if (!id)
        return id;
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(QStringLiteral("record the operation"), committed.error());
    return id;
}

Result<void> EncordCache::finishOperation(const OperationRecord &record)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(QStringLiteral("record the end of the operation"), begun.error());
    if (Result<void> finished = SqliteLedger(m_db).finishOperation(record); !finished)
        return finished;
    // The snapshot mark comes with the end of its operation, so no partial branch is ever one.
    if (record.kind == OperationKind::Snapshot && record.createdTargetBranch &&
        record.state == OperationState::Done) {
        auto mark =
            sql::prepare(m_db, QStringLiteral("UPDATE local_branches SET is_snapshot = 1 WHERE name = ?"));
        if (!mark)
            return cacheFailure(QStringLiteral("mark the snapshot"), mark.error());
        if (auto ran = sql::run(mark.value(), {record.targetBranch}); !ran)
            return cacheFailure(QStringLiteral("mark the snapshot"), ran.error());
    }
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(QStringLiteral("record the end of the operation"), committed.error());
    return {};
}

Result<void> EncordCache::dropOperation(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).dropOperation(id);
}

Result<void> EncordCache::countBatch(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).countBatch(id);
}

Result<QList<OperationRecord>> EncordCache::interruptRunningWithoutProcess()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(QStringLiteral("look for interrupted operations"), begun.error());
    Result<QList<OperationRecord>> gone = SqliteLedger(m_db).interruptRunningWithoutProcess();
    if (!gone)
        return gone;
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(QStringLiteral("look for interrupted operations"), committed.error());
    return gone;
}

Result<void> EncordCache::replaceOperationAudit(const AuditEntry &entry)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).replaceOperationAudit(entry);
}

Result<OperationRecord> EncordCache::operation(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).operation(id);
}

Result<QList<OperationRecord>> EncordCache::operations()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).operations();
}

Result<OperationRecord> EncordCache::lastUndoableOperation(const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).lastUndoableOperation(targetBranch);
}

Result<void> EncordCache::markUndone(qint64 id)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (auto marked = SqliteLedger(m_db).markUndone(id); !marked)
        return cacheFailure(QStringLiteral("mark an operation undone"), marked.error());
    return {};
}

// --- audit log and review decisions ---------------------------------------------------------------------

Result<void> EncordCache::appendAudit(const AuditEntry &entry)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    return SqliteLedger(m_db).appendAudit(entry);
}

Result<QList<AuditEntry>> EncordCache::auditLog()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).auditLog();
}

Result<QList<ReviewDecision>> EncordCache::reviewDecisions(const QString &sourceBranch,
                                                           const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).reviewDecisions(sourceBranch, targetBranch);
}

Result<void> EncordCache::saveReviewDecision(const ReviewDecision &decision)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return begun;
    if (auto saved = SqliteLedger(m_db).saveReviewDecision(decision); !saved)
        return saved;
    return transaction.commit();
}

Result<int> EncordCache::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                              const QStringList &dataHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteLedger(m_db).clearReviewDecisions(sourceBranch, targetBranch, dataHashes);
}

Result<void> EncordCache::renameBranchInReviewDecisions(const QString &from, const QString &to)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    const QString what = QStringLiteral("rename the branch in the review decisions");
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return cacheFailure(what, begun.error());
    if (auto renamed = SqliteLedger(m_db).renameBranchInReviewDecisions(from, to); !renamed)
        return cacheFailure(what, renamed.error());
    if (auto committed = transaction.commit(); !committed)
        return cacheFailure(what, committed.error());
    return {};
}

Result<void> EncordCache::forgetReviewDecisionsOf(const QString &branch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (auto forgot = SqliteLedger(m_db).forgetReviewDecisionsOf(branch); !forgot)
        return cacheFailure(QStringLiteral("forget the review decisions of a deleted branch"),
                            forgot.error());
    return {};
}

} // namespace lb
