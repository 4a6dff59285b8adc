#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqliterowwriter.h"
#include "store/sqlite/sqlitetransaction.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

// SqliteRowWriter::copyBatch: one batch of a copy, sync, snapshot or review apply, as set operations over
// the batch's data units. Every item is checked first, so a failing batch names its first bad item and
// writes nothing.

namespace lb {

namespace {

// What the project holds for one data unit of the batch: its id, and the source and target rows' label
// hashes (empty: no row).
struct UnitRows
{
    qint64 unitId = 0;
    QString sourceHash;
    QString targetHash;
};

// The ids of the batch's data units that are to be created and replaced, as JSON arrays for the set
// statements.
struct BatchSets
{
    QStringList create;
    QStringList replace;
    int created = 0;
    int replaced = 0;
};

struct CopyContext
{
    QSqlDatabase &db;
    const LabelHashCodec &codec;
    qint64 operationId = 0;
    QString sourceBranch;
    QString targetBranch;
    qint64 sourceId = 0;
    qint64 targetId = 0;
    qint64 now = 0;
};

// The condition on du that picks the batch's data units, and its one bound value. By their keys when the
// plan has them all: those units lie next to each other in the table, where a look-up by hash lands anywhere
// in the hash index, which outgrows the page cache of a large project.
std::pair<QString, QString> unitsOfBatch(const QList<CopyItem> &items)
{
    QStringList hashes, keys;
    for (const CopyItem &item : items) {
        hashes << item.dataHash;
        if (item.unitKey > 0)
            keys << QString::number(item.unitKey);
    }
    if (keys.size() < items.size())
        return {QStringLiteral("du.data_hash IN (%1)").arg(sql::kValuesOfParameter), sql::jsonArray(hashes)};
    return {QStringLiteral("du.id IN (%1)").arg(sql::kValuesOfParameter),
            QLatin1Char('[') + keys.join(QLatin1Char(',')) + QLatin1Char(']')};
}

Result<QHash<QString, UnitRows>> lookUpUnits(CopyContext &c, const QList<CopyItem> &items)
{
    const auto [condition, values] = unitsOfBatch(items);
    auto query = sql::prepare(
        c.db, QStringLiteral("SELECT du.data_hash, du.id, s.data_unit_id, s.label_hash, s.created_by, "
                             "t.data_unit_id, t.label_hash, t.created_by FROM data_units du "
                             "LEFT JOIN label_rows s ON s.branch_id = ? AND s.data_unit_id = du.id "
                             "LEFT JOIN label_rows t ON t.branch_id = ? AND t.data_unit_id = du.id "
                             "WHERE ") +
                  condition);
    if (!query)
        return query.takeError();
    if (auto ran = sql::run(query.value(), {c.sourceId, c.targetId, values}); !ran)
        return ran.takeError();
    QHash<QString, UnitRows> units;
    while (query->next()) {
        UnitRows unit;
        unit.unitId = query->value(1).toLongLong();
        if (!query->value(2).isNull())
            unit.sourceHash =
                c.codec.rowLabelHash(query->value(3).toString(), query->value(4).toLongLong(), unit.unitId);
        if (!query->value(5).isNull())
            unit.targetHash =
                c.codec.rowLabelHash(query->value(6).toString(), query->value(7).toLongLong(), unit.unitId);
        units.insert(query->value(0).toString(), unit);
    }
    return units;
}

// Checks every item against what the project holds, in order, and sorts the data units into the two sets.
Result<BatchSets> checkItems(const CopyContext &c, const QList<CopyItem> &items,
                             const QHash<QString, UnitRows> &units)
{
    BatchSets sets;
    QSet<QString> seen;
    for (const CopyItem &item : items) {
        if (seen.contains(item.dataHash))
            return fail(QStringLiteral("data unit %1 appears twice in the batch").arg(item.dataHash));
        seen.insert(item.dataHash);
        const auto unit = units.constFind(item.dataHash);
        if (unit == units.constEnd())
            return fail(QStringLiteral("data unit %1 is not in this project").arg(item.dataHash));
        if (unit->sourceHash.isEmpty() || unit->sourceHash != item.sourceLabelHash) {
            return fail(QStringLiteral("the source row %1 of data unit %2 is not on branch '%3'")
                            .arg(item.sourceLabelHash, item.dataHash, c.sourceBranch));
        }
        const QString id = QString::number(unit->unitId);
        if (item.targetLabelHash.isEmpty()) {
            if (!unit->targetHash.isEmpty()) {
                return fail(QStringLiteral("data unit %1 already has a row (%2) on branch '%3'")
                                .arg(item.dataHash, unit->targetHash, c.targetBranch));
            }
            sets.create << id;
            ++sets.created;
        } else {
            if (unit->targetHash != item.targetLabelHash) {
                return fail(QStringLiteral("the target row %1 of data unit %2 is not on branch '%3'")
                                .arg(item.targetLabelHash, item.dataHash, c.targetBranch));
            }
            sets.replace << id;
            ++sets.replaced;
        }
    }
    return sets;
}

// The target keeps its identity (label hash, creator, created_at, status); content and provenance come from
// the source.
Result<void> replaceRows(CopyContext &c, const QString &unitIds)
{
    if (auto journaled = SqliteRowWriter::journalReplaced(c.db, c.operationId, c.targetId, unitIds);
        !journaled)
        return journaled;
    auto update = sql::prepare(
        c.db, QStringLiteral("UPDATE label_rows SET (content_id, source_content_id) = (SELECT s.content_id, "
                             "s.content_id FROM label_rows s WHERE s.branch_id = ? AND s.data_unit_id = "
                             "label_rows.data_unit_id), last_edited_at = ?, source_branch = ?, copied_at = ? "
                             "WHERE branch_id = ? AND data_unit_id IN (%1)")
                  .arg(sql::kValuesOfParameter));
    if (!update)
        return update.takeError();
    return sql::run(update.value(), {c.sourceId, c.now, c.sourceBranch, c.now, c.targetId, unitIds});
}

// New rows name the operation that created them, which gives their label hash.
Result<void> createRows(CopyContext &c, const QStringList &unitIds)
{
    auto insert = sql::prepare(
        c.db,
        QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, created_by, "
                       "label_status, created_at, last_edited_at, content_id, source_branch, "
                       "source_content_id, copied_at) SELECT ?, s.data_unit_id, ?, ?, s.label_status, ?, ?, "
                       "s.content_id, ?, s.content_id, ? FROM label_rows s WHERE s.branch_id = ? AND "
                       "s.data_unit_id IN (%1)")
            .arg(sql::kValuesOfParameter));
    if (!insert)
        return insert.takeError();
    if (c.operationId != 0) {
        return sql::run(insert.value(), {c.targetId, sql::nullOf(QMetaType::QString), c.operationId, c.now,
                                         c.now, c.sourceBranch, c.now, c.sourceId, sql::jsonArray(unitIds)});
    }
    // Without an operation there is nothing to derive a label hash from: each row gets a stored one.
    for (const QString &id : unitIds) {
        if (auto ran = sql::run(insert.value(), {c.targetId, SqliteRowWriter::freshLabelHash(),
                                                 sql::nullOf(QMetaType::LongLong), c.now, c.now,
                                                 c.sourceBranch, c.now, c.sourceId, sql::jsonArray({id})});
            !ran)
            return ran;
    }
    return {};
}

Result<CopyBatchResult> copyItems(CopyContext &c, const QList<CopyItem> &items)
{
    auto units = lookUpUnits(c, items);
    if (!units)
        return units.takeError();
    auto sets = checkItems(c, items, *units);
    if (!sets)
        return sets.takeError();
    if (!sets->replace.isEmpty()) {
        if (auto replaced = replaceRows(c, sql::jsonArray(sets->replace)); !replaced)
            return replaced.takeError();
    }
    if (!sets->create.isEmpty()) {
        if (auto created = createRows(c, sets->create); !created)
            return created.takeError();
    }
    return CopyBatchResult{sets->created, sets->replaced};
}

} // namespace

Result<CopyBatchResult> SqliteRowWriter::inCopyTransaction(qint64 operationId, const QString &sourceBranch,
                                                           const QString &targetBranch, const CopyBody &body)
{
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("copy batch failed, nothing of it was written: %1").arg(reason));
    };
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto operation = checkWritableOperation(operationId); !operation)
        return failed(operation.error());
    SqliteRowReader reader(m_db, m_labelHashes);
    auto sourceId = reader.branchId(sourceBranch);
    if (!sourceId)
        return failed(QStringLiteral("source ") + sourceId.error());
    auto targetId = reader.branchId(targetBranch);
    if (!targetId)
        return failed(QStringLiteral("target ") + targetId.error());
    auto result = body(*sourceId, *targetId);
    if (!result)
        return failed(result.error());
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

Result<CopyBatchResult> SqliteRowWriter::copyBatch(qint64 operationId, const QString &sourceBranch,
                                                   const QString &targetBranch, const QList<CopyItem> &items)
{
    return inCopyTransaction(operationId, sourceBranch, targetBranch, [&](qint64 sourceId, qint64 targetId) {
        CopyContext context{m_db,         m_labelHashes, operationId, sourceBranch,
                            targetBranch, sourceId,      targetId,    QDateTime::currentMSecsSinceEpoch()};
        return copyItems(context, items);
    });
}

} // namespace lb

namespace lb {

namespace {

// The data unit ids [first, end) of part `part` of `parts` of the branch's rows: equal slices of the id range
// the branch's rows span. MIN and MAX each in its own subquery: each is then one step down the primary key,
// where the two in one SELECT read every row of the branch.
Result<std::pair<qint64, qint64>> partRange(QSqlDatabase &db, qint64 branchId, int part, int parts)
{
    auto query = sql::prepare(
        db, QStringLiteral("SELECT (SELECT MIN(data_unit_id) FROM label_rows WHERE branch_id = ?), "
                           "(SELECT MAX(data_unit_id) FROM label_rows WHERE branch_id = ?)"));
    if (!query)
        return query.takeError();
    if (auto ran = sql::run(query.value(), {branchId, branchId}); !ran)
        return ran.takeError();
    if (!query->next() || query->value(0).isNull())
        return std::pair<qint64, qint64>(0, 0);
    const qint64 low = query->value(0).toLongLong();
    const qint64 span = query->value(1).toLongLong() - low + 1;
    const qint64 step = (span + parts - 1) / parts;
    const qint64 first = low + step * part;
    return std::pair<qint64, qint64>(first, part == parts - 1 ? low + span : first + step);
}

} // namespace

Result<CopyBatchResult> SqliteRowWriter::copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                                      const QString &targetBranch, int part, int parts)
{
    if (operationId == 0 || parts < 1 || part < 0 || part >= parts) {
        return fail(
            QStringLiteral("copy batch failed, nothing of it was written: a whole-branch copy needs an "
                           "operation and a part within its parts"));
    }
    return inCopyTransaction(
        operationId, sourceBranch, targetBranch,
        [&](qint64 sourceId, qint64 targetId) -> Result<CopyBatchResult> {
            auto range = partRange(m_db, sourceId, part, parts);
            if (!range)
                return range.takeError();
            auto insert = sql::prepare(
                m_db,
                QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, created_by, "
                               "label_status, created_at, last_edited_at, content_id, source_branch, "
                               "source_content_id, copied_at) SELECT ?, s.data_unit_id, NULL, ?, "
                               "s.label_status, ?, ?, s.content_id, ?, s.content_id, ? FROM label_rows s "
                               "WHERE s.branch_id = ? AND s.data_unit_id >= ? AND s.data_unit_id < ?"));
            if (!insert)
                return insert.takeError();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (auto ran = sql::run(insert.value(), {targetId, operationId, now, now, sourceBranch, now,
                                                     sourceId, range->first, range->second});
                !ran)
                return ran.takeError();
            CopyBatchResult result;
            result.created = insert->numRowsAffected();
            return result;
        });
}

} // namespace lb
