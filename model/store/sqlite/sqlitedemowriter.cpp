#include "store/sqlite/sqlitedemowriter.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqlitetransaction.h"

#include <nlohmann/json.hpp>

namespace lb {

namespace {

// A new file that only this connection uses, and that is removed on any failure: no write-ahead log (each
// page would be written twice), no syncing, and no foreign-key lookups for rows built consistent.
constexpr const char *kBulkSettings[] = {"PRAGMA foreign_keys = OFF", "PRAGMA synchronous = OFF",
                                         "PRAGMA journal_mode = MEMORY"};
// As SqliteConnection opens every project file for writing.
constexpr const char *kProjectSettings[] = {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                                            "PRAGMA foreign_keys = ON"};

template <size_t N> Result<void> execPragmas(QSqlDatabase &db, const char *const (&pragmas)[N])
{
    for (const char *pragma : pragmas) {
        if (auto done = sql::exec(db, QString::fromLatin1(pragma)); !done)
            return done;
    }
    return {};
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

} // namespace

SqliteDemoWriter::~SqliteDemoWriter()
{
    // Only after a failure, when the file is about to be removed: the settings need not come back.
    if (m_begun)
        static_cast<void>(finish());
}

Result<void> SqliteDemoWriter::begin(const QStringList &branches)
{
    m_branchIds.clear();
    for (const QString &name : branches) {
        auto id = sql::scalar(m_db, QStringLiteral("SELECT id FROM branches WHERE name = ?"), {name});
        if (!id)
            return id.takeError();
        if (!id->isValid())
            return fail(QStringLiteral("branch '%1' does not exist").arg(name));
        m_branchIds.append(id->toLongLong());
    }
    auto insertUnits = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO data_units (data_hash, data_title, data_type, dataset_hash, "
                       "dataset_title, width, height, frame_count, fps) SELECT value ->> 0, value ->> 1, "
                       "value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, "
                       "value ->> 8 FROM json_each(?)"));
    // A content already stored (the same bytes) is found by its digest instead of failing the batch.
    auto insertContent = sql::prepare(
        m_db, QStringLiteral("INSERT OR IGNORE INTO label_contents (digest, content_hash, object_count, "
                             "classification_count, class_counts) VALUES (?, ?, ?, ?, ?)"));
    auto insertBytes = sql::prepare(m_db, QStringLiteral("INSERT INTO label_content_bytes VALUES (?, ?)"));
    auto findContent = sql::prepare(m_db, QStringLiteral("SELECT id FROM label_contents WHERE digest = ?"));
    // A row for a data unit that is not in the project fails on data_unit_id NOT NULL.
    auto insertRows = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, "
                       "created_at, last_edited_at, content_id) SELECT value ->> 0, (SELECT id FROM "
                       "data_units WHERE data_hash = value ->> 1), value ->> 2, value ->> 3, value ->> 4, "
                       "value ->> 5, value ->> 6 FROM json_each(?)"));
    for (const Result<QSqlQuery> *query :
         {&insertUnits, &insertContent, &insertBytes, &findContent, &insertRows}) {
        if (!query->ok())
            return query->takeError();
    }
    m_insertUnits = std::move(insertUnits).value();
    m_insertContent = std::move(insertContent).value();
    m_insertBytes = std::move(insertBytes).value();
    m_findContent = std::move(findContent).value();
    m_insertRows = std::move(insertRows).value();
    m_begun = true;
    return execPragmas(m_db, kBulkSettings);
}

Result<void> SqliteDemoWriter::finish()
{
    m_begun = false;
    return execPragmas(m_db, kProjectSettings);
}

Result<void> SqliteDemoWriter::addDataUnits(const QList<DataUnit> &units)
{
    if (units.isEmpty())
        return {};
    nlohmann::json list = nlohmann::json::array();
    for (const DataUnit &u : units) {
        if (u.dataHash.isEmpty())
            return fail(QStringLiteral("data unit %1 has no data hash").arg(u.dataTitle));
        list.push_back({utf8(u.dataHash), utf8(u.dataTitle), utf8(sql::dataTypeCode(u.dataType)),
                        utf8(u.datasetHash), utf8(u.datasetTitle), u.width, u.height, u.frameCount, u.fps});
    }
    if (auto ran = sql::run(m_insertUnits, {QString::fromStdString(list.dump())}); !ran)
        return fail(QStringLiteral("cannot add data units: %1").arg(ran.error()));
    return {};
}

Result<QList<qint64>> SqliteDemoWriter::storeContents(const QList<PreparedContent> &contents)
{
    QList<qint64> ids;
    ids.reserve(contents.size());
    for (const PreparedContent &c : contents) {
        if (auto ran = sql::run(m_insertContent, {c.digest, c.contentHash, c.objectCount,
                                                  c.classificationCount, c.classCounts});
            !ran)
            return ran.takeError();
        if (m_insertContent.numRowsAffected() > 0) {
            const qint64 id = m_insertContent.lastInsertId().toLongLong();
            if (auto ran = sql::run(m_insertBytes, {id, c.compressed}); !ran)
                return ran.takeError();
            ids.append(id);
            continue;
        }
        if (auto ran = sql::run(m_findContent, {c.digest}); !ran)
            return ran.takeError();
        if (!m_findContent.next())
            return fail(QStringLiteral("label content %1 was neither stored nor found").arg(c.digest));
        ids.append(m_findContent.value(0).toLongLong());
        m_findContent.finish();
    }
    return ids;
}

Result<void> SqliteDemoWriter::insertRows(const QList<PreparedRow> &rows, const QList<qint64> &contentIds)
{
    if (rows.isEmpty())
        return {};
    nlohmann::json list = nlohmann::json::array();
    for (const PreparedRow &row : rows) {
        if (row.branch < 0 || row.branch >= m_branchIds.size())
            return fail(
                QStringLiteral("data unit %1: no branch %2 to write to").arg(row.dataHash).arg(row.branch));
        if (row.content < 0 || row.content >= contentIds.size())
            return fail(QStringLiteral("data unit %1 names no prepared content").arg(row.dataHash));
        list.push_back({m_branchIds.at(row.branch), utf8(row.dataHash), utf8(row.labelHash), utf8(row.status),
                        row.createdAtMs, row.lastEditedAtMs, contentIds.at(row.content)});
    }
    return sql::run(m_insertRows, {QString::fromStdString(list.dump())});
}

Result<void> SqliteDemoWriter::write(const PreparedBatch &batch)
{
    const auto failed = [](const QString &reason) {
        return fail(
            QStringLiteral("writing label rows failed, nothing of the batch was written: %1").arg(reason));
    };
    if (!m_begun)
        return failed(QStringLiteral("the writer was not started"));
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto added = addDataUnits(batch.dataUnits); !added)
        return failed(added.error());
    auto ids = storeContents(batch.contents);
    if (!ids)
        return failed(ids.error());
    if (auto inserted = insertRows(batch.rows, *ids); !inserted)
        return failed(inserted.error());
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return {};
}

} // namespace lb
