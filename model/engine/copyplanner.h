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
// the copy itself see exactly the same plan.
class CopyPlanner
{
public:
    explicit CopyPlanner(Store &store) : m_store(store) {}

    // Everything checked here needs no store: it runs before anything is read or written.
    static Result<void> validate(const CopyRequest &request);

    Result<PreparedCopy> prepare(const CopyRequest &request);
    // Every initialised row of the source into a branch that does not exist yet, planned by counting (no
    // listing), for stores where copiesWholeBranches() holds.
    Result<PreparedCopy> prepareWholeBranch(const CopyRequest &request);

private:
    Result<QStringList> unknownDataHashes(const QStringList &dataHashes);
    Result<QList<LabelRowSummary>> listSource(const CopyRequest &request, const QStringList &dataHashes);
    Result<QHash<QString, LabelRowSummary>> listTarget(const CopyRequest &request,
                                                       const QList<const LabelRowSummary *> &scope);

    Store &m_store;
};

} // namespace lb
