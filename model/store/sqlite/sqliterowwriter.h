#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowdocument.h"
#include "domain/result.h"
#include "store/sqlite/sqlitelabelhash.h"

#include <functional>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace lb {

// Writing label rows into a project file: copying rows between branches and writing imported or edited
// rows, each batch in one transaction that writes all or nothing. A replaced row is kept in the journal as
// it was, and a created row names its operation, so SqliteUndo can put every row back exactly. Copies move
// content references, never label JSON. Works on a connection its SqliteStore owns, on the store's thread.
class SqliteRowWriter
{
public:
    SqliteRowWriter(QSqlDatabase &db, const LabelHashCodec &labelHashes)
        : m_db(db), m_labelHashes(labelHashes)
    {
    }

    // operationId 0 writes without a journal (nothing to undo); its new rows get stored random label hashes.
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items);
    // Part `part` of `parts` of the source's rows, split by data unit id, created on the target as one set
    // operation (a snapshot). Needs an operation: the new rows' label hashes derive from it.
    Result<CopyBatchResult> copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                         const QString &targetBranch, int part, int parts);
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite);

    // The row of (branch, data unit) as it is now, as a journal entry of the operation (none for 0).
    static Result<void> journalReplaced(QSqlDatabase &db, qint64 operationId, qint64 branchId,
                                        const QString &dataUnitIdsJson);
    static QString freshLabelHash();

private:
    using CopyBody = std::function<Result<CopyBatchResult>(qint64 sourceId, qint64 targetId)>;
    // Runs `body` in one write transaction once the branches and the operation are checked; a failure
    // anywhere writes nothing.
    Result<CopyBatchResult> inCopyTransaction(qint64 operationId, const QString &sourceBranch,
                                              const QString &targetBranch, const CopyBody &body);
    // An operation that exists and has not been undone may write more rows (and the batch is counted on
    // it); 0 (none) always may.
    Result<void> checkWritableOperation(qint64 operationId);

    QSqlDatabase &m_db;
    const LabelHashCodec &m_labelHashes;
};

} // namespace lb
