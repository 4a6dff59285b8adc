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
    ApplyReview
};
QString operationKindName(OperationKind kind); // "copy", "sync", "snapshot", "import", "undo", "apply-review"
bool parseOperationKind(const QString &name, OperationKind *kind);

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
};

} // namespace lb
