#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace lb {

// A write transaction that rolls back unless committed, so every early error return undoes the batch.
// BEGIN IMMEDIATE takes the write lock up front: with several connections on one file, a deferred
// transaction that later upgrades to a writer can fail with SQLITE_BUSY that no timeout resolves.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(QSqlDatabase db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    Result<void> begin();
    Result<void> commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace lb
