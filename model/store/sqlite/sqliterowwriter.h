#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace lb {

// Writing label rows into a project file: copying rows between branches and writing imported or edited
// rows, each batch in one transaction that writes all or nothing, with a journal entry per change so
// SqliteUndo can put every row back exactly. Works on a connection its SqliteStore owns, on the store's
// thread.
class SqliteRowWriter
{
public:
    explicit SqliteRowWriter(QSqlDatabase &db) : m_db(db) {}

    // operationId 0 writes without a journal (nothing to undo).
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items);
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite);

private:
    // An operation that exists and has not been undone may write more rows; 0 (none) always may.
    Result<void> checkWritableOperation(qint64 operationId);

    QSqlDatabase &m_db;
};

} // namespace lb
