#include "store/sqlite/sqliteschema.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecontentmigration.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqlitetransaction.h"

#include <QDateTime>
#include <QUuid>

namespace lb {

namespace {

// Version 1: data units, branches, label rows with their summary columns, operations with their journal,
// and the audit log. Every project has a main branch from the start.
Result<void> createVersion1(QSqlDatabase &db)
{
    auto tables = sql::execAll(
        db, {
                "CREATE TABLE meta ("
                " key TEXT PRIMARY KEY NOT NULL,"
                " value TEXT NOT NULL) WITHOUT ROWID",

                "CREATE TABLE data_units ("
                " id INTEGER PRIMARY KEY,"
                " data_hash TEXT NOT NULL UNIQUE,"
                " data_title TEXT NOT NULL,"
                " data_type TEXT NOT NULL,"
                " dataset_hash TEXT NOT NULL DEFAULT '',"
                " dataset_title TEXT NOT NULL DEFAULT '',"
                " width INTEGER NOT NULL DEFAULT 0,"
                " height INTEGER NOT NULL DEFAULT 0,"
                " frame_count INTEGER NOT NULL DEFAULT 1,"
                " fps REAL NOT NULL DEFAULT 0)",
                "CREATE INDEX data_units_by_title ON data_units(data_title, data_hash)",

                "CREATE TABLE branches ("
                " id INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL UNIQUE,"
                " created_at INTEGER NOT NULL,"
                " created_from TEXT NOT NULL DEFAULT '',"
                " is_snapshot INTEGER NOT NULL DEFAULT 0)",

                // Identity columns are authoritative; `content` is the qCompress'ed label-row JSON, whose own
                // identity fields may be stale (a copy moves the blob untouched). class_counts is the compact
                // "featureHash:count;..." text of classcountsencoding.h.
                "CREATE TABLE label_rows ("
                " id INTEGER PRIMARY KEY,"
                " branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,"
                " data_unit_id INTEGER NOT NULL REFERENCES data_units(id),"
                " label_hash TEXT NOT NULL UNIQUE,"
                " label_status TEXT NOT NULL,"
                " created_at INTEGER NOT NULL,"
                " last_edited_at INTEGER NOT NULL,"
                " object_count INTEGER NOT NULL,"
                " classification_count INTEGER NOT NULL,"
                " class_counts TEXT NOT NULL,"
                " content_hash TEXT NOT NULL,"
                " source_branch TEXT,"
                " source_content_hash TEXT,"
                " copied_at INTEGER,"
                " content BLOB NOT NULL,"
                " UNIQUE(branch_id, data_unit_id))",
                // No index on data_unit_id alone (here or in the journal): data units are never deleted, and
                // every lookup by data unit also names the branch. Each index costs time on every copied row.

                "CREATE TABLE operations ("
                " id INTEGER PRIMARY KEY,"
                " kind TEXT NOT NULL,"
                " source_branch TEXT NOT NULL DEFAULT '',"
                " target_branch TEXT NOT NULL DEFAULT '',"
                " overwrite INTEGER NOT NULL DEFAULT 0,"
                " created_target_branch INTEGER NOT NULL DEFAULT 0,"
                " created INTEGER NOT NULL DEFAULT 0,"
                " replaced INTEGER NOT NULL DEFAULT 0,"
                " skipped INTEGER NOT NULL DEFAULT 0,"
                " cancelled INTEGER NOT NULL DEFAULT 0,"
                " undone INTEGER NOT NULL DEFAULT 0,"
                " target_deleted INTEGER NOT NULL DEFAULT 0,"
                " user_name TEXT NOT NULL DEFAULT '',"
                " started_at INTEGER NOT NULL,"
                " finished_at INTEGER)",

                // Per operation: the rows it created (identity only) and a full copy of every row it
                // replaced, taken before the replacement, so undo can put it back exactly.
                "CREATE TABLE journal ("
                " id INTEGER PRIMARY KEY,"
                " operation_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,"
                " change TEXT NOT NULL CHECK (change IN ('created', 'replaced')),"
                " row_id INTEGER NOT NULL,"
                " branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,"
                " data_unit_id INTEGER NOT NULL REFERENCES data_units(id),"
                " label_hash TEXT NOT NULL,"
                " label_status TEXT,"
                " created_at INTEGER,"
                " last_edited_at INTEGER,"
                " object_count INTEGER,"
                " classification_count INTEGER,"
                " class_counts TEXT,"
                " content_hash TEXT,"
                " source_branch TEXT,"
                " source_content_hash TEXT,"
                " copied_at INTEGER,"
                " content BLOB)",
                "CREATE INDEX journal_by_operation ON journal(operation_id)",
                "CREATE INDEX journal_by_branch ON journal(branch_id)",

                "CREATE TABLE audit_log ("
                " id INTEGER PRIMARY KEY,"
                " time INTEGER NOT NULL,"
                " user_name TEXT NOT NULL DEFAULT '',"
                " action TEXT NOT NULL,"
                " summary TEXT NOT NULL DEFAULT '',"
                " details TEXT NOT NULL DEFAULT '',"
                " operation_id INTEGER REFERENCES operations(id) ON DELETE SET NULL)",
                "CREATE INDEX audit_log_by_operation ON audit_log(operation_id)",
            });
    if (!tables)
        return tables;

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto meta = sql::prepare(db, QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    if (!meta)
        return meta.takeError();
    const QList<std::pair<QString, QString>> defaults = {
        {QStringLiteral("project_hash"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("title"), QString()},
        {QStringLiteral("description"), QString()},
        {QStringLiteral("ontology"), QStringLiteral("{}")},
        {QStringLiteral("created_at"), QString::number(now)},
    };
    for (const auto &[key, value] : defaults) {
        if (auto done = sql::run(meta.value(), {key, value}); !done)
            return done;
    }
    auto main =
        sql::prepare(db, QStringLiteral("INSERT INTO branches (name, created_at) VALUES ('main', ?)"));
    if (!main)
        return main.takeError();
    return sql::run(main.value(), {now});
}

// Version 2: review decisions per compare and data unit. Branches and data units are named by text, as in
// provenance, so a decision needs no row to exist on either branch.
Result<void> addReviewDecisions(QSqlDatabase &db)
{
    return sql::execAll(db, {
                                "CREATE TABLE review_decisions ("
                                " source_branch TEXT NOT NULL,"
                                " target_branch TEXT NOT NULL,"
                                " data_hash TEXT NOT NULL,"
                                " verdict TEXT NOT NULL CHECK (verdict IN ('approved', 'rejected')),"
                                " comment TEXT NOT NULL DEFAULT '',"
                                " reviewer TEXT NOT NULL DEFAULT '',"
                                " decided_at INTEGER NOT NULL,"
                                " source_content_hash TEXT NOT NULL DEFAULT '',"
                                " PRIMARY KEY (source_branch, target_branch, data_hash)) WITHOUT ROWID",
                            });
}

Result<void> recordVersion(QSqlDatabase &db, int version)
{
    // PRAGMA takes no bound parameters; the value is an integer we produced.
    if (auto done = sql::exec(db, QStringLiteral("PRAGMA user_version = %1").arg(version)); !done)
        return done;
    auto hasMeta =
        sql::scalar(db, QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'"));
    if (!hasMeta)
        return hasMeta.takeError();
    if (!hasMeta->isValid())
        return {};
    auto query = sql::prepare(
        db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"));
    if (!query)
        return query.takeError();
    return sql::run(query.value(), {QString::number(version)});
}

} // namespace

const QList<SchemaStep> &SqliteSchema::steps()
{
    static const QList<SchemaStep> builtIn = {
        {1, QStringLiteral("project tables"), createVersion1},
        {2, QStringLiteral("review decisions"), addReviewDecisions},
        {3, QStringLiteral("content-addressed label store"), migrateToContentStore},
        {4, QStringLiteral("operation states and write locks"), SqliteLedger::addOperationStates},
        {5, QStringLiteral("review decisions on objects"), SqliteLedger::addObjectReviewDecisions},
    };
    return builtIn;
}

int SqliteSchema::latestVersion(const QList<SchemaStep> &steps)
{
    return steps.isEmpty() ? 0 : steps.last().version;
}

Result<int> SqliteSchema::version(QSqlDatabase &db)
{
    auto value = sql::scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!value)
        return fail(QStringLiteral("cannot read the project format version: %1").arg(value.error()));
    return value->toInt();
}

Result<int> SqliteSchema::migrate(QSqlDatabase &db, const QList<SchemaStep> &steps)
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).version != i + 1 || !steps.at(i).apply)
            return fail(QStringLiteral("the project format steps are inconsistent at step %1").arg(i + 1));
    }
    const int latest = latestVersion(steps);
    const auto newer = [latest](int found) {
        return fail(QStringLiteral("the project file uses format version %1, but this version of labelbranch "
                                   "only knows formats up to %2; please update labelbranch")
                        .arg(found)
                        .arg(latest));
    };
    // An up-to-date file is the common case: no write lock for it.
    auto before = version(db);
    if (!before)
        return before.takeError();
    if (*before > latest)
        return newer(*before);
    if (*before == latest)
        return latest;

    SqliteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot upgrade the project file: %1").arg(begun.error()));
    // Read inside the write transaction so two connections cannot both run the same step.
    auto current = version(db);
    if (!current)
        return current.takeError();
    if (*current > latest)
        return newer(*current);
    if (*current == latest)
        return latest;

    for (const SchemaStep &step : steps) {
        if (step.version <= *current)
            continue;
        auto applied = step.apply(db);
        if (applied)
            applied = recordVersion(db, step.version);
        if (!applied) {
            return fail(QStringLiteral("upgrading the project file to format version %1 (%2) failed: %3")
                            .arg(step.version)
                            .arg(step.description, applied.error()));
        }
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot upgrade the project file: %1").arg(committed.error()));
    return latest;
}

} // namespace lb
