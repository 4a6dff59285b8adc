#include "store/sqlite/sqliteprojectfile.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqliteconnection.h"
#include "store/sqlite/sqlitefileheader.h"
#include "store/sqlite/sqliteschema.h"
#include "store/sqlite/sqlitestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace lb {

namespace {

QString displayPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

Result<int> SqliteProjectFile::validate(const QString &path)
{
    const QString shown = displayPath(path);
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorKind::NotFound, QStringLiteral("the project file '%1' does not exist").arg(shown));
    if (info.isDir())
        return fail(QStringLiteral("'%1' is a folder, not a labelbranch project file").arg(shown));

    auto header = SqliteFileHeader::read(path);
    if (!header)
        return fail(QStringLiteral("cannot read '%1': %2").arg(shown, header.error()));
    if (!header->isSqlite())
        return fail(QStringLiteral("'%1' is not a labelbranch project (not an SQLite database)").arg(shown));
    // While a -wal holds committed pages, page 1 in the main file may predate them (a new project's
    // application id, an upgrade's version); SQLite's own view decides then, in checkOpened().
    const bool walPending = SqliteConnection::sideFileExists(path, "-wal");
    if (!walPending) {
        if (auto known = checkIdentity(shown, header->applicationId(), header->userVersion()); !known)
            return known.takeError();
    }

    const QString name = SqliteConnection::uniqueName();
    QSqlDatabase db;
    if (auto connection = SqliteConnection::open(name, path, SqliteConnection::readOnlyAccess(path), db);
        !connection)
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, connection.error()));
    const Result<int> version = checkOpened(db, shown, header.value(), walPending);
    SqliteConnection::close(db, name);
    return version;
}

Result<void> SqliteProjectFile::checkIdentity(const QString &shown, quint32 applicationId, quint32 version)
{
    if (applicationId != SqliteSchema::kApplicationId)
        return fail(QStringLiteral("'%1' is an SQLite file but not a labelbranch project").arg(shown));
    if (version > static_cast<quint32>(SqliteStore::kSchemaVersion)) {
        return fail(QStringLiteral("'%1' was saved by a newer version of labelbranch (project format %2; "
                                   "this version knows formats up to %3); please update labelbranch to "
                                   "open it")
                        .arg(shown)
                        .arg(version)
                        .arg(SqliteStore::kSchemaVersion));
    }
    return {};
}

namespace {

constexpr qint64 kFullCheckBytes = 64 * 1024 * 1024;

} // namespace

// A refusal of identity keeps its own wording; anything else is damage.
Result<int> SqliteProjectFile::checkOpened(QSqlDatabase &db, const QString &shown,
                                           const SqliteFileHeader &header, bool walPending)
{
    const auto damaged = [&shown](const QString &reason) {
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, reason));
    };
    auto applicationId = sql::scalar(db, QStringLiteral("PRAGMA application_id"));
    auto userVersion = sql::scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!applicationId)
        return damaged(applicationId.error());
    if (!userVersion)
        return damaged(userVersion.error());
    if (auto known = checkIdentity(shown, applicationId->toUInt(), userVersion->toUInt()); !known)
        return known.takeError();
    const int version = userVersion->toInt();

    // A full check reads every page: a fraction of a second for small files, seconds for a project of
    // 500,000 data units, on every open. Large files get the structural check only; damage further in
    // surfaces as an error of the statement that reaches it, which rolls back and changes nothing.
    QSqlQuery query(db);
    const bool full = header.fileSize() <= kFullCheckBytes;
    if (!query.exec(full ? QStringLiteral("PRAGMA quick_check")
                         : QStringLiteral("SELECT COUNT(*) FROM sqlite_schema")))
        return damaged(sql::errorText(query.lastError()));
    while (full && query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok"))
            return damaged(line);
    }
    // The header's page count is only checked by SQLite when a page beyond the end is needed.
    if (!walPending && header.expectedSize() > header.fileSize()) {
        return damaged(QStringLiteral("the file is truncated (%1 of %2 bytes)")
                           .arg(header.fileSize())
                           .arg(header.expectedSize()));
    }
    if (version >= 1) {
        const QStringList tables = db.tables();
        for (const char *table :
             {"meta", "data_units", "branches", "label_rows", "operations", "journal", "audit_log"}) {
            if (!tables.contains(QLatin1String(table)))
                return damaged(QStringLiteral("the table '%1' is missing").arg(QLatin1String(table)));
        }
    }
    for (const char *table : {"label_contents", "label_content_bytes"}) {
        if (version >= 3 && !db.tables().contains(QLatin1String(table)))
            return damaged(QStringLiteral("the table '%1' is missing").arg(QLatin1String(table)));
    }
    return version;
}

bool SqliteProjectFile::isWritable(const QString &path)
{
    const QFileInfo file(path);
    // Permission bits are honoured even for a superuser: a project someone made read-only is not
    // written, even where the operating system would allow it.
    // (WriteUser is what access(2) says for the current user, so it is true for root; the mode bits are not.)
    const auto writeBits = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    if (!file.isWritable() || !(file.permissions() & writeBits))
        return false;
    // WAL needs to create -wal and -shm files beside the project.
    return QFileInfo(file.absolutePath()).isWritable();
}

Result<QString> SqliteProjectFile::backUpBeforeUpgrade(QSqlDatabase &db, const QString &path, int version)
{
    const QString backup = QStringLiteral("%1.format-%2.backup").arg(path).arg(version);
    if (QFileInfo::exists(backup)) {
        return fail(
            QStringLiteral("'%1' is in the way of the copy kept during the upgrade; move it elsewhere")
                .arg(QDir::toNativeSeparators(backup)));
    }
    // SQLite writes the copy from one read transaction, so it is consistent even with other readers.
    auto copy = sql::prepare(db, QStringLiteral("VACUUM INTO ?"));
    if (!copy)
        return copy.takeError();
    if (auto ran = sql::run(copy.value(), {backup}); !ran) {
        QFile::remove(backup);
        return fail(QStringLiteral("cannot write the copy kept during the upgrade to '%1': %2")
                        .arg(QDir::toNativeSeparators(backup), ran.error()));
    }
    return backup;
}

void SqliteProjectFile::remove(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace lb
