#include "store/sqlite/sqliteconnection.h"

#include "store/sqlite/sqlhelpers.h"

#include <atomic>
#include <QFileInfo>
#include <QStringList>
#include <QUrl>

namespace lb {

namespace {

// Long enough for another connection's batch of 1000 rows to finish; readers never wait in WAL mode.
constexpr int kBusyTimeoutMs = 30000;

} // namespace

QString SqliteConnection::uniqueName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("labelbranch-sqlite-%1").arg(++counter);
}

bool SqliteConnection::sideFileExists(const QString &path, const char *suffix)
{
    const QFileInfo info(path + QLatin1String(suffix));
    return info.exists() && info.size() > 0;
}

// With no journal beside the file nobody has it open for writing, so the immutable mode is exact.
SqliteConnection::Access SqliteConnection::readOnlyAccess(const QString &path)
{
    if (sideFileExists(path, "-wal") || sideFileExists(path, "-journal"))
        return Access::ReadOnlyShared;
    return Access::Immutable;
}

static QString uriFor(const QString &path, SqliteConnection::Access access)
{
    const QString base = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded);
    return base + (access == SqliteConnection::Access::Immutable ? QLatin1String("?immutable=1")
                                                                 : QLatin1String("?mode=ro"));
}

void SqliteConnection::close(QSqlDatabase &db, const QString &name)
{
    if (db.isValid())
        db.close();
    db = QSqlDatabase();
    if (!name.isEmpty() && QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
}

Result<void> SqliteConnection::open(const QString &name, const QString &path, Access access, QSqlDatabase &db)
{
    db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid()) {
        close(db, name);
        return fail(QStringLiteral("the SQLite driver for Qt (QSQLITE) is not available"));
    }
    const QString busy = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (access == Access::ReadWrite) {
        db.setDatabaseName(path);
        db.setConnectOptions(busy);
    } else {
        db.setDatabaseName(uriFor(path, access));
        db.setConnectOptions(busy + QLatin1String(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    }
    if (!db.open()) {
        const QString reason = sql::errorText(db.lastError());
        close(db, name);
        return fail(reason);
    }
    // An 8 MB page cache, four times SQLite's default, for the batches that insert into the label-hash and
    // content-digest indexes at random places (an import gets kBulkCacheKiB). Not more:
    // listings, comparisons and snapshots read a branch once from start to end and gain nothing from a large
    // cache, which costs an allocation per page it fills and is dropped whole whenever another connection
    // writes (with 64 MB, a compare of 100,000 data units took 0.97 s instead of 0.68 s at 4 MB, and the
    // window's first read after a copy of 460,000 rows took 7.5 ms).
    QStringList pragmas = {QStringLiteral("PRAGMA foreign_keys = ON"),
                           QStringLiteral("PRAGMA cache_size = -%1").arg(kCacheKiB)};
    if (access == Access::ReadWrite) {
        pragmas << QStringLiteral("PRAGMA journal_mode = WAL")
                << QStringLiteral("PRAGMA synchronous = NORMAL");
    } else {
        // A second guard besides the read-only open flag: SQLite refuses every write on this connection.
        pragmas << QStringLiteral("PRAGMA query_only = ON");
    }
    for (const QString &pragma : pragmas) {
        if (auto done = sql::exec(db, pragma); !done) {
            close(db, name);
            return done;
        }
    }
    return {};
}

Result<void> SqliteConnection::setCacheKiB(QSqlDatabase &db, int kib)
{
    return sql::exec(db, QStringLiteral("PRAGMA cache_size = -%1").arg(kib));
}

} // namespace lb
