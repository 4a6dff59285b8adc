#pragma once

#include "domain/copyrequest.h"
#include "domain/operationrecord.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace lb {

// Undo in a project file: which operation may be undone, and taking one back from its journal in one
// transaction (created rows removed, replaced rows put back exactly, a branch it created removed when
// empty). Works on a connection its SqliteStore owns, on the store's thread.
class SqliteUndo
{
public:
    explicit SqliteUndo(QSqlDatabase &db) : m_db(db) {}

    // The newest operation that changed something visible and can still be undone; an empty record when
    // there is none.
    Result<OperationRecord> lastUndoableOperation(const QString &targetBranch);
    Result<UndoResult> undoOperation(qint64 operationId);
    // The same steps inside the caller's write transaction (a rollback on open, with its audit entry).
    Result<UndoResult> undoInTransaction(qint64 operationId);

private:
    // The operation's record, when it may be undone at all.
    Result<OperationRecord> undoableRecord(qint64 operationId);
    // Undoing out of order would put back rows that a newer operation has since replaced.
    Result<void> checkNothingNewer(const OperationRecord &record);
    Result<void> noteReplacedContents(qint64 operationId);
    Result<void> replayJournal(qint64 operationId, UndoResult &result);
    Result<void> removeBranchIfEmpty(const OperationRecord &record, UndoResult &result);

    QSqlDatabase &m_db;
};

} // namespace lb
