#pragma once

#include "domain/branchinfo.h"
#include "domain/copyrequest.h"
#include "domain/dataunit.h"
#include "domain/diffentry.h"
#include "domain/diffquery.h"
#include "domain/labelrowdocument.h"
#include "domain/labelrowsummary.h"
#include "domain/ontology.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "domain/reviewdecision.h"
#include "domain/rowquery.h"

#include <atomic>
#include <functional>
#include <memory>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

struct ProjectInfo
{
    QString projectHash;
    QString title;
    QString description;
    QString location; // file path, or the Encord project URL
    bool remote = false;
};

// What the engine needs from where label rows live (docs/architecture.md §2). Implementations: SqliteStore (a
// project file) and EncordStore (a live project). An instance belongs to the thread that uses it;
// openAnother() gives a new instance on the same project for a worker thread.
//
// Every method reports failure as a readable Error and leaves the project unchanged on failure.
class Store
{
public:
    // Above this many data hashes a filter is applied by the caller instead of in the store's query, so a
    // store never has to bind tens of thousands of parameters (SQLite) or send them in one request (Encord).
    static constexpr int kMaxFilterHashes = 500;

    virtual ~Store() = default;

    virtual Result<std::unique_ptr<Store>> openAnother() const = 0;

    // Long calls (a remote request, a bundle of contents) give up soon after *flag turns true and fail with
    // an ErrorKind::Cancelled error. A store that only does short calls may ignore it. The flag outlives the
    // calls; null stops watching.
    virtual void setCancelFlag(const std::atomic_bool *flag) { Q_UNUSED(flag); }

    virtual ProjectInfo projectInfo() const = 0;
    // True when the project can only be read (a read-only file): listing works, every write fails clearly.
    virtual bool isReadOnly() const { return false; }
    virtual Result<Ontology> ontology() = 0;
    virtual Result<QList<DataUnit>> dataUnits() = 0;
    // Every data hash of the project, in no particular order, one at a time: what a check of 500,000 rows
    // needs without every unit's metadata in memory. The default lists dataUnits().
    virtual Result<void> forEachDataHash(const std::function<void(const QString &)> &visit);
    // Adds data units the project does not have yet (an import that brings its own, `import
    // --add-data-units`); one already there is an error and nothing is added. A live Encord project takes
    // its data units from its datasets: it refuses.
    virtual Result<void> addDataUnits(const QList<DataUnit> &units);
    virtual bool takesNewDataUnits() const { return false; }

    // --- branches -------------------------------------------------------------------------------
    virtual Result<QList<BranchInfo>> branches() = 0; // main first, then by name
    // The same list without the totals that take a pass over every row (totalsKnown false), at once whatever
    // the size of the branches: what a window shows first. A store whose totals are cheap lists them too.
    virtual Result<QList<BranchInfo>> branchesWithoutTotals() { return branches(); }
    // When a remote store last listed every branch, so a window can say how old the totals it shows may be.
    // Invalid for a local store, which is always current.
    virtual Result<QDateTime> totalsListedAt() { return QDateTime(); }
    virtual Result<bool> branchExists(const QString &name) = 0;
    // Whether a branch exists as far as the store knows without asking a remote service. A local store
    // always knows; a remote one says Unknown for a branch it has not seen, where branchExists() would list
    // it. A copy that overwrites nothing does not need to ask (docs/encord-api.md §3.8).
    enum class Presence
    {
        Absent,
        Present,
        Unknown
    };
    virtual Result<Presence> knownPresence(const QString &name);
    // Names are validated by the engine; stores refuse duplicates and touching main.
    virtual Result<void> createBranch(const QString &name, const QString &createdFrom, bool isSnapshot) = 0;
    virtual Result<void> renameBranch(const QString &from, const QString &to) = 0;
    virtual Result<void> deleteBranch(const QString &name) = 0; // and all its rows

    // --- rows -----------------------------------------------------------------------------------
    // Filters of docs/product.md §2.1. With includeUninitialised, every data unit without a row on the branch
    // appears with an empty labelHash. Never parses label JSON.
    virtual Result<QList<LabelRowSummary>> listRows(const RowQuery &query) = 0;
    virtual Result<int> countRows(const RowQuery &query) = 0; // same filters, ignores offset/limit
    // True when a keyset page of listRows (RowQuery::afterDataHash) is a range scan of a local index, so a
    // caller may walk a branch page by page (RowPages) instead of listing it at once. False for a remote
    // store, where every listRows call is a request.
    virtual bool listsPagesCheaply() const { return false; }
    // One bundle: one round trip for a remote store. Order follows labelHashes; unknown hashes are an error.
    virtual Result<QList<LabelRowDocument>> fetchContents(const QString &branch,
                                                          const QStringList &labelHashes) = 0;
    // The same rows as the JSON LabelRowDocument::toBytes() writes for each of fetchContents' documents, for
    // an export that only writes them out: a store that keeps the JSON hands it over without building
    // documents. This default builds them.
    virtual Result<QList<QByteArray>> fetchContentBytes(const QString &branch, const QStringList &labelHashes)
    {
        const Result<QList<LabelRowDocument>> documents = fetchContents(branch, labelHashes);
        if (!documents)
            return documents.takeError();
        QList<QByteArray> bytes;
        bytes.reserve(documents->size());
        for (const LabelRowDocument &document : documents.value())
            bytes.append(document.toBytes());
        return bytes;
    }

    // The content each named data unit's row on `branch` had on its source branch when it was copied there
    // (Provenance::sourceContentHash), keyed by data hash: the base of a three-way merge of objects
    // (diff/objectmerge.h). Units whose row was not copied, or whose copy-time content the store does not
    // keep, are left out. A store that keeps no copy-time content (keepsCopyBases() false) gives none.
    virtual bool keepsCopyBases() const { return false; }
    virtual Result<QHash<QString, LabelRowDocument>> fetchCopyBases(const QString &branch,
                                                                    const QStringList &dataHashes)
    {
        Q_UNUSED(branch);
        Q_UNUSED(dataHashes);
        return QHash<QString, LabelRowDocument>();
    }

    // --- comparing branches -------------------------------------------------------------------------
    // For stores that compare two branches in their own query engine (the project file, in SQL); the engine
    // compares listings for the others (docs/architecture.md §2). Keys are the store's own for data units.
    virtual bool comparesBranches() const { return false; }
    // Totals over every data unit, or over `onlyUnits` (keys from diffRows) when given.
    virtual Result<DiffSummary> diffSummary(const QString &sourceBranch, const QString &targetBranch,
                                            const QList<qint64> *onlyUnits = nullptr)
    {
        Q_UNUSED(sourceBranch);
        Q_UNUSED(targetBranch);
        Q_UNUSED(onlyUnits);
        return fail(QStringLiteral("this project store does not compare branches by itself"));
    }
    // Every data unit the query matches, in the query's order.
    virtual Result<QList<DiffRowKey>> diffRows(const DiffQuery &query)
    {
        Q_UNUSED(query);
        return fail(QStringLiteral("this project store does not compare branches by itself"));
    }
    // The entries of the given data units (keys from diffRows), in the order given.
    virtual Result<QList<DiffEntry>> diffEntries(const QString &sourceBranch, const QString &targetBranch,
                                                 const QList<qint64> &units)
    {
        Q_UNUSED(sourceBranch);
        Q_UNUSED(targetBranch);
        Q_UNUSED(units);
        return fail(QStringLiteral("this project store does not compare branches by itself"));
    }
    // Every entry the query matches, in its order, handed to `sink` as it is read; returns how many. A
    // failed sink stops with its error. By default the keys of diffRows() and then their entries a page at
    // a time; a store that can reads them in one pass.
    using DiffEntrySink = std::function<Result<void>(const DiffEntry &)>;
    virtual Result<qint64> diffEach(const DiffQuery &query, const DiffEntrySink &sink);

    // --- journaled writes -------------------------------------------------------------------------
    // An operation groups the batches of one copy / sync / snapshot / import so it can be undone. A running
    // operation holds the write lock of its target branch (docs/architecture.md §4.3): beginning one fails
    // with ErrorKind::Busy, naming the holder, while another live operation runs on that branch.
    virtual Result<qint64> beginOperation(const OperationRecord &record) = 0;
    // By record.id: counts, flags and state; any state but running frees the lock. A snapshot's branch is
    // listed as a snapshot only once its operation is done.
    virtual Result<void> finishOperation(const OperationRecord &record) = 0;
    // Forgets an operation that wrote nothing (a copy with nothing to copy), freeing its lock.
    virtual Result<void> dropOperation(qint64 operationId) = 0;
    // A value that changes when another connection commits a change to the project, so a writer that planned
    // before it took its lock can tell whether to plan again; a store that cannot tell cheaply returns 0.
    virtual qint64 changeStamp() { return 0; }
    // True when finishOperation() marks a done snapshot's branch as a snapshot, so the branch is created
    // without the mark and a partial one is never listed as a snapshot.
    virtual bool marksSnapshotsWhenDone() const { return false; }
    // True when opening the store rolls back a snapshot or import whose operation is still running without
    // its process, so a writer that cannot take its own rows back (a full disk) may leave that to the next
    // open instead of finishing the operation as failed.
    virtual bool rollsBackOnOpen() const { return false; }
    // One atomic batch: creates rows (fresh label hash) or replaces target rows with the source content,
    // recording the replaced rows in the journal and provenance (source branch, source content hash)
    // on the written rows. The target branch must exist.
    virtual Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                              const QString &targetBranch, const QList<CopyItem> &items) = 0;
    // One atomic batch of given contents (import): rows for data units that already have one on the branch
    // are replaced when overwrite is set, otherwise it fails naming the data unit. Unknown data units fail.
    virtual Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                              const QList<LabelRowDocument> &rows, bool overwrite) = 0;
    // Whether writeRows() needs nothing of a row's labels but its stored form
    // (LabelRowDocument::storedForm()): rows read only to be written may then hold only that
    // (RowReading::ForStoring).
    virtual bool writesStoredForms() const { return false; }
    // A write of many batches starts (true) or ends (false): a store may size its caches for the indexes the
    // batches look up and update at random places.
    virtual void setBulkWriting(bool on) { Q_UNUSED(on); }
    // A snapshot's write, for stores that can copy a whole branch as set operations: part `part` of `parts`
    // (split by data unit) of every initialised row of `sourceBranch`, created on `targetBranch`, which has
    // no rows for those data units, in one atomic batch. Only when copiesWholeBranches() is true.
    virtual bool copiesWholeBranches() const { return false; }
    virtual Result<CopyBatchResult> copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                                 const QString &targetBranch, int part, int parts)
    {
        Q_UNUSED(operationId);
        Q_UNUSED(sourceBranch);
        Q_UNUSED(targetBranch);
        Q_UNUSED(part);
        Q_UNUSED(parts);
        return fail(QStringLiteral("this project store copies rows one batch of items at a time"));
    }
    // Newest operation not yet undone (optionally on one target branch); id 0 when there is none.
    virtual Result<OperationRecord> lastUndoableOperation(const QString &targetBranch = QString()) = 0;
    virtual Result<QList<OperationRecord>> operations() = 0; // newest first
    // Removes the rows the operation created, restores the rows it replaced byte for byte, removes the
    // target branch if the operation created it and it is then empty; marks the operation undone.
    virtual Result<UndoResult> undoOperation(qint64 operationId) = 0;

    // Removes stored label content that no row, journal entry or provenance refers to any more; returns how
    // many contents went. Undo and branch deletion do it by themselves; a store that keeps no content of its
    // own has nothing to collect.
    virtual Result<int> collectGarbage() { return 0; }

    // --- audit ----------------------------------------------------------------------------------
    virtual Result<void> appendAudit(const AuditEntry &entry) = 0;
    // The entry of entry.operationId with entry.action, written when the operation started, completed (or
    // appended when there is none).
    virtual Result<void> replaceOperationAudit(const AuditEntry &entry) = 0;
    virtual Result<QList<AuditEntry>> auditLog() = 0; // newest first

    // --- review decisions -----------------------------------------------------------------------
    // Kept per (source branch, target branch, data unit), or per object of a data unit (objectHash set).
    // Stores that keep none refuse clearly; the project file and the Encord cache keep them. The list holds
    // both kinds, ordered by data unit.
    virtual Result<QList<ReviewDecision>> reviewDecisions(const QString &sourceBranch,
                                                          const QString &targetBranch)
    {
        Q_UNUSED(sourceBranch);
        Q_UNUSED(targetBranch);
        return fail(QStringLiteral("this project store does not keep review decisions"));
    }
    // Replaces an earlier decision on the same data unit (or object) of the same compare. A decision on the
    // whole data unit removes those on its objects, and one on an object removes the unit's, in one
    // transaction.
    virtual Result<void> saveReviewDecision(const ReviewDecision &decision)
    {
        Q_UNUSED(decision);
        return fail(QStringLiteral("this project store does not keep review decisions"));
    }
    // Removes the decisions on the given data units and on their objects (all of the compare when empty);
    // returns how many.
    virtual Result<int> clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                             const QStringList &dataHashes)
    {
        Q_UNUSED(sourceBranch);
        Q_UNUSED(targetBranch);
        Q_UNUSED(dataHashes);
        return fail(QStringLiteral("this project store does not keep review decisions"));
    }
};

} // namespace lb
