#pragma once

// A Store that passes every call to another one: test stores derive from it and change only what they are
// for (a delay, a count, a claim to be remote). It forwards every method of Store, the ones with a default
// too, so a wrapped store behaves exactly like the store inside.

#include "store/store.h"

#include <memory>

namespace lb::test {

class ForwardingStore : public Store
{
public:
    explicit ForwardingStore(std::unique_ptr<Store> inner) : m_owned(std::move(inner)), m_inner(m_owned.get())
    {
    }
    // Wraps a store the caller keeps.
    explicit ForwardingStore(Store &inner) : m_inner(&inner) {}

    Result<std::unique_ptr<Store>> openAnother() const override { return m_inner->openAnother(); }
    void setCancelFlag(const std::atomic_bool *flag) override { m_inner->setCancelFlag(flag); }
    ProjectInfo projectInfo() const override { return m_inner->projectInfo(); }
    bool isReadOnly() const override { return m_inner->isReadOnly(); }
    Result<Ontology> ontology() override
    {
        beforeCall();
        return m_inner->ontology();
    }
    Result<QList<DataUnit>> dataUnits() override
    {
        beforeCall();
        return m_inner->dataUnits();
    }
    Result<QList<BranchInfo>> branches() override
    {
        beforeCall();
        return m_inner->branches();
    }
    Result<QList<BranchInfo>> branchesWithoutTotals() override
    {
        beforeCall();
        return m_inner->branchesWithoutTotals();
    }
    Result<bool> branchExists(const QString &name) override
    {
        beforeCall();
        return m_inner->branchExists(name);
    }
    Result<QDateTime> totalsListedAt() override
    {
        beforeCall();
        return m_inner->totalsListedAt();
    }
    Result<Presence> knownPresence(const QString &name) override
    {
        beforeCall();
        return m_inner->knownPresence(name);
    }
    Result<void> createBranch(const QString &name, const QString &from, bool snapshot) override
    {
        beforeCall();
        return m_inner->createBranch(name, from, snapshot);
    }
    Result<void> renameBranch(const QString &from, const QString &to) override
    {
        beforeCall();
        return m_inner->renameBranch(from, to);
    }
    Result<void> deleteBranch(const QString &name) override
    {
        beforeCall();
        return m_inner->deleteBranch(name);
    }
    Result<QList<LabelRowSummary>> listRows(const RowQuery &query) override
    {
        beforeCall();
        return m_inner->listRows(query);
    }
    Result<int> countRows(const RowQuery &query) override
    {
        beforeCall();
        return m_inner->countRows(query);
    }
    Result<QList<LabelRowDocument>> fetchContents(const QString &branch, const QStringList &hashes) override
    {
        beforeCall();
        return m_inner->fetchContents(branch, hashes);
    }
    Result<QList<QByteArray>> fetchContentBytes(const QString &branch, const QStringList &hashes) override
    {
        beforeCall();
        return m_inner->fetchContentBytes(branch, hashes);
    }
    bool keepsCopyBases() const override { return m_inner->keepsCopyBases(); }
    Result<QHash<QString, LabelRowDocument>> fetchCopyBases(const QString &branch,
                                                            const QStringList &dataHashes) override
    {
        beforeCall();
        return m_inner->fetchCopyBases(branch, dataHashes);
    }
    Result<qint64> beginOperation(const OperationRecord &record) override
    {
        beforeCall();
        return m_inner->beginOperation(record);
    }
    Result<void> finishOperation(const OperationRecord &record) override
    {
        beforeCall();
        return m_inner->finishOperation(record);
    }
    bool marksSnapshotsWhenDone() const override { return m_inner->marksSnapshotsWhenDone(); }
    qint64 changeStamp() override { return m_inner->changeStamp(); }
    Result<void> dropOperation(qint64 operationId) override
    {
        beforeCall();
        return m_inner->dropOperation(operationId);
    }
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &source, const QString &target,
                                      const QList<CopyItem> &items) override
    {
        beforeCall();
        return m_inner->copyBatch(operationId, source, target, items);
    }
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override
    {
        beforeCall();
        return m_inner->writeRows(operationId, branch, rows, overwrite);
    }
    Result<OperationRecord> lastUndoableOperation(const QString &target) override
    {
        beforeCall();
        return m_inner->lastUndoableOperation(target);
    }
    Result<QList<OperationRecord>> operations() override
    {
        beforeCall();
        return m_inner->operations();
    }
    Result<UndoResult> undoOperation(qint64 operationId) override
    {
        beforeCall();
        return m_inner->undoOperation(operationId);
    }
    Result<void> appendAudit(const AuditEntry &entry) override
    {
        beforeCall();
        return m_inner->appendAudit(entry);
    }
    Result<void> replaceOperationAudit(const AuditEntry &entry) override
    {
        beforeCall();
        return m_inner->replaceOperationAudit(entry);
    }
    Result<QList<AuditEntry>> auditLog() override
    {
        beforeCall();
        return m_inner->auditLog();
    }
    Result<QList<ReviewDecision>> reviewDecisions(const QString &source, const QString &target) override
    {
        beforeCall();
        return m_inner->reviewDecisions(source, target);
    }
    Result<void> saveReviewDecision(const ReviewDecision &decision) override
    {
        beforeCall();
        return m_inner->saveReviewDecision(decision);
    }
    Result<int> clearReviewDecisions(const QString &source, const QString &target,
                                     const QStringList &hashes) override
    {
        beforeCall();
        return m_inner->clearReviewDecisions(source, target, hashes);
    }
    bool copiesWholeBranches() const override { return m_inner->copiesWholeBranches(); }
    bool writesStoredForms() const override { return m_inner->writesStoredForms(); }
    bool listsPagesCheaply() const override { return m_inner->listsPagesCheaply(); }
    Result<CopyBatchResult> copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                         const QString &targetBranch, int part, int parts) override
    {
        beforeCall();
        return m_inner->copyRowsPart(operationId, sourceBranch, targetBranch, part, parts);
    }
    bool comparesBranches() const override { return m_inner->comparesBranches(); }
    Result<DiffSummary> diffSummary(const QString &sourceBranch, const QString &targetBranch,
                                    const QList<qint64> *onlyUnits = nullptr) override
    {
        beforeCall();
        return m_inner->diffSummary(sourceBranch, targetBranch, onlyUnits);
    }
    Result<QList<DiffRowKey>> diffRows(const DiffQuery &query) override
    {
        beforeCall();
        return m_inner->diffRows(query);
    }
    Result<QList<DiffEntry>> diffEntries(const QString &sourceBranch, const QString &targetBranch,
                                         const QList<qint64> &units) override
    {
        beforeCall();
        return m_inner->diffEntries(sourceBranch, targetBranch, units);
    }
    Result<qint64> diffEach(const DiffQuery &query, const DiffEntrySink &sink) override
    {
        beforeCall();
        return m_inner->diffEach(query, sink);
    }
    Result<int> collectGarbage() override
    {
        beforeCall();
        return m_inner->collectGarbage();
    }

protected:
    Store &inner() const { return *m_inner; }
    // Runs before every call that reads or writes the project (all but openAnother, projectInfo,
    // isReadOnly and setCancelFlag): for stores that count calls.
    virtual void beforeCall() {}

private:
    std::unique_ptr<Store> m_owned; // empty when the caller keeps the inner store
    Store *m_inner;
};

} // namespace lb::test
