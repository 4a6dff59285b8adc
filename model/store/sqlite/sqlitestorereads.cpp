#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitediff.h"
#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqlitestore.h"

#include <QSqlQuery>

namespace lb {

// The reading side of the project store: listings, contents and comparisons (sqlitestore.cpp holds the
// file's lifetime, branches and writes; sqlitestoreledger.cpp the records kept beside the rows).

// --- rows
// ---------------------------------------------------------------------------------------------------

Result<void> SqliteStore::forEachDataHash(const std::function<void(const QString &)> &visit)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // The hash index holds every hash, smaller than the table.
    if (!query.exec(QStringLiteral("SELECT data_hash FROM data_units")))
        return fail(QStringLiteral("cannot list data units: %1").arg(sql::errorText(query.lastError())));
    while (query.next())
        visit(query.value(0).toString());
    return {};
}

Result<QList<LabelRowSummary>> SqliteStore::listRows(const RowQuery &query)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowReader(m_db, m_labelHashes).listRows(query);
}

Result<int> SqliteStore::countRows(const RowQuery &query)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowReader(m_db, m_labelHashes).countRows(query);
}

Result<QList<LabelRowDocument>> SqliteStore::fetchContents(const QString &branch,
                                                           const QStringList &labelHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowReader(m_db, m_labelHashes).fetchContents(branch, labelHashes);
}

// --- comparing branches
// ---------------------------------------------------------------------------------------------------

Result<DiffSummary> SqliteStore::diffSummary(const QString &sourceBranch, const QString &targetBranch,
                                             const QList<qint64> *onlyUnits)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteDiff(m_db, m_labelHashes).summary(sourceBranch, targetBranch, onlyUnits);
}

Result<QList<DiffRowKey>> SqliteStore::diffRows(const DiffQuery &query)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteDiff(m_db, m_labelHashes).rows(query);
}

Result<QList<DiffEntry>> SqliteStore::diffEntries(const QString &sourceBranch, const QString &targetBranch,
                                                  const QList<qint64> &units)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteDiff(m_db, m_labelHashes).entries(sourceBranch, targetBranch, units);
}

Result<qint64> SqliteStore::diffEach(const DiffQuery &query, const DiffEntrySink &sink)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (query.order == DiffQuery::Order::ClassDelta) // an order SQL cannot give: keys first, then pages
        return Store::diffEach(query, sink);
    return SqliteDiff(m_db, m_labelHashes).each(query, sink);
}

Result<QList<QByteArray>> SqliteStore::fetchContentBytes(const QString &branch,
                                                         const QStringList &labelHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowReader(m_db, m_labelHashes).fetchContentBytes(branch, labelHashes);
}

} // namespace lb
