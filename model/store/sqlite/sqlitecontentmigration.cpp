#include "store/sqlite/sqlitecontentmigration.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecontents.h"

#include <QHash>

namespace lb {

namespace {

// The version 3 tables, created beside the old ones and renamed over them at the end.
Result<void> createTables(QSqlDatabase &db)
{
    return sql::execAll(
        db,
        {
            // The facts of each content, kept apart from its bytes so that listing, counting and diffing never
            // read label JSON. A content without bytes is provenance kept from an older file whose source
            // content is gone: its canonical hash is all a three-way compare needs.
            "CREATE TABLE label_contents ("
            " id INTEGER PRIMARY KEY,"
            " digest TEXT NOT NULL UNIQUE,"
            " content_hash TEXT NOT NULL,"
            " object_count INTEGER NOT NULL,"
            " classification_count INTEGER NOT NULL,"
            " class_counts TEXT NOT NULL)",
            "CREATE TABLE label_content_bytes ("
            " content_id INTEGER PRIMARY KEY REFERENCES label_contents(id) ON DELETE CASCADE,"
            " content BLOB NOT NULL)",

            // label_hash is NULL when it is derived from (created_by, data_unit_id): see sqlitelabelhash.h.
            "CREATE TABLE label_rows_v3 ("
            " branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,"
            " data_unit_id INTEGER NOT NULL REFERENCES data_units(id),"
            " label_hash TEXT,"
            " created_by INTEGER REFERENCES operations(id),"
            " label_status TEXT NOT NULL,"
            " created_at INTEGER NOT NULL,"
            " last_edited_at INTEGER NOT NULL,"
            " content_id INTEGER NOT NULL,"
            " source_branch TEXT,"
            " source_content_id INTEGER,"
            " copied_at INTEGER,"
            " PRIMARY KEY (branch_id, data_unit_id)) WITHOUT ROWID",

            // One entry per row an operation replaced: the row as it was. Rows an operation created are
            // the rows whose created_by names it.
            "CREATE TABLE journal_v3 ("
            " id INTEGER PRIMARY KEY,"
            " operation_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,"
            " branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,"
            " data_unit_id INTEGER NOT NULL,"
            " label_hash TEXT,"
            " created_by INTEGER,"
            " label_status TEXT NOT NULL,"
            " created_at INTEGER NOT NULL,"
            " last_edited_at INTEGER NOT NULL,"
            " content_id INTEGER NOT NULL,"
            " source_branch TEXT,"
            " source_content_id INTEGER,"
            " copied_at INTEGER)",

            "CREATE TEMP TABLE migrated_content (kind INTEGER NOT NULL, old_id INTEGER NOT NULL,"
            " content_id INTEGER NOT NULL, PRIMARY KEY (kind, old_id)) WITHOUT ROWID",
            "CREATE TEMP TABLE migrated_provenance (content_hash TEXT PRIMARY KEY NOT NULL,"
            " content_id INTEGER NOT NULL) WITHOUT ROWID",
            "CREATE TEMP TABLE migrated_creator (branch_id INTEGER NOT NULL, label_hash TEXT NOT NULL,"
            " operation_id INTEGER NOT NULL, PRIMARY KEY (branch_id, label_hash)) WITHOUT ROWID",
        });
}

// Moves every stored blob of `table` into label_contents once per distinct JSON; `kind` tells the
// mapping which table an old id belongs to. The blob is kept as it was compressed.
Result<void> moveContents(QSqlDatabase &db, const QString &table, int kind, QHash<QString, qint64> &byHash)
{
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT id, content, content_hash, object_count, classification_count, "
                                  "class_counts FROM %1 WHERE content IS NOT NULL")
                       .arg(table)))
        return fail(sql::errorText(read.lastError()));
    auto find = sql::prepare(db, QStringLiteral("SELECT id FROM label_contents WHERE digest = ?"));
    auto insert = sql::prepare(db, QStringLiteral("INSERT INTO label_contents (digest, content_hash, "
                                                  "object_count, classification_count, class_counts) "
                                                  "VALUES (?, ?, ?, ?, ?)"));
    auto bytes = sql::prepare(db, QStringLiteral("INSERT INTO label_content_bytes VALUES (?, ?)"));
    auto map = sql::prepare(db, QStringLiteral("INSERT INTO migrated_content VALUES (?, ?, ?)"));
    for (const Result<QSqlQuery> *query : {&find, &insert, &bytes, &map}) {
        if (!query->ok())
            return query->takeError();
    }
    while (read.next()) {
        const QByteArray blob = read.value(1).toByteArray();
        const QByteArray json = qUncompress(blob);
        if (json.isEmpty())
            return fail(QStringLiteral("the content of %1 entry %2 is damaged")
                            .arg(table)
                            .arg(read.value(0).toLongLong()));
        const QString digest = SqliteContents::digestOf(json);
        if (auto ran = sql::run(find.value(), {digest}); !ran)
            return ran;
        qint64 contentId = find->next() ? find->value(0).toLongLong() : 0;
        find->finish();
        if (contentId == 0) {
            if (auto ran = sql::run(insert.value(),
                                    {digest, read.value(2), read.value(3), read.value(4), read.value(5)});
                !ran)
                return ran;
            contentId = insert->lastInsertId().toLongLong();
            if (auto ran = sql::run(bytes.value(), {contentId, blob}); !ran)
                return ran;
            byHash.insert(read.value(2).toString(), contentId);
        }
        if (auto ran = sql::run(map.value(), {kind, read.value(0), contentId}); !ran)
            return ran;
    }
    return {};
}

// Provenance names content by its canonical hash; version 3 refers to a content row. A hash whose content
// is gone keeps a row of its own without bytes.
Result<void> moveProvenance(QSqlDatabase &db, const QHash<QString, qint64> &byHash)
{
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(
            QStringLiteral("SELECT source_content_hash FROM label_rows WHERE source_content_hash <> '' "
                           "UNION SELECT source_content_hash FROM journal WHERE source_content_hash <> ''")))
        return fail(sql::errorText(read.lastError()));
    auto keep =
        sql::prepare(db, QStringLiteral("INSERT INTO label_contents (digest, content_hash, object_count, "
                                        "classification_count, class_counts) VALUES (?, ?, 0, 0, '')"));
    auto map = sql::prepare(db, QStringLiteral("INSERT INTO migrated_provenance VALUES (?, ?)"));
    if (!keep || !map)
        return keep ? map.takeError() : keep.takeError();
    while (read.next()) {
        const QString hash = read.value(0).toString();
        qint64 contentId = byHash.value(hash);
        if (contentId == 0) {
            if (auto ran = sql::run(keep.value(), {QString(QStringLiteral("provenance:") + hash), hash});
                !ran)
                return ran;
            contentId = keep->lastInsertId().toLongLong();
        }
        if (auto ran = sql::run(map.value(), {hash, contentId}); !ran)
            return ran;
    }
    return {};
}

// Rows and replaced-row entries in their new form; the rows an operation created (journaled one by one
// before) now carry that operation in created_by.
Result<void> moveRows(QSqlDatabase &db)
{
    return sql::execAll(
        db,
        {
            "INSERT OR REPLACE INTO migrated_creator SELECT j.branch_id, j.label_hash, j.operation_id "
            "FROM journal j JOIN operations o ON o.id = j.operation_id "
            "WHERE j.change = 'created' AND o.undone = 0 ORDER BY j.operation_id",

            "INSERT INTO label_rows_v3 SELECT r.branch_id, r.data_unit_id, r.label_hash, c.operation_id, "
            "r.label_status, r.created_at, r.last_edited_at, m.content_id, r.source_branch, "
            "p.content_id, r.copied_at FROM label_rows r "
            "JOIN migrated_content m ON m.kind = 0 AND m.old_id = r.id "
            "LEFT JOIN migrated_creator c ON c.branch_id = r.branch_id AND c.label_hash = r.label_hash "
            "LEFT JOIN migrated_provenance p ON p.content_hash = r.source_content_hash",

            "INSERT INTO journal_v3 SELECT j.id, j.operation_id, j.branch_id, j.data_unit_id, j.label_hash, "
            "CASE WHEN c.operation_id < j.operation_id THEN c.operation_id END, j.label_status, "
            "j.created_at, j.last_edited_at, m.content_id, j.source_branch, p.content_id, j.copied_at "
            "FROM journal j JOIN migrated_content m ON m.kind = 1 AND m.old_id = j.id "
            "LEFT JOIN migrated_creator c ON c.branch_id = j.branch_id AND c.label_hash = j.label_hash "
            "LEFT JOIN migrated_provenance p ON p.content_hash = j.source_content_hash "
            "WHERE j.change = 'replaced'",
        });
}

Result<void> replaceTables(QSqlDatabase &db)
{
    return sql::execAll(
        db, {
                "DROP TABLE journal",
                "DROP TABLE label_rows",
                "ALTER TABLE label_rows_v3 RENAME TO label_rows",
                "ALTER TABLE journal_v3 RENAME TO journal",
                "CREATE UNIQUE INDEX label_rows_by_label_hash ON label_rows(label_hash) "
                "WHERE label_hash IS NOT NULL",
                "CREATE INDEX label_rows_by_creator ON label_rows(created_by) WHERE created_by IS NOT NULL",
                "CREATE INDEX journal_by_operation ON journal(operation_id)",
                "CREATE INDEX journal_by_branch ON journal(branch_id)",
                "DROP TABLE migrated_content",
                "DROP TABLE migrated_provenance",
                "DROP TABLE migrated_creator",
            });
}

} // namespace

Result<void> migrateToContentStore(QSqlDatabase &db)
{
    if (auto created = createTables(db); !created)
        return created;
    QHash<QString, qint64> byHash;
    if (auto moved = moveContents(db, QStringLiteral("label_rows"), 0, byHash); !moved)
        return moved;
    if (auto moved = moveContents(db, QStringLiteral("journal"), 1, byHash); !moved)
        return moved;
    if (auto moved = moveProvenance(db, byHash); !moved)
        return moved;
    if (auto moved = moveRows(db); !moved)
        return moved;
    return replaceTables(db);
}

} // namespace lb
