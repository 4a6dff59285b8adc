#include "engine/copyplanner.h"

#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/branchchecks.h"
#include "engine/copyplanstream.h"
#include "engine/engine.h"

namespace lb {

Result<void> CopyPlanner::validate(const CopyRequest &request)
{
    if (request.sourceBranch == request.targetBranch)
        return fail(ErrorKind::Usage, QStringLiteral("source and target branch must be different"));
    if (request.batchSize < Engine::kMinBatchSize || request.batchSize > Engine::kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("batch size must be between %1 and %2, got %3")
                                          .arg(Engine::kMinBatchSize)
                                          .arg(Engine::kMaxBatchSize)
                                          .arg(request.batchSize));
    const QString nameError = branchNameError(request.targetBranch);
    if (!nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    return {};
}

Result<PreparedCopy> CopyPlanner::prepare(const CopyRequest &request, TargetLookup lookup)
{
    return plan(request, lookup, true);
}

Result<PreparedCopy> CopyPlanner::count(const CopyRequest &request, TargetLookup lookup)
{
    Result<PreparedCopy> counted = plan(request, lookup, false);
    if (counted)
        counted->streamed = true;
    return counted;
}

Result<PreparedCopy> CopyPlanner::plan(const CopyRequest &request, TargetLookup lookup, bool keepItems)
{
    PreparedCopy prepared;
    prepared.plan.request = request;
    const Result<Store::Presence> source = m_store.knownPresence(request.sourceBranch);
    if (!source)
        return source.takeError();
    if (source.value() == Store::Presence::Absent)
        return missingSource(request);
    if (Result<void> target = lookUpTarget(prepared.plan, lookup); !target)
        return target.takeError();

    CopyPlanStream stream(m_store, prepared.plan, m_pageSize);
    for (;;) {
        const Result<QList<CopyPlanItem>> page = stream.nextPage();
        if (!page)
            return page.takeError();
        if (page->isEmpty())
            break;
        if (keepItems)
            keep(prepared, page.value());
    }
    if (source.value() == Store::Presence::Unknown && stream.initialisedRows() == 0) {
        // Nothing to copy: only now is it worth asking whether the source exists at all.
        if (Result<void> exists =
                BranchChecks::requireBranch(m_store, request.sourceBranch, QStringLiteral("source branch"));
            !exists)
            return exists.takeError();
    }
    const Result<QList<CopyPlanItem>> unknown = stream.finish();
    if (!unknown)
        return unknown.takeError();
    keep(prepared, unknown.value());
    QList<CopyPlanItem> items = std::move(prepared.plan.items);
    prepared.plan = stream.plan();
    prepared.plan.items = std::move(items);
    return prepared;
}

void CopyPlanner::keep(PreparedCopy &prepared, const QList<CopyPlanItem> &items)
{
    for (const CopyPlanItem &item : items) {
        if (const std::optional<CopyItem> write = CopyPlanStream::writeOf(item))
            prepared.writes.append(*write);
        prepared.plan.items.append(item);
    }
}

Result<PreparedCopy> CopyPlanner::missingSource(const CopyRequest &request)
{
    return fail(ErrorKind::NotFound,
                QStringLiteral("source branch %1 does not exist").arg(quoted(request.sourceBranch)));
}

// Whether the target exists, asked of a remote service only when the plan needs its rows: to overwrite
// them, or to show a dry run exactly.
Result<void> CopyPlanner::lookUpTarget(CopyPlan &plan, TargetLookup lookup)
{
    if (lookup == TargetLookup::CheckedAbsent) {
        plan.targetExists = false;
        plan.targetKnown = true;
        return {};
    }
    const Result<Store::Presence> target = m_store.knownPresence(plan.request.targetBranch);
    if (!target)
        return target.takeError();
    Store::Presence presence = target.value();
    if (presence == Store::Presence::Unknown && (plan.request.overwrite || lookup == TargetLookup::Always)) {
        const Result<bool> exists = m_store.branchExists(plan.request.targetBranch);
        if (!exists)
            return exists.takeError();
        presence = exists.value() ? Store::Presence::Present : Store::Presence::Absent;
    }
    plan.targetExists = presence == Store::Presence::Present;
    plan.targetKnown = presence != Store::Presence::Unknown;
    return {};
}

Result<PreparedCopy> CopyPlanner::prepareWholeBranch(const CopyRequest &request)
{
    RowQuery query;
    query.branch = request.sourceBranch;
    const Result<int> rows = m_store.countRows(query);
    if (!rows)
        return rows.takeError();
    query.includeUninitialised = true;
    const Result<int> units = m_store.countRows(query);
    if (!units)
        return units.takeError();
    PreparedCopy prepared;
    prepared.plan.request = request;
    prepared.plan.toCreate = rows.value();
    prepared.plan.toSkip = units.value() - rows.value(); // rule 3: uninitialised rows are skipped
    prepared.wholeBranch = true;
    return prepared;
}

} // namespace lb
