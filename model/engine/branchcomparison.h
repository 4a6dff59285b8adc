#pragma once

#include "diff/branchdiff.h"
#include "domain/diffquery.h"
#include "domain/jobcontrol.h"
#include "domain/result.h"
#include "store/store.h"

#include <functional>
#include <QList>

namespace lb {

// Comparing two branches (docs/product.md §2.3) over any Store, for the Compare table, the review list and
// `diff`. A store that compares in its own query engine does the set work (the project file, in SQL);
// for the others the comparison is made from the two listings, with data units keyed by their position in
// Store::dataUnits(). Either way callers get the same three things: totals, the keys of the matching data
// units in order, and the entries of a window of those keys.
class BranchComparison
{
public:
    explicit BranchComparison(Store &store) : m_store(store) {}

    // Totals over every data unit, or over `onlyUnits` (keys from rows()) when given.
    Result<DiffSummary> summary(const QString &sourceBranch, const QString &targetBranch,
                                const JobControl &control = {}, const QList<qint64> *onlyUnits = nullptr);
    // Every data unit the query matches, in its order.
    Result<QList<DiffRowKey>> rows(const DiffQuery &query, const JobControl &control = {});
    // The entries of the given keys, in that order.
    Result<QList<DiffEntry>> entries(const QString &sourceBranch, const QString &targetBranch,
                                     const QList<qint64> &units);

    using EntrySink = std::function<Result<void>(const DiffEntry &entry)>;
    // Streams the matching entries in order (progress and cancelling every `pageSize`); a sink failure
    // stops with its error.
    Result<qint64> forEach(const DiffQuery &query, const EntrySink &sink, const JobControl &control = {},
                           int pageSize = 1000);
    // The whole comparison in title order, for callers that want all of it.
    Result<BranchDiff> diff(const QString &sourceBranch, const QString &targetBranch,
                            const JobControl &control = {});

private:
    Result<void> checkBranches(const QString &sourceBranch, const QString &targetBranch);
    // The comparison from listings, over the data units at `positions` of Store::dataUnits() (all when
    // null), with the keys of its entries.
    struct Listed
    {
        BranchDiff diff;
        QList<qint64> keys;
    };
    Result<Listed> compareListings(const QString &sourceBranch, const QString &targetBranch,
                                   const QList<qint64> *positions, const JobControl &control);

    Store &m_store;
};

} // namespace lb
