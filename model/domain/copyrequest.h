#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

// Arguments of copy_labels_to_branch (docs/product.md §2.3).
struct CopyRequest
{
    QString sourceBranch = QStringLiteral("main");
    QString targetBranch;
    bool overwrite = false;
    QStringList dataHashes;  // applied first
    QStringList labelHashes; // applied to what data_hashes left
    int batchSize = 50;      // 1..1000
};

enum class PlanAction
{
    Create,
    Replace,
    Skip
};
QString planActionName(PlanAction action); // "create", "replace", "skip"

struct CopyPlanItem
{
    QString dataHash;
    QString dataTitle;
    QString sourceLabelHash; // empty when the source row is uninitialised
    QString targetLabelHash; // empty when the target has no row
    PlanAction action = PlanAction::Skip;
    QString reason; // readable: "new row on target", "overwrite: replaces target row", "target already has a
                    // row", "uninitialised on source", "identical content"
};

struct CopyPlan
{
    CopyRequest request;
    bool targetExists = false;
    QList<CopyPlanItem> items;
    int toCreate = 0;
    int toReplace = 0;
    int toSkip = 0;
};

struct CopyResult
{
    qint64 operationId = 0; // 0 when nothing was written
    int count = 0;          // rows created or updated: the value copy_labels_to_branch returns
    int created = 0;
    int replaced = 0;
    int skipped = 0;
    int batchesDone = 0;
    int batchesTotal = 0;
    bool cancelled = false;
    bool targetCreated = false;
};

// One row to write in a batch: the store copies the source row's content onto the target.
struct CopyItem
{
    QString dataHash;
    QString sourceLabelHash;
    QString targetLabelHash; // empty: create a new row with a fresh label hash
};

struct CopyBatchResult
{
    int created = 0;
    int replaced = 0;
};

struct UndoResult
{
    qint64 undoneOperationId = 0;
    QString targetBranch;
    int removed = 0;  // rows the operation had created
    int restored = 0; // rows it had replaced, put back exactly
    bool branchRemoved = false;
};

} // namespace lb
