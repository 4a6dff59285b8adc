#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqlitestore.h"

namespace lb {

// The store's label-row JSON handed over as stored, for an export (sqlitestore.cpp holds the rest).

Result<QList<QByteArray>> SqliteStore::fetchContentBytes(const QString &branch,
                                                         const QStringList &labelHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowReader(m_db, m_labelHashes).fetchContentBytes(branch, labelHashes);
}

} // namespace lb
