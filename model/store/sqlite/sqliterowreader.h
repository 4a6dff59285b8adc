#pragma once

#include "domain/labelrowbytes.h"
#include "domain/labelrowdocument.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "domain/rowquery.h"
#include "store/sqlite/sqlitelabelhash.h"

#include <functional>
#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace lb {

// Reading label rows out of a project file: listing and counting by a RowQuery from the facts stored with
// each content (no JSON is parsed), and fetching full contents. Works on a connection its SqliteStore owns,
// on the store's thread.
class SqliteRowReader
{
public:
    SqliteRowReader(QSqlDatabase &db, const LabelHashCodec &labelHashes)
        : m_db(db), m_labelHashes(labelHashes)
    {
    }

    // The id of branch `name`; fails with "branch 'name' does not exist" when there is none.
    Result<qint64> branchId(const QString &name);

    Result<QList<LabelRowSummary>> listRows(const RowQuery &query);
    Result<int> countRows(const RowQuery &query);
    Result<QList<LabelRowDocument>> fetchContents(const QString &branch, const QStringList &labelHashes);
    // The same rows as the JSON LabelRowDocument::toBytes() writes for them, without building documents.
    Result<QList<QByteArray>> fetchContentBytes(const QString &branch, const QStringList &labelHashes);

private:
    // Each stored row's JSON and the identity the row gives it, in no particular order.
    using ContentVisitor =
        std::function<Result<void>(const QByteArray &json, const LabelRowIdentity &identity)>;
    Result<void> readContents(const QString &branch, const QStringList &labelHashes,
                              const ContentVisitor &visit);
    // The queried branch's id (0 for all branches), after checking the query names exactly one of them.
    Result<qint64> queriedBranch(const RowQuery &query);
    // The listing (or counting) statement of `query`, prepared and run; `failure` words an error.
    Result<QSqlQuery> runRowQuery(const RowQuery &query, bool count, const QString &failure);

    QSqlDatabase &m_db;
    const LabelHashCodec &m_labelHashes;
};

} // namespace lb
