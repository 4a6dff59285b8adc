#include "store/sqlite/sqlitetransaction.h"

#include "store/sqlite/sqlhelpers.h"

#include <utility>

namespace lb {

SqliteTransaction::SqliteTransaction(QSqlDatabase db) : m_db(std::move(db)) {}

SqliteTransaction::~SqliteTransaction()
{
    rollback();
}

Result<void> SqliteTransaction::begin()
{
    if (auto begun = sql::exec(m_db, QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun;
    m_active = true;
    return {};
}

Result<void> SqliteTransaction::commit()
{
    if (!m_active)
        return fail(QStringLiteral("no transaction is open"));
    if (auto committed = sql::exec(m_db, QStringLiteral("COMMIT")); !committed) {
        rollback();
        return committed;
    }
    m_active = false;
    return {};
}

void SqliteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // A failed statement may already have ended the transaction; the error is then irrelevant.
    (void)sql::exec(m_db, QStringLiteral("ROLLBACK"));
}

} // namespace lb
