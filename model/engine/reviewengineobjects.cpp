#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/mergeengine.h"
#include "engine/reviewengine.h"

#include <nlohmann/json.hpp>
#include <QDateTime>

// ReviewEngine's decisions on single objects and their part of "apply approved": the merge of the approved
// objects (docs/product.md §3.5 and §3.7).

namespace lb {

namespace {

QString unitText(const QString &title, const QString &dataHash)
{
    return title.isEmpty() ? dataHash : QStringLiteral("'%1'").arg(title);
}

// The entry of the merge plan for the object (or classification) named by either of its hashes.
const MergeEntry *entryFor(const UnitMergePlan &plan, const QString &hash)
{
    for (const MergeEntry &entry : plan.entries) {
        if (entry.hash == hash || entry.sourceHash == hash)
            return &entry;
    }
    return nullptr;
}

} // namespace

Result<QList<ReviewDecision>>
ReviewEngine::decideObjects(const QString &sourceBranch, const QString &targetBranch, const QString &dataHash,
                            const QStringList &objectHashes, ReviewVerdict verdict, const QString &comment)
{
    if (Result<void> valid = checkBranches(sourceBranch, targetBranch); !valid)
        return valid.takeError();
    if (dataHash.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no data unit given for the review decision"));
    if (objectHashes.isEmpty() || objectHashes.contains(QString()))
        return fail(ErrorKind::Usage, QStringLiteral("no object given for the review decision"));
    Result<QList<ReviewTarget>> targets = differingUnits(sourceBranch, targetBranch, {dataHash});
    if (!targets)
        return targets.takeError();
    Result<QStringList> objects = differingObjects(sourceBranch, targetBranch, dataHash, objectHashes);
    if (!objects)
        return objects.takeError();

    const ReviewTarget &target = targets->constFirst();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    QList<ReviewDecision> saved;
    for (const QString &object : objects.value()) {
        ReviewDecision decision;
        decision.sourceBranch = sourceBranch;
        decision.targetBranch = targetBranch;
        decision.dataHash = dataHash;
        decision.objectHash = object;
        decision.verdict = verdict;
        decision.comment = comment;
        decision.reviewer = m_engine.user();
        decision.decidedAt = now;
        decision.sourceContentHash = target.entry.sourceContentHash;
        if (Result<void> stored = m_engine.store().saveReviewDecision(decision); !stored)
            return stored.takeError();
        saved.append(decision);
    }
    if (Result<void> audited = recordObjects(saved, target); !audited)
        return audited.takeError();
    return saved;
}

Result<QStringList> ReviewEngine::differingObjects(const QString &sourceBranch, const QString &targetBranch,
                                                   const QString &dataHash, const QStringList &objectHashes)
{
    // The merge's dry run reads both rows (and the copy-time content) and pairs objects as the object diff
    // does: what it calls alike is what applying would leave alone.
    MergeRequest request;
    request.sourceBranch = sourceBranch;
    request.targetBranch = targetBranch;
    request.otherObjects = MergeChoice::KeepTarget;
    UnitMergeRequest unit;
    unit.dataHash = dataHash;
    for (const QString &hash : objectHashes)
        unit.objects.insert(hash, MergeChoice::TakeSource);
    request.units.append(unit);
    Result<MergePlan> plan = MergeEngine(m_engine).plan(request);
    if (!plan)
        return plan.takeError();
    const UnitMergePlan &unitPlan = plan->units.constFirst();
    QStringList canonical;
    for (const QString &hash : objectHashes) {
        const MergeEntry *entry = entryFor(unitPlan, hash);
        if (!entry)
            return fail(ErrorKind::NotFound, QStringLiteral("data unit %1 has no object %2 on %3 or %4")
                                                 .arg(unitText(unitPlan.dataTitle, dataHash), hash,
                                                      quoted(sourceBranch), quoted(targetBranch)));
        if (entry->outcome == MergeOutcome::Same)
            return fail(ErrorKind::Conflict,
                        QStringLiteral("object %1 of data unit %2 is alike on %3 and %4; there is nothing to "
                                       "review")
                            .arg(hash, unitText(unitPlan.dataTitle, dataHash), quoted(sourceBranch),
                                 quoted(targetBranch)));
        if (!canonical.contains(entry->hash))
            canonical.append(entry->hash);
    }
    return canonical;
}

Result<void> ReviewEngine::recordObjects(const QList<ReviewDecision> &decisions, const ReviewTarget &target)
{
    const ReviewDecision &first = decisions.constFirst();
    const bool approved = first.verdict == ReviewVerdict::Approved;
    nlohmann::json objects = nlohmann::json::array();
    for (const ReviewDecision &decision : decisions)
        objects.push_back(decision.objectHash.toStdString());
    QString summary = QStringLiteral("%1 %2 of %3 for %4 -> %5")
                          .arg(approved ? QStringLiteral("Approved") : QStringLiteral("Rejected"),
                               plural(decisions.size(), QStringLiteral("object")),
                               unitText(target.unit.dataTitle, target.unit.dataHash),
                               quoted(first.sourceBranch), quoted(first.targetBranch));
    if (!first.comment.isEmpty())
        summary += QStringLiteral(": %1").arg(first.comment);
    const nlohmann::json details = {
        {"source", first.sourceBranch.toStdString()},
        {"target", first.targetBranch.toStdString()},
        {"dataHash", target.unit.dataHash.toStdString()},
        {"dataTitle", target.unit.dataTitle.toStdString()},
        {"objects", objects},
        {"decision", reviewVerdictName(first.verdict).toStdString()},
        {"comment", first.comment.toStdString()},
        {"reviewer", first.reviewer.toStdString()},
        {"sourceContentHash", target.entry.sourceContentHash.toStdString()},
        {"targetContentHash", target.entry.targetContentHash.toStdString()},
    };
    return AuditEntryBuilder(first.reviewer,
                             approved ? QStringLiteral("review-approve") : QStringLiteral("review-reject"))
        .at(first.decidedAt)
        .summary(summary)
        .details(details)
        .appendTo(m_engine.store(), QStringLiteral("the decisions were saved"));
}

Result<void> ReviewEngine::planObjects(ApplyReviewPlan &plan)
{
    if (plan.objectMerge.units.isEmpty())
        return {};
    Result<MergePlan> merge = MergeEngine(m_engine).plan(plan.objectMerge);
    if (!merge)
        return merge.takeError();
    plan.objectPlan = std::move(merge).value();
    for (const UnitMergePlan &unit : std::as_const(plan.objectPlan.units)) {
        int taken = 0;
        int kept = 0;
        for (const MergeEntry &entry : unit.entries) {
            if (entry.outcome == MergeOutcome::TookSource && entry.changesTarget)
                ++taken;
            else if (entry.outcome == MergeOutcome::KeptTarget)
                ++kept;
        }
        plan.objectChanges.insert(unit.dataHash,
                                  QStringLiteral("%1 from the source, %2 kept as on the target")
                                      .arg(plural(taken, QStringLiteral("object")))
                                      .arg(kept));
    }
    return {};
}

Result<void> ReviewEngine::applyObjects(const MergeRequest &request, AppliedReview &applied,
                                        const JobControl &control)
{
    applied.objectUnitsApproved = int(request.units.size());
    if (request.units.isEmpty())
        return {};
    Result<MergeEngine::Applied> merged = MergeEngine(m_engine).apply(request, control);
    if (!merged) {
        if (applied.units.operationId == 0)
            return merged.takeError();
        return fail(
            merged.errorKind(),
            QStringLiteral("the data units approved as a whole were applied (operation %1; undo takes "
                           "it back), the approved objects were not: %2")
                .arg(applied.units.operationId)
                .arg(merged.error()));
    }
    applied.objects = merged->result;
    applied.objectUnits = merged->plan.toWrite;
    applied.objectsTaken = merged->plan.objectsTaken();
    return {};
}

} // namespace lb
