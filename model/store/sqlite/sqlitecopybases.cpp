#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqlitestore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lb {

// The copy-time contents of copied rows, which the project file keeps as long as a row's provenance names
// them (label_rows.source_content_id): the base of a three-way merge of objects.
Result<QHash<QString, LabelRowDocument>> SqliteStore::fetchCopyBases(const QString &branch,
                                                                     const QStringList &dataHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QHash<QString, LabelRowDocument> bases;
    if (dataHashes.isEmpty())
        return bases;
    auto branchId = SqliteRowReader(m_db, m_labelHashes).branchId(branch);
    if (!branchId)
        return branchId.takeError();
    auto query =
        sql::prepare(m_db, QStringLiteral("SELECT du.data_hash, c.content FROM data_units du "
                                          "JOIN label_rows r ON r.branch_id = ? AND r.data_unit_id = du.id "
                                          "JOIN label_content_bytes c ON c.content_id = r.source_content_id "
                                          "WHERE du.data_hash IN (%1)")
                               .arg(sql::kValuesOfParameter));
    if (!query)
        return fail(QStringLiteral("cannot read copy-time contents: %1").arg(query.error()));
    if (auto ran = sql::run(query.value(), {*branchId, sql::jsonArray(dataHashes)}); !ran)
        return fail(QStringLiteral("cannot read copy-time contents: %1").arg(ran.error()));
    while (query->next()) {
        const QString dataHash = query->value(0).toString();
        const QByteArray json = qUncompress(query->value(1).toByteArray());
        if (json.isEmpty())
            return fail(QStringLiteral("the copy-time content of data unit %1 is damaged").arg(dataHash));
        auto document =
            LabelRowDocument::fromBytes(json, QStringLiteral("copy-time content of %1").arg(dataHash));
        if (!document)
            return document.takeError();
        bases.insert(dataHash, std::move(document).value());
    }
    if (query->lastError().isValid())
        return fail(
            QStringLiteral("cannot read copy-time contents: %1").arg(sql::errorText(query->lastError())));
    return bases;
}

} // namespace lb
