#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "store/store.h"

#include <QList>

namespace lb {

// A copy decided but not yet done: the plan the user may look at, and the rows to write in order.
struct PreparedCopy
{
    CopyPlan plan;
    QList<CopyItem> writes;
    // A snapshot on a store that copies whole branches: no items; the store copies the source's rows in
    // parts.
    bool wholeBranch = false;
    // A copy on a store that lists pages cheaply: the plan has its counts but no items and no writes; the
    // executor plans the rows again a page at a time (CopyPlanStream) and writes each page before it lists
    // the next, so no list of every row is held.
    bool streamed = false;
};

// Rules 2, 3, 4 and 6 of copy_labels_to_branch, decided per data unit from listings only (CopyPlanStream),
// so a dry run and the copy itself see exactly the same plan.
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
    // The plan's counts and unknown hashes only, for a copy the executor streams (PreparedCopy::streamed).
    Result<PreparedCopy> count(const CopyRequest &request, TargetLookup lookup = TargetLookup::AsNeeded);
    // Every initialised row of the source into a branch that does not exist yet, planned by counting (no
    // listing), for stores where copiesWholeBranches() holds.
    Result<PreparedCopy> prepareWholeBranch(const CopyRequest &request);

private:
    Result<PreparedCopy> plan(const CopyRequest &request, TargetLookup lookup, bool keepItems);
    static Result<PreparedCopy> missingSource(const CopyRequest &request);
    Result<void> lookUpTarget(CopyPlan &plan, TargetLookup lookup);
    static void keep(PreparedCopy &prepared, const QList<CopyPlanItem> &items);

    Store &m_store;
    int m_pageSize;
};

} // namespace lb
