#include "store/sqlite/sqlitecontents.h"

#include "domain/preparedcontent.h"
#include "store/sqlite/sqlhelpers.h"

#include <vector>

namespace lb {

QString SqliteContents::digestOf(const QByteArray &json)
{
    return contentpacking::sha256Hex(json);
}

Result<void> SqliteContents::prepare()
{
    if (m_prepared)
        return {};
    auto find = sql::prepare(m_db, QStringLiteral("SELECT id FROM label_contents WHERE digest = ?"));
    if (!find)
        return find.takeError();
    auto insert =
        sql::prepare(m_db, QStringLiteral("INSERT INTO label_contents (digest, content_hash, object_count, "
                                          "classification_count, class_counts) VALUES (?, ?, ?, ?, ?)"));
    if (!insert)
        return insert.takeError();
    auto bytes = sql::prepare(m_db, QStringLiteral("INSERT INTO label_content_bytes VALUES (?, ?)"));
    if (!bytes)
        return bytes.takeError();
    m_insertBytes = std::move(bytes).value();
    m_find = std::move(find).value();
    m_insert = std::move(insert).value();
    m_prepared = true;
    return {};
}

Result<qint64> SqliteContents::idFor(const LabelRowDocument &row)
{
    if (auto prepared = prepare(); !prepared)
        return prepared.takeError();
    // Made by the thread that parsed the row when it was read to be written (an import), here otherwise.
    const std::shared_ptr<const PreparedContent> content = row.storedForm();
    if (auto ran = sql::run(m_find, {content->digest}); !ran)
        return ran.takeError();
    if (m_find.next()) {
        const qint64 id = m_find.value(0).toLongLong();
        m_find.finish();
        return id;
    }
    m_find.finish();
    if (auto ran = sql::run(m_insert, {content->digest, content->contentHash, content->objectCount,
                                       content->classificationCount, content->classCounts});
        !ran)
        return ran.takeError();
    const qint64 id = m_insert.lastInsertId().toLongLong();
    if (auto ran = sql::run(m_insertBytes, {id, content->compressed}); !ran)
        return ran.takeError();
    return id;
}

namespace {

Result<void> ensureCandidateTable(QSqlDatabase &db)
{
    return sql::exec(
        db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS gc_candidates (id INTEGER PRIMARY KEY)"));
}

// Runs one statement without values; how many rows it changed.
Result<int> changedBy(QSqlDatabase &db, const QString &statement)
{
    auto query = sql::prepare(db, statement);
    if (!query)
        return query.takeError();
    if (auto ran = sql::run(query.value()); !ran)
        return ran.takeError();
    return query->numRowsAffected();
}

} // namespace

Result<void> SqliteContents::addCandidates(const QString &selectIds, std::initializer_list<QVariant> values)
{
    if (auto created = ensureCandidateTable(m_db); !created)
        return created;
    auto add = sql::prepare(m_db, QStringLiteral("INSERT OR IGNORE INTO temp.gc_candidates ") + selectIds);
    if (!add)
        return add.takeError();
    return sql::run(add.value(), values);
}

Result<void> SqliteContents::addBranchCandidates(qint64 branchId)
{
    for (const char *table : {"label_rows", "journal"}) {
        for (const char *column : {"content_id", "source_content_id"}) {
            const QString select = QStringLiteral("SELECT %2 FROM %1 WHERE branch_id = ? AND %2 IS NOT NULL")
                                       .arg(QLatin1String(table), QLatin1String(column));
            if (auto noted = addCandidates(select, {branchId}); !noted)
                return noted;
        }
    }
    return {};
}

namespace {

// Every content id a label row, journal entry or provenance refers to, as a bitmap indexed by id: one pass
// over each table, a constant-time mark per reference, whatever the number of contents.
Result<std::vector<bool>> referencedContents(QSqlDatabase &db)
{
    auto highest = sql::scalar(db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM label_contents"));
    if (!highest)
        return highest.takeError();
    std::vector<bool> referenced(std::size_t(highest->toLongLong()) + 1, false);
    for (const char *table : {"label_rows", "journal"}) {
        QSqlQuery read(db);
        read.setForwardOnly(true);
        if (!read.exec(
                QStringLiteral("SELECT content_id, source_content_id FROM %1").arg(QLatin1String(table))))
            return fail(sql::errorText(read.lastError()));
        while (read.next()) {
            for (int column : {0, 1}) {
                const qint64 id = read.value(column).toLongLong();
                if (id > 0 && std::size_t(id) < referenced.size())
                    referenced[std::size_t(id)] = true;
            }
        }
    }
    return referenced;
}

// Removes the contents among those `selectIds` lists that nothing refers to; how many.
Result<int> removeUnreferenced(QSqlDatabase &db, const QString &selectIds)
{
    auto referenced = referencedContents(db);
    if (!referenced)
        return referenced.takeError();
    std::vector<qint64> unused;
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(selectIds))
        return fail(sql::errorText(read.lastError()));
    while (read.next()) {
        const qint64 id = read.value(0).toLongLong();
        if (id > 0 && (std::size_t(id) >= referenced->size() || !(*referenced)[std::size_t(id)]))
            unused.push_back(id);
    }
    read.finish();
    // Their bytes go with them (ON DELETE CASCADE).
    auto remove = sql::prepare(db, QStringLiteral("DELETE FROM label_contents WHERE id = ?"));
    if (!remove)
        return remove.takeError();
    int removed = 0;
    for (const qint64 id : unused) {
        if (auto ran = sql::run(remove.value(), {id}); !ran)
            return ran.takeError();
        removed += remove->numRowsAffected();
    }
    return removed;
}

} // namespace

Result<int> SqliteContents::collectCandidates()
{
    if (auto created = ensureCandidateTable(m_db); !created)
        return created.takeError();
    auto any = sql::scalar(m_db, QStringLiteral("SELECT EXISTS (SELECT 1 FROM temp.gc_candidates)"));
    if (!any)
        return any.takeError();
    if (!any->toBool())
        return 0;
    auto removed = removeUnreferenced(m_db, QStringLiteral("SELECT id FROM temp.gc_candidates"));
    if (!removed)
        return removed.takeError();
    if (auto cleared = changedBy(m_db, QStringLiteral("DELETE FROM temp.gc_candidates")); !cleared)
        return cleared.takeError();
    return removed;
}

Result<int> SqliteContents::collectGarbage()
{
    // The digest index holds every id without the content, so listing them reads little.
    return removeUnreferenced(m_db, QStringLiteral("SELECT id FROM label_contents"));
}

} // namespace lb
