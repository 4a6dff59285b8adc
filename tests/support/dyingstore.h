#pragma once

// A store whose process dies right after its n-th write: that call reaches the project, then the process
// exits at once (_exit), running nothing more, as a SIGKILL at that moment would. Meant for a child process
// (runDyingChild in crashrun.h), so a test can visit every point between two of an operation's
// transactions in turn.

#include "forwardingstore.h"

#include <unistd.h>

namespace lb::test {

class DyingStore : public ForwardingStore
{
public:
    // The exit status of a process that died this way.
    static constexpr int kDiedStatus = 86;

    DyingStore(Store &inner, int dieAfter) : ForwardingStore(inner), m_dieAfter(dieAfter) {}

    Result<void> createBranch(const QString &name, const QString &from, bool snapshot) override
    {
        return write<void>([&] { return ForwardingStore::createBranch(name, from, snapshot); });
    }
    Result<void> renameBranch(const QString &from, const QString &to) override
    {
        return write<void>([&] { return ForwardingStore::renameBranch(from, to); });
    }
    Result<void> deleteBranch(const QString &name) override
    {
        return write<void>([&] { return ForwardingStore::deleteBranch(name); });
    }
    Result<qint64> beginOperation(const OperationRecord &record) override
    {
        return write<qint64>([&] { return ForwardingStore::beginOperation(record); });
    }
    Result<void> finishOperation(const OperationRecord &record) override
    {
        return write<void>([&] { return ForwardingStore::finishOperation(record); });
    }
    Result<void> dropOperation(qint64 operationId) override
    {
        return write<void>([&] { return ForwardingStore::dropOperation(operationId); });
    }
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &source, const QString &target,
                                      const QList<CopyItem> &items) override
    {
        return write<CopyBatchResult>(
            [&] { return ForwardingStore::copyBatch(operationId, source, target, items); });
    }
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override
    {
        return write<CopyBatchResult>(
            [&] { return ForwardingStore::writeRows(operationId, branch, rows, overwrite); });
    }
    Result<CopyBatchResult> copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                         const QString &targetBranch, int part, int parts) override
    {
        return write<CopyBatchResult>([&] {
            return ForwardingStore::copyRowsPart(operationId, sourceBranch, targetBranch, part, parts);
        });
    }
    Result<UndoResult> undoOperation(qint64 operationId) override
    {
        return write<UndoResult>([&] { return ForwardingStore::undoOperation(operationId); });
    }
    Result<void> appendAudit(const AuditEntry &entry) override
    {
        return write<void>([&] { return ForwardingStore::appendAudit(entry); });
    }
    Result<void> replaceOperationAudit(const AuditEntry &entry) override
    {
        return write<void>([&] { return ForwardingStore::replaceOperationAudit(entry); });
    }
    Result<void> saveReviewDecision(const ReviewDecision &decision) override
    {
        return write<void>([&] { return ForwardingStore::saveReviewDecision(decision); });
    }
    Result<int> clearReviewDecisions(const QString &source, const QString &target,
                                     const QStringList &hashes) override
    {
        return write<int>([&] { return ForwardingStore::clearReviewDecisions(source, target, hashes); });
    }
    Result<int> collectGarbage() override
    {
        return write<int>([&] { return ForwardingStore::collectGarbage(); });
    }

private:
    template <typename T, typename Call> Result<T> write(const Call &call)
    {
        Result<T> result = call();
        if (++m_writes == m_dieAfter)
            ::_exit(kDiedStatus);
        return result;
    }

    int m_dieAfter;
    int m_writes = 0;
};

} // namespace lb::test
