#include "engine/mergeengine.h"

#include "diff/objectdiff.h"
#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/branchchecks.h"
#include "engine/journaledwrite.h"

#include <nlohmann/json.hpp>
#include <QSet>

namespace lb {

namespace {

// Audit details name the objects of at most this many data units; the counts cover all of them.
constexpr int kAuditedUnits = 1000;

QString unitLabel(const QString &dataHash, const QString &title)
{
    return title.isEmpty() ? dataHash : QStringLiteral("%1 (%2)").arg(quoted(title), dataHash);
}

// The rows of one bundle's data units on one branch, by data hash; a unit without a row there is listed
// with an empty label hash, and a data hash the project does not have is missing.
Result<QHash<QString, LabelRowSummary>> listUnits(Store &store, const QString &branch,
                                                  const QStringList &hashes)
{
    RowQuery query;
    query.branch = branch;
    query.dataHashes = hashes;
    query.includeUninitialised = true;
    Result<QList<LabelRowSummary>> listed = store.listRows(query);
    if (!listed)
        return listed.takeError();
    QHash<QString, LabelRowSummary> rows;
    for (const LabelRowSummary &row : listed.value())
        rows.insert(row.dataHash, row);
    return rows;
}

// The documents of the listed rows that exist, by data hash.
Result<QHash<QString, LabelRowDocument>> fetchUnits(Store &store, const QString &branch,
                                                    const QHash<QString, LabelRowSummary> &rows)
{
    QStringList labelHashes;
    for (const LabelRowSummary &row : rows) {
        if (row.isInitialised())
            labelHashes.append(row.labelHash);
    }
    QHash<QString, LabelRowDocument> documents;
    if (labelHashes.isEmpty())
        return documents;
    Result<QList<LabelRowDocument>> fetched = store.fetchContents(branch, labelHashes);
    if (!fetched)
        return fetched.takeError();
    for (LabelRowDocument &document : fetched.value())
        documents.insert(document.dataHash(), std::move(document));
    return documents;
}

// Objects the object diff matched by shape carry two hashes: source hash -> target hash.
QHash<QString, QString> pairingByShape(const LabelRowDocument *source, const LabelRowDocument *target)
{
    QHash<QString, QString> pairing;
    if (!source || !target)
        return pairing;
    const ObjectDiff diff = computeObjectDiff(source, target);
    for (const ObjectInstanceChange &instance : diff.instances) {
        if (!instance.sourceObjectHash.isEmpty() && !instance.objectHash.isEmpty() &&
            instance.sourceObjectHash != instance.objectHash)
            pairing.insert(instance.sourceObjectHash, instance.objectHash);
    }
    return pairing;
}

Result<void> cancelledCheck(const JobControl &control)
{
    if (control.isCancelled())
        return fail(ErrorKind::Cancelled, QStringLiteral("the merge was cancelled; nothing was written"));
    return {};
}

nlohmann::json entryJson(const MergeEntry &entry)
{
    return {{"hash", entry.hash.toStdString()},
            {"sourceHash", entry.sourceHash.toStdString()},
            {"classification", entry.classification},
            {"choice", mergeChoiceName(entry.choice).toStdString()},
            {"outcome", mergeOutcomeName(entry.outcome).toStdString()}};
}

nlohmann::json mergeDetails(const MergeRequest &request, const MergePlan &plan, const CopyResult &result)
{
    nlohmann::json units = nlohmann::json::array();
    int objects = 0;
    for (const UnitMergePlan &unit : plan.units) {
        if (!unit.writes)
            continue;
        nlohmann::json entries = nlohmann::json::array();
        for (const MergeEntry &entry : unit.entries) {
            if (entry.changesTarget) {
                entries.push_back(entryJson(entry));
                ++objects;
            }
        }
        if (int(units.size()) < kAuditedUnits)
            units.push_back({{"dataHash", unit.dataHash.toStdString()},
                             {"dataTitle", unit.dataTitle.toStdString()},
                             {"threeWay", unit.hasBase},
                             {"objects", std::move(entries)}});
    }
    return {{"source", request.sourceBranch.toStdString()},
            {"target", request.targetBranch.toStdString()},
            {"others", mergeChoiceName(request.otherObjects).toStdString()},
            {"count", result.count},
            {"created", result.created},
            {"replaced", result.replaced},
            {"objectsTaken", objects},
            {"batchesDone", result.batchesDone},
            {"batchesTotal", result.batchesTotal},
            {"cancelled", result.cancelled},
            {"dataUnits", std::move(units)}};
}

QString mergeSummary(const MergeRequest &request, const MergePlan &plan, const CopyResult &result)
{
    QString text = QStringLiteral("Merged %1 of %2 from %3 into %4: %5 written")
                       .arg(plural(plan.objectsTaken(), QStringLiteral("object")),
                            plural(plan.toWrite, QStringLiteral("data unit")), quoted(request.sourceBranch),
                            quoted(request.targetBranch), plural(result.count, QStringLiteral("label row")));
    if (result.cancelled)
        text += QStringLiteral("; cancelled after %1 of %2 batches")
                    .arg(result.batchesDone)
                    .arg(result.batchesTotal);
    return text;
}

} // namespace

int UnitMergePlan::conflictCount() const
{
    return int(std::count_if(entries.cbegin(), entries.cend(), [](const MergeEntry &entry) {
        return entry.outcome == MergeOutcome::Conflict;
    }));
}

int MergePlan::objectsTaken() const
{
    int taken = 0;
    for (const UnitMergePlan &unit : units)
        for (const MergeEntry &entry : unit.entries)
            taken += entry.changesTarget ? 1 : 0;
    return taken;
}

QStringList MergePlan::conflictLines(int limit) const
{
    QStringList lines;
    for (const UnitMergePlan &unit : units) {
        for (const MergeEntry &entry : unit.entries) {
            if (entry.outcome != MergeOutcome::Conflict)
                continue;
            if (lines.size() == limit)
                return lines << QStringLiteral("and %1 more").arg(conflicts - limit);
            lines << QStringLiteral("data unit %1: %2 %3 %4")
                         .arg(unitLabel(unit.dataHash, unit.dataTitle),
                              entry.classification ? QStringLiteral("classification")
                                                   : QStringLiteral("object"),
                              entry.hash, entry.describe());
        }
    }
    return lines;
}

Result<void> MergeEngine::checkRequest(const MergeRequest &request)
{
    if (request.sourceBranch.isEmpty() || request.targetBranch.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("a merge needs a source and a target branch"));
    if (request.sourceBranch == request.targetBranch)
        return fail(ErrorKind::Usage,
                    QStringLiteral("cannot merge branch %1 into itself").arg(quoted(request.sourceBranch)));
    if (request.units.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("a merge needs at least one data unit"));
    if (request.batchSize < Engine::kMinBatchSize || request.batchSize > Engine::kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("batch size must be between %1 and %2, not %3")
                                          .arg(Engine::kMinBatchSize)
                                          .arg(Engine::kMaxBatchSize)
                                          .arg(request.batchSize));
    QSet<QString> seen;
    for (const UnitMergeRequest &unit : request.units) {
        if (unit.dataHash.isEmpty())
            return fail(ErrorKind::Usage, QStringLiteral("a data hash is empty"));
        if (seen.contains(unit.dataHash))
            return fail(ErrorKind::Usage, QStringLiteral("data unit %1 is named twice").arg(unit.dataHash));
        seen.insert(unit.dataHash);
    }
    if (Result<void> source = BranchChecks::requireBranch(m_engine.store(), request.sourceBranch,
                                                          QStringLiteral("source branch"));
        !source)
        return source;
    return BranchChecks::requireBranch(m_engine.store(), request.targetBranch,
                                       QStringLiteral("target branch"));
}

Result<void> MergeEngine::mergeUnits(const MergeRequest &request, qsizetype first, qsizetype count,
                                     const MergedSink &take)
{
    Store &store = m_engine.store();
    const qsizetype end = std::min(request.units.size(), first + count);
    for (qsizetype start = first; start < end; start += kBundle) {
        const QList<UnitMergeRequest> bundle =
            request.units.mid(start, std::min<qsizetype>(kBundle, end - start));
        QStringList hashes;
        for (const UnitMergeRequest &unit : bundle)
            hashes.append(unit.dataHash);
        auto sourceRows = listUnits(store, request.sourceBranch, hashes);
        if (!sourceRows)
            return sourceRows.takeError();
        auto targetRows = listUnits(store, request.targetBranch, hashes);
        if (!targetRows)
            return targetRows.takeError();
        QStringList unknown, copied;
        for (const QString &hash : hashes) {
            if (!targetRows->contains(hash))
                unknown.append(hash);
            else if (targetRows->value(hash).provenance.sourceBranch == request.sourceBranch)
                copied.append(hash);
        }
        if (!unknown.isEmpty())
            return fail(ErrorKind::NotFound,
                        (unknown.size() == 1 ? QStringLiteral("data unit %1 is not in this project")
                                             : QStringLiteral("data units %1 are not in this project"))
                            .arg(unknown.join(QStringLiteral(", "))));
        auto sources = fetchUnits(store, request.sourceBranch, sourceRows.value());
        if (!sources)
            return sources.takeError();
        auto targets = fetchUnits(store, request.targetBranch, targetRows.value());
        if (!targets)
            return targets.takeError();
        auto bases = store.fetchCopyBases(request.targetBranch, copied);
        if (!bases)
            return bases.takeError();

        for (const UnitMergeRequest &unit : bundle) {
            const LabelRowSummary &listed = targetRows->value(unit.dataHash);
            const auto source = sources->constFind(unit.dataHash);
            const auto target = targets->constFind(unit.dataHash);
            const auto base = bases->constFind(unit.dataHash);
            ObjectMergeInput input;
            input.source = source != sources->cend() ? &source.value() : nullptr;
            input.target = target != targets->cend() ? &target.value() : nullptr;
            input.base = base != bases->cend() ? &base.value() : nullptr;
            input.pairing = unit.pairing ? *unit.pairing : pairingByShape(input.source, input.target);
            input.objects = unit.objects;
            input.classifications = unit.classifications;
            input.otherObjects = request.otherObjects;
            input.skipMissing = request.skipMissing;
            const QString label = unitLabel(unit.dataHash, listed.dataTitle);
            Result<ObjectMergeResult> merged = mergeObjects(input);
            if (!merged)
                return fail(merged.errorKind(),
                            QStringLiteral("data unit %1: %2").arg(label, merged.error()));

            Merged out;
            out.plan.dataHash = unit.dataHash;
            out.plan.dataTitle = listed.dataTitle;
            out.plan.sourcePresent = input.source != nullptr;
            out.plan.targetPresent = input.target != nullptr;
            out.plan.hasBase = input.base != nullptr;
            out.plan.writes = merged->changesTarget && !merged->hasConflicts();
            out.plan.entries = merged->entries;
            if (out.plan.writes) {
                Result<LabelRowDocument> row = LabelRowDocument::fromJson(merged->merged, label);
                if (!row)
                    return fail(QStringLiteral("data unit %1: the merged row is not valid: %2")
                                    .arg(label, row.error()));
                row->setBranchName(request.targetBranch);
                out.row = std::move(row).value();
            }
            if (Result<void> taken = take(out); !taken)
                return taken;
        }
    }
    return {};
}

Result<MergePlan> MergeEngine::plan(const MergeRequest &request, const JobControl &control)
{
    if (Result<void> checked = checkRequest(request); !checked)
        return checked.takeError();
    MergePlan plan;
    plan.sourceBranch = request.sourceBranch;
    plan.targetBranch = request.targetBranch;
    const qsizetype total = request.units.size();
    for (qsizetype first = 0; first < total; first += kBundle) {
        if (Result<void> going = cancelledCheck(control); !going)
            return going.takeError();
        const Result<void> merged = mergeUnits(request, first, kBundle, [&plan](Merged &unit) {
            plan.toWrite += unit.plan.writes ? 1 : 0;
            plan.conflicts += unit.plan.conflictCount();
            plan.units.append(std::move(unit.plan));
            return Result<void>();
        });
        if (!merged)
            return merged.takeError();
        Progress progress;
        progress.done = std::min(total, first + kBundle);
        progress.total = total;
        progress.stage = QStringLiteral("planning the merge");
        control.report(progress);
    }
    return plan;
}

Result<MergeEngine::Applied> MergeEngine::apply(const MergeRequest &request, const JobControl &control)
{
    if (Result<void> checked = checkRequest(request); !checked)
        return checked.takeError();
    OperationRecord record;
    record.kind = OperationKind::Merge;
    record.sourceBranch = request.sourceBranch;
    record.targetBranch = request.targetBranch;
    record.overwrite = true;
    record.user = m_engine.user();
    // Planned under the target's lock, so no other write changes the target between plan and write.
    WriterLock lock(m_engine.store(), record);
    if (Result<void> acquired = lock.acquire(control); !acquired)
        return acquired.takeError();
    Result<MergePlan> planned = plan(request, control);
    if (!planned)
        return planned.takeError();
    Applied applied;
    applied.plan = std::move(planned).value();
    if (applied.plan.hasConflicts())
        return fail(ErrorKind::Conflict,
                    QStringLiteral("%1 left in conflict, changed on both branches since the copy; choose the "
                                   "source's or the target's for each (nothing was written): %2")
                        .arg(plural(applied.plan.conflicts, QStringLiteral("object")),
                             applied.plan.conflictLines().join(QStringLiteral("; "))));
    if (applied.plan.toWrite == 0)
        return applied;
    Result<CopyResult> written = write(request, applied.plan, lock, control);
    if (!written)
        return written.takeError();
    applied.result = written.value();
    return applied;
}

Result<CopyResult> MergeEngine::write(const MergeRequest &request, const MergePlan &plan, WriterLock &lock,
                                      const JobControl &control)
{
    // Only the units that change, in the order of the request.
    MergeRequest writing = request;
    writing.units.clear();
    for (qsizetype i = 0; i < request.units.size(); ++i) {
        if (plan.units.at(i).writes)
            writing.units.append(request.units.at(i));
    }
    CopyResult result;
    const int batchSize = request.batchSize;
    result.batchesTotal = int((writing.units.size() + batchSize - 1) / batchSize);
    const auto audit = [&](const CopyResult &done) {
        return AuditEntryBuilder(m_engine.user(), operationKindName(OperationKind::Merge))
            .summary(mergeSummary(request, plan, done))
            .details(mergeDetails(request, plan, done));
    };
    const JournaledWrite::Wording wording{QStringLiteral("merging"), QStringLiteral("written"),
                                          QStringLiteral(" (rolling back what was written also failed: %1)")};
    JournaledWrite journal(m_engine.store(), lock, wording, audit);
    if (Result<void> begun = journal.begin(result); !begun)
        return begun.takeError();
    const auto writeBatch = [&](qint64 operationId, int batch) -> Result<CopyBatchResult> {
        QList<LabelRowDocument> rows;
        const Result<void> merged = mergeUnits(
            writing, qsizetype(batch) * batchSize, batchSize, [&rows](Merged &unit) -> Result<void> {
                if (!unit.row)
                    return fail(ErrorKind::Conflict,
                                QStringLiteral("data unit %1 changed on the source while it was merged")
                                    .arg(unitLabel(unit.plan.dataHash, unit.plan.dataTitle)));
                rows.append(std::move(*unit.row));
                return {};
            });
        if (!merged)
            return merged.takeError();
        return m_engine.store().writeRows(operationId, request.targetBranch, rows, true);
    };
    if (Result<void> written =
            journal.writeBatches(result, writing.units.size(), batchSize, writeBatch,
                                 QStringLiteral("merge into %1").arg(quoted(request.targetBranch)), control);
        !written)
        return written.takeError();
    if (Result<void> finished = journal.finish(result); !finished)
        return finished.takeError();
    return result;
}

} // namespace lb
