#include "engine/engine.h"

#include "domain/branchname.h"
#include "domain/username.h"
#include "engine/branchchecks.h"
#include "engine/copyexecutor.h"
#include "engine/copyplanner.h"

namespace lb {

// The copy family (copy, sync, apply-review, snapshot) lives here; branch management, undo and
// import/export have files of their own.

namespace {

constexpr int kSnapshotBatchSize = 100;

} // namespace

Engine::Engine(Store &store, QString user)
    : m_store(store), m_user(user.isEmpty() ? osUserName() : std::move(user))
{
}

Result<CopyPlan> Engine::planCopy(const CopyRequest &request)
{
    if (Result<void> valid = CopyPlanner::validate(request); !valid)
        return valid.takeError();
    Result<PreparedCopy> prepared = CopyPlanner(m_store).prepare(request, CopyPlanner::TargetLookup::Always);
    if (!prepared)
        return prepared.takeError();
    return std::move(prepared.value().plan);
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
    const Result<PreparedCopy> prepared = CopyPlanner(m_store).prepare(request);
    if (!prepared)
        return prepared.takeError();
    return CopyExecutor(m_store, m_user).execute(prepared.value(), {kind, false, false}, control);
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
    if (Result<void> available = BranchChecks::requireFreeName(m_store, target); !available)
        return available.takeError();

    CopyRequest request;
    request.sourceBranch = source;
    request.targetBranch = target;
    request.overwrite = false;
    request.batchSize = kSnapshotBatchSize;
    CopyPlanner planner(m_store);
    const Result<PreparedCopy> prepared =
        m_store.copiesWholeBranches() ? planner.prepareWholeBranch(request)
                                      : planner.prepare(request, CopyPlanner::TargetLookup::CheckedAbsent);
    if (!prepared)
        return prepared.takeError();
    return CopyExecutor(m_store, m_user)
        .execute(prepared.value(), {OperationKind::Snapshot, true, true}, control);
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
