#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lb {

enum class OperationKind
{
    Copy,
    Sync,
    Snapshot,
    Import,
    Undo,
    ApplyReview,
    Merge // per-object merge of named data units (engine/mergeengine.h)
};
// "copy", "sync", "snapshot", "import", "undo", "apply-review", "merge"
QString operationKindName(OperationKind kind);
bool parseOperationKind(const QString &name, OperationKind *kind);

// Where a journaled write stands. Running holds the write lock of its target branch; an operation whose
// process is gone while running is Interrupted (found when a project is opened); Failed ones stopped on an
// error and kept the batches they finished. Undone is the separate `undone` flag.
enum class OperationState
{
    Running,
    Done,
    Interrupted,
    Failed
};
QString operationStateName(OperationState state); // "running", "done", "interrupted", "failed"
bool parseOperationState(const QString &name, OperationState *state);

// One journaled write operation: enough, with its journal rows, to undo it exactly.
struct OperationRecord
{
    qint64 id = 0;
    OperationKind kind = OperationKind::Copy;
    QString sourceBranch;
    QString targetBranch;
    bool overwrite = false;
    bool createdTargetBranch = false; // undo removes the branch again
    int created = 0;
    int replaced = 0;
    int skipped = 0;
    bool cancelled = false;
    bool undone = false;
    QString user;
    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC; invalid while running
    OperationState state = OperationState::Done; // WriterLock records a running one
    int batchesDone = 0;
    int batchesTotal = 0;
    // Who runs it (host, process, token: store/sqlite/sqliteowner.h); the lock is free once it is gone.
    QString owner;

    // "sync #12 on "t" by alice, started 10:02 UTC": the operation a second writer waits for.
    QString holderText() const;
    // "interrupted after batch 3 of 10", "running", "" when done.
    QString stateText() const;
};

// A line of the audit log: every copy, sync, snapshot, undo, import, branch change and review decision.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime time; // UTC
    QString user;
    QString action;  // "copy", "sync", "snapshot", "undo", "import", "branch-create", "branch-delete", ...
    QString summary; // one readable line
    QString details; // JSON object text with parameters and counts
    qint64 operationId = 0; // 0 when no journaled operation belongs to it
    // The operation's state as the log shows it ("running", "interrupted after batch 3 of 10", "failed");
    // empty when the entry has no operation or the operation is done.
    QString operationState;
};

} // namespace lb
