#include "store/sqlite/sqliterowreader.h"

#include "domain/classcountsencoding.h"
#include "domain/labelrowbytes.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"

#include <QHash>
#include <utility>

namespace lb {

namespace {

struct RowSql
{
    QString sql;
    QVariantList values;
};

// Label hashes as the two kinds of rows hold them: stored as given, or derived from (creator, data unit),
// which a filter names as "creator:unit".
struct LabelHashKeys
{
    QStringList stored;
    QStringList derived;
    QStringList units;
};

LabelHashKeys labelHashKeys(const QStringList &labelHashes, const LabelHashCodec &codec)
{
    LabelHashKeys keys;
    for (const QString &labelHash : labelHashes) {
        if (const auto origin = codec.decode(labelHash)) {
            keys.derived << QStringLiteral("%1:%2").arg(origin->operationId).arg(origin->dataUnitId);
            keys.units << QString::number(origin->dataUnitId);
        } else {
            keys.stored << labelHash;
        }
    }
    return keys;
}

// The WHERE conditions of `query`, their values appended to `values`.
QStringList rowFilters(const RowQuery &query, qint64 branchId, const LabelHashCodec &codec,
                       QVariantList &values)
{
    QStringList where;
    if (!query.allBranches) {
        where << QStringLiteral("b.id = ?");
        values << branchId;
    }
    if (!query.dataHashes.isEmpty()) {
        where << QStringLiteral("du.data_hash IN (%1)").arg(sql::kValuesOfParameter);
        values << sql::jsonArray(query.dataHashes);
    }
    if (!query.labelHashes.isEmpty()) {
        const LabelHashKeys keys = labelHashKeys(query.labelHashes, codec);
        where << QStringLiteral(
                     "(r.label_hash IN (%1) OR (r.label_hash IS NULL AND CAST(r.created_by AS TEXT) "
                     "|| ':' || CAST(r.data_unit_id AS TEXT) IN (%1)))")
                     .arg(sql::kValuesOfParameter);
        values << sql::jsonArray(keys.stored) << sql::jsonArray(keys.derived);
    }
    if (!query.titleEquals.isEmpty()) {
        where << QStringLiteral("du.data_title = ?");
        values << query.titleEquals;
    }
    if (!query.titleLike.isEmpty()) {
        where << QStringLiteral("du.data_title LIKE ?");
        values << query.titleLike;
    }
    if (!query.statuses.isEmpty()) {
        where << QStringLiteral("COALESCE(r.label_status, '%1') IN (%2)")
                     .arg(sql::kNotLabelled, sql::kValuesOfParameter);
        values << sql::jsonArray(query.statuses);
    }
    // Uninitialised rows have no edit time, so any time bound leaves them out.
    if (query.editedBefore.isValid()) {
        where << QStringLiteral("r.last_edited_at < ?");
        values << query.editedBefore.toMSecsSinceEpoch();
    }
    if (query.editedAfter.isValid()) {
        where << QStringLiteral("r.last_edited_at > ?");
        values << query.editedAfter.toMSecsSinceEpoch();
    }
    if (query.hasAfter()) {
        // A row value comparison: SQLite scans data_units_by_title from the key on.
        const QString comparison = query.descending ? QStringLiteral("<") : QStringLiteral(">");
        if (query.allBranches) {
            // The unit's key alone bounds the walk along the index; the branch name (ascending, the last
            // term of every order) continues within the unit the previous page ended in.
            where << QStringLiteral(
                         "(du.data_title, du.data_hash) %1= (?, ?) AND ((du.data_title, du.data_hash) "
                         "%1 (?, ?) OR b.name > ?)")
                         .arg(comparison);
            values << query.afterTitle << query.afterDataHash << query.afterTitle << query.afterDataHash
                   << query.afterBranch;
        } else {
            where << QStringLiteral("(du.data_title, du.data_hash) %1 (?, ?)").arg(comparison);
            values << query.afterTitle << query.afterDataHash;
        }
    }
    return where;
}

// The ORDER BY terms of `query` (without the final tie-break on the branch).
QString rowOrder(const RowQuery &query)
{
    const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
    switch (query.order) {
    case RowQuery::Order::Title:
        return QStringLiteral("du.data_title") + direction + QStringLiteral(", du.data_hash") + direction;
    case RowQuery::Order::DataHash:
        return QStringLiteral("du.data_hash") + direction;
    case RowQuery::Order::ObjectCount:
        return QStringLiteral("COALESCE(c.object_count, 0)") + direction +
               QStringLiteral(", du.data_title, du.data_hash");
    case RowQuery::Order::LastEdited:
        return QStringLiteral("r.last_edited_at") + direction +
               QStringLiteral(", du.data_title, du.data_hash");
    case RowQuery::Order::Status:
        // Workflow order rather than alphabetical (LABELLED would sort before LABEL_IN_PROGRESS).
        return QStringLiteral(
                   "CASE COALESCE(r.label_status, '%1') WHEN 'NOT_LABELLED' THEN 0 "
                   "WHEN 'LABEL_IN_PROGRESS' THEN 1 WHEN 'LABELLED' THEN 2 WHEN 'REVIEW_IN_PROGRESS' THEN 3 "
                   "WHEN 'REVIEWED' THEN 4 WHEN 'REVIEWED_TWICE' THEN 5 ELSE 6 END")
                   .arg(sql::kNotLabelled) +
               direction + QStringLiteral(", r.label_status") + direction +
               QStringLiteral(", du.data_title, du.data_hash");
    }
    return QString();
}

// Whether the query looks at label-row columns, not only at branches and data units.
bool filtersOnRow(const RowQuery &query)
{
    return !query.labelHashes.isEmpty() || !query.statuses.isEmpty() || query.editedBefore.isValid() ||
           query.editedAfter.isValid();
}

// Whether the query looks at data-unit columns (hash, title, or a title key to continue after).
bool filtersOnUnit(const RowQuery &query)
{
    return !query.dataHashes.isEmpty() || !query.titleEquals.isEmpty() || !query.titleLike.isEmpty() ||
           query.hasAfter();
}

// A page in title order, not narrowed to a few named rows: the title index gives it in order.
bool walksTitleIndex(const RowQuery &query, bool count)
{
    return !count && query.order == RowQuery::Order::Title && (query.limit >= 0 || query.hasAfter()) &&
           query.dataHashes.isEmpty() && query.labelHashes.isEmpty();
}

RowSql rowQuerySql(const RowQuery &query, qint64 branchId, const LabelHashCodec &codec, bool count)
{
    RowSql out;
    QString from;
    if (query.includeUninitialised && count && !filtersOnRow(query)) {
        // One row per data unit whether it has a label row or not: counting needs no look-up of the rows.
        from = QStringLiteral("FROM branches b CROSS JOIN data_units du");
    } else if (query.includeUninitialised) {
        // Every (branch, data unit) pair; the label row when there is one. A page of every branch walks the
        // units in title order and the branches by name within each (CROSS JOIN fixes the loop order).
        from = walksTitleIndex(query, count) && query.allBranches
                   ? QStringLiteral("FROM data_units du CROSS JOIN branches b LEFT JOIN label_rows r "
                                    "ON r.branch_id = b.id AND r.data_unit_id = du.id")
                   : QStringLiteral("FROM branches b CROSS JOIN data_units du LEFT JOIN label_rows r "
                                    "ON r.branch_id = b.id AND r.data_unit_id = du.id");
    } else if (count && !filtersOnUnit(query)) {
        // Every label row has its data unit: counting needs no look-up of it.
        from = QStringLiteral("FROM label_rows r JOIN branches b ON b.id = r.branch_id");
    } else if (walksTitleIndex(query, count) || !query.dataHashes.isEmpty()) {
        // A page in title order: walk data_units_by_title from the key and look each unit's rows up, rather
        // than read and sort the whole listing for every page (CROSS JOIN fixes the loop order). Named data
        // units: look each one up by its hash, rather than test every row of the branch against the list.
        from = query.allBranches
                   ? QStringLiteral("FROM data_units du CROSS JOIN branches b CROSS JOIN label_rows r "
                                    "ON r.branch_id = b.id AND r.data_unit_id = du.id")
                   : QStringLiteral("FROM data_units du CROSS JOIN label_rows r ON r.data_unit_id = du.id "
                                    "JOIN branches b ON b.id = r.branch_id");
    } else {
        from = QStringLiteral("FROM label_rows r JOIN data_units du ON du.id = r.data_unit_id "
                              "JOIN branches b ON b.id = r.branch_id");
    }
    const QStringList where = rowFilters(query, branchId, codec, out.values);

    if (count) {
        out.sql = QStringLiteral("SELECT COUNT(*) ") + from;
    } else {
        out.sql =
            QStringLiteral("SELECT du.data_hash, r.data_unit_id, r.label_hash, r.created_by, b.name, "
                           "du.data_title, du.data_type, r.label_status, r.created_at, r.last_edited_at, "
                           "c.object_count, c.classification_count, c.class_counts, c.content_hash, "
                           "r.source_branch, sc.content_hash, r.copied_at, du.id ") +
            from +
            QStringLiteral(" LEFT JOIN label_contents c ON c.id = r.content_id "
                           "LEFT JOIN label_contents sc ON sc.id = r.source_content_id");
    }
    if (!where.isEmpty())
        out.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    if (count)
        return out;

    out.sql += QStringLiteral(" ORDER BY ") + rowOrder(query) + QStringLiteral(", b.name");
    if (query.limit >= 0 || query.offset > 0) {
        out.sql += QStringLiteral(" LIMIT ? OFFSET ?");
        out.values << (query.limit >= 0 ? query.limit : -1) << qMax(0, query.offset);
    }
    return out;
}

// Values shared across rows, so 100,000 rows of one branch hold one branch name, and rows with the same
// class counts (most, since a project has a few classes) share one decoded table.
struct SharedNames
{
    QString branch;
    QString source;
    QHash<QString, QHash<QString, int>> classCounts; // by its encoded text

    const QHash<QString, int> &decodedClassCounts(const QString &encoded)
    {
        auto it = classCounts.constFind(encoded);
        if (it == classCounts.cend()) {
            if (classCounts.size() >= kMaxSharedClassCounts)
                classCounts.clear();
            it = classCounts.insert(encoded, decodeClassCounts(encoded));
        }
        return it.value();
    }

    static constexpr qsizetype kMaxSharedClassCounts = 4096;
};

LabelRowSummary summaryFrom(const QSqlQuery &q, const LabelHashCodec &codec, SharedNames &shared)
{
    LabelRowSummary row;
    row.dataHash = q.value(0).toString();
    const QString branchName = q.value(4).toString();
    if (branchName != shared.branch)
        shared.branch = branchName;
    row.branchName = shared.branch;
    row.dataTitle = q.value(5).toString();
    row.dataType = sql::dataTypeFromCode(q.value(6).toString());
    row.unitKey = q.value(17).toLongLong();
    if (q.value(1).isNull()) {
        row.labelStatus = sql::kNotLabelled;
        return row;
    }
    row.labelHash =
        codec.rowLabelHash(q.value(2).toString(), q.value(3).toLongLong(), q.value(1).toLongLong());
    row.labelStatus = q.value(7).toString();
    row.createdAt = sql::dateTimeFromMs(q.value(8));
    row.lastEditedAt = sql::dateTimeFromMs(q.value(9));
    row.objectCount = q.value(10).toInt();
    row.classificationCount = q.value(11).toInt();
    row.classCounts = shared.decodedClassCounts(q.value(12).toString());
    row.contentHash = q.value(13).toString();
    const QString source = q.value(14).toString();
    if (!source.isEmpty()) {
        if (source != shared.source)
            shared.source = source;
        row.provenance.sourceBranch = shared.source;
        row.provenance.sourceContentHash = q.value(15).toString();
        row.provenance.copiedAt = sql::dateTimeFromMs(q.value(16));
    }
    return row;
}

// The rows fetched for `labelHashes`, in their order; a hash with no row on the branch fails.
template <typename T>
Result<QList<T>> inRequestedOrder(const QHash<QString, T> &byHash, const QStringList &labelHashes,
                                  const QString &branch)
{
    QList<T> rows;
    rows.reserve(labelHashes.size());
    for (const QString &labelHash : labelHashes) {
        const auto it = byHash.constFind(labelHash);
        if (it == byHash.constEnd())
            return fail(QStringLiteral("label row %1 is not on branch '%2'").arg(labelHash, branch));
        rows.append(it.value());
    }
    return rows;
}

} // namespace

Result<qint64> SqliteRowReader::branchId(const QString &name)
{
    auto id = sql::scalar(m_db, QStringLiteral("SELECT id FROM branches WHERE name = ?"), {name});
    if (!id)
        return id.takeError();
    if (!id->isValid())
        return fail(QStringLiteral("branch '%1' does not exist").arg(name));
    return id->toLongLong();
}

Result<qint64> SqliteRowReader::queriedBranch(const RowQuery &query)
{
    if (query.hasAfter() && query.order != RowQuery::Order::Title)
        return fail(QStringLiteral("listing after a given row needs the title order"));
    if (query.allBranches && !query.branch.isEmpty())
        return fail(QStringLiteral("cannot list one branch and all branches at once"));
    if (!query.allBranches && query.branch.isEmpty())
        return fail(QStringLiteral("no branch given to list"));
    if (query.allBranches)
        return qint64(0);
    return branchId(query.branch);
}

Result<QSqlQuery> SqliteRowReader::runRowQuery(const RowQuery &query, bool count, const QString &failure)
{
    auto branch = queriedBranch(query);
    if (!branch)
        return branch.takeError();
    const RowSql statement = rowQuerySql(query, *branch, m_labelHashes, count);
    QSqlQuery sqlQuery(m_db);
    sqlQuery.setForwardOnly(true);
    if (!sqlQuery.prepare(statement.sql))
        return fail(failure.arg(sql::errorText(sqlQuery.lastError())));
    for (int i = 0; i < statement.values.size(); ++i)
        sqlQuery.bindValue(i, sql::bindable(statement.values.at(i)));
    if (!sqlQuery.exec())
        return fail(failure.arg(sql::errorText(sqlQuery.lastError())));
    return sqlQuery;
}

Result<QList<LabelRowSummary>> SqliteRowReader::listRows(const RowQuery &query)
{
    const QString failure = QStringLiteral("cannot list label rows: %1");
    auto sqlQuery = runRowQuery(query, false, failure);
    if (!sqlQuery)
        return sqlQuery.takeError();
    QList<LabelRowSummary> rows;
    SharedNames shared;
    while (sqlQuery->next())
        rows.append(summaryFrom(sqlQuery.value(), m_labelHashes, shared));
    if (sqlQuery->lastError().isValid())
        return fail(failure.arg(sql::errorText(sqlQuery->lastError())));
    return rows;
}

Result<int> SqliteRowReader::countRows(const RowQuery &query)
{
    const QString failure = QStringLiteral("cannot count label rows: %1");
    auto sqlQuery = runRowQuery(query, true, failure);
    if (!sqlQuery)
        return sqlQuery.takeError();
    if (!sqlQuery->next())
        return fail(failure.arg(sql::errorText(sqlQuery->lastError())));
    return sqlQuery->value(0).toInt();
}

Result<void> SqliteRowReader::readContents(const QString &branch, const QStringList &labelHashes,
                                           const ContentVisitor &visit)
{
    auto id = branchId(branch);
    if (!id)
        return id.takeError();
    if (labelHashes.isEmpty())
        return {};
    // Two lookups, each along an index: stored label hashes, and the data units of derived ones. The unary
    // + keeps SQLite from walking the whole branch along the primary key to test each row's label hash.
    const QString columns =
        QStringLiteral("SELECT r.data_unit_id, r.label_hash, r.created_by, r.label_status, "
                       "r.created_at, r.last_edited_at, c.content FROM label_rows r "
                       "JOIN label_content_bytes c ON c.content_id = r.content_id WHERE ");
    auto query = sql::prepare(
        m_db, columns +
                  QStringLiteral("+r.branch_id = ? AND r.label_hash IN (%1) UNION ALL ")
                      .arg(sql::kValuesOfParameter) +
                  columns +
                  QStringLiteral("r.branch_id = ? AND r.label_hash IS NULL AND r.data_unit_id IN (%1)")
                      .arg(sql::kValuesOfParameter));
    if (!query)
        return fail(QStringLiteral("cannot read label rows: %1").arg(query.error()));
    const LabelHashKeys keys = labelHashKeys(labelHashes, m_labelHashes);
    if (auto ran =
            sql::run(query.value(), {*id, sql::jsonArray(keys.stored), *id, sql::jsonArray(keys.units)});
        !ran)
        return fail(QStringLiteral("cannot read label rows: %1").arg(ran.error()));

    while (query->next()) {
        // The content is shared by every row that has it (copies move it untouched); the row decides.
        LabelRowIdentity identity;
        identity.labelHash = m_labelHashes.rowLabelHash(
            query->value(1).toString(), query->value(2).toLongLong(), query->value(0).toLongLong());
        identity.branchName = branch;
        identity.labelStatus = query->value(3).toString();
        identity.createdAt = sql::dateTimeFromMs(query->value(4));
        identity.lastEditedAt = sql::dateTimeFromMs(query->value(5));
        const QByteArray json = qUncompress(query->value(6).toByteArray());
        if (json.isEmpty())
            return fail(QStringLiteral("the content of label row %1 is damaged").arg(identity.labelHash));
        if (Result<void> taken = visit(json, identity); !taken)
            return taken;
    }
    if (query->lastError().isValid())
        return fail(QStringLiteral("cannot read label rows: %1").arg(sql::errorText(query->lastError())));
    return {};
}

Result<QList<LabelRowDocument>> SqliteRowReader::fetchContents(const QString &branch,
                                                               const QStringList &labelHashes)
{
    QHash<QString, LabelRowDocument> byHash;
    const Result<void> read = readContents(
        branch, labelHashes, [&](const QByteArray &json, const LabelRowIdentity &identity) -> Result<void> {
            auto document =
                LabelRowDocument::fromBytes(json, QStringLiteral("label row %1").arg(identity.labelHash));
            if (!document)
                return fail(
                    QStringLiteral("cannot read label row %1: %2").arg(identity.labelHash, document.error()));
            LabelRowDocument doc = std::move(document).value();
            doc.setLabelHash(identity.labelHash);
            doc.setBranchName(identity.branchName);
            doc.setLabelStatus(identity.labelStatus);
            doc.setTimestamps(identity.createdAt, identity.lastEditedAt);
            byHash.insert(identity.labelHash, std::move(doc));
            return {};
        });
    if (!read)
        return read.takeError();
    return inRequestedOrder(byHash, labelHashes, branch);
}

Result<QList<QByteArray>> SqliteRowReader::fetchContentBytes(const QString &branch,
                                                             const QStringList &labelHashes)
{
    QHash<QString, QByteArray> byHash;
    const Result<void> read = readContents(
        branch, labelHashes, [&](const QByteArray &json, const LabelRowIdentity &identity) -> Result<void> {
            Result<QByteArray> bytes = LabelRowBytes::withIdentity(json, identity);
            if (!bytes)
                return fail(
                    QStringLiteral("cannot read label row %1: %2").arg(identity.labelHash, bytes.error()));
            byHash.insert(identity.labelHash, std::move(bytes).value());
            return {};
        });
    if (!read)
        return read.takeError();
    return inRequestedOrder(byHash, labelHashes, branch);
}

} // namespace lb
