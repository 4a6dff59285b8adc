#include "store/sqlite/sqlitediff.h"

#include "domain/classcountsencoding.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliterowreader.h"

#include <algorithm>
#include <numeric>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace lb {

namespace {

// Every data unit with its row on the source (s) and the target (t); %1 and %2 are the two branch ids. The
// data units are read in id order (the condition on u.id makes the planner scan the table rather than an
// index on another column), which is the order of both branches' rows: each row lookup lands next to the
// previous one.
const QString kRowsJoin =
    QStringLiteral(" FROM data_units u"
                   " LEFT JOIN label_rows s ON s.branch_id = %1 AND s.data_unit_id = u.id"
                   " LEFT JOIN label_rows t ON t.branch_id = %2 AND t.data_unit_id = u.id");
const QString kInIdOrder = QStringLiteral("u.id >= 0");

// The facts of both rows' contents, for the callers that show them.
const QString kContentsJoin = QStringLiteral(" LEFT JOIN label_contents sc ON sc.id = s.content_id"
                                             " LEFT JOIN label_contents tc ON tc.id = t.content_id");

// DiffStatus as a number (domain/diffentry.h): equal contents are identical whatever their bytes. The two
// contents' facts are looked up only for rows whose contents differ, most rows of related branches sharing
// theirs.
const QString kStatus = QStringLiteral(
    "CASE WHEN s.content_id IS NULL THEN (CASE WHEN t.content_id IS NULL THEN 5 ELSE 4 END)"
    " WHEN t.content_id IS NULL THEN 3 WHEN s.content_id = t.content_id THEN 0"
    " ELSE (SELECT CASE WHEN a.content_hash = b.content_hash THEN 0 WHEN a.object_count = b.object_count"
    " THEN 1 ELSE 2 END FROM label_contents a, label_contents b WHERE a.id = s.content_id"
    " AND b.id = t.content_id) END");

// ThreeWayStatus as a number: 0 unless the target row was copied from this source (%1, its id), else 1
// (unchanged) + 1 when the source moved + 2 when the target moved since the copy; a source row gone since
// the copy counts as a move of the source. A content equal to the one copied is no move.
const QString kThreeWay =
    QStringLiteral("CASE WHEN t.source_content_id IS NOT NULL AND t.source_branch = (SELECT name FROM "
                   "branches WHERE id = %1)"
                   " THEN COALESCE((SELECT 1"
                   " + CASE WHEN s.content_id IS NULL THEN 1 WHEN s.content_id = p.id THEN 0"
                   " WHEN (SELECT content_hash FROM label_contents WHERE id = s.content_id) = p.content_hash "
                   "THEN 0 ELSE 1 END"
                   " + CASE WHEN t.content_id = p.id THEN 0"
                   " WHEN (SELECT content_hash FROM label_contents WHERE id = t.content_id) = p.content_hash "
                   "THEN 0 ELSE 2 END"
                   " FROM label_contents p WHERE p.id = t.source_content_id), 0) ELSE 0 END");

// The status where both contents are joined (sc, tc): the same values as kStatus, without a second lookup.
const QString kStatusJoined = QStringLiteral(
    "CASE WHEN s.content_id IS NULL THEN (CASE WHEN t.content_id IS NULL THEN 5 ELSE 4 END)"
    " WHEN t.content_id IS NULL THEN 3 WHEN s.content_id = t.content_id OR sc.content_hash = tc.content_hash"
    " THEN 0 WHEN sc.object_count = tc.object_count THEN 1 ELSE 2 END");

// The columns readEntry() reads; %1 and %2 are the two statuses.
const QString kEntryColumns = QStringLiteral(
    "u.id, u.data_hash, u.data_title, u.data_type, s.content_id, s.label_hash, s.created_by, t.content_id,"
    " t.label_hash, t.created_by, sc.object_count, tc.object_count, sc.class_counts, tc.class_counts,"
    " sc.content_hash, tc.content_hash, %1, %2");

QString threeWay(qint64 sourceId)
{
    return kThreeWay.arg(sourceId);
}

const QString kUnitsOfParameter = QStringLiteral(" u.id IN (%1)").arg(sql::kValuesOfParameter);

QString unitsJson(const QList<qint64> &units)
{
    QJsonArray array;
    for (qint64 unit : units)
        array.append(unit);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// The sort key of an order, as an expression over the rows join (and the contents join for the counts).
QString orderKey(DiffQuery::Order order, qint64 sourceId)
{
    switch (order) {
    case DiffQuery::Order::SourceCount:
        return QStringLiteral("CASE WHEN s.content_id IS NULL THEN -1 ELSE sc.object_count END");
    case DiffQuery::Order::TargetCount:
        return QStringLiteral("CASE WHEN t.content_id IS NULL THEN -1 ELSE tc.object_count END");
    case DiffQuery::Order::Delta:
        return QStringLiteral("COALESCE(tc.object_count, 0) - COALESCE(sc.object_count, 0)");
    case DiffQuery::Order::Status:
        return QStringLiteral("CASE %1 WHEN 3 THEN 0 WHEN 4 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3 WHEN 0 THEN 4 "
                              "ELSE 5 END")
            .arg(QStringLiteral("(%1)").arg(kStatus));
    case DiffQuery::Order::ThreeWay:
        return QStringLiteral("CASE %1 WHEN 4 THEN 0 WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3 ELSE 4 END")
            .arg(QStringLiteral("(%1)").arg(threeWay(sourceId)));
    case DiffQuery::Order::Title:
    case DiffQuery::Order::ClassDelta: // sorted after the query, from the class counts it selects
        return QString();
    }
    return QString();
}

// "%text%" for LIKE, with the text's own wildcards taken literally.
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

Result<QSqlQuery> runQuery(QSqlDatabase &db, const QString &statement, const QVariantList &values,
                           const QString &failure)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return fail(failure.arg(sql::errorText(query.lastError())));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(failure.arg(sql::errorText(query.lastError())));
    return query;
}

int classDelta(const QString &sourceCounts, const QString &targetCounts, const QString &featureHash)
{
    return decodeClassCounts(targetCounts).value(featureHash) -
           decodeClassCounts(sourceCounts).value(featureHash);
}

QHash<QString, int> classDeltas(const QHash<QString, int> &source, const QHash<QString, int> &target)
{
    QHash<QString, int> deltas = target;
    for (auto it = source.cbegin(); it != source.cend(); ++it)
        deltas[it.key()] -= it.value();
    deltas.removeIf([](const auto &entry) { return entry.value() == 0; });
    return deltas;
}

} // namespace

Result<SqliteDiff::Pair> SqliteDiff::pair(const QString &sourceBranch, const QString &targetBranch)
{
    SqliteRowReader reader(m_db, m_labelHashes);
    const Result<qint64> source = reader.branchId(sourceBranch);
    if (!source)
        return source.takeError();
    const Result<qint64> target = reader.branchId(targetBranch);
    if (!target)
        return target.takeError();
    return Pair{source.value(), target.value()};
}

Result<DiffSummary> SqliteDiff::summary(const QString &sourceBranch, const QString &targetBranch,
                                        const QList<qint64> *onlyUnits)
{
    const Result<Pair> ids = pair(sourceBranch, targetBranch);
    if (!ids)
        return ids.takeError();
    QVariantList values;
    QString statement = QStringLiteral("SELECT %1, %2, COUNT(*)").arg(kStatus, threeWay(ids->source)) +
                        kRowsJoin.arg(ids->source).arg(ids->target) + QStringLiteral(" WHERE ") + kInIdOrder;
    const QString units = onlyUnits ? unitsJson(*onlyUnits) : QString();
    if (onlyUnits) {
        statement += QStringLiteral(" AND") + kUnitsOfParameter;
        values.append(units);
    }
    statement += QStringLiteral(" GROUP BY 1, 2");
    const QString failure = QStringLiteral("cannot compare the branches: %1");
    Result<QSqlQuery> query = runQuery(m_db, statement, values, failure);
    if (!query)
        return query.takeError();
    DiffSummary summary;
    while (query->next()) {
        const auto status = DiffStatus(query->value(0).toInt());
        const auto threeWay = ThreeWayStatus(query->value(1).toInt());
        summary.countUnits(status, threeWay, query->value(2).toInt());
    }
    if (query->lastError().isValid())
        return fail(failure.arg(sql::errorText(query->lastError())));
    Result<int> sourceObjects = addClassTotals(ids->source, units, summary.sourceClassTotals);
    if (!sourceObjects)
        return sourceObjects.takeError();
    Result<int> targetObjects = addClassTotals(ids->target, units, summary.targetClassTotals);
    if (!targetObjects)
        return targetObjects.takeError();
    summary.sourceObjects = sourceObjects.value();
    summary.targetObjects = targetObjects.value();
    return summary;
}

// Per class, the objects of a branch's rows: each distinct set of counts once, times its rows. Returns the
// number of objects of those rows.
Result<int> SqliteDiff::addClassTotals(qint64 branchId, const QString &unitsJson, QHash<QString, int> &totals)
{
    QString statement =
        QStringLiteral("SELECT c.class_counts, COUNT(*), SUM(c.object_count) FROM label_rows r"
                       " JOIN label_contents c ON c.id = r.content_id WHERE r.branch_id = %1")
            .arg(branchId);
    QVariantList values;
    if (!unitsJson.isNull()) {
        statement += QStringLiteral(" AND r.data_unit_id IN (%1)").arg(sql::kValuesOfParameter);
        values.append(unitsJson);
    }
    // Rows share few distinct count texts (a demo of 100,000 rows has about 1,300): each is decoded once.
    statement += QStringLiteral(" GROUP BY c.class_counts");
    const QString failure = QStringLiteral("cannot count the objects per class: %1");
    Result<QSqlQuery> query = runQuery(m_db, statement, values, failure);
    if (!query)
        return query.takeError();
    int objects = 0;
    while (query->next()) {
        const int rows = query->value(1).toInt();
        const QHash<QString, int> counts = decodeClassCounts(query->value(0).toString());
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            totals[it.key()] += it.value() * rows;
        objects += query->value(2).toInt();
    }
    if (query->lastError().isValid())
        return fail(failure.arg(sql::errorText(query->lastError())));
    return objects;
}

// FROM, WHERE and ORDER BY of a query: the rows join (with the contents join when `withContents` or the order
// needs it), the query's filters, and its order but for Order::ClassDelta, which is sorted after reading.
QString SqliteDiff::matching(const DiffQuery &query, const Pair &ids, bool withContents, QVariantList &values)
{
    const QString key = orderKey(query.order, ids.source);
    const bool byClass = query.order == DiffQuery::Order::ClassDelta;
    const bool byCount = key.contains(QLatin1String("sc.")) || key.contains(QLatin1String("tc."));
    QString statement = kRowsJoin.arg(ids.source).arg(ids.target) +
                        (withContents || byClass || byCount ? kContentsJoin : QString());
    QStringList where;
    if (!key.isEmpty() || byClass) // sorted after the join: read it in id order (titles come in index order)
        where << kInIdOrder;
    if (!query.text.isEmpty()) {
        where << QStringLiteral("(u.data_title LIKE ? ESCAPE '\\' OR u.data_hash LIKE ? ESCAPE '\\')");
        values << containsPattern(query.text) << containsPattern(query.text);
    }
    QStringList statuses;
    for (int status = 0; status <= int(DiffStatus::UninitialisedOnBoth); ++status) {
        if (query.matches(DiffStatus(status)))
            statuses << QString::number(status);
    }
    if (statuses.size() <= int(DiffStatus::UninitialisedOnBoth))
        where << QStringLiteral("(%1) IN (%2)")
                     .arg(kStatus,
                          statuses.isEmpty() ? QStringLiteral("-1") : statuses.join(QLatin1Char(',')));
    if (!where.isEmpty())
        statement += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
    statement +=
        key.isEmpty()
            ? QStringLiteral(" ORDER BY u.data_title%1, u.data_hash%1").arg(byClass ? QString() : direction)
            : QStringLiteral(" ORDER BY %1%2, u.data_title, u.data_hash").arg(key, direction);
    return statement;
}

Result<QList<DiffRowKey>> SqliteDiff::rows(const DiffQuery &query)
{
    const Result<Pair> ids = pair(query.sourceBranch, query.targetBranch);
    if (!ids)
        return ids.takeError();
    const bool byClass = query.order == DiffQuery::Order::ClassDelta;
    QVariantList values;
    const QString statement = QStringLiteral("SELECT u.id, %1, %2")
                                  .arg(kStatus, byClass ? QStringLiteral("sc.class_counts, tc.class_counts")
                                                        : QStringLiteral("0, 0")) +
                              matching(query, ids.value(), false, values);
    const QString failure = QStringLiteral("cannot compare the branches: %1");
    Result<QSqlQuery> sqlQuery = runQuery(m_db, statement, values, failure);
    if (!sqlQuery)
        return sqlQuery.takeError();
    QList<DiffRowKey> rows;
    QList<int> classDeltas; // with Order::ClassDelta, one per row
    while (sqlQuery->next()) {
        rows.append(DiffRowKey{sqlQuery->value(0).toLongLong(), DiffStatus(sqlQuery->value(1).toInt())});
        if (byClass)
            classDeltas.append(
                classDelta(sqlQuery->value(2).toString(), sqlQuery->value(3).toString(), query.orderClass));
    }
    if (sqlQuery->lastError().isValid())
        return fail(failure.arg(sql::errorText(sqlQuery->lastError())));
    if (!byClass)
        return rows;
    QList<int> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return query.descending ? classDeltas.at(a) > classDeltas.at(b)
                                : classDeltas.at(a) < classDeltas.at(b);
    });
    QList<DiffRowKey> sorted;
    sorted.reserve(rows.size());
    for (int index : order)
        sorted.append(rows.at(index));
    return sorted;
}

Result<QList<DiffEntry>> SqliteDiff::entries(const QString &sourceBranch, const QString &targetBranch,
                                             const QList<qint64> &units)
{
    const Result<Pair> ids = pair(sourceBranch, targetBranch);
    if (!ids)
        return ids.takeError();
    const QString statement = QStringLiteral("SELECT ") +
                              kEntryColumns.arg(kStatusJoined, threeWay(ids->source)) +
                              kRowsJoin.arg(ids->source).arg(ids->target) + kContentsJoin +
                              QStringLiteral(" WHERE") + kUnitsOfParameter;
    const QString failure = QStringLiteral("cannot read the compared data units: %1");
    Result<QSqlQuery> query = runQuery(m_db, statement, {unitsJson(units)}, failure);
    if (!query)
        return query.takeError();
    QHash<qint64, DiffEntry> byUnit;
    byUnit.reserve(units.size());
    CountsCache counts;
    while (query->next())
        byUnit.insert(query->value(0).toLongLong(), readEntry(query.value(), counts));
    if (query->lastError().isValid())
        return fail(failure.arg(sql::errorText(query->lastError())));
    QList<DiffEntry> entries;
    entries.reserve(units.size());
    for (qint64 unit : units) {
        const auto found = byUnit.constFind(unit);
        if (found == byUnit.cend())
            return fail(
                QStringLiteral("cannot read the compared data units: data unit %1 is not in the project")
                    .arg(unit));
        entries.append(found.value());
    }
    return entries;
}

Result<qint64> SqliteDiff::each(const DiffQuery &query, const EntrySink &sink)
{
    Q_ASSERT(query.order != DiffQuery::Order::ClassDelta); // sorted after reading: not one pass
    const Result<Pair> ids = pair(query.sourceBranch, query.targetBranch);
    if (!ids)
        return ids.takeError();
    QVariantList values;
    const QString statement = QStringLiteral("SELECT ") +
                              kEntryColumns.arg(kStatusJoined, threeWay(ids->source)) +
                              matching(query, ids.value(), true, values);
    const QString failure = QStringLiteral("cannot compare the branches: %1");
    Result<QSqlQuery> sqlQuery = runQuery(m_db, statement, values, failure);
    if (!sqlQuery)
        return sqlQuery.takeError();
    qint64 read = 0;
    CountsCache counts;
    while (sqlQuery->next()) {
        if (Result<void> taken = sink(readEntry(sqlQuery.value(), counts)); !taken)
            return taken.takeError();
        ++read;
    }
    if (sqlQuery->lastError().isValid())
        return fail(failure.arg(sql::errorText(sqlQuery->lastError())));
    return read;
}

DiffEntry SqliteDiff::readEntry(const QSqlQuery &q, CountsCache &cache) const
{
    const qint64 unit = q.value(0).toLongLong();
    DiffEntry entry;
    entry.unit = unit;
    entry.dataHash = q.value(1).toString();
    entry.dataTitle = q.value(2).toString();
    entry.dataType = sql::dataTypeFromCode(q.value(3).toString());
    if (!q.value(4).isNull()) {
        entry.sourceLabelHash =
            m_labelHashes.rowLabelHash(q.value(5).toString(), q.value(6).toLongLong(), unit);
        entry.sourceCount = q.value(10).toInt();
        entry.sourceContentHash = q.value(14).toString();
        entry.sourceClassCounts = cache.decoded(q.value(12).toString());
    }
    if (!q.value(7).isNull()) {
        entry.targetLabelHash =
            m_labelHashes.rowLabelHash(q.value(8).toString(), q.value(9).toLongLong(), unit);
        entry.targetCount = q.value(11).toInt();
        entry.targetContentHash = q.value(15).toString();
        entry.targetClassCounts = cache.decoded(q.value(13).toString());
    }
    entry.delta = entry.targetCount - entry.sourceCount;
    if (q.value(4) != q.value(7)) // one content on both sides has no class deltas
        entry.classDeltas = classDeltas(entry.sourceClassCounts, entry.targetClassCounts);
    entry.status = DiffStatus(q.value(16).toInt());
    entry.threeWay = ThreeWayStatus(q.value(17).toInt());
    return entry;
}

const QHash<QString, int> &SqliteDiff::CountsCache::decoded(const QString &text)
{
    auto found = m_byText.constFind(text);
    if (found != m_byText.cend())
        return found.value();
    if (m_byText.size() >=
        kLimit) // rows share few count texts; a project where they do not still stays small
        m_byText.clear();
    return m_byText.insert(text, decodeClassCounts(text)).value();
}

} // namespace lb
