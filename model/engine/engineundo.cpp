#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/engine.h"
#include "engine/writerlock.h"

#include <nlohmann/json.hpp>

namespace lb {

// Undo of the engine: takes back the newest journaled write and says so in the audit log.

namespace {

QString undoSummary(const OperationRecord &operation, const UndoResult &undone)
{
    QString summary =
        QStringLiteral("Undid %1 #%2 on %3: %4 removed, %5 restored")
            .arg(operationKindName(operation.kind))
            .arg(operation.id)
            .arg(quoted(undone.targetBranch.isEmpty() ? operation.targetBranch : undone.targetBranch),
                 plural(undone.removed, QStringLiteral("row")))
            .arg(undone.restored);
    if (undone.emptied > 0)
        summary += QStringLiteral("; %1 emptied of their labels, as Encord cannot delete rows")
                       .arg(plural(undone.emptied, QStringLiteral("row")));
    if (undone.leftAlone > 0)
        summary += QStringLiteral("; %1 the copy wrote could not be told from rows the target had, left as "
                                  "they are")
                       .arg(plural(undone.leftAlone, QStringLiteral("row")));
    if (undone.branchRemoved)
        summary += QStringLiteral("; branch removed");
    return summary;
}

nlohmann::json undoDetails(const OperationRecord &operation, const UndoResult &undone)
{
    return nlohmann::json{
        {"operationId", operation.id},
        {"operation", operationKindName(operation.kind).toStdString()},
        {"source", operation.sourceBranch.toStdString()},
        {"target", operation.targetBranch.toStdString()},
        {"removed", undone.removed},
        {"restored", undone.restored},
        {"emptied", undone.emptied},
        {"leftAlone", undone.leftAlone},
        {"branchRemoved", undone.branchRemoved},
    };
}

} // namespace

Result<UndoResult> Engine::undoLast(const QString &targetBranch, const JobControl &control)
{
    const auto nothing = [&] {
        return fail(ErrorKind::NotFound,
                    targetBranch.isEmpty()
                        ? QStringLiteral("nothing to undo")
                        : QStringLiteral("nothing to undo on branch %1").arg(quoted(targetBranch)));
    };
    Result<OperationRecord> last = m_store.lastUndoableOperation(targetBranch);
    if (!last)
        return last.takeError();
    if (last->id == 0)
        return nothing();
    // Undone under the lock of the operation's branch, so no write runs on it meanwhile; the newest
    // operation is looked up again once the lock is held, as another writer may have come first.
    OperationRecord undo;
    undo.kind = OperationKind::Undo;
    undo.targetBranch = last->targetBranch;
    undo.user = m_user;
    WriterLock lock(m_store, undo);
    if (Result<void> acquired = lock.acquire(control); !acquired)
        return acquired.takeError();
    last = m_store.lastUndoableOperation(targetBranch);
    if (!last)
        return last.takeError();
    if (last->id == 0)
        return nothing();
    if (last->targetBranch != undo.targetBranch)
        return fail(ErrorKind::Busy, QStringLiteral("another operation wrote while the undo waited; run undo "
                                                    "again"));
    const OperationRecord &operation = last.value();
    const Result<UndoResult> undone = m_store.undoOperation(operation.id);
    if (!undone)
        return undone.takeError();
    if (Result<void> audited = AuditEntryBuilder(m_user, QStringLiteral("undo"))
                                   .summary(undoSummary(operation, undone.value()))
                                   .details(undoDetails(operation, undone.value()))
                                   .operation(operation.id)
                                   .appendTo(m_store, QStringLiteral("the operation was undone"));
        !audited)
        return audited.takeError();
    return undone;
}

Result<OperationRecord> Engine::lastUndoable(const QString &targetBranch)
{
    return m_store.lastUndoableOperation(targetBranch);
}

} // namespace lb
