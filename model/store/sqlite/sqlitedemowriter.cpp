#include "store/sqlite/sqlitedemowriter.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitetransaction.h"

namespace lb {

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
    // A content already stored (the same bytes) is found by its digest instead of failing the batch.
    auto insertContent = sql::prepare(
        m_db, QStringLiteral("INSERT OR IGNORE INTO label_contents (digest, content_hash, object_count, "
                             "classification_count, class_counts, content) VALUES (?, ?, ?, ?, ?, ?)"));
    auto findContent = sql::prepare(m_db, QStringLiteral("SELECT id FROM label_contents WHERE digest = ?"));
    // The data unit is named by its hash, so a row for a data unit not in the project fails on NOT NULL.
    auto insertRow = sql::prepare(
        m_db, QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, "
                             "created_at, last_edited_at, content_id) VALUES (?, (SELECT id FROM data_units "
                             "WHERE data_hash = ?), ?, ?, ?, ?, ?)"));
    for (const Result<QSqlQuery> *query : {&insertContent, &findContent, &insertRow}) {
        if (!query->ok())
            return query->takeError();
    }
    m_insertContent = std::move(insertContent).value();
    m_findContent = std::move(findContent).value();
    m_insertRow = std::move(insertRow).value();
    return {};
}

Result<QList<qint64>> SqliteDemoWriter::storeContents(const QList<PreparedContent> &contents)
{
    QList<qint64> ids;
    ids.reserve(contents.size());
    for (const PreparedContent &c : contents) {
        if (auto ran = sql::run(m_insertContent, {c.digest, c.contentHash, c.objectCount,
                                                  c.classificationCount, c.classCounts, c.compressed});
            !ran)
            return ran.takeError();
        if (m_insertContent.numRowsAffected() > 0) {
            ids.append(m_insertContent.lastInsertId().toLongLong());
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

Result<void> SqliteDemoWriter::insertRow(const PreparedRow &row, qint64 contentId)
{
    if (row.branch < 0 || row.branch >= m_branchIds.size())
        return fail(
            QStringLiteral("data unit %1: no branch %2 to write to").arg(row.dataHash).arg(row.branch));
    auto ran = sql::run(m_insertRow, {m_branchIds.at(row.branch), row.dataHash, row.labelHash, row.status,
                                      row.createdAtMs, row.lastEditedAtMs, contentId});
    if (!ran)
        return fail(QStringLiteral("data unit %1: %2").arg(row.dataHash, ran.error()));
    return {};
}

Result<void> SqliteDemoWriter::write(const PreparedBatch &batch)
{
    const auto failed = [](const QString &reason) {
        return fail(
            QStringLiteral("writing label rows failed, nothing of the batch was written: %1").arg(reason));
    };
    if (m_branchIds.isEmpty())
        return failed(QStringLiteral("no branches to write to"));
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    auto ids = storeContents(batch.contents);
    if (!ids)
        return failed(ids.error());
    for (const PreparedRow &row : batch.rows) {
        if (row.content < 0 || row.content >= ids->size())
            return failed(QStringLiteral("data unit %1 names no prepared content").arg(row.dataHash));
        if (auto inserted = insertRow(row, ids->at(row.content)); !inserted)
            return failed(inserted.error());
    }
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return {};
}

} // namespace lb
