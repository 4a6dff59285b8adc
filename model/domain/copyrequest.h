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
    // Refuse the copy, before anything is written, when a hash it names matches nothing (UnknownHashes).
    bool strict = false;
};

// Hashes a request names that match nothing: data hashes of no data unit of the project, label hashes of no
// source row in scope. They copy nothing, as on Encord, but are named so a typo does not pass silently.
struct UnknownHashes
{
    QStringList dataHashes;
    QStringList labelHashes;
    bool isEmpty() const { return dataHashes.isEmpty() && labelHashes.isEmpty(); }
};
// One sentence per kind, naming the first ten: "2 data hashes are not in this project: a, b".
QStringList unknownHashesText(const UnknownHashes &unknown, const QString &sourceBranch);

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
    // A replace whose source and target content are the same: written (Encord counts it as updated), but
    // nothing in the labels changes.
    bool identical = false;
    QString reason; // readable: "new row on target", "overwrite: replaces target row", "target already has a
                    // row", "uninitialised on source", "identical content"
    qint64 unitKey = 0; // LabelRowSummary::unitKey of the source row
};

struct CopyPlan
{
    CopyRequest request;
    bool targetExists = false;
    // False when the store could not tell without asking a remote service, and a copy that overwrites
    // nothing did not need to ask: Encord's own copy creates a missing branch and skips the data units the
    // target has rows for (docs/encord-api.md §3.8). The plan then counts every initialised source row as
    // created, and the copy's result says how many the target already had.
    bool targetKnown = true;
    QList<CopyPlanItem> items;
    // True when `items` is left empty although the plan has items: a plan of every source row (no hashes
    // named) on a store that lists pages cheaply, whose items are read by position when they are shown
    // (Engine::planItems), so a dry run of a large branch holds none of them.
    bool itemsPaged = false;
    UnknownHashes unknown;
    int toCreate = 0;
    int toReplace = 0; // replaces whose content differs
    int unchanged = 0; // replaces with identical content (docs/product.md §2)
    int toSkip = 0;
    // The rows written: what copy_labels_to_branch would return.
    int writeCount() const { return toCreate + toReplace + unchanged; }
    // Every data unit the plan decides on, written or skipped.
    int itemCount() const { return writeCount() + toSkip; }
};

// How the rows travelled: inside the project file, through Encord's copy endpoint, or client-side (read
// the source rows, create the target rows, save the labels onto them).
enum class CopyMethod
{
    Local,
    Server,
    Client
};
QString copyMethodName(CopyMethod method); // "local", "server", "client"

struct CopyResult
{
    qint64 operationId = 0; // 0 when nothing was written
    int count = 0;          // rows created or updated: the value copy_labels_to_branch returns
    int created = 0;
    int replaced = 0;  // rows replaced, with identical content or not
    int unchanged = 0; // of those, replaced with identical content
    int skipped = 0;
    int batchesDone = 0;
    int batchesTotal = 0;
    bool cancelled = false;
    bool targetCreated = false;
    CopyMethod method = CopyMethod::Local;
    // Rows Encord copied into a target the plan had not listed, in batches where it also skipped rows the
    // target had: which of them are new cannot be told, so undo leaves them (and says so).
    int unidentified = 0;
    UnknownHashes unknown;  // of the plan the copy ran
    int dataUnitsAdded = 0; // an import that adds the data units it brings
};
// What a user reads about the way a copy went, empty for a local one; and, when some rows cannot be undone,
// a second sentence that says so.
QString copyMethodText(const CopyResult &result);

// One row to write in a batch: the store copies the source row's content onto the target.
struct CopyItem
{
    QString dataHash;
    QString sourceLabelHash;
    QString targetLabelHash; // empty: create a new row with a fresh label hash
    bool identical = false;  // a replace by the same content
    qint64 unitKey = 0;      // LabelRowSummary::unitKey: the store finds the unit by it (0: by its hash)
};

struct CopyBatchResult
{
    int created = 0;
    int replaced = 0;  // rows replaced, with identical content or not
    int unchanged = 0; // of those, replaced with identical content
    int skipped = 0;   // rows of the batch the store found the target had already (a target not listed)
    int unidentified = 0;
    CopyMethod method = CopyMethod::Local;
};

struct UndoResult
{
    qint64 undoneOperationId = 0;
    QString targetBranch;
    int removed = 0;   // rows the operation had created
    int restored = 0;  // rows it had replaced, put back exactly
    int emptied = 0;   // of `removed`: rows a store cannot delete (Encord), emptied of their labels instead
    int leftAlone = 0; // rows the operation wrote that the journal cannot name (CopyResult::unidentified)
    bool branchRemoved = false;
};

} // namespace lb
