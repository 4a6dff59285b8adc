#include "sqliteprojectfile.h"

#include "sqlhelpers.h"
#include "sqliteconnection.h"
#include "sqlitefileheader.h"
#include "sqliteschema.h"
#include "sqlitestore.h"

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
        return fail(QStringLiteral("the project file '%1' does not exist").arg(shown));
    if (info.isDir())
        return fail(QStringLiteral("'%1' is a folder, not a labelbranch project file").arg(shown));

    auto header = SqliteFileHeader::read(path);
    if (!header)
        return fail(QStringLiteral("cannot read '%1': %2").arg(shown, header.error()));
    if (!header->isSqlite())
        return fail(QStringLiteral("'%1' is not a labelbranch project (not an SQLite database)").arg(shown));
    if (header->applicationId() != SqliteSchema::kApplicationId)
        return fail(QStringLiteral("'%1' is an SQLite file but not a labelbranch project").arg(shown));
    const int version = static_cast<int>(header->userVersion());
    if (header->userVersion() > static_cast<quint32>(SqliteStore::kSchemaVersion)) {
        return fail(
            QStringLiteral("'%1' was saved by a newer version of labelbranch (project format %2; this "
                           "version knows formats up to %3); please update labelbranch to open it")
                .arg(shown)
                .arg(header->userVersion())
                .arg(SqliteStore::kSchemaVersion));
    }

    const QString name = SqliteConnection::uniqueName();
    QSqlDatabase db;
    if (auto connection = SqliteConnection::open(name, path, SqliteConnection::readOnlyAccess(path), db);
        !connection)
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, connection.error()));
    auto check = [&]() -> Result<void> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA quick_check")))
            return fail(sql::errorText(query.lastError()));
        QStringList problems;
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (line != QLatin1String("ok"))
                problems << line;
        }
        if (!problems.isEmpty())
            return fail(problems.first());
        // The header's page count is only checked by SQLite when a page beyond the end is needed.
        if (header->expectedSize() > header->fileSize() && !SqliteConnection::sideFileExists(path, "-wal")) {
            return fail(QStringLiteral("the file is truncated (%1 of %2 bytes)")
                            .arg(header->fileSize())
                            .arg(header->expectedSize()));
        }
        if (version >= 1) {
            const QStringList tables = db.tables();
            for (const char *table :
                 {"meta", "data_units", "branches", "label_rows", "operations", "journal", "audit_log"}) {
                if (!tables.contains(QLatin1String(table)))
                    return fail(QStringLiteral("the table '%1' is missing").arg(QLatin1String(table)));
            }
        }
        return {};
    }();
    SqliteConnection::close(db, name);
    if (!check)
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, check.error()));
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

void SqliteProjectFile::remove(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace lb
