#pragma once

#include "domain/copyrequest.h"
#include "domain/jobcontrol.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "engine/auditentrybuilder.h"
#include "engine/writerlock.h"
#include "store/store.h"

#include <functional>
#include <QString>

namespace lb {

// One journaled write of the engine (copy, sync, snapshot, apply-review, import): the operation record that
// makes it undoable, its batches with progress and cancellation, and the closing journal and audit entries.
// Copy and import share it, so a failure leaves journal, branch and audit log in the same state whichever
// of them wrote the rows.
class JournaledWrite
{
public:
    struct Wording
    {
        QString stage;             // progress stage: "copying", "snapshot", "importing"
        QString rowsWere;          // "written", "imported": "the rows were … but the journal could not …"
        QString rollbackFailedArg; // appended when taking back an unfinished operation fails; %1 = error
    };
    // Writes batch `batch` (rows [batch * batchSize, …)) under the operation `operationId`.
    using BatchWriter = std::function<Result<CopyBatchResult>(qint64 operationId, int batch)>;
    // The audit line for the rows written so far (also after a failure that leaves finished batches).
    using AuditFor = std::function<AuditEntryBuilder(const CopyResult &result)>;

    // `lock` holds the target branch under the operation's record (WriterLock::acquire); the write keeps it
    // from begin() on and frees it when it ends.
    JournaledWrite(Store &store, WriterLock &lock, Wording wording, AuditFor audit);

    // Journals the start of the operation (sets result.operationId) with its audit entry, which the end
    // completes; when that fails, a target branch created for this write is removed again.
    Result<void> begin(CopyResult &result);
    // Writes result.batchesTotal batches of `batchSize` out of `rowCount` rows, reporting progress after
    // each; a failed batch says "<what> failed in batch N of M: <error>" ("copy to 'main'"); cancelling
    // between batches keeps the finished ones (result.cancelled). A failed batch writes nothing: with no
    // finished batch, or in a snapshot, the operation is rolled back so the project looks untouched,
    // otherwise the finished batches stay journaled and audited so "undo" can take them back.
    Result<void> writeBatches(CopyResult &result, qsizetype rowCount, int batchSize, const BatchWriter &write,
                              const QString &what, const JobControl &control);
    // Closes the operation with the result's counts and appends the audit entry.
    Result<void> finish(const CopyResult &result);
    // Takes back everything the failed operation `failed` (its record as it should be saved) wrote, and
    // finishes it; an empty text, or why the rollback failed and what becomes of the rows.
    static QString rollBack(Store &store, const OperationRecord &failed);

private:
    void recordCounts(const CopyResult &result, OperationState state);
    QString target() const; // "main" → "t", or into "t" for an import
    QString failBatch(const CopyResult &result, const QString &message);

    Store &m_store;
    WriterLock &m_lock;
    OperationRecord &m_record;
    Wording m_wording;
    AuditFor m_audit;
};

} // namespace lb
