#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace lb {

// Opening and closing the QSQLITE connections of a project file. A connection belongs to the thread that
// opened it; every store instance and every validation uses its own, under a unique name.
class SqliteConnection
{
public:
    enum class Access
    {
        ReadWrite,
        // Read-only through SQLite's locking, for a file with a -wal/-journal that must be honoured.
        ReadOnlyShared,
        // immutable=1: no locks and no -shm/-wal created beside the file. Only for a file nobody is writing.
        Immutable,
    };

    static QString uniqueName();
    // The read-only mode that reads `path` exactly while creating nothing beside it when possible.
    static Access readOnlyAccess(const QString &path);
    // True when `path` + suffix exists and is not empty.
    static bool sideFileExists(const QString &path, const char *suffix);

    // Opens into `db` rather than returning a copy: every copy must be gone before the connection can be
    // removed. Sets the pragmas of docs/architecture.md §4.1 (WAL, foreign keys, busy timeout) or, read-only,
    // query_only.
    static Result<void> open(const QString &name, const QString &path, Access access, QSqlDatabase &db);
    static void close(QSqlDatabase &db, const QString &name);

    // The page cache of a connection, in KiB: kCacheKiB normally, kBulkCacheKiB while it imports
    // (setCacheKiB). An import looks data units up by hash and contents by digest, at random places of
    // indexes that outgrow 8 MB at about 150,000 data units; 64 MB holds both for 500,000.
    static constexpr int kCacheKiB = 8192;
    static constexpr int kBulkCacheKiB = 65536;
    static Result<void> setCacheKiB(QSqlDatabase &db, int kib);
};

} // namespace lb
