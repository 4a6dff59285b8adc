#pragma once

#include "domain/result.h"

#include <functional>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace lb {

// One forward step of the project file format: brings a file from version - 1 to `version`.
struct SchemaStep
{
    int version = 0;
    QString description;
    std::function<Result<void>(QSqlDatabase &db)> apply;
};

// The project file format: its SQLite application id, its tables, and the forward-migration runner.
// The format version lives in SQLite's header (PRAGMA user_version) so it can be read without opening the
// database; the `meta` table mirrors it for people inspecting a file with other tools.
class SqliteSchema
{
public:
    // "LBRN": marks an SQLite file as a labelbranch project (PRAGMA application_id, header offset 68).
    static constexpr quint32 kApplicationId = 0x4C42524E;

    // The steps of this program, versions 1..SqliteStore::kSchemaVersion.
    static const QList<SchemaStep> &steps();
    static int latestVersion(const QList<SchemaStep> &steps);

    static Result<int> version(QSqlDatabase &db);

    // Runs every step above the file's version, in order, in one write transaction, and records the new
    // version. A file newer than the last step is refused untouched; a failing step rolls everything back.
    // Returns the version the file is at afterwards.
    static Result<int> migrate(QSqlDatabase &db, const QList<SchemaStep> &steps);
};

} // namespace lb
