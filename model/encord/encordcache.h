#pragma once

#include "domain/labelrowsummary.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "domain/reviewdecision.h"

#include <memory>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace lb {

// What is known locally about one remote label row: the figures computed from its content, and the content.
struct CachedRow
{
    QString labelHash;
    // A row Encord's copy endpoint just wrote from a source row whose figures were cached: it has that row's
    // figures, and the next listing takes them with the row's own label hash and time instead of fetching.
    static constexpr qint64 kCopiedPending = -1;

    qint64 editedSecs = 0; // last edit, whole seconds: the key that says whether the entry is still current
    int objectCount = 0;
    int classificationCount = 0;
    QHash<QString, int> classCounts;
    QString contentHash;
    QByteArray content; // the label-row JSON as fetched (empty when not loaded)
};

// A branch created in labelbranch (Encord creates branches with their first row): where it came from and
// whether it is a snapshot, which Encord has no place for; kept after its rows reach Encord.
struct LocalBranch
{
    QString name;
    QString createdFrom;
    bool isSnapshot = false;
    QDateTime createdAt;
};

struct JournalEntry
{
    QString branch;
    QString dataHash;
    QString labelHash;
    bool created = false;  // the operation created the row; otherwise it replaced it
    QByteArray oldContent; // the replaced row's JSON
};

// The local SQLite file kept per Encord project: fetched row contents and their counts (so reopening is
// instant and diffs work on what was fetched), branches not yet on Encord, provenance of copied rows, the
// operation journal for undo, the operation records, the audit log and review decisions (the last three in
// the project file's tables, through SqliteLedger). Encord itself has no place for any of these.
// Connections are per thread: the instance reconnects when used from another thread.
class EncordCache
{
public:
    static Result<std::unique_ptr<EncordCache>> open(const QString &path, const QString &projectHash);
    ~EncordCache();
    EncordCache(const EncordCache &) = delete;
    EncordCache &operator=(const EncordCache &) = delete;

    QString path() const { return m_path; }

    // --- rows ---------------------------------------------------------------------------------------
    Result<QHash<QString, CachedRow>> rows(const QString &branch, bool withContent); // by data hash
    Result<void> putRows(const QString &branch, const QHash<QString, CachedRow> &rowsByDataHash);
    Result<void> forgetRow(const QString &branch, const QString &dataHash);
    // Whether a listing ever showed a row of the branch (Encord cannot delete branches, so it still exists).
    Result<bool> hasRows(const QString &branch);
    Result<QStringList> cachedBranchNames(); // the branches listings showed rows of
    // When every branch was last listed: the branch totals shown are no older (invalid: never).
    Result<void> setListedAt(const QDateTime &when);
    Result<QDateTime> listedAt();

    // --- branches and provenance --------------------------------------------------------------------
    Result<QList<LocalBranch>> localBranches();
    Result<void> addLocalBranch(const LocalBranch &branch);
    Result<void> removeLocalBranch(const QString &name);
    Result<QHash<QString, Provenance>> provenance(const QString &branch);
    Result<void> setProvenance(const QString &branch, const QString &dataHash, const Provenance &provenance);

    // --- operations, journal, audit -----------------------------------------------------------------
    Result<qint64> beginOperation(const OperationRecord &record);
    Result<void> finishOperation(const OperationRecord &record);
    Result<void> dropOperation(qint64 id);
    Result<void> countBatch(qint64 id);
    Result<QList<OperationRecord>> interruptRunningWithoutProcess();
    Result<void> replaceOperationAudit(const AuditEntry &entry);
    Result<OperationRecord> operation(qint64 id);
    Result<QList<OperationRecord>> operations(); // newest first
    Result<OperationRecord> lastUndoableOperation(const QString &targetBranch);
    Result<void> markUndone(qint64 id);
    Result<void> addJournal(qint64 operationId, const QList<JournalEntry> &entries);
    Result<QList<JournalEntry>> journal(qint64 operationId);
    Result<void> appendAudit(const AuditEntry &entry);
    Result<QList<AuditEntry>> auditLog();

    // --- review decisions (Encord has no place for them) --------------------------------------------
    Result<QList<ReviewDecision>> reviewDecisions(const QString &sourceBranch, const QString &targetBranch);
    Result<void> saveReviewDecision(const ReviewDecision &decision);
    Result<int> clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                     const QStringList &dataHashes);
    // Decisions follow a renamed local branch and go with a deleted one, as in the project file.
    Result<void> renameBranchInReviewDecisions(const QString &from, const QString &to);
    Result<void> forgetReviewDecisionsOf(const QString &branch);

private:
    EncordCache() = default;
    Result<void> ensureConnected();
    // Refuses a cache of another project or of a newer labelbranch (untouched), then brings an older one
    // up to this program's format.
    Result<void> prepareFormat();
    // Checks the header (meta table) and format version; a cache without a header passes unless required.
    Result<void> checkHeader(bool required);
    void disconnect();

    QString m_path;
    QString m_projectHash;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace lb
