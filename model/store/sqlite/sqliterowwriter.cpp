#include "store/sqlite/sqliterowwriter.h"

#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqlitecontents.h"
#include "store/sqlite/sqliteledger.h"
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

// One data unit of a writeRows batch: its id and whether the branch already has a row for it.
struct ResolvedUnit
{
    qint64 id = 0;
    bool existing = false;
};

// One writeRows batch's ids, time and prepared statements.
struct WriteBatch
{
    qint64 operationId = 0;
    QString branch;
    qint64 targetId = 0;
    bool overwrite = false;
    qint64 now = 0;
    QSqlQuery hashInUse;
    QSqlQuery insert;
    QSqlQuery update;
};

// Resolves every data unit first, so one message names all the unknown ones.
Result<QList<ResolvedUnit>> resolveUnits(QSqlDatabase &db, qint64 targetId,
                                         const QList<LabelRowDocument> &rows)
{
    auto resolve =
        sql::prepare(db, QStringLiteral("SELECT du.id, t.data_unit_id FROM data_units du LEFT JOIN "
                                        "label_rows t ON t.branch_id = ? AND t.data_unit_id = du.id "
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
            unit.existing = !resolve->value(1).isNull();
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
    auto hashInUse = sql::prepare(db, QStringLiteral("SELECT 1 FROM label_rows WHERE label_hash = ?"));
    auto insert =
        sql::prepare(db, QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, "
                                        "created_by, label_status, created_at, last_edited_at, "
                                        "content_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    // Replacing keeps the row's label hash, creation time and provenance: a copied row edited afterwards is
    // what the three-way view calls "changed on the target since the copy", which it can only tell while the
    // copy's source content is still named there (the Encord store keeps it the same way).
    auto update =
        sql::prepare(db, QStringLiteral("UPDATE label_rows SET label_status = COALESCE(?, label_status), "
                                        "last_edited_at = ?, content_id = ? "
                                        "WHERE branch_id = ? AND data_unit_id = ?"));
    for (const Result<QSqlQuery> *query : {&hashInUse, &insert, &update}) {
        if (!query->ok())
            return query->takeError();
    }
    batch.hashInUse = std::move(hashInUse).value();
    batch.insert = std::move(insert).value();
    batch.update = std::move(update).value();
    return {};
}

QVariant statusOrNull(const QString &status)
{
    return status.isEmpty() ? sql::nullOf(QMetaType::QString) : QVariant(status);
}

Result<void> replaceRow(QSqlDatabase &db, WriteBatch &batch, const LabelRowDocument &row,
                        const ResolvedUnit &unit, qint64 contentId)
{
    const QString label = sql::dataUnitLabel(row.dataHash(), row.dataTitle());
    if (!batch.overwrite)
        return fail(
            QStringLiteral("data unit %1 already has a label row on branch '%2'").arg(label, batch.branch));
    if (auto journaled = SqliteRowWriter::journalReplaced(db, batch.operationId, batch.targetId,
                                                          sql::jsonArray({QString::number(unit.id)}));
        !journaled)
        return journaled;
    auto ran = sql::run(batch.update,
                        {statusOrNull(row.labelStatus()), batch.now, contentId, batch.targetId, unit.id});
    if (!ran)
        return fail(QStringLiteral("data unit %1: %2").arg(label, ran.error()));
    return {};
}

// The row's own label hash when it is a UUID no other row uses and not of the kind this project derives;
// otherwise NULL (derived from the operation) or, without an operation, a fresh random one.
Result<QVariant> storedLabelHash(WriteBatch &batch, const LabelRowDocument &row)
{
    const QVariant generated = batch.operationId != 0 ? sql::nullOf(QMetaType::QString)
                                                      : QVariant(SqliteRowWriter::freshLabelHash());
    const QString labelHash = row.labelHash();
    if (!isUuid(labelHash) || LabelHashCodec::isVersion8(labelHash))
        return generated;
    if (auto ran = sql::run(batch.hashInUse, {labelHash}); !ran)
        return ran.takeError();
    const bool used = batch.hashInUse.next();
    batch.hashInUse.finish();
    return used ? generated : QVariant(labelHash);
}

Result<void> insertRow(WriteBatch &batch, const LabelRowDocument &row, qint64 unitId, qint64 contentId)
{
    auto labelHash = storedLabelHash(batch, row);
    if (!labelHash)
        return labelHash.takeError();
    const qint64 created = row.createdAt().isValid() ? row.createdAt().toMSecsSinceEpoch() : batch.now;
    const qint64 edited = row.lastEditedAt().isValid() ? row.lastEditedAt().toMSecsSinceEpoch() : created;
    const QString status = row.labelStatus().isEmpty() ? sql::kNotLabelled : row.labelStatus();
    const QVariant creator =
        batch.operationId != 0 ? QVariant(batch.operationId) : sql::nullOf(QMetaType::LongLong);
    auto ran = sql::run(batch.insert,
                        {batch.targetId, unitId, *labelHash, creator, status, created, edited, contentId});
    if (!ran) {
        return fail(QStringLiteral("data unit %1: %2")
                        .arg(sql::dataUnitLabel(row.dataHash(), row.dataTitle()), ran.error()));
    }
    return {};
}

} // namespace

QString SqliteRowWriter::freshLabelHash()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<void> SqliteRowWriter::journalReplaced(QSqlDatabase &db, qint64 operationId, qint64 branchId,
                                              const QString &dataUnitIdsJson)
{
    if (operationId == 0)
        return {};
    auto journal =
        sql::prepare(db, QStringLiteral("INSERT INTO journal (operation_id, branch_id, data_unit_id, "
                                        "%1) SELECT ?, branch_id, data_unit_id, %1 FROM label_rows "
                                        "WHERE branch_id = ? AND data_unit_id IN (%2)")
                             .arg(sql::kRowStateColumns, sql::kValuesOfParameter));
    if (!journal)
        return journal.takeError();
    return sql::run(journal.value(), {operationId, branchId, dataUnitIdsJson});
}

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
    // Counted in the batch's transaction: after a kill the record says exactly how many batches are in.
    return SqliteLedger(m_db).countBatch(operationId);
}

Result<CopyBatchResult> SqliteRowWriter::writeRows(qint64 operationId, const QString &branch,
                                                   const QList<LabelRowDocument> &rows, bool overwrite)
{
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("cannot write label rows: %1").arg(reason));
    };

    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto operation = checkWritableOperation(operationId); !operation)
        return failed(operation.error());
    auto target = SqliteRowReader(m_db, m_labelHashes).branchId(branch);
    if (!target)
        return failed(target.error());
    WriteBatch batch;
    batch.operationId = operationId;
    batch.branch = branch;
    batch.targetId = *target;
    batch.overwrite = overwrite;
    batch.now = QDateTime::currentMSecsSinceEpoch();
    auto units = resolveUnits(m_db, *target, rows);
    if (!units)
        return failed(units.error());
    if (auto prepared = prepareWrite(m_db, batch); !prepared)
        return failed(prepared.error());

    SqliteContents contents(m_db);
    CopyBatchResult result;
    for (int i = 0; i < rows.size(); ++i) {
        const ResolvedUnit &unit = units->at(i);
        auto contentId = contents.idFor(rows.at(i));
        if (!contentId)
            return failed(contentId.error());
        auto written = unit.existing ? replaceRow(m_db, batch, rows.at(i), unit, *contentId)
                                     : insertRow(batch, rows.at(i), unit.id, *contentId);
        if (!written)
            return failed(written.error());
        ++(unit.existing ? result.replaced : result.created);
    }
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

} // namespace lb
