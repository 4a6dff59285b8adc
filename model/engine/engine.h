#pragma once

#include "diff/branchdiff.h"
#include "domain/copyrequest.h"
#include "domain/jobcontrol.h"
#include "domain/labelrowsource.h"
#include "domain/result.h"
#include "domain/rowquery.h"
#include "store/store.h"

#include <functional>
#include <optional>
#include <QDate>
#include <QSet>
#include <QString>

namespace lb {

// The branch engine of docs/product.md §2 over any Store: listing, copy_labels_to_branch with its seven
// rules, dry-run plans, snapshots, undo, branch management and the branch diff. Every write is journaled and
// audited. Runs on whatever thread owns the store; long calls take a JobControl.
class Engine
{
public:
    explicit Engine(Store &store, QString user = QString()); // user defaults to the OS user name

    Store &store() { return m_store; }
    QString user() const { return m_user; }

    // Rules 1-4 and 6 without writing anything: what copy() would do per data unit, and why.
    // ByPosition leaves a plan of every source row on a local store without its items
    // (CopyPlan::itemsPaged): planItems() reads them a window at a time.
    enum class PlanItems
    {
        Held,
        ByPosition
    };
    Result<CopyPlan> planCopy(const CopyRequest &request, PlanItems items = PlanItems::Held);
    // Items [offset, offset + limit) of a plan whose items are read by position, as planned now.
    Result<QList<CopyPlanItem>> planItems(const CopyPlan &plan, int offset, int limit);
    // Every item of such a plan in order, a page at a time, as planned now.
    using PlanItemSink = std::function<Result<void>(const QList<CopyPlanItem> &items)>;
    Result<void> forEachPlanItem(const CopyPlan &plan, const PlanItemSink &sink);
    // copy_labels_to_branch. Same branch is refused before any read; batch size outside 1..1000 refused.
    // Progress after each batch; cancellation between batches keeps the finished ones (result.cancelled).
    Result<CopyResult> copy(const CopyRequest &request, const JobControl &control = {});
    // sync = copy with overwrite.
    Result<CopyResult> sync(CopyRequest request, const JobControl &control = {});

    // "Apply approved" of a review: a sync of exactly request.dataHashes, journaled and audited as
    // OperationKind::ApplyReview so it can be undone like any sync. An empty list is refused, because an
    // unfiltered sync would overwrite every row of the target.
    Result<CopyResult> applyReview(CopyRequest request, const JobControl &control = {});

    // Copies every initialised row of `source` to a new branch. An empty name takes proposeSnapshotName().
    Result<CopyResult> snapshot(const QString &source, const QString &name = QString(),
                                const JobControl &control = {});
    // "export-YYYY-MM-DD" for `day` (today when invalid), with "-2", "-3", ... appended until unused.
    Result<QString> proposeSnapshotName(QDate day = QDate());

    // Undoes the newest journaled write not yet undone (on `targetBranch` when given).
    // Waits, as writes do, while another operation holds the branch.
    Result<UndoResult> undoLast(const QString &targetBranch = QString(), const JobControl &control = {});
    Result<OperationRecord> lastUndoable(const QString &targetBranch = QString());

    Result<void> createBranch(const QString &name, const QString &createdFrom = QString());
    Result<void> renameBranch(const QString &from, const QString &to);
    Result<void> deleteBranch(const QString &name);

    Result<BranchDiff> diff(const QString &sourceBranch, const QString &targetBranch,
                            const JobControl &control = {});

    // Writes parsed Encord rows into `branch` (created if missing) as one journaled operation; all or
    // nothing. Every row is checked (parsed, known data unit, no duplicate, no clash without overwrite)
    // before the first one is written; the rows are then written in batches of kImportBatchSize, and a batch
    // that fails or a cancel takes back the batches already written and a branch the import created.
    struct ImportOptions
    {
        bool overwrite = false; // replace the branch's rows of the same data units
        // A row whose data unit the project does not have adds it (as the row describes it) instead of
        // failing the import; the data units stay when the import is undone.
        bool addDataUnits = false;
        // The caller has read every row once already and refused what the check would refuse (a project
        // made from exports: data units made from these rows, one row per data unit): the engine's own
        // checking reading is skipped. The number of rows. A row the store still refuses fails its batch
        // and takes the import back.
        std::optional<qint64> checkedRows;
    };
    Result<CopyResult> importRows(const QString &branch, LabelRowSource &rows, const ImportOptions &options,
                                  const JobControl &control = {});
    Result<CopyResult> importRows(const QString &branch, LabelRowSource &rows, bool overwrite,
                                  const JobControl &control = {});
    Result<CopyResult> importRows(const QString &branch, const QList<LabelRowDocument> &rows, bool overwrite,
                                  const JobControl &control = {});

    // Receives exported rows in listing order; a failure stops the export with that error.
    using RowSink = std::function<Result<void>(const LabelRowDocument &row)>;
    // Streams every initialised row of `branch`, in title order, to `sink`: the listing is read page by page
    // and the contents fetched in bundles of `bundleSize`, so only one page and one bundle are in memory.
    // Returns how many rows went to the sink.
    Result<qint64> exportRows(const QString &branch, const RowSink &sink, int bundleSize = 100,
                              const JobControl &control = {});
    // The same rows as one list, for callers that want them all.
    Result<QList<LabelRowDocument>> exportRows(const QString &branch, int bundleSize = 100,
                                               const JobControl &control = {});
    // Receives exported rows as the JSON LabelRowDocument::toBytes() writes for them.
    using RowBytesSink = std::function<Result<void>(const QByteArray &json)>;
    // The streamed export as JSON bytes, which a store hands over without building documents: for writing a
    // file, where the rows are not looked at.
    Result<qint64> exportRowBytes(const QString &branch, const RowBytesSink &sink, int bundleSize = 100,
                                  const JobControl &control = {});

    static constexpr int kImportBatchSize = 250;
    static constexpr int kMinBatchSize = 1;
    static constexpr int kMaxBatchSize = 1000;

private:
    // The checks made before anything is read, the plan, then the batches: copy, sync and apply alike.
    OperationRecord operationFor(OperationKind kind, const CopyRequest &request) const;
    Result<CopyResult> validatedCopy(const CopyRequest &request, OperationKind kind,
                                     const JobControl &control);
    // The second reading of an import: its rows in batches under the operation result.operationId.
    // `newUnits`: the data units to add before the first row of each, taken out as they are added.
    Result<void> writeImportBatches(const QString &branch, LabelRowSource &rows, bool overwrite, qint64 count,
                                    QSet<QString> &newUnits, CopyResult &result, const JobControl &control);
    // Takes back an import that failed or was cancelled part-way; returns `error` worded for the caller.
    Error takeBackImport(OperationRecord record, const CopyResult &result, Error error);

    Store &m_store;
    QString m_user;
};

} // namespace lb
