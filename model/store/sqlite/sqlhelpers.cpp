#include "store/sqlite/sqlhelpers.h"

#include <nlohmann/json.hpp>
#include <QSqlDriver>
#include <sqlite3.h>
#include <system_error>
#include <utility>

namespace lb::sql {

QString errorText(const QSqlError &error)
{
    const QString database = error.databaseText().trimmed();
    if (!database.isEmpty())
        return database;
    const QString driver = error.driverText().trimmed();
    return driver.isEmpty() ? QStringLiteral("unknown SQLite error") : driver;
}

namespace {

// The connection behind a QtSql driver of the QSQLITE plugin, which links the same SQLite library.
sqlite3 *sqliteHandle(const QSqlDriver *driver)
{
    if (!driver)
        return nullptr;
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

QString errorText(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const int code = error.nativeErrorCode().toInt() & 0xff;
    sqlite3 *handle = code == SQLITE_IOERR || code == SQLITE_FULL ? sqliteHandle(query.driver()) : nullptr;
    const int osError = handle ? sqlite3_system_errno(handle) : 0;
    if (osError == 0)
        return errorText(error);
    const int extended = sqlite3_extended_errcode(handle);
    const bool reading = extended == SQLITE_IOERR_READ || extended == SQLITE_IOERR_SHORT_READ;
    const char *file = sqlite3_db_filename(handle, "main");
    return QStringLiteral("%1 (%2 %3)")
        .arg(QString::fromStdString(std::generic_category().message(osError)),
             reading ? QStringLiteral("reading") : QStringLiteral("writing"),
             file ? QString::fromUtf8(file) : QStringLiteral("the project file"));
}

Result<void> exec(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return fail(errorText(query));
    return {};
}

Result<void> execAll(QSqlDatabase &db, std::initializer_list<const char *> statements)
{
    for (const char *statement : statements) {
        if (auto done = exec(db, QString::fromUtf8(statement)); !done)
            return done;
    }
    return {};
}

Result<QSqlQuery> prepare(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return fail(errorText(query));
    return query;
}

Result<QSqlQuery> runQuery(QSqlDatabase &db, const QString &statement, std::initializer_list<QVariant> values,
                           const QString &what)
{
    auto query = prepare(db, statement);
    if (!query)
        return fail(QStringLiteral("cannot %1: %2").arg(what, query.error()));
    if (auto ran = run(query.value(), values); !ran)
        return fail(QStringLiteral("cannot %1: %2").arg(what, ran.error()));
    return query;
}

QVariant bindable(const QVariant &value)
{
    // QtSql binds a null QString as SQL NULL; an empty text column is meant, unless nullOf() asked for NULL.
    if (value.metaType().id() == QMetaType::QString && !value.isNull() && value.toString().isNull())
        return QVariant(QStringLiteral(""));
    return value;
}

Result<void> run(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    int index = 0;
    for (const QVariant &value : values)
        query.bindValue(index++, bindable(value));
    if (!query.exec())
        return fail(errorText(query));
    return {};
}

Result<QVariant> scalar(QSqlDatabase &db, const QString &statement, std::initializer_list<QVariant> values)
{
    auto query = prepare(db, statement);
    if (!query)
        return query.takeError();
    if (auto ran = run(query.value(), values); !ran)
        return ran.takeError();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

QVariant nullOf(QMetaType::Type type)
{
    return QVariant(QMetaType(type));
}

QString jsonArray(const QStringList &values)
{
    nlohmann::json array = nlohmann::json::array();
    for (const QString &value : values)
        array.push_back(value.toStdString());
    return QString::fromStdString(array.dump());
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : nullOf(QMetaType::LongLong);
}

QDateTime dateTimeFromMs(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace lb::sql
