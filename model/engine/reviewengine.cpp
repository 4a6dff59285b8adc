#include "engine/reviewengine.h"

#include "domain/wording.h"
#include "engine/auditentrybuilder.h"

#include <algorithm>
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

const Error kCancelled = fail(QStringLiteral("review listing cancelled"));

void count(ReviewProgress &progress, const ReviewItem &item)
{
    ++progress.total;
    if (item.isDecided())
        ++progress.decided;
    if (item.isApproved())
        ++progress.approved;
    if (item.isRejected())
        ++progress.rejected;
    if (item.stale)
        ++progress.stale;
    if (item.threeWay == ThreeWayStatus::Conflict)
        ++progress.conflicts;
}

} // namespace

Result<void> ReviewEngine::checkBranches(const QString &sourceBranch, const QString &targetBranch)
{
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));
    Store &store = m_engine.store();
    for (const auto &[name, role] : {std::pair{sourceBranch, QStringLiteral("source branch")},
                                     std::pair{targetBranch, QStringLiteral("target branch")}}) {
        const Result<bool> exists = store.branchExists(name);
        if (!exists)
            return exists.takeError();
        if (!exists.value())
            return fail(QStringLiteral("%1 %2 does not exist").arg(role, quoted(name)));
    }
    return {};
}

Result<ReviewListing> ReviewEngine::list(const QString &sourceBranch, const QString &targetBranch,
                                         const JobControl &control)
{
    if (Result<void> valid = checkBranches(sourceBranch, targetBranch); !valid)
        return valid.takeError();
    // The diff carries every data unit's three-way status; the decisions are all the review adds.
    Result<BranchDiff> diff = m_engine.diff(sourceBranch, targetBranch, control);
    if (!diff)
        return diff.takeError();
    const Result<QList<ReviewDecision>> decisions =
        m_engine.store().reviewDecisions(sourceBranch, targetBranch);
    if (!decisions)
        return decisions.takeError();
    if (control.isCancelled())
        return kCancelled;
    QHash<QString, ReviewDecision> decisionByData;
    decisionByData.reserve(decisions->size());
    for (const ReviewDecision &decision : decisions.value())
        decisionByData.insert(decision.dataHash, decision);

    ReviewListing listing;
    listing.sourceBranch = sourceBranch;
    listing.targetBranch = targetBranch;
    for (const DiffEntry &entry : diff->entries) {
        if (!diffStatusIsDifference(entry.status))
            continue;
        ReviewItem item;
        item.diff = entry;
        item.threeWay = entry.threeWay;
        const auto decision = decisionByData.constFind(entry.dataHash);
        if (decision != decisionByData.cend()) {
            item.hasDecision = true;
            item.decision = decision.value();
            item.stale = decision->sourceContentHash != entry.sourceContentHash;
        }
        count(listing.progress, item);
        listing.items.append(item);
    }
    // Conflicts first so the reviewer sees, before anything else, the rows where applying loses target work.
    std::stable_sort(listing.items.begin(), listing.items.end(),
                     [](const ReviewItem &a, const ReviewItem &b) {
                         return threeWayReviewRank(a.threeWay) < threeWayReviewRank(b.threeWay);
                     });
    return listing;
}

Result<ReviewProgress> ReviewEngine::progress(const QString &sourceBranch, const QString &targetBranch)
{
    Result<ReviewListing> listing = list(sourceBranch, targetBranch);
    if (!listing)
        return listing.takeError();
    return listing->progress;
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
    QStringList wanted;
    for (const QString &hash : dataHashes) {
        if (hash.isEmpty())
            return fail(QStringLiteral("no data unit given for the review decision"));
        if (!wanted.contains(hash))
            wanted.append(hash);
    }
    if (wanted.isEmpty())
        return fail(QStringLiteral("no data unit given for the review decision"));
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
    for (const QString &hash : std::as_const(wanted)) {
        const auto unit = unitByHash.constFind(hash);
        if (unit == unitByHash.cend())
            return fail(QStringLiteral("data unit %1 is not in this project").arg(hash));
        chosen.append(unit.value());
    }

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
    for (const DataUnit &unit : std::as_const(chosen)) {
        const DiffEntry *entry = entryByHash.value(unit.dataHash);
        if (!entry || !diffStatusIsDifference(entry->status))
            return fail(QStringLiteral("%1 does not differ between %2 and %3; there is nothing to review")
                            .arg(unitName(unit.dataTitle, unit.dataHash), quoted(sourceBranch),
                                 quoted(targetBranch)));
    }

    // Millisecond precision is what the stores keep; trimming here makes the returned value equal the stored
    // one.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    const bool approved = verdict == ReviewVerdict::Approved;
    QList<ReviewDecision> saved;
    saved.reserve(chosen.size());
    for (const DataUnit &unit : std::as_const(chosen)) {
        const DiffEntry &entry = *entryByHash.value(unit.dataHash);
        ReviewDecision decision;
        decision.sourceBranch = sourceBranch;
        decision.targetBranch = targetBranch;
        decision.dataHash = unit.dataHash;
        decision.verdict = verdict;
        decision.comment = comment;
        decision.reviewer = m_engine.user();
        decision.decidedAt = now;
        decision.sourceContentHash = entry.sourceContentHash;
        if (Result<void> stored = store.saveReviewDecision(decision); !stored)
            return stored.takeError();

        QString summary =
            QStringLiteral("%1 %2 for %3 -> %4")
                .arg(approved ? QStringLiteral("Approved") : QStringLiteral("Rejected"),
                     unitName(unit.dataTitle, unit.dataHash), quoted(sourceBranch), quoted(targetBranch));
        if (!comment.isEmpty())
            summary += QStringLiteral(": %1").arg(comment);
        const nlohmann::json details = {
            {"source", sourceBranch.toStdString()},
            {"target", targetBranch.toStdString()},
            {"dataHash", unit.dataHash.toStdString()},
            {"dataTitle", unit.dataTitle.toStdString()},
            {"decision", reviewVerdictName(verdict).toStdString()},
            {"comment", comment.toStdString()},
            {"reviewer", decision.reviewer.toStdString()},
            {"diffStatus", diffStatusName(entry.status).toStdString()},
            {"sourceContentHash", entry.sourceContentHash.toStdString()},
            {"targetContentHash", entry.targetContentHash.toStdString()},
        };
        if (Result<void> audited =
                AuditEntryBuilder(decision.reviewer, approved ? QStringLiteral("review-approve")
                                                              : QStringLiteral("review-reject"))
                    .at(now)
                    .summary(summary)
                    .details(details)
                    .appendTo(store, QStringLiteral("the decision was saved"));
            !audited)
            return audited.takeError();
        saved.append(decision);
    }
    return saved;
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

Result<ApplyReviewPlan> ReviewEngine::approvedScope(const QString &sourceBranch, const QString &targetBranch)
{
    Result<ReviewListing> listing = list(sourceBranch, targetBranch);
    if (!listing)
        return listing.takeError();
    ApplyReviewPlan scope;
    scope.progress = listing->progress;
    for (const ReviewItem &item : listing->items) {
        if (!item.isApproved())
            continue;
        scope.dataHashes.append(item.diff.dataHash);
        scope.approvedItems.append(item);
        if (item.threeWay == ThreeWayStatus::Conflict || item.threeWay == ThreeWayStatus::TargetChanged)
            ++scope.overwritesTargetEdits;
    }
    return scope;
}

Result<ApplyReviewPlan> ReviewEngine::planApply(const QString &sourceBranch, const QString &targetBranch,
                                                int batchSize)
{
    Result<ApplyReviewPlan> scope = approvedScope(sourceBranch, targetBranch);
    if (!scope)
        return scope.takeError();
    ApplyReviewPlan result = std::move(scope).value();
    CopyRequest request;
    request.sourceBranch = sourceBranch;
    request.targetBranch = targetBranch;
    request.overwrite = true;
    request.dataHashes = result.dataHashes;
    request.batchSize = batchSize;
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
    return result;
}

Result<CopyResult> ReviewEngine::applyApproved(const QString &sourceBranch, const QString &targetBranch,
                                               int batchSize, const JobControl &control)
{
    // Decided again from the current rows: a decision that went stale since the plan was shown is not
    // applied.
    Result<ApplyReviewPlan> scope = approvedScope(sourceBranch, targetBranch);
    if (!scope)
        return scope.takeError();
    if (scope->dataHashes.isEmpty())
        return fail(QStringLiteral("no approved, up-to-date decisions to apply for %1 -> %2")
                        .arg(quoted(sourceBranch), quoted(targetBranch)));
    CopyRequest request;
    request.sourceBranch = sourceBranch;
    request.targetBranch = targetBranch;
    request.overwrite = true;
    request.dataHashes = scope->dataHashes;
    request.batchSize = batchSize;
    return m_engine.applyReview(request, control);
}

} // namespace lb
