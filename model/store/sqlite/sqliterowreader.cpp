#include "store/sqlite/sqliterowreader.h"

#include "domain/classcountsencoding.h"
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

// The WHERE conditions of `query`, their values appended to `values`.
QStringList rowFilters(const RowQuery &query, qint64 branchId, QVariantList &values)
{
    QStringList where;
    if (!query.allBranches) {
        where << QStringLiteral("b.id = ?");
        values << branchId;
    }
    if (!query.dataHashes.isEmpty()) {
        where << QStringLiteral("du.data_hash IN (SELECT value FROM json_each(?))");
        values << sql::jsonArray(query.dataHashes);
    }
    if (!query.labelHashes.isEmpty()) {
        where << QStringLiteral("r.label_hash IN (SELECT value FROM json_each(?))");
        values << sql::jsonArray(query.labelHashes);
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
        where << QStringLiteral("COALESCE(r.label_status, '%1') IN (SELECT value FROM json_each(?))")
                     .arg(sql::kNotLabelled);
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
        return QStringLiteral("COALESCE(r.object_count, 0)") + direction +
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

RowSql rowQuerySql(const RowQuery &query, qint64 branchId, bool count)
{
    RowSql out;
    QString from;
    if (query.includeUninitialised) {
        // Every (branch, data unit) pair; the label row when there is one.
        from = QStringLiteral("FROM branches b CROSS JOIN data_units du "
                              "LEFT JOIN label_rows r ON r.branch_id = b.id AND r.data_unit_id = du.id");
    } else {
        from = QStringLiteral("FROM label_rows r JOIN data_units du ON du.id = r.data_unit_id "
                              "JOIN branches b ON b.id = r.branch_id");
    }
    const QStringList where = rowFilters(query, branchId, out.values);

    if (count) {
        out.sql = QStringLiteral("SELECT COUNT(*) ") + from;
    } else {
        out.sql =
            QStringLiteral(
                "SELECT du.data_hash, r.label_hash, b.name, du.data_title, du.data_type, r.label_status, "
                "r.created_at, r.last_edited_at, r.object_count, r.classification_count, r.class_counts, "
                "r.content_hash, r.source_branch, r.source_content_hash, r.copied_at ") +
            from;
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

// Strings shared across rows, so 100,000 rows of one branch hold one branch name.
struct SharedNames
{
    QString branch;
    QString source;
};

LabelRowSummary summaryFrom(const QSqlQuery &q, SharedNames &shared)
{
    LabelRowSummary row;
    row.dataHash = q.value(0).toString();
    row.labelHash = q.value(1).toString();
    const QString branchName = q.value(2).toString();
    if (branchName != shared.branch)
        shared.branch = branchName;
    row.branchName = shared.branch;
    row.dataTitle = q.value(3).toString();
    row.dataType = sql::dataTypeFromCode(q.value(4).toString());
    if (row.labelHash.isEmpty()) {
        row.labelStatus = sql::kNotLabelled;
        return row;
    }
    row.labelStatus = q.value(5).toString();
    row.createdAt = sql::dateTimeFromMs(q.value(6));
    row.lastEditedAt = sql::dateTimeFromMs(q.value(7));
    row.objectCount = q.value(8).toInt();
    row.classificationCount = q.value(9).toInt();
    row.classCounts = decodeClassCounts(q.value(10).toString());
    row.contentHash = q.value(11).toString();
    const QString source = q.value(12).toString();
    if (!source.isEmpty()) {
        if (source != shared.source)
            shared.source = source;
        row.provenance.sourceBranch = shared.source;
        row.provenance.sourceContentHash = q.value(13).toString();
        row.provenance.copiedAt = sql::dateTimeFromMs(q.value(14));
    }
    return row;
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
    const RowSql statement = rowQuerySql(query, *branch, count);
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
        rows.append(summaryFrom(sqlQuery.value(), shared));
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

Result<QList<LabelRowDocument>> SqliteRowReader::fetchContents(const QString &branch,
                                                               const QStringList &labelHashes)
{
    auto id = branchId(branch);
    if (!id)
        return id.takeError();
    if (labelHashes.isEmpty())
        return QList<LabelRowDocument>();
    auto query = sql::prepare(
        m_db,
        QStringLiteral("SELECT label_hash, label_status, created_at, last_edited_at, content FROM label_rows "
                       "WHERE branch_id = ? AND label_hash IN (SELECT value FROM json_each(?))"));
    if (!query)
        return fail(QStringLiteral("cannot read label rows: %1").arg(query.error()));
    if (auto ran = sql::run(query.value(), {*id, sql::jsonArray(labelHashes)}); !ran)
        return fail(QStringLiteral("cannot read label rows: %1").arg(ran.error()));

    QHash<QString, LabelRowDocument> byHash;
    while (query->next()) {
        const QString labelHash = query->value(0).toString();
        const QByteArray json = qUncompress(query->value(4).toByteArray());
        if (json.isEmpty())
            return fail(QStringLiteral("the content of label row %1 is damaged").arg(labelHash));
        auto document = LabelRowDocument::fromBytes(json, QStringLiteral("label row %1").arg(labelHash));
        if (!document)
            return fail(QStringLiteral("cannot read label row %1: %2").arg(labelHash, document.error()));
        LabelRowDocument doc = std::move(document).value();
        // The blob may carry another branch's identity (copies move it untouched); the columns decide.
        doc.setLabelHash(labelHash);
        doc.setBranchName(branch);
        doc.setLabelStatus(query->value(1).toString());
        doc.setTimestamps(sql::dateTimeFromMs(query->value(2)), sql::dateTimeFromMs(query->value(3)));
        byHash.insert(labelHash, std::move(doc));
    }
    QList<LabelRowDocument> documents;
    documents.reserve(labelHashes.size());
    for (const QString &labelHash : labelHashes) {
        const auto it = byHash.constFind(labelHash);
        if (it == byHash.constEnd())
            return fail(QStringLiteral("label row %1 is not on branch '%2'").arg(labelHash, branch));
        documents.append(it.value());
    }
    return documents;
}

} // namespace lb
