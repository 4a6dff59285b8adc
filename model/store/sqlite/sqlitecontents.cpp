#include "store/sqlite/sqlitecontents.h"

#include "domain/classcountsencoding.h"
#include "store/sqlite/sqlhelpers.h"

#include <openssl/evp.h>
#include <QCryptographicHash>

namespace lb {

QString SqliteContents::digestOf(const QByteArray &json)
{
    // OpenSSL's SHA-256 uses the processor's hashing instructions: an import hashes every row it writes.
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(json.constData(), std::size_t(json.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
    return QString::fromLatin1(
        QByteArray::fromRawData(reinterpret_cast<const char *>(digest), qsizetype(length)).toHex());
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
    const QByteArray json = row.toBytes();
    const QString digest = digestOf(json);
    if (auto ran = sql::run(m_find, {digest}); !ran)
        return ran.takeError();
    if (m_find.next()) {
        const qint64 id = m_find.value(0).toLongLong();
        m_find.finish();
        return id;
    }
    m_find.finish();
    if (auto ran = sql::run(m_insert, {digest, row.contentHash(), row.objectInstanceCount(),
                                       row.classificationCount(), encodeClassCounts(row.classCounts())});
        !ran)
        return ran.takeError();
    const qint64 id = m_insert.lastInsertId().toLongLong();
    if (auto ran = sql::run(m_insertBytes, {id, qCompress(json)}); !ran)
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

Result<int> SqliteContents::collectCandidates()
{
    if (auto created = ensureCandidateTable(m_db); !created)
        return created.takeError();
    // The joins walk rows and journal once and look each reference up among the candidates, so no set of
    // every referenced id is ever built.
    QStringList referenced;
    for (const char *table : {"label_rows", "journal"}) {
        for (const char *column : {"content_id", "source_content_id"}) {
            referenced << QStringLiteral("SELECT t.%2 FROM %1 t JOIN temp.gc_candidates g ON g.id = t.%2")
                              .arg(QLatin1String(table), QLatin1String(column));
        }
    }
    auto kept = changedBy(m_db, QStringLiteral("DELETE FROM temp.gc_candidates WHERE id IN (%1)")
                                    .arg(referenced.join(QStringLiteral(" UNION "))));
    if (!kept)
        return kept.takeError();
    // Their bytes go with them (ON DELETE CASCADE).
    auto removed = changedBy(m_db, QStringLiteral("DELETE FROM label_contents WHERE id IN (SELECT id FROM "
                                                  "temp.gc_candidates)"));
    if (!removed)
        return removed.takeError();
    if (auto cleared = changedBy(m_db, QStringLiteral("DELETE FROM temp.gc_candidates")); !cleared)
        return cleared.takeError();
    return removed;
}

Result<int> SqliteContents::collectGarbage()
{
    // The digest index holds every id without the content, so listing them reads little.
    if (auto noted = addCandidates(QStringLiteral("SELECT id FROM label_contents")); !noted)
        return noted.takeError();
    return collectCandidates();
}

} // namespace lb
