#pragma once

#include "domain/result.h"

#include <initializer_list>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace lb::sql {

// The most specific text of an SQL error: SQLite's own words when it gave any.
QString errorText(const QSqlError &error);
// The same for a failed statement of `query`; when SQLite failed reading or writing the file ("disk I/O
// error", "database or disk is full") it is the OS's words and the file: "No space left on device (writing
// /data/p.lbproj)".
QString errorText(const QSqlQuery &query);

// Runs one statement without parameters (DDL, PRAGMA, BEGIN/COMMIT).
Result<void> exec(QSqlDatabase &db, const QString &statement);

// Runs the statements in order and stops at the first failure (schema steps).
Result<void> execAll(QSqlDatabase &db, std::initializer_list<const char *> statements);

// A prepared statement on `db`; the failure names the SQLite reason.
Result<QSqlQuery> prepare(QSqlDatabase &db, const QString &statement);

// The value as it should be bound: a null QString becomes '' (QtSql would bind NULL), while an explicit
// nullOf() stays NULL.
QVariant bindable(const QVariant &value);

// Binds the values positionally (replacing earlier bindings) and executes.
Result<void> run(QSqlQuery &query, std::initializer_list<QVariant> values = {});

// Prepares and runs one statement; a failure is put in the words of `what` ("cannot <what>: reason").
Result<QSqlQuery> runQuery(QSqlDatabase &db, const QString &statement, std::initializer_list<QVariant> values,
                           const QString &what);

// First column of the first row of `statement` (with positional values); an invalid QVariant when no row.
Result<QVariant> scalar(QSqlDatabase &db, const QString &statement,
                        std::initializer_list<QVariant> values = {});

// A SQL NULL of the given type, for optional columns.
QVariant nullOf(QMetaType::Type type);

// A JSON array as one bound parameter, expanded in SQL with json_each(): any number of hashes without
// running into SQLite's limit on bound variables, and without a temporary table.
QString jsonArray(const QStringList &values);

// Times are stored as milliseconds since the epoch; an invalid time as NULL.
QVariant msOrNull(const QDateTime &time);
// The UTC time of a stored millisecond value; an invalid time for NULL.
QDateTime dateTimeFromMs(const QVariant &value);

} // namespace lb::sql
