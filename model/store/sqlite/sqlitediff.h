#pragma once

#include "domain/diffentry.h"
#include "domain/diffquery.h"
#include "domain/result.h"
#include "store/sqlite/sqlitelabelhash.h"

#include <functional>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace lb {

// Comparing two branches of a project file in SQL (docs/architecture.md §4.5): one join of the data units
// with the two branches' rows and the facts stored with each content gives every data unit's status,
// three-way status and counts, so a comparison never builds a listing of either branch and never reads
// label JSON. Works on a connection its SqliteStore owns, on the store's thread.
class SqliteDiff
{
public:
    SqliteDiff(QSqlDatabase &db, const LabelHashCodec &labelHashes) : m_db(db), m_labelHashes(labelHashes) {}

    // Totals over every data unit, or over `onlyUnits` (data unit ids) when given.
    Result<DiffSummary> summary(const QString &sourceBranch, const QString &targetBranch,
                                const QList<qint64> *onlyUnits);
    // Every data unit the query matches, in its order.
    Result<QList<DiffRowKey>> rows(const DiffQuery &query);
    // The entries of the given data units, in the order given.
    Result<QList<DiffEntry>> entries(const QString &sourceBranch, const QString &targetBranch,
                                     const QList<qint64> &units);
    // Every entry the query matches, in its order, handed to `sink` as it is read; returns how many. Any
    // order but Order::ClassDelta, which is sorted after reading (rows() and entries() give it).
    using EntrySink = std::function<Result<void>(const DiffEntry &)>;
    Result<qint64> each(const DiffQuery &query, const EntrySink &sink);

private:
    struct Pair
    {
        qint64 source = 0;
        qint64 target = 0;
    };
    Result<Pair> pair(const QString &sourceBranch, const QString &targetBranch);
    QString matching(const DiffQuery &query, const Pair &ids, bool withContents, QVariantList &values);
    // Class counts decoded once per distinct count text (a few thousand at most are kept).
    class CountsCache
    {
    public:
        const QHash<QString, int> &decoded(const QString &text);

    private:
        static constexpr qsizetype kLimit = 4096;
        QHash<QString, QHash<QString, int>> m_byText;
    };
    DiffEntry readEntry(const QSqlQuery &query, CountsCache &cache) const;
    Result<int> addClassTotals(qint64 branchId, const QString &unitsJson, QHash<QString, int> &totals);

    QSqlDatabase &m_db;
    const LabelHashCodec &m_labelHashes;
};

} // namespace lb
