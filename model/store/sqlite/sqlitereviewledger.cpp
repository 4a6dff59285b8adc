#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliteledger.h"

#include <QDateTime>

// The review decisions of SqliteLedger: on whole data units (review_decisions) and on single objects
// (review_object_decisions). A data unit is decided one way or the other, so saving either kind removes
// the other kind's on the same unit.

namespace lb {

namespace {

const QString kObjectTable = QStringLiteral("review_object_decisions");
const QString kUnitTable = QStringLiteral("review_decisions");

QVariant decidedAtMs(const QDateTime &time)
{
    return (time.isValid() ? time : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

} // namespace

Result<void> SqliteLedger::addObjectReviewDecisions(QSqlDatabase &db)
{
    return sql::execAll(db, {
                                "CREATE TABLE review_object_decisions ("
                                " source_branch TEXT NOT NULL,"
                                " target_branch TEXT NOT NULL,"
                                " data_hash TEXT NOT NULL,"
                                " object_hash TEXT NOT NULL,"
                                " verdict TEXT NOT NULL CHECK (verdict IN ('approved', 'rejected')),"
                                " comment TEXT NOT NULL DEFAULT '',"
                                " reviewer TEXT NOT NULL DEFAULT '',"
                                " decided_at INTEGER NOT NULL,"
                                " source_content_hash TEXT NOT NULL DEFAULT '',"
                                " PRIMARY KEY (source_branch, target_branch, data_hash, object_hash))"
                                " WITHOUT ROWID",
                            });
}

Result<QList<ReviewDecision>> SqliteLedger::reviewDecisions(const QString &sourceBranch,
                                                            const QString &targetBranch)
{
    auto query = sql::runQuery(
        m_db,
        QStringLiteral(
            "SELECT data_hash, '' AS object_hash, verdict, comment, reviewer, decided_at, "
            "source_content_hash FROM review_decisions WHERE source_branch = ? AND target_branch = ? "
            "UNION ALL SELECT data_hash, object_hash, verdict, comment, reviewer, decided_at, "
            "source_content_hash FROM review_object_decisions WHERE source_branch = ? AND "
            "target_branch = ? ORDER BY data_hash, object_hash"),
        {sourceBranch, targetBranch, sourceBranch, targetBranch},
        QStringLiteral("read the review decisions"));
    if (!query)
        return query.takeError();
    QList<ReviewDecision> decisions;
    QSqlQuery &rows = query.value();
    while (rows.next()) {
        ReviewDecision decision;
        decision.sourceBranch = sourceBranch;
        decision.targetBranch = targetBranch;
        decision.dataHash = rows.value(0).toString();
        decision.objectHash = rows.value(1).toString();
        if (!parseReviewVerdict(rows.value(2).toString(), &decision.verdict))
            return fail(QStringLiteral("the review decision on %1 is damaged: unknown verdict '%2'")
                            .arg(decision.dataHash, rows.value(2).toString()));
        decision.comment = rows.value(3).toString();
        decision.reviewer = rows.value(4).toString();
        decision.decidedAt = sql::dateTimeFromMs(rows.value(5));
        decision.sourceContentHash = rows.value(6).toString();
        decisions.append(decision);
    }
    return decisions;
}

Result<void> SqliteLedger::saveReviewDecision(const ReviewDecision &decision)
{
    const QString what = QStringLiteral("save the review decision");
    const QVariant verdict = reviewVerdictName(decision.verdict);
    const QVariant decidedAt = decidedAtMs(decision.decidedAt);
    auto saved =
        decision.isOnObject()
            ? sql::runQuery(
                  m_db,
                  QStringLiteral("INSERT OR REPLACE INTO review_object_decisions (source_branch, "
                                 "target_branch, data_hash, object_hash, verdict, comment, reviewer, "
                                 "decided_at, source_content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {decision.sourceBranch, decision.targetBranch, decision.dataHash, decision.objectHash,
                   verdict, decision.comment, decision.reviewer, decidedAt, decision.sourceContentHash},
                  what)
            : sql::runQuery(
                  m_db,
                  QStringLiteral("INSERT OR REPLACE INTO review_decisions (source_branch, "
                                 "target_branch, data_hash, verdict, comment, reviewer, decided_at, "
                                 "source_content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  {decision.sourceBranch, decision.targetBranch, decision.dataHash, verdict, decision.comment,
                   decision.reviewer, decidedAt, decision.sourceContentHash},
                  what);
    if (!saved)
        return saved.takeError();
    // The other kind of decision on the same data unit no longer holds.
    const QString other = decision.isOnObject() ? kUnitTable : kObjectTable;
    auto removed = sql::runQuery(
        m_db,
        QStringLiteral("DELETE FROM %1 WHERE source_branch = ? AND target_branch = ? AND data_hash = ?")
            .arg(other),
        {decision.sourceBranch, decision.targetBranch, decision.dataHash}, what);
    if (!removed)
        return removed.takeError();
    return {};
}

Result<int> SqliteLedger::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                               const QStringList &dataHashes)
{
    const QString what = QStringLiteral("clear the review decisions");
    int removed = 0;
    for (const QString &table : {kUnitTable, kObjectTable}) {
        QString statement =
            QStringLiteral("DELETE FROM %1 WHERE source_branch = ? AND target_branch = ?").arg(table);
        if (!dataHashes.isEmpty())
            statement += QStringLiteral(" AND data_hash IN (%1)").arg(sql::kValuesOfParameter);
        auto query = dataHashes.isEmpty()
                         ? sql::runQuery(m_db, statement, {sourceBranch, targetBranch}, what)
                         : sql::runQuery(m_db, statement,
                                         {sourceBranch, targetBranch, sql::jsonArray(dataHashes)}, what);
        if (!query)
            return query.takeError();
        removed += query->numRowsAffected();
    }
    return removed;
}

Result<void> SqliteLedger::renameBranchInReviewDecisions(const QString &from, const QString &to)
{
    for (const QString &table : {kUnitTable, kObjectTable}) {
        for (const QString &column : {QStringLiteral("source_branch"), QStringLiteral("target_branch")}) {
            auto query =
                sql::prepare(m_db, QStringLiteral("UPDATE %1 SET %2 = ? WHERE %2 = ?").arg(table, column));
            if (!query)
                return query.takeError();
            if (auto ran = sql::run(query.value(), {to, from}); !ran)
                return ran;
        }
    }
    return {};
}

Result<void> SqliteLedger::forgetReviewDecisionsOf(const QString &branch)
{
    for (const QString &table : {kUnitTable, kObjectTable}) {
        auto forget = sql::prepare(
            m_db, QStringLiteral("DELETE FROM %1 WHERE source_branch = ? OR target_branch = ?").arg(table));
        if (!forget)
            return forget.takeError();
        if (auto ran = sql::run(forget.value(), {branch, branch}); !ran)
            return ran;
    }
    return {};
}

} // namespace lb
