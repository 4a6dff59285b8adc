#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "store/store.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace lb {

// A copy decided but not yet done: the plan the user may look at, and the rows to write in order.
struct PreparedCopy
{
    CopyPlan plan;
    QList<CopyItem> writes;
    // A snapshot on a store that copies whole branches: no items; the store copies the source's rows in
    // parts.
    bool wholeBranch = false;
};

// Rules 2, 3, 4 and 6 of copy_labels_to_branch, decided per data unit from listings only, so a dry run and
// the copy itself see exactly the same plan. On a local store the source is listed a page at a time, each
// page with the target rows of its data units, so only the plan itself grows with the branch.
class CopyPlanner
{
public:
    // `pageSize`: source rows planned per page on a store that lists pages cheaply (at most
    // Store::kMaxFilterHashes, the target rows of a page are listed by their data hashes).
    explicit CopyPlanner(Store &store, int pageSize = Store::kMaxFilterHashes)
        : m_store(store), m_pageSize(qBound(1, pageSize, Store::kMaxFilterHashes))
    {
    }

    // Everything checked here needs no store: it runs before anything is read or written.
    static Result<void> validate(const CopyRequest &request);

    // Always: a dry run, which shows exactly what the target has. AsNeeded: a copy, which asks a remote
    // store about a target it has not seen only when the copy overwrites. CheckedAbsent: the caller made
    // sure the target does not exist (a snapshot).
    enum class TargetLookup
    {
        AsNeeded,
        Always,
        CheckedAbsent
    };
    Result<PreparedCopy> prepare(const CopyRequest &request, TargetLookup lookup = TargetLookup::AsNeeded);
    // Every initialised row of the source into a branch that does not exist yet, planned by counting (no
    // listing), for stores where copiesWholeBranches() holds.
    Result<PreparedCopy> prepareWholeBranch(const CopyRequest &request);

private:
    static Result<PreparedCopy> missingSource(const CopyRequest &request);
    Result<void> lookUpTarget(CopyPlan &plan, TargetLookup lookup);
    Result<QStringList> unknownDataHashes(const QStringList &dataHashes);
    static RowQuery sourceQuery(const CopyRequest &request, const QStringList &dataHashes);
    // Plans the rows of one page of the source listing (title order) into `prepared`.
    Result<void> planPage(PreparedCopy &prepared, const QList<LabelRowSummary> &sourceRows,
                          const QStringList &dataHashes);
    Result<QHash<QString, LabelRowSummary>> listTarget(const CopyRequest &request,
                                                       const QList<const LabelRowSummary *> &scope);

    Store &m_store;
    int m_pageSize;
};

} // namespace lb
