#pragma once

#include "domain/operationrecord.h"
#include "domain/result.h"
#include "domain/reviewdecision.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace lb {

// The record of what was done, kept beside the label rows: operation records (history and undo), the audit
// log and review decisions. The project file and the Encord cache both keep them, in the same tables and
// columns (operations, audit_log, review_decisions), so one copy of their SQL serves both.
// It works on a connection the caller owns and uses on the caller's thread, and opens no transaction of its
// own: a caller that needs several of these steps to happen together wraps them in its SqliteTransaction.
class SqliteLedger
{
public:
    explicit SqliteLedger(QSqlDatabase &db) : m_db(db) {}

    // The format step that gives operations their state, finished batches and owner (the project file's
    // format 4, the Encord cache's version 3). Operations an older program left unfinished are interrupted.
    static Result<void> addOperationStates(QSqlDatabase &db);

    // The columns operationFrom() reads, in its order, for callers that select operations themselves.
    static QString operationColumns();
    static OperationRecord operationFrom(const QSqlQuery &query);

    // --- operations ---------------------------------------------------------------------------------
    // Records a running operation, which holds the write lock of its target branch: fails with
    // ErrorKind::Busy naming the running operation of another live process or job on that branch (one
    // whose process is gone is marked interrupted instead). Run it in a write transaction, so two writers
    // cannot both find the branch free.
    Result<qint64> beginOperation(const OperationRecord &record);
    // Fails with ErrorKind::Busy, as beginOperation() would, when a live operation holds `branch`; a plain
    // read, run before the write transaction of beginOperation(), so a writer waiting for a branch says so
    // at once instead of queueing for SQLite's write lock behind every batch of the holder.
    Result<void> refuseIfHeld(const QString &branch);
    // Fails with ErrorKind::Busy naming the operation of a live process or job that reads or writes
    // `branch`: renaming or deleting it now would pull it from under that operation. Run it in the write
    // transaction of the rename or delete.
    Result<void> refuseIfBranchInUse(const QString &branch);
    // Saves counts, flags and state; a state other than running frees the lock and sets the finish time.
    Result<void> finishOperation(const OperationRecord &record);
    // Forgets an operation that wrote nothing, with its audit entries.
    Result<void> dropOperation(qint64 id);
    // One more finished batch, inside the batch's own transaction, so the count is exact after a kill.
    Result<void> countBatch(qint64 id);
    Result<void> markInterrupted(qint64 id);
    // The running operations whose process is gone.
    Result<QList<OperationRecord>> runningWithoutProcess();
    // Marks every running operation whose process is gone as interrupted and returns them.
    Result<QList<OperationRecord>> interruptRunningWithoutProcess();
    Result<OperationRecord> operation(qint64 id);
    Result<QList<OperationRecord>> operations(); // newest first
    // The newest operation not yet undone that is not itself an undo, on `targetBranch` when one is given,
    // and meeting `condition` (SQL on the operations row `o`) when one is given; an empty record when none.
    Result<OperationRecord> lastUndoableOperation(const QString &targetBranch,
                                                  const QString &condition = QString());
    // Part of an undo: the error is SQLite's reason alone, for the caller to put in its own words.
    Result<void> markUndone(qint64 id);

    // --- audit log ----------------------------------------------------------------------------------
    Result<void> appendAudit(const AuditEntry &entry);
    // The first entry of entry.operationId with entry.action gets entry's time, summary and details (an
    // operation's entry written when it started, completed when it ends); appended when there is none.
    Result<void> replaceOperationAudit(const AuditEntry &entry);
    Result<QList<AuditEntry>> auditLog(); // newest first

    // --- review decisions (sqlitereviewledger.cpp) ----------------------------------------------------
    // The table of decisions on single objects (review_object_decisions), a schema step of both files.
    static Result<void> addObjectReviewDecisions(QSqlDatabase &db);
    // Decisions on data units and on objects, ordered by data unit.
    Result<QList<ReviewDecision>> reviewDecisions(const QString &sourceBranch, const QString &targetBranch);
    // Saves the decision and removes those of the other kind on its data unit: run it in a transaction.
    Result<void> saveReviewDecision(const ReviewDecision &decision);
    // All decisions of the compare, or only those on `dataHashes` and their objects; returns how many went.
    Result<int> clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                     const QStringList &dataHashes);
    // Decisions follow a renamed branch and go with a deleted one. Both are parts of a branch change, so
    // their errors are SQLite's reason alone, for the caller to name the change.
    Result<void> renameBranchInReviewDecisions(const QString &from, const QString &to);
    Result<void> forgetReviewDecisionsOf(const QString &branch);

private:
    // The running operations on `branch`: Busy naming the first whose process is alive; the others, whose
    // process is gone, are added to `gone` when it is given.
    Result<void> checkHolders(const QString &branch, QList<OperationRecord> *gone);
    QSqlDatabase &m_db;
};

} // namespace lb
