#pragma once

#include "store/sqlite/sqlitelabelhash.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <QSqlDatabase>
#include <QString>

namespace lb {

// The embedded project store (docs/architecture.md §4.1): one project is one SQLite file (WAL, foreign keys,
// schema version with forward migrations). Listing and diffing read precomputed columns and never parse JSON.
// A file that is not a labelbranch project, or is damaged, is refused with a clear message and left
// untouched.
class SqliteStore final : public Store
{
public:
    static constexpr int kSchemaVersion = 5;

    // Opens an existing project. A read-only file opens read-only: listing works, writes fail clearly.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path);
    // Creates a new project file; refuses to overwrite an existing file.
    static Result<std::unique_ptr<SqliteStore>> create(const QString &path, const ProjectInfo &info,
                                                       const Ontology &ontology,
                                                       const QList<DataUnit> &units);
    ~SqliteStore() override;

    QString path() const { return m_path; }
    bool isReadOnly() const override { return m_readOnly; }

    // One transaction: all of them or none.
    Result<void> addDataUnits(const QList<DataUnit> &units) override;
    bool takesNewDataUnits() const override { return !isReadOnly(); }
    bool writesStoredForms() const override { return true; }

    Result<std::unique_ptr<Store>> openAnother() const override;
    ProjectInfo projectInfo() const override;
    Result<Ontology> ontology() override;
    Result<QList<DataUnit>> dataUnits() override;
    Result<void> forEachDataHash(const std::function<void(const QString &)> &visit) override;

    Result<QList<BranchInfo>> branches() override;
    Result<QList<BranchInfo>> branchesWithoutTotals() override;
    Result<bool> branchExists(const QString &name) override;
    Result<void> createBranch(const QString &name, const QString &createdFrom, bool isSnapshot) override;
    Result<void> renameBranch(const QString &from, const QString &to) override;
    Result<void> deleteBranch(const QString &name) override;

    Result<QList<LabelRowSummary>> listRows(const RowQuery &query) override;
    Result<int> countRows(const RowQuery &query) override;
    bool listsPagesCheaply() const override { return true; }
    Result<QList<LabelRowDocument>> fetchContents(const QString &branch,
                                                  const QStringList &labelHashes) override;
    Result<QList<QByteArray>> fetchContentBytes(const QString &branch,
                                                const QStringList &labelHashes) override;
    // Copy-time contents are kept for provenance (docs/architecture.md §4.2): sqlitecopybases.cpp.
    bool keepsCopyBases() const override { return true; }
    Result<QHash<QString, LabelRowDocument>> fetchCopyBases(const QString &branch,
                                                            const QStringList &dataHashes) override;

    bool comparesBranches() const override { return true; }
    Result<DiffSummary> diffSummary(const QString &sourceBranch, const QString &targetBranch,
                                    const QList<qint64> *onlyUnits = nullptr) override;
    Result<QList<DiffRowKey>> diffRows(const DiffQuery &query) override;
    Result<QList<DiffEntry>> diffEntries(const QString &sourceBranch, const QString &targetBranch,
                                         const QList<qint64> &units) override;
    Result<qint64> diffEach(const DiffQuery &query, const DiffEntrySink &sink) override;

    Result<qint64> beginOperation(const OperationRecord &record) override;
    Result<void> finishOperation(const OperationRecord &record) override;
    Result<void> dropOperation(qint64 operationId) override;
    bool marksSnapshotsWhenDone() const override { return true; }
    bool rollsBackOnOpen() const override { return true; }
    qint64 changeStamp() override; // PRAGMA data_version
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items) override;
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override;
    void setBulkWriting(bool on) override;
    bool copiesWholeBranches() const override { return true; }
    Result<CopyBatchResult> copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                         const QString &targetBranch, int part, int parts) override;
    Result<OperationRecord> lastUndoableOperation(const QString &targetBranch = QString()) override;
    Result<QList<OperationRecord>> operations() override;
    Result<UndoResult> undoOperation(qint64 operationId) override;

    Result<int> collectGarbage() override;

    Result<void> appendAudit(const AuditEntry &entry) override;
    Result<void> replaceOperationAudit(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> auditLog() override;

    Result<QList<ReviewDecision>> reviewDecisions(const QString &sourceBranch,
                                                  const QString &targetBranch) override;
    Result<void> saveReviewDecision(const ReviewDecision &decision) override;
    Result<int> clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                     const QStringList &dataHashes) override;

    QSqlDatabase database() const { return m_db; } // for item models and tests on the owning thread

private:
    SqliteStore() = default;

    // Opens m_db for the calling thread under a fresh connection name (QSqlDatabase connections are per
    // thread).
    Result<void> connect();
    // Reconnects when the instance is used from another thread than the one that opened its connection.
    Result<void> ensureConnected();
    void disconnect();
    Result<void> refuseIfReadOnly() const;
    // Brings an older file to kSchemaVersion with a copy of it kept beside it until the upgrade is done.
    Result<void> upgrade(int fromVersion);
    Result<void> loadProjectInfo();
    // Marks the running operations whose process is gone as interrupted and rolls back the snapshots and
    // imports among them (a copy or sync stays, for undo or a rerun). Run when a writable file is opened.
    Result<void> recoverInterrupted();
    Result<void> recoverOperation(qint64 operationId);
    Result<void> writeLedger(const std::function<Result<void>()> &body);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    ProjectInfo m_info;
    LabelHashCodec m_labelHashes;
    bool m_readOnly = false;
};

} // namespace lb
