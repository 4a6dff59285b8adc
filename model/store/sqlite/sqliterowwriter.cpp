#include "store/sqlite/sqliterowwriter.h"

#include "domain/classcountsencoding.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqlitetransaction.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>
#include <utility>

namespace lb {

namespace {

bool isUuid(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return pattern.match(text).hasMatch();
}

QString freshLabelHash()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Prepares every statement, in order; the first failure stops.
Result<QList<QSqlQuery>> prepareAll(QSqlDatabase &db, const QStringList &texts)
{
    QList<QSqlQuery> queries;
    for (const QString &text : texts) {
        auto query = sql::prepare(db, text);
        if (!query)
            return query.takeError();
        queries.append(std::move(query).value());
    }
    return queries;
}

// The statements every batch needs, prepared once per batch.
struct BatchStatements
{
    QSqlQuery hashInUse; // label_hash -> 1
    QSqlQuery journalCreated;
    QSqlQuery journalReplaced;
};

Result<BatchStatements> prepareBatch(QSqlDatabase &db)
{
    auto queries = prepareAll(
        db, {
                QStringLiteral("SELECT 1 FROM label_rows WHERE label_hash = ?"),
                QStringLiteral(
                    "INSERT INTO journal (operation_id, change, row_id, branch_id, data_unit_id, label_hash) "
                    "VALUES (?, 'created', ?, ?, ?, ?)"),
                QStringLiteral(
                    "INSERT INTO journal (operation_id, change, row_id, branch_id, data_unit_id, %1) "
                    "SELECT ?, 'replaced', id, branch_id, data_unit_id, %1 FROM label_rows WHERE id = ?")
                    .arg(sql::kRowStateColumns),
            });
    if (!queries)
        return queries.takeError();
    return BatchStatements{std::move(queries.value()[0]), std::move(queries.value()[1]),
                           std::move(queries.value()[2])};
}

// The id of the first column of the first row, or 0 when there is none.
Result<qint64> firstId(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    if (auto ran = sql::run(query, values); !ran)
        return ran.takeError();
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

// Journals a row the operation created, when there is an operation to journal for.
Result<void> journalCreated(BatchStatements &st, qint64 operationId, qint64 rowId, qint64 branchId,
                            qint64 unitId, const QString &labelHash)
{
    if (operationId == 0)
        return {};
    return sql::run(st.journalCreated, {operationId, rowId, branchId, unitId, labelHash});
}

// Journals a full copy of a row about to be replaced, when there is an operation to journal for.
Result<void> journalReplaced(BatchStatements &st, qint64 operationId, qint64 rowId)
{
    if (operationId == 0)
        return {};
    return sql::run(st.journalReplaced, {operationId, rowId});
}

// --- copying ------------------------------------------------------------------------------------------

// One copy batch's ids, time and prepared statements.
struct CopyBatch
{
    qint64 operationId = 0;
    QString sourceBranch;
    QString targetBranch;
    qint64 sourceId = 0;
    qint64 targetId = 0;
    qint64 now = 0;
    BatchStatements st;
    QSqlQuery create;
    QSqlQuery replace;
    QSqlQuery resolve;
};

// What one lookup tells about a copy item: its data unit, the source row and the target's row for it.
struct CopyLookup
{
    qint64 unit = 0;
    qint64 source = 0;
    qint64 existing = 0;
    QString existingHash;
};

Result<void> prepareCopy(QSqlDatabase &db, CopyBatch &batch)
{
    auto statements = prepareBatch(db);
    if (!statements)
        return statements.takeError();
    batch.st = std::move(statements).value();
    auto queries = prepareAll(
        db, {
                QStringLiteral(
                    "INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, created_at, "
                    "last_edited_at, "
                    "object_count, classification_count, class_counts, content_hash, source_branch, "
                    "source_content_hash, "
                    "copied_at, content) SELECT ?, data_unit_id, ?, label_status, ?, ?, object_count, "
                    "classification_count, "
                    "class_counts, content_hash, ?, content_hash, ?, content FROM label_rows WHERE id = ?"),
                // The target keeps its identity (label hash, created_at, status); content and summary come
                // from the source.
                QStringLiteral("UPDATE label_rows SET (object_count, classification_count, "
                               "class_counts, content_hash, source_content_hash, "
                               "content) = (SELECT s.object_count, s.classification_count, "
                               "s.class_counts, s.content_hash, s.content_hash, "
                               "s.content FROM label_rows s WHERE s.id = ?), last_edited_at = ?, "
                               "source_branch = ?, copied_at = ? "
                               "WHERE id = ?"),
                QStringLiteral("SELECT du.id, s.id, s.data_unit_id, t.id, t.label_hash FROM data_units du "
                               "LEFT JOIN label_rows s ON s.branch_id = ? AND s.label_hash = ? "
                               "LEFT JOIN label_rows t ON t.branch_id = ? AND t.data_unit_id = du.id WHERE "
                               "du.data_hash = ?"),
            });
    if (!queries)
        return queries.takeError();
    batch.create = std::move(queries.value()[0]);
    batch.replace = std::move(queries.value()[1]);
    batch.resolve = std::move(queries.value()[2]);
    return {};
}

// One lookup per item: the data unit, the source row and the row the target already has for it.
Result<CopyLookup> lookUpCopy(CopyBatch &batch, const CopyItem &item)
{
    QSqlQuery &resolve = batch.resolve;
    if (auto ran = sql::run(resolve, {batch.sourceId, item.sourceLabelHash, batch.targetId, item.dataHash});
        !ran)
        return ran.takeError();
    if (!resolve.next())
        return fail(QStringLiteral("data unit %1 is not in this project").arg(item.dataHash));
    CopyLookup found;
    found.unit = resolve.value(0).toLongLong();
    found.source = resolve.value(1).isNull() ? 0 : resolve.value(1).toLongLong();
    const qint64 sourceUnit = resolve.value(2).toLongLong();
    found.existing = resolve.value(3).isNull() ? 0 : resolve.value(3).toLongLong();
    found.existingHash = resolve.value(4).toString();
    resolve.finish();
    if (found.source == 0) {
        return fail(QStringLiteral("the source row %1 of data unit %2 is not on branch '%3'")
                        .arg(item.sourceLabelHash, item.dataHash, batch.sourceBranch));
    }
    if (sourceUnit != found.unit) {
        return fail(QStringLiteral("the source row %1 does not belong to data unit %2")
                        .arg(item.sourceLabelHash, item.dataHash));
    }
    return found;
}

Result<void> copyAsNewRow(CopyBatch &batch, const CopyItem &item, const CopyLookup &found)
{
    if (found.existing != 0) {
        return fail(QStringLiteral("data unit %1 already has a row (%2) on branch '%3'")
                        .arg(item.dataHash, found.existingHash, batch.targetBranch));
    }
    const QString labelHash = freshLabelHash();
    const qint64 now = batch.now;
    if (auto ran = sql::run(batch.create,
                            {batch.targetId, labelHash, now, now, batch.sourceBranch, now, found.source});
        !ran)
        return ran;
    const qint64 rowId = batch.create.lastInsertId().toLongLong();
    return journalCreated(batch.st, batch.operationId, rowId, batch.targetId, found.unit, labelHash);
}

Result<void> copyOverRow(CopyBatch &batch, const CopyItem &item, const CopyLookup &found)
{
    if (found.existing == 0 || found.existingHash != item.targetLabelHash) {
        return fail(QStringLiteral("the target row %1 of data unit %2 is not on branch '%3'")
                        .arg(item.targetLabelHash, item.dataHash, batch.targetBranch));
    }
    if (auto journaled = journalReplaced(batch.st, batch.operationId, found.existing); !journaled)
        return journaled;
    return sql::run(batch.replace, {found.source, batch.now, batch.sourceBranch, batch.now, found.existing});
}

Result<CopyBatchResult> copyItems(CopyBatch &batch, const QList<CopyItem> &items)
{
    CopyBatchResult result;
    QSet<QString> seen;
    for (const CopyItem &item : items) {
        if (seen.contains(item.dataHash))
            return fail(QStringLiteral("data unit %1 appears twice in the batch").arg(item.dataHash));
        seen.insert(item.dataHash);
        auto found = lookUpCopy(batch, item);
        if (!found)
            return found.takeError();
        const bool create = item.targetLabelHash.isEmpty();
        auto copied = create ? copyAsNewRow(batch, item, *found) : copyOverRow(batch, item, *found);
        if (!copied)
            return copied.takeError();
        ++(create ? result.created : result.replaced);
    }
    return result;
}

} // namespace

Result<void> SqliteRowWriter::checkWritableOperation(qint64 operationId)
{
    if (operationId == 0)
        return {};
    auto undone =
        sql::scalar(m_db, QStringLiteral("SELECT undone FROM operations WHERE id = ?"), {operationId});
    if (!undone)
        return undone.takeError();
    if (!undone->isValid())
        return fail(QStringLiteral("operation %1 does not exist").arg(operationId));
    if (undone->toBool())
        return fail(
            QStringLiteral("operation %1 has been undone and cannot write more rows").arg(operationId));
    return {};
}

Result<CopyBatchResult> SqliteRowWriter::copyBatch(qint64 operationId, const QString &sourceBranch,
                                                   const QString &targetBranch, const QList<CopyItem> &items)
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
    SqliteRowReader reader(m_db);
    auto sourceId = reader.branchId(sourceBranch);
    if (!sourceId)
        return failed(QStringLiteral("source ") + sourceId.error());
    auto targetId = reader.branchId(targetBranch);
    if (!targetId)
        return failed(QStringLiteral("target ") + targetId.error());
    CopyBatch batch;
    batch.operationId = operationId;
    batch.sourceBranch = sourceBranch;
    batch.targetBranch = targetBranch;
    batch.sourceId = *sourceId;
    batch.targetId = *targetId;
    if (auto prepared = prepareCopy(m_db, batch); !prepared)
        return failed(prepared.error());

    batch.now = QDateTime::currentMSecsSinceEpoch();
    auto result = copyItems(batch, items);
    if (!result)
        return failed(result.error());
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

// --- writing rows
// -------------------------------------------------------------------------------------------

namespace {

// One data unit of a writeRows batch: its id and the row the branch already has for it (0: none).
struct ResolvedUnit
{
    qint64 id = 0;
    qint64 existing = 0;
};

// One writeRows batch's ids, time and prepared statements.
struct WriteBatch
{
    qint64 operationId = 0;
    QString branch;
    qint64 targetId = 0;
    bool overwrite = false;
    QDateTime now;
    BatchStatements st;
    QSqlQuery insert;
    QSqlQuery update;
};

// Resolves every data unit first, so one message names all the unknown ones.
Result<QList<ResolvedUnit>> resolveUnits(QSqlDatabase &db, qint64 targetId,
                                         const QList<LabelRowDocument> &rows)
{
    auto resolve =
        sql::prepare(db, QStringLiteral("SELECT du.id, t.id FROM data_units du LEFT JOIN label_rows t ON "
                                        "t.branch_id = ? AND t.data_unit_id = du.id "
                                        "WHERE du.data_hash = ?"));
    if (!resolve)
        return resolve.takeError();
    QList<ResolvedUnit> units;
    units.reserve(rows.size());
    QStringList unknown;
    QSet<QString> seen;
    for (const LabelRowDocument &row : rows) {
        const QString label = sql::dataUnitLabel(row.dataHash(), row.dataTitle());
        if (row.dataHash().isEmpty())
            return fail(QStringLiteral("a label row has no data hash"));
        if (seen.contains(row.dataHash()))
            return fail(QStringLiteral("data unit %1 appears twice").arg(label));
        seen.insert(row.dataHash());
        if (auto ran = sql::run(resolve.value(), {targetId, row.dataHash()}); !ran)
            return ran.takeError();
        ResolvedUnit unit;
        if (resolve->next()) {
            unit.id = resolve->value(0).toLongLong();
            unit.existing = resolve->value(1).isNull() ? 0 : resolve->value(1).toLongLong();
        } else {
            unknown << label;
        }
        resolve->finish();
        units.append(unit);
    }
    if (!unknown.isEmpty()) {
        return fail((unknown.size() == 1 ? QStringLiteral("data unit %1 is not in this project")
                                         : QStringLiteral("data units %1 are not in this project"))
                        .arg(unknown.join(QStringLiteral(", "))));
    }
    return units;
}

Result<void> prepareWrite(QSqlDatabase &db, WriteBatch &batch)
{
    auto queries = prepareAll(
        db, {
                QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, "
                               "created_at, last_edited_at, "
                               "object_count, classification_count, class_counts, content_hash, content) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                // Replacing keeps the row's label hash, creation time and provenance: a copied row edited
                // afterwards is what the three-way view calls "changed on the target since the copy",
                // which it can only tell while the copy's source content hash is still there (the Encord
                // store keeps it the same way).
                QStringLiteral("UPDATE label_rows SET label_status = ?, last_edited_at "
                               "= ?, object_count = ?, classification_count = ?, "
                               "class_counts = ?, content_hash = ?, content = ? "
                               "WHERE id = ?"),
            });
    if (!queries)
        return queries.takeError();
    batch.insert = std::move(queries.value()[0]);
    batch.update = std::move(queries.value()[1]);
    return {};
}

Result<void> replaceRow(QSqlDatabase &db, WriteBatch &batch, const LabelRowDocument &row, qint64 existing)
{
    const QString label = sql::dataUnitLabel(row.dataHash(), row.dataTitle());
    if (!batch.overwrite)
        return fail(
            QStringLiteral("data unit %1 already has a label row on branch '%2'").arg(label, batch.branch));
    if (auto journaled = journalReplaced(batch.st, batch.operationId, existing); !journaled)
        return journaled;
    auto status = row.labelStatus();
    if (status.isEmpty()) {
        auto kept =
            sql::scalar(db, QStringLiteral("SELECT label_status FROM label_rows WHERE id = ?"), {existing});
        if (!kept)
            return kept.takeError();
        status = kept->toString();
    }
    auto ran = sql::run(batch.update, {status, batch.now.toMSecsSinceEpoch(), row.objectInstanceCount(),
                                       row.classificationCount(), encodeClassCounts(row.classCounts()),
                                       row.contentHash(), qCompress(row.toBytes()), existing});
    if (!ran)
        return fail(QStringLiteral("data unit %1: %2").arg(label, ran.error()));
    return {};
}

// The row's own label hash when it is a UUID no other row uses; a fresh one otherwise.
Result<QString> usableLabelHash(WriteBatch &batch, const LabelRowDocument &row)
{
    const QString labelHash = row.labelHash();
    if (!isUuid(labelHash))
        return freshLabelHash();
    auto used = firstId(batch.st.hashInUse, {labelHash});
    if (!used)
        return used.takeError();
    return *used == 0 ? labelHash : freshLabelHash();
}

Result<void> insertRow(WriteBatch &batch, const LabelRowDocument &row, qint64 unitId)
{
    auto labelHash = usableLabelHash(batch, row);
    if (!labelHash)
        return labelHash.takeError();
    const QDateTime created = row.createdAt().isValid() ? row.createdAt() : batch.now;
    const QDateTime edited = row.lastEditedAt().isValid() ? row.lastEditedAt() : created;
    const QString status = row.labelStatus().isEmpty() ? sql::kNotLabelled : row.labelStatus();
    auto ran = sql::run(batch.insert,
                        {batch.targetId, unitId, *labelHash, status, created.toMSecsSinceEpoch(),
                         edited.toMSecsSinceEpoch(), row.objectInstanceCount(), row.classificationCount(),
                         encodeClassCounts(row.classCounts()), row.contentHash(), qCompress(row.toBytes())});
    if (!ran) {
        return fail(QStringLiteral("data unit %1: %2")
                        .arg(sql::dataUnitLabel(row.dataHash(), row.dataTitle()), ran.error()));
    }
    const qint64 rowId = batch.insert.lastInsertId().toLongLong();
    return journalCreated(batch.st, batch.operationId, rowId, batch.targetId, unitId, *labelHash);
}

} // namespace

Result<CopyBatchResult> SqliteRowWriter::writeRows(qint64 operationId, const QString &branch,
                                                   const QList<LabelRowDocument> &rows, bool overwrite)
{
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("writing label rows failed, nothing was written: %1").arg(reason));
    };

    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto operation = checkWritableOperation(operationId); !operation)
        return failed(operation.error());
    auto target = SqliteRowReader(m_db).branchId(branch);
    if (!target)
        return failed(target.error());
    WriteBatch batch;
    batch.operationId = operationId;
    batch.branch = branch;
    batch.targetId = *target;
    batch.overwrite = overwrite;
    auto statements = prepareBatch(m_db);
    if (!statements)
        return failed(statements.error());
    batch.st = std::move(statements).value();
    auto units = resolveUnits(m_db, *target, rows);
    if (!units)
        return failed(units.error());
    if (auto prepared = prepareWrite(m_db, batch); !prepared)
        return failed(prepared.error());

    batch.now = QDateTime::currentDateTimeUtc();
    CopyBatchResult result;
    for (int i = 0; i < rows.size(); ++i) {
        const qint64 existing = units->at(i).existing;
        auto written = existing != 0 ? replaceRow(m_db, batch, rows.at(i), existing)
                                     : insertRow(batch, rows.at(i), units->at(i).id);
        if (!written)
            return failed(written.error());
        ++(existing != 0 ? result.replaced : result.created);
    }
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

} // namespace lb
