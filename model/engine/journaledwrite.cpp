#include "engine/journaledwrite.h"

#include "domain/wording.h"

#include <QDateTime>

namespace lb {

JournaledWrite::JournaledWrite(Store &store, WriterLock &lock, Wording wording, AuditFor audit)
    : m_store(store), m_lock(lock), m_record(lock.record()), m_wording(std::move(wording)),
      m_audit(std::move(audit))
{
}

Result<void> JournaledWrite::begin(CopyResult &result)
{
    m_record.batchesTotal = result.batchesTotal;
    // Still running: records the new branch (undo removes it) and the batch count the log shows.
    Result<void> begun = m_store.finishOperation(m_record);
    if (begun) {
        // The log shows the operation from its start; the entry is completed when it ends.
        begun = AuditEntryBuilder(m_record.user, operationKindName(m_record.kind))
                    .summary(QStringLiteral("%1 %2 started").arg(operationKindName(m_record.kind), target()))
                    .operation(m_record.id)
                    .appendTo(m_store, QStringLiteral("the operation was not started"));
    }
    if (!begun) {
        if (m_record.createdTargetBranch)
            (void)m_store.deleteBranch(m_record.targetBranch);
        return begun.takeError();
    }
    m_lock.keep();
    result.operationId = m_record.id;
    return {};
}

QString JournaledWrite::target() const
{
    return m_record.sourceBranch.isEmpty()
               ? QStringLiteral("into %1").arg(quoted(m_record.targetBranch))
               : QStringLiteral("%1 → %2").arg(quoted(m_record.sourceBranch), quoted(m_record.targetBranch));
}

Result<void> JournaledWrite::writeBatches(CopyResult &result, qsizetype rowCount, int batchSize,
                                          const BatchWriter &write, const QString &what,
                                          const JobControl &control)
{
    qint64 done = 0;
    for (int batch = 0; batch < result.batchesTotal; ++batch) {
        if (batch > 0 && control.isCancelled()) {
            result.cancelled = true;
            break;
        }
        const Result<CopyBatchResult> written = write(m_record.id, batch);
        if (!written)
            return fail(failBatch(result, QStringLiteral("%1 failed in batch %2 of %3: %4")
                                              .arg(what)
                                              .arg(batch + 1)
                                              .arg(result.batchesTotal)
                                              .arg(written.error())));
        result.created += written->created;
        result.replaced += written->replaced;
        result.skipped += written->skipped;
        result.unidentified += written->unidentified;
        result.method = written->method;
        result.count = result.created + result.replaced;
        ++result.batchesDone;
        done += std::min<qint64>(batchSize, rowCount - qint64(batch) * batchSize);

        Progress progress;
        progress.done = done;
        progress.total = rowCount;
        progress.batchesDone = result.batchesDone;
        progress.batchesTotal = result.batchesTotal;
        progress.stage = m_wording.stage;
        control.report(progress);
    }
    return {};
}

QString JournaledWrite::failBatch(const CopyResult &result, const QString &message)
{
    recordCounts(result, OperationState::Failed);
    QString text = message;
    // A snapshot is whole or nothing, and a write that finished no batch leaves nothing behind.
    if (result.batchesDone == 0 || m_record.kind == OperationKind::Snapshot) {
        if (const QString failed = rollBack(m_store, m_record); !failed.isEmpty())
            text += m_wording.rollbackFailedArg.arg(failed);
        return text;
    }
    (void)m_store.finishOperation(m_record);
    (void)m_store.replaceOperationAudit(m_audit(result).operation(m_record.id).build());
    text += QStringLiteral("; %1 written by the finished batches remain, undo removes them")
                .arg(plural(result.count, QStringLiteral("row")));
    return text;
}

QString JournaledWrite::rollBack(Store &store, const OperationRecord &failed)
{
    // Undone while still running, so a rollback that cannot be written (a full disk) leaves the operation to
    // the next open where the store rolls it back then; otherwise it is finished as failed (and undone).
    const bool openRollsBack = store.rollsBackOnOpen() && (failed.kind == OperationKind::Snapshot ||
                                                           failed.kind == OperationKind::Import);
    const Result<UndoResult> undone = store.undoOperation(failed.id);
    if (undone || !openRollsBack)
        (void)store.finishOperation(failed);
    if (undone)
        return QString();
    return openRollsBack
               ? QStringLiteral("%1; it is rolled back when the project is next opened").arg(undone.error())
               : QStringLiteral("%1; undo removes what was written").arg(undone.error());
}

Result<void> JournaledWrite::finish(const CopyResult &result)
{
    recordCounts(result, OperationState::Done);
    if (Result<void> finished = m_store.finishOperation(m_record); !finished)
        return fail(QStringLiteral("the rows were %1 but the operation journal could not be closed: %2")
                        .arg(m_wording.rowsWere, finished.error()));
    if (Result<void> audited = m_store.replaceOperationAudit(m_audit(result).operation(m_record.id).build());
        !audited)
        return fail(QStringLiteral("the rows were %1 but the audit log could not be written: %2")
                        .arg(m_wording.rowsWere, audited.error()));
    return {};
}

void JournaledWrite::recordCounts(const CopyResult &result, OperationState state)
{
    m_record.state = state;
    m_record.created = result.created;
    m_record.replaced = result.replaced;
    m_record.skipped = result.skipped;
    m_record.cancelled = result.cancelled;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
}

} // namespace lb
