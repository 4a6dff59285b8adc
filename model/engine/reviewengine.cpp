#include "engine/reviewengine.h"

#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/branchchecks.h"
#include "engine/branchcomparison.h"
#include "engine/objectchanges.h"

#include <nlohmann/json.hpp>
#include <QDateTime>
#include <QHash>
#include <QSet>

namespace lb {

namespace {

QString unitName(const QString &title, const QString &dataHash)
{
    return title.isEmpty() ? dataHash : QStringLiteral("'%1'").arg(title);
}

// The sync of the data units approved as a whole.
CopyRequest syncOf(const QString &sourceBranch, const QString &targetBranch, const QStringList &dataHashes,
                   int batchSize)
{
    CopyRequest request;
    request.sourceBranch = sourceBranch;
    request.targetBranch = targetBranch;
    request.overwrite = true;
    request.dataHashes = dataHashes;
    request.batchSize = batchSize;
    return request;
}

const Error kCancelled = fail(ErrorKind::Cancelled, QStringLiteral("review listing cancelled"));

} // namespace

Result<void> ReviewEngine::checkBranches(const QString &sourceBranch, const QString &targetBranch)
{
    if (sourceBranch == targetBranch)
        return fail(ErrorKind::Usage, QStringLiteral("source and target branch must be different"));
    Store &store = m_engine.store();
    if (auto source = BranchChecks::requireBranch(store, sourceBranch, QStringLiteral("source branch"));
        !source)
        return source;
    return BranchChecks::requireBranch(store, targetBranch, QStringLiteral("target branch"));
}

Result<ReviewProgress> ReviewEngine::forEach(const QString &sourceBranch, const QString &targetBranch,
                                             const ItemSink &sink, const JobControl &control)
{
    // Conflicts come first so the reviewer sees, before anything else, the rows where applying loses target
    // work; then the target's own changes, then the rest, each in title order.
    DiffQuery query;
    query.sourceBranch = sourceBranch;
    query.targetBranch = targetBranch;
    query.order = DiffQuery::Order::ThreeWay;
    return each(query, sink, control);
}

Result<ReviewRowSet> ReviewEngine::rows(const QString &sourceBranch, const QString &targetBranch,
                                        DiffQuery::Order order, bool descending, const JobControl &control)
{
    ReviewRowSet set;
    set.sourceBranch = sourceBranch;
    set.targetBranch = targetBranch;
    set.order = order;
    set.descending = descending;
    const bool keepEntries = !m_engine.store().comparesBranches();
    DiffQuery query;
    query.sourceBranch = sourceBranch;
    query.targetBranch = targetBranch;
    query.order = order;
    query.descending = descending;
    const Result<ReviewProgress> progress = each(
        query,
        [&](const ReviewItem &item) -> Result<void> {
            set.rows.append(ReviewRow{item.diff.unit, item.diff.status, item.threeWay,
                                      item.hasDecision || item.byObjects(), item.stale});
            if (item.hasDecision)
                set.decisions.insert(item.diff.unit, item.decision);
            if (item.byObjects())
                set.objectDecisions.insert(item.diff.unit, item.objectDecisions);
            if (keepEntries) {
                set.entries.append(item.diff);
                set.entries.last().sourceClassCounts.clear(); // for totals only
                set.entries.last().targetClassCounts.clear();
            }
            return {};
        },
        control);
    if (!progress)
        return progress.takeError();
    set.progress = progress.value();
    return set;
}

Result<ReviewProgress> ReviewEngine::each(const DiffQuery &differing, const ItemSink &sink,
                                          const JobControl &control)
{
    if (Result<void> valid = checkBranches(differing.sourceBranch, differing.targetBranch); !valid)
        return valid.takeError();
    const Result<QList<ReviewDecision>> decisions =
        m_engine.store().reviewDecisions(differing.sourceBranch, differing.targetBranch);
    if (!decisions)
        return decisions.takeError();
    QHash<QString, ReviewDecision> decisionByData;
    QHash<QString, QList<ReviewDecision>> objectDecisionsByData;
    for (const ReviewDecision &decision : decisions.value()) {
        if (decision.isOnObject())
            objectDecisionsByData[decision.dataHash].append(decision);
        else
            decisionByData.insert(decision.dataHash, decision);
    }

    // The comparison carries every data unit's three-way status; the decisions are all the review adds.
    DiffQuery query = differing;
    query.onlyDifferences = true;
    ReviewProgress progress;
    const auto take = [&](const DiffEntry &entry) -> Result<void> {
        ReviewItem item;
        item.diff = entry;
        item.threeWay = entry.threeWay;
        const auto decision = decisionByData.constFind(entry.dataHash);
        if (decision != decisionByData.cend()) {
            item.hasDecision = true;
            item.decision = decision.value();
            item.stale = decision->sourceContentHash != entry.sourceContentHash;
        }
        // Object decisions taken before the source row changed say nothing about it now; the unit is stale
        // when none is left up to date.
        const auto objects = objectDecisionsByData.constFind(entry.dataHash);
        if (objects != objectDecisionsByData.cend()) {
            for (const ReviewDecision &decision : objects.value()) {
                if (decision.sourceContentHash == entry.sourceContentHash)
                    item.objectDecisions.append(decision);
            }
            item.stale = item.objectDecisions.isEmpty();
        }
        progress.add(item);
        return sink(item);
    };
    const Result<qint64> listed = BranchComparison(m_engine.store()).forEach(query, take, control);
    if (!listed)
        return listed.errorKind() == ErrorKind::Cancelled ? kCancelled : listed.takeError();
    return progress;
}

Result<ReviewListing> ReviewEngine::list(const QString &sourceBranch, const QString &targetBranch,
                                         const JobControl &control)
{
    ReviewListing listing;
    listing.sourceBranch = sourceBranch;
    listing.targetBranch = targetBranch;
    const Result<ReviewProgress> progress = forEach(
        sourceBranch, targetBranch,
        [&listing](const ReviewItem &item) -> Result<void> {
            listing.items.append(item);
            // A listing keeps the class deltas; the per-side counts are for totals, and would double the
            // memory of a long listing.
            listing.items.last().diff.sourceClassCounts.clear();
            listing.items.last().diff.targetClassCounts.clear();
            return {};
        },
        control);
    if (!progress)
        return progress.takeError();
    listing.progress = progress.value();
    return listing;
}

Result<ReviewProgress> ReviewEngine::progress(const QString &sourceBranch, const QString &targetBranch)
{
    return forEach(sourceBranch, targetBranch, [](const ReviewItem &) -> Result<void> { return {}; });
}

Result<ReviewDecision> ReviewEngine::decide(const QString &sourceBranch, const QString &targetBranch,
                                            const QString &dataHash, ReviewVerdict verdict,
                                            const QString &comment)
{
    Result<QList<ReviewDecision>> decided =
        decide(sourceBranch, targetBranch, QStringList{dataHash}, verdict, comment);
    if (!decided)
        return decided.takeError();
    return decided->constFirst();
}

Result<QList<ReviewDecision>> ReviewEngine::decide(const QString &sourceBranch, const QString &targetBranch,
                                                   const QStringList &dataHashes, ReviewVerdict verdict,
                                                   const QString &comment)
{
    if (Result<void> valid = checkBranches(sourceBranch, targetBranch); !valid)
        return valid.takeError();
    Result<QStringList> wanted = distinctHashes(dataHashes);
    if (!wanted)
        return wanted.takeError();
    Result<QList<ReviewTarget>> targets = differingUnits(sourceBranch, targetBranch, wanted.value());
    if (!targets)
        return targets.takeError();

    // Millisecond precision is what the stores keep; trimming here makes the returned value equal the stored
    // one.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    QList<ReviewDecision> saved;
    saved.reserve(targets->size());
    for (const ReviewTarget &target : targets.value()) {
        ReviewDecision decision;
        decision.sourceBranch = sourceBranch;
        decision.targetBranch = targetBranch;
        decision.dataHash = target.unit.dataHash;
        decision.verdict = verdict;
        decision.comment = comment;
        decision.reviewer = m_engine.user();
        decision.decidedAt = now;
        decision.sourceContentHash = target.entry.sourceContentHash;
        if (Result<void> recorded = record(decision, target); !recorded)
            return recorded.takeError();
        saved.append(decision);
    }
    return saved;
}

Result<QStringList> ReviewEngine::distinctHashes(const QStringList &dataHashes)
{
    QStringList wanted;
    for (const QString &hash : dataHashes) {
        if (hash.isEmpty())
            return fail(ErrorKind::Usage, QStringLiteral("no data unit given for the review decision"));
        if (!wanted.contains(hash))
            wanted.append(hash);
    }
    if (wanted.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no data unit given for the review decision"));
    return wanted;
}

Result<QList<ReviewEngine::ReviewTarget>> ReviewEngine::differingUnits(const QString &sourceBranch,
                                                                       const QString &targetBranch,
                                                                       const QStringList &wanted)
{
    Store &store = m_engine.store();
    // The source listing with uninitialised rows names every wanted data unit that exists, so deciding on a
    // few units never reads the whole project. Above a few hundred hashes one full listing is cheaper than
    // binding them all; the diff below ignores the rest.
    RowQuery query;
    if (wanted.size() <= Store::kMaxFilterHashes)
        query.dataHashes = wanted;
    query.branch = sourceBranch;
    query.includeUninitialised = true;
    const Result<QList<LabelRowSummary>> sourceListing = store.listRows(query);
    if (!sourceListing)
        return sourceListing.takeError();
    const QSet<QString> wantedSet(wanted.cbegin(), wanted.cend());
    QHash<QString, DataUnit> unitByHash;
    QList<LabelRowSummary> sourceRows;
    for (const LabelRowSummary &row : sourceListing.value()) {
        if (!wantedSet.contains(row.dataHash))
            continue;
        unitByHash.insert(row.dataHash, DataUnit{row.dataHash, row.dataTitle, row.dataType});
        if (row.isInitialised())
            sourceRows.append(row);
    }
    QList<DataUnit> chosen;
    UnknownHashes unknown;
    for (const QString &hash : wanted) {
        const auto unit = unitByHash.constFind(hash);
        if (unit == unitByHash.cend())
            unknown.dataHashes.append(hash);
        else
            chosen.append(unit.value());
    }
    if (!unknown.isEmpty())
        return fail(ErrorKind::NotFound, unknownHashesText(unknown, sourceBranch).constFirst() +
                                             QStringLiteral("; nothing was decided"));

    query.branch = targetBranch;
    query.includeUninitialised = false;
    const Result<QList<LabelRowSummary>> targetRows = store.listRows(query);
    if (!targetRows)
        return targetRows.takeError();
    const BranchDiff diff =
        computeBranchDiff(sourceBranch, sourceRows, targetBranch, targetRows.value(), chosen);
    QHash<QString, const DiffEntry *> entryByHash;
    for (const DiffEntry &entry : diff.entries)
        entryByHash.insert(entry.dataHash, &entry);
    QList<ReviewTarget> targets;
    for (const DataUnit &unit : std::as_const(chosen)) {
        const DiffEntry *entry = entryByHash.value(unit.dataHash);
        if (!entry || !diffStatusIsDifference(entry->status))
            return fail(ErrorKind::Conflict,
                        QStringLiteral("%1 does not differ between %2 and %3; there is nothing to review")
                            .arg(unitName(unit.dataTitle, unit.dataHash), quoted(sourceBranch),
                                 quoted(targetBranch)));
        targets.append(ReviewTarget{unit, *entry});
    }
    return targets;
}

Result<void> ReviewEngine::record(const ReviewDecision &decision, const ReviewTarget &target)
{
    Store &store = m_engine.store();
    if (Result<void> stored = store.saveReviewDecision(decision); !stored)
        return stored;
    const bool approved = decision.verdict == ReviewVerdict::Approved;
    const DataUnit &unit = target.unit;
    QString summary = QStringLiteral("%1 %2 for %3 -> %4")
                          .arg(approved ? QStringLiteral("Approved") : QStringLiteral("Rejected"),
                               unitName(unit.dataTitle, unit.dataHash), quoted(decision.sourceBranch),
                               quoted(decision.targetBranch));
    if (!decision.comment.isEmpty())
        summary += QStringLiteral(": %1").arg(decision.comment);
    const nlohmann::json details = {
        {"source", decision.sourceBranch.toStdString()},
        {"target", decision.targetBranch.toStdString()},
        {"dataHash", unit.dataHash.toStdString()},
        {"dataTitle", unit.dataTitle.toStdString()},
        {"decision", reviewVerdictName(decision.verdict).toStdString()},
        {"comment", decision.comment.toStdString()},
        {"reviewer", decision.reviewer.toStdString()},
        {"diffStatus", diffStatusName(target.entry.status).toStdString()},
        {"sourceContentHash", target.entry.sourceContentHash.toStdString()},
        {"targetContentHash", target.entry.targetContentHash.toStdString()},
    };
    return AuditEntryBuilder(decision.reviewer,
                             approved ? QStringLiteral("review-approve") : QStringLiteral("review-reject"))
        .at(decision.decidedAt)
        .summary(summary)
        .details(details)
        .appendTo(store, QStringLiteral("the decision was saved"));
}

Result<int> ReviewEngine::clear(const QString &sourceBranch, const QString &targetBranch,
                                const QStringList &dataHashes)
{
    if (Result<void> valid = checkBranches(sourceBranch, targetBranch); !valid)
        return valid.takeError();
    Store &store = m_engine.store();
    const Result<int> removed = store.clearReviewDecisions(sourceBranch, targetBranch, dataHashes);
    if (!removed)
        return removed.takeError();
    if (removed.value() == 0)
        return 0;

    nlohmann::json hashes = nlohmann::json::array();
    for (const QString &hash : dataHashes)
        hashes.push_back(hash.toStdString());
    const QString summary = QStringLiteral("Cleared %1 for %2 -> %3")
                                .arg(plural(removed.value(), QStringLiteral("review decision")),
                                     quoted(sourceBranch), quoted(targetBranch));
    if (Result<void> audited = AuditEntryBuilder(m_engine.user(), QStringLiteral("review-clear"))
                                   .summary(summary)
                                   .details(nlohmann::json{{"source", sourceBranch.toStdString()},
                                                           {"target", targetBranch.toStdString()},
                                                           {"dataHashes", hashes},
                                                           {"removed", removed.value()}})
                                   .appendTo(store, QStringLiteral("the decisions were cleared"));
        !audited)
        return audited.takeError();
    return removed.value();
}

Result<ApplyReviewPlan> ReviewEngine::approvedScope(const QString &sourceBranch, const QString &targetBranch,
                                                    int batchSize)
{
    ApplyReviewPlan scope;
    scope.objectMerge.sourceBranch = sourceBranch;
    scope.objectMerge.targetBranch = targetBranch;
    scope.objectMerge.otherObjects = MergeChoice::KeepTarget;
    scope.objectMerge.batchSize = batchSize;
    scope.objectMerge.skipMissing = true; // an approved removal applied earlier names an object now gone
    // One pass that keeps the approved items only: decisions are few, differing units may be many.
    const Result<ReviewProgress> progress = forEach(sourceBranch, targetBranch, [&](ReviewItem item) {
        if (!item.isApproved())
            return Result<void>();
        item.diff.sourceClassCounts.clear(); // for totals only
        item.diff.targetClassCounts.clear();
        if (item.byObjects()) {
            UnitMergeRequest unit;
            unit.dataHash = item.diff.dataHash;
            for (const ReviewDecision &decision : item.objectDecisions)
                unit.objects.insert(decision.objectHash, decision.verdict == ReviewVerdict::Approved
                                                             ? MergeChoice::TakeSource
                                                             : MergeChoice::KeepTarget);
            scope.objectMerge.units.append(unit);
            scope.objectItems.append(item);
            return Result<void>();
        }
        scope.dataHashes.append(item.diff.dataHash);
        scope.approvedItems.append(item);
        if (item.threeWay == ThreeWayStatus::Conflict || item.threeWay == ThreeWayStatus::TargetChanged)
            ++scope.overwritesTargetEdits;
        return Result<void>();
    });
    if (!progress)
        return progress.takeError();
    scope.progress = progress.value();
    return scope;
}

Result<ApplyReviewPlan> ReviewEngine::planApply(const QString &sourceBranch, const QString &targetBranch,
                                                int batchSize)
{
    Result<ApplyReviewPlan> scope = approvedScope(sourceBranch, targetBranch, batchSize);
    if (!scope)
        return scope.takeError();
    ApplyReviewPlan result = std::move(scope).value();
    if (Result<void> objects = planObjects(result); !objects)
        return objects.takeError();
    const CopyRequest request = syncOf(sourceBranch, targetBranch, result.dataHashes, batchSize);
    if (result.dataHashes.isEmpty()) {
        // An empty data-hash filter means "every row" to the planner; nothing approved must plan nothing.
        result.plan.request = request;
        result.plan.targetExists = true;
        return result;
    }
    Result<CopyPlan> plan = m_engine.planCopy(request);
    if (!plan)
        return plan.takeError();
    result.plan = std::move(plan).value();
    Result<QHash<QString, QString>> changes = ObjectChanges::describe(m_engine.store(), result.plan);
    if (!changes)
        return changes.takeError();
    result.objectChanges.insert(changes.value());
    return result;
}

Result<AppliedReview> ReviewEngine::applyApproved(const QString &sourceBranch, const QString &targetBranch,
                                                  int batchSize, const JobControl &control)
{
    // Decided again from the current rows: a decision that went stale since the plan was shown is not
    // applied.
    Result<ApplyReviewPlan> scope = approvedScope(sourceBranch, targetBranch, batchSize);
    if (!scope)
        return scope.takeError();
    if (scope->isEmpty())
        return fail(QStringLiteral("no approved, up-to-date decisions to apply for %1 -> %2")
                        .arg(quoted(sourceBranch), quoted(targetBranch)));
    AppliedReview applied;
    if (!scope->dataHashes.isEmpty()) {
        Result<CopyResult> units =
            m_engine.applyReview(syncOf(sourceBranch, targetBranch, scope->dataHashes, batchSize), control);
        if (!units)
            return units.takeError();
        applied.units = std::move(units).value();
        if (applied.units.cancelled)
            return applied;
    }
    if (Result<void> objects = applyObjects(scope->objectMerge, applied, control); !objects)
        return objects.takeError();
    return applied;
}

} // namespace lb
