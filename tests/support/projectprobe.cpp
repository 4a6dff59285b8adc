#include "projectprobe.h"

#include "clirun.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>

namespace lb::test {

namespace {

// Runs `statement` on a read-only connection of its own and hands each row to `row` until it returns false.
template <typename RowFn> void peekRows(const QString &project, const QString &statement, RowFn row)
{
    static std::atomic_int counter{0};
    const QString name = QStringLiteral("peek-%1").arg(++counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(project);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement)) {
                while (query.next() && row(query)) {
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

QVariantList peekRow(const QString &project, const QString &statement)
{
    QVariantList values;
    peekRows(project, statement, [&](const QSqlQuery &query) {
        for (int i = 0; i < query.record().count(); ++i)
            values << query.value(i);
        return false;
    });
    return values;
}

QVariant peekValue(const QString &project, const QString &statement)
{
    const QVariantList row = peekRow(project, statement);
    return row.isEmpty() ? QVariant() : row.constFirst();
}

QStringList peekColumn(const QString &project, const QString &statement)
{
    QStringList values;
    peekRows(project, statement, [&](const QSqlQuery &query) {
        values << query.value(0).toString();
        return true;
    });
    return values;
}

BranchState readBranch(const QString &project, const QString &branch)
{
    BranchState state;
    const CliRun run = runCli({QStringLiteral("--project"), project, QStringLiteral("rows"),
                               QStringLiteral("--branch"), branch, QStringLiteral("--json")});
    if (run.crashed || run.exitCode != 0) {
        state.error = run.errText().trimmed();
        state.readFailed = run.crashed || !run.err.contains("no branch named");
        return state;
    }
    const nlohmann::json rows = run.parsed();
    if (!rows.is_array()) {
        state.readFailed = true;
        state.error = QStringLiteral("rows --json printed no JSON array");
        return state;
    }
    state.exists = true;
    for (const nlohmann::json &row : rows) {
        const QString hash = QString::fromStdString(row.at("data_hash").get<std::string>());
        state.rows.insert(hash, QByteArray::fromStdString(row.dump()));
        state.content.insert(hash, QString::fromStdString(row.at("content_hash").get<std::string>()));
    }
    return state;
}

QSet<QString> rowsWrittenBy(const QString &project, qint64 operationId)
{
    const QStringList hashes = peekColumn(
        project,
        QStringLiteral("SELECT du.data_hash FROM journal j JOIN data_units du ON du.id = "
                       "j.data_unit_id WHERE j.operation_id = %1 UNION ALL SELECT du.data_hash FROM "
                       "label_rows r JOIN data_units du ON du.id = r.data_unit_id WHERE r.created_by "
                       "= %1")
            .arg(operationId));
    return QSet<QString>(hashes.cbegin(), hashes.cend());
}

} // namespace lb::test
