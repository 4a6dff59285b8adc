#include "store/sqlite/sqlitecontents.h"

#include "domain/classcountsencoding.h"
#include "store/sqlite/sqlhelpers.h"

#include <QCryptographicHash>

namespace lb {

QString SqliteContents::digestOf(const QByteArray &json)
{
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
}

Result<void> SqliteContents::prepare()
{
    if (m_prepared)
        return {};
    auto find = sql::prepare(m_db, QStringLiteral("SELECT id FROM label_contents WHERE digest = ?"));
    if (!find)
        return find.takeError();
    auto insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO label_contents (digest, content_hash, object_count, "
                             "classification_count, class_counts, content) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return insert.takeError();
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
                                       row.classificationCount(), encodeClassCounts(row.classCounts()),
                                       qCompress(json)});
        !ran)
        return ran.takeError();
    return m_insert.lastInsertId().toLongLong();
}

Result<int> SqliteContents::collectGarbage()
{
    auto remove = sql::prepare(
        m_db, QStringLiteral("DELETE FROM label_contents WHERE id NOT IN ("
                             "SELECT content_id FROM label_rows "
                             "UNION SELECT source_content_id FROM label_rows WHERE source_content_id IS NOT NULL "
                             "UNION SELECT content_id FROM journal "
                             "UNION SELECT source_content_id FROM journal WHERE source_content_id IS NOT NULL)"));
    if (!remove)
        return remove.takeError();
    if (auto ran = sql::run(remove.value()); !ran)
        return ran.takeError();
    return remove->numRowsAffected();
}

} // namespace lb
