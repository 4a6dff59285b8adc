#include "engine/engine.h"

#include "domain/branchname.h"
#include "domain/username.h"
#include "engine/branchchecks.h"
#include "engine/copyexecutor.h"
#include "engine/copyplanner.h"
#include "engine/copyplanstream.h"
#include "engine/writerlock.h"

namespace lb {

// The copy family (copy, sync, apply-review, snapshot) lives here; branch management, undo and
// import/export have files of their own.

namespace {

constexpr int kSnapshotBatchSize = 100;

// Plans, takes the target's lock when there is something to write, and writes.
Result<CopyResult> lockedCopy(Store &store, const QString &user, const OperationRecord &record,
                              const CopyExecutor::Options &options,
                              const std::function<Result<PreparedCopy>()> &plan, const JobControl &control)
{
    // Planned before the lock, so a refused copy writes nothing at all, and again under it when another
    // connection committed meanwhile: what another writer did first is what this copy sees.
    const qint64 stamp = store.changeStamp();
    Result<PreparedCopy> prepared = plan();
    if (!prepared)
        return prepared.takeError();
    WriterLock lock(store, record);
    CopyExecutor executor(store, user);
    if (!CopyExecutor::writesSomething(prepared.value(), options))
        return executor.execute(prepared.value(), options, control, lock);
    if (Result<void> acquired = lock.acquire(control); !acquired)
        return acquired.takeError();
    if (store.changeStamp() != stamp) {
        prepared = plan();
        if (!prepared)
            return prepared.takeError();
    }
    return executor.execute(prepared.value(), options, control, lock);
}

} // namespace

Engine::Engine(Store &store, QString user)
    : m_store(store), m_user(user.isEmpty() ? osUserName() : std::move(user))
{
}

Result<CopyPlan> Engine::planCopy(const CopyRequest &request, PlanItems items)
{
    if (Result<void> valid = CopyPlanner::validate(request); !valid)
        return valid.takeError();
    CopyPlanner planner(m_store);
    const bool byPosition = items == PlanItems::ByPosition && m_store.listsPagesCheaply() &&
                            request.dataHashes.isEmpty() && request.labelHashes.isEmpty();
    Result<PreparedCopy> prepared = byPosition ? planner.count(request, CopyPlanner::TargetLookup::Always)
                                               : planner.prepare(request, CopyPlanner::TargetLookup::Always);
    if (!prepared)
        return prepared.takeError();
    prepared->plan.itemsPaged = byPosition;
    return std::move(prepared.value().plan);
}

Result<QList<CopyPlanItem>> Engine::planItems(const CopyPlan &plan, int offset, int limit)
{
    return CopyPlanStream(m_store, plan, Store::kMaxFilterHashes).itemsAt(offset, limit);
}

Result<void> Engine::forEachPlanItem(const CopyPlan &plan, const PlanItemSink &sink)
{
    CopyPlanStream stream(m_store, plan, Store::kMaxFilterHashes);
    for (;;) {
        const Result<QList<CopyPlanItem>> page = stream.nextPage();
        if (!page)
            return page.takeError();
        if (page->isEmpty())
            return {};
        if (Result<void> taken = sink(page.value()); !taken)
            return taken;
    }
}

Result<CopyResult> Engine::copy(const CopyRequest &request, const JobControl &control)
{
    return validatedCopy(request, OperationKind::Copy, control);
}

Result<CopyResult> Engine::sync(CopyRequest request, const JobControl &control)
{
    request.overwrite = true;
    return validatedCopy(request, OperationKind::Sync, control);
}

Result<CopyResult> Engine::applyReview(CopyRequest request, const JobControl &control)
{
    request.overwrite = true;
    request.labelHashes.clear();
    if (request.dataHashes.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no approved data units to apply"));
    return validatedCopy(request, OperationKind::ApplyReview, control);
}

Result<CopyResult> Engine::validatedCopy(const CopyRequest &request, OperationKind kind,
                                         const JobControl &control)
{
    if (Result<void> valid = CopyPlanner::validate(request); !valid)
        return valid.takeError();
    // A local store's copy is counted now and planned again page by page as it is written; an applied
    // review keeps its items, which its audit entry names.
    const bool streamed = m_store.listsPagesCheaply() && kind != OperationKind::ApplyReview;
    const auto plan = [&]() -> Result<PreparedCopy> {
        CopyPlanner planner(m_store);
        Result<PreparedCopy> prepared = streamed ? planner.count(request) : planner.prepare(request);
        if (!prepared)
            return prepared;
        if (const UnknownHashes &unknown = prepared->plan.unknown; request.strict && !unknown.isEmpty())
            return fail(ErrorKind::NotFound,
                        unknownHashesText(unknown, request.sourceBranch).join(QStringLiteral("; ")) +
                            QStringLiteral("; nothing was copied"));
        return prepared;
    };
    return lockedCopy(m_store, m_user, operationFor(kind, request), {kind, false, false}, plan, control);
}

OperationRecord Engine::operationFor(OperationKind kind, const CopyRequest &request) const
{
    OperationRecord record;
    record.kind = kind;
    record.sourceBranch = request.sourceBranch;
    record.targetBranch = request.targetBranch;
    record.overwrite = request.overwrite;
    record.user = m_user;
    return record;
}

Result<CopyResult> Engine::snapshot(const QString &source, const QString &name, const JobControl &control)
{
    QString target = name;
    if (target.isEmpty()) {
        const Result<QString> proposed = proposeSnapshotName();
        if (!proposed)
            return proposed.takeError();
        target = proposed.value();
    } else if (const QString nameError = branchNameError(target); !nameError.isEmpty()) {
        return fail(ErrorKind::Usage, nameError);
    }
    if (Result<void> exists = BranchChecks::requireBranch(m_store, source, QStringLiteral("branch")); !exists)
        return exists.takeError();
    CopyRequest request;
    request.sourceBranch = source;
    request.targetBranch = target;
    request.overwrite = false;
    request.batchSize = kSnapshotBatchSize;
    const auto plan = [&]() -> Result<PreparedCopy> {
        if (Result<void> available = BranchChecks::requireFreeName(m_store, target); !available)
            return available.takeError();
        CopyPlanner planner(m_store);
        return m_store.copiesWholeBranches()
                   ? planner.prepareWholeBranch(request)
                   : planner.prepare(request, CopyPlanner::TargetLookup::CheckedAbsent);
    };
    return lockedCopy(m_store, m_user, operationFor(OperationKind::Snapshot, request),
                      {OperationKind::Snapshot, true, true}, plan, control);
}

Result<QString> Engine::proposeSnapshotName(QDate day)
{
    if (!day.isValid())
        day = QDate::currentDate();
    const QString base = QStringLiteral("export-") + day.toString(QStringLiteral("yyyy-MM-dd"));
    QString candidate = base;
    for (int suffix = 2;; ++suffix) {
        const Result<bool> taken = m_store.branchExists(candidate);
        if (!taken)
            return taken.takeError();
        if (!taken.value())
            return candidate;
        candidate = base + QLatin1Char('-') + QString::number(suffix);
    }
}

} // namespace lb
