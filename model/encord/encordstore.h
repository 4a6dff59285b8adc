#pragma once

#include "encord/api/encordclient.h"
#include "encord/ssh/sshkey.h"
#include "store/store.h"

#include <atomic>
#include <functional>
#include <memory>
#include <QHash>
#include <QString>

namespace lb {

class EncordBranches;
class EncordCache;
class EncordRowListing;
class EncordRowWriter;
class EncordServerCopy;
class EncordThreadClient;
class EncordUndo;

struct EncordStoreSettings
{
    EncordClientSettings client; // domain, project hash, retries, concurrency
    QString cacheDir;            // empty: the user's cache folder
    int bundleSize = 100;        // label rows per content request, 1..1000
};

// A live Encord project as a Store (docs/architecture.md §2, docs/encord-api.md §3.8 and §6.1). Listings and
// contents come from Encord; object counts and content hashes are computed from fetched contents and kept in
// a local cache file, so reopening is instant and diffs work on what was fetched. Copies go through Encord's
// copy endpoint (EncordServerCopy); where a deployment lacks it, they are done client-side (EncordRowWriter):
// create the missing target rows, then save the source labels onto them. Branches exist on Encord only
// through their rows, so a branch made here is also remembered locally. The journal and audit log are local
// too.
//
// Encord cannot delete label rows: undoing a copy restores the rows it replaced and empties (not removes) the
// rows it created. Batches are not atomic on Encord either; a failed batch says what was left behind.
// The store itself opens the project and hands each call to its parts: EncordRowListing (listings, counts,
// contents), EncordRowWriter (copies and imports), EncordUndo, EncordBranches; the cache keeps the rest.
class EncordStore final : public Store
{
public:
    static Result<std::unique_ptr<EncordStore>> open(SshKey key, EncordStoreSettings settings);
    ~EncordStore() override;

    static QString defaultCacheDir();
    static QString cacheFileName(const QUrl &domain, const QString &projectHash);

    const EncordStoreSettings &settings() const { return m_settings; }
    QString cachePath() const;
    QString keyWarning() const { return m_key.warning(); }
    // Stops waiting for Encord between and during requests; the interrupted call fails with "cancelled".
    void setCancelFlag(const std::atomic_bool *flag) override;
    // Called after each bundle of contents fetched for a listing: (bundles done, bundles total).
    void setBundleProgress(std::function<void(int, int)> progress);

    Result<std::unique_ptr<Store>> openAnother() const override;
    ProjectInfo projectInfo() const override { return m_info; }
    Result<Ontology> ontology() override { return m_ontology; }
    Result<QList<DataUnit>> dataUnits() override;

    Result<QList<BranchInfo>> branches() override;
    // What this computer knows, without a request: main, branches made here, branches listed before.
    Result<QList<BranchInfo>> branchesWithoutTotals() override;
    Result<QDateTime> totalsListedAt() override;
    Result<bool> branchExists(const QString &name) override;
    Result<Presence> knownPresence(const QString &name) override;
    Result<void> createBranch(const QString &name, const QString &createdFrom, bool isSnapshot) override;
    Result<void> renameBranch(const QString &from, const QString &to) override;
    Result<void> deleteBranch(const QString &name) override;

    Result<QList<LabelRowSummary>> listRows(const RowQuery &query) override;
    Result<int> countRows(const RowQuery &query) override;
    Result<QList<LabelRowDocument>> fetchContents(const QString &branch,
                                                  const QStringList &labelHashes) override;

    Result<qint64> beginOperation(const OperationRecord &record) override;
    Result<void> finishOperation(const OperationRecord &record) override;
    Result<void> dropOperation(qint64 operationId) override;
    bool marksSnapshotsWhenDone() const override { return true; }
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items) override;
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override;
    Result<OperationRecord> lastUndoableOperation(const QString &targetBranch = QString()) override;
    Result<QList<OperationRecord>> operations() override;
    Result<UndoResult> undoOperation(qint64 operationId) override;

    Result<void> appendAudit(const AuditEntry &entry) override;
    Result<void> replaceOperationAudit(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> auditLog() override;

    Result<QList<ReviewDecision>> reviewDecisions(const QString &sourceBranch,
                                                  const QString &targetBranch) override;
    Result<void> saveReviewDecision(const ReviewDecision &decision) override;
    Result<int> clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                     const QStringList &dataHashes) override;

    static Ontology ontologyFromEditor(const nlohmann::json &editor);

private:
    Result<CopyBatchResult> copyOneBatch(qint64 operationId, const QString &sourceBranch,
                                         const QString &targetBranch, const QList<CopyItem> &items);
    EncordStore(SshKey key, EncordStoreSettings settings);
    Result<void> readProject();
    // The parts below all work on the cache, so they are made once it is open.
    void useCache(std::unique_ptr<EncordCache> cache);
    // Without the copy endpoint: the client-side copy, which first drops the items whose data units the
    // target has rows for when the plan did not list the target.
    Result<CopyBatchResult> copyClientSide(qint64 operationId, const QString &sourceBranch,
                                           const QString &targetBranch, QList<CopyItem> items,
                                           bool targetListed);

    SshKey m_key;
    EncordStoreSettings m_settings;
    ProjectInfo m_info;
    Ontology m_ontology;
    QList<DataUnit> m_dataUnits;
    std::unique_ptr<EncordThreadClient> m_client;
    std::unique_ptr<EncordCache> m_cache;
    std::unique_ptr<EncordRowListing> m_listing;
    std::unique_ptr<EncordRowWriter> m_writer;
    std::unique_ptr<EncordServerCopy> m_serverCopy;
    QHash<qint64, bool> m_targetListed; // by operation: whether its plan listed the target
    std::unique_ptr<EncordUndo> m_undo;
    std::unique_ptr<EncordBranches> m_branches;
};

} // namespace lb
