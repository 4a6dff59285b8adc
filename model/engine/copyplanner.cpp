#include "engine/copyplanner.h"

#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/branchchecks.h"
#include "engine/engine.h"
#include "engine/rowpages.h"

#include <limits>
#include <QSet>

namespace lb {

namespace {

QStringList uniqueInOrder(const QStringList &items)
{
    QStringList unique;
    QSet<QString> seen;
    unique.reserve(items.size());
    for (const QString &item : items) {
        if (!seen.contains(item)) {
            seen.insert(item);
            unique.append(item);
        }
    }
    return unique;
}

QStringList inRequestOrder(const QStringList &hashes, const QSet<QString> &subset)
{
    QStringList out;
    for (const QString &hash : hashes) {
        if (subset.contains(hash))
            out.append(hash);
    }
    return out;
}

// data_hashes first, then label_hashes on what is left. A row that only label_hashes names is out of scope.
QList<const LabelRowSummary *> scopeOf(const QList<LabelRowSummary> &sourceRows,
                                       const QStringList &dataHashes, const QStringList &labelHashes)
{
    const QSet<QString> dataFilter(dataHashes.cbegin(), dataHashes.cend());
    const QSet<QString> labelFilter(labelHashes.cbegin(), labelHashes.cend());
    QList<const LabelRowSummary *> scope;
    scope.reserve(sourceRows.size());
    QSet<QString> scopeSeen;
    for (const LabelRowSummary &row : sourceRows) {
        if (!dataFilter.isEmpty() && !dataFilter.contains(row.dataHash))
            continue;
        if (!labelFilter.isEmpty() && !labelFilter.contains(row.labelHash))
            continue;
        if (scopeSeen.contains(row.dataHash))
            continue;
        scopeSeen.insert(row.dataHash);
        scope.append(&row);
    }
    return scope;
}

// What happens to one source row in scope, given the target's row for its data unit (if any).
CopyPlanItem planItem(const LabelRowSummary &row, const LabelRowSummary *target, bool overwrite,
                      bool targetKnown)
{
    CopyPlanItem item;
    item.dataHash = row.dataHash;
    item.dataTitle = row.dataTitle;
    item.sourceLabelHash = row.labelHash;
    item.unitKey = row.unitKey;
    if (target)
        item.targetLabelHash = target->labelHash;

    if (!row.isInitialised()) {
        item.action = PlanAction::Skip;
        item.reason = QStringLiteral("uninitialised on source");
    } else if (!target && !targetKnown) {
        item.action = PlanAction::Create;
        item.reason = QStringLiteral("new row on target, unless the target has one (then skipped)");
    } else if (item.targetLabelHash.isEmpty()) {
        item.action = PlanAction::Create;
        item.reason = QStringLiteral("new row on target");
    } else if (overwrite) {
        item.action = PlanAction::Replace;
        // Source wins even when nothing would change: Encord counts such a row as updated too.
        item.identical = target->contentHash == row.contentHash && !row.contentHash.isEmpty();
        item.reason = item.identical ? QStringLiteral("unchanged: identical content on both branches")
                                     : QStringLiteral("overwrite: replaces target row");
    } else {
        item.action = PlanAction::Skip;
        item.reason = QStringLiteral("target already has a row");
    }
    return item;
}

void addToPlan(PreparedCopy &prepared, const CopyPlanItem &item)
{
    CopyPlan &plan = prepared.plan;
    switch (item.action) {
    case PlanAction::Create:
        ++plan.toCreate;
        prepared.writes.append(CopyItem{item.dataHash, item.sourceLabelHash, QString(), false, item.unitKey});
        break;
    case PlanAction::Replace:
        ++(item.identical ? plan.unchanged : plan.toReplace);
        prepared.writes.append(CopyItem{item.dataHash, item.sourceLabelHash, item.targetLabelHash,
                                        item.identical, item.unitKey});
        break;
    case PlanAction::Skip:
        ++plan.toSkip;
        break;
    }
    plan.items.append(item);
}

CopyPlanItem unknownUnitItem(const QString &hash)
{
    CopyPlanItem item;
    item.dataHash = hash;
    item.action = PlanAction::Skip;
    item.reason = QStringLiteral("unknown data unit");
    return item;
}

} // namespace

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
    PreparedCopy prepared;
    prepared.plan.request = request;
    const Result<Store::Presence> source = m_store.knownPresence(request.sourceBranch);
    if (!source)
        return source.takeError();
    if (source.value() == Store::Presence::Absent)
        return missingSource(request);
    if (Result<void> target = lookUpTarget(prepared.plan, lookup); !target)
        return target.takeError();

    const QStringList dataHashes = uniqueInOrder(request.dataHashes);
    // The listing has a row for every data unit it names (uninitialised ones too) unless label hashes
    // narrow it: then the project's data units say which named ones do not exist.
    const bool listingNamesUnits = request.labelHashes.isEmpty();
    QSet<QString> unseen(dataHashes.cbegin(), dataHashes.cend());
    const QSet<QString> dataScope = unseen;
    const QStringList labelHashes = uniqueInOrder(request.labelHashes);
    QSet<QString> unseenLabels(labelHashes.cbegin(), labelHashes.cend());
    int initialised = 0;
    // A page of source rows and the target rows of the same data units at a time, so only the plan grows
    // with the branch; a remote store lists each branch once, as Encord's own copy does.
    const int pageSize = m_store.listsPagesCheaply() ? m_pageSize : std::numeric_limits<int>::max();
    const Result<void> planned =
        RowPages::forEach(m_store, sourceQuery(request, dataHashes), pageSize,
                          [&](const QList<LabelRowSummary> &page) -> Result<void> {
                              for (const LabelRowSummary &row : page) {
                                  unseen.remove(row.dataHash);
                                  initialised += row.isInitialised() ? 1 : 0;
                                  if (dataScope.isEmpty() || dataScope.contains(row.dataHash))
                                      unseenLabels.remove(row.labelHash);
                              }
                              return planPage(prepared, page, dataHashes);
                          });
    if (!planned)
        return planned.takeError();
    if (source.value() == Store::Presence::Unknown && initialised == 0) {
        // Nothing to copy: only now is it worth asking whether the source exists at all.
        if (Result<void> exists =
                BranchChecks::requireBranch(m_store, request.sourceBranch, QStringLiteral("source branch"));
            !exists)
            return exists.takeError();
    }
    const Result<QStringList> unknown = listingNamesUnits
                                            ? Result<QStringList>(inRequestOrder(dataHashes, unseen))
                                            : unknownDataHashes(dataHashes);
    if (!unknown)
        return unknown.takeError();
    for (const QString &hash : unknown.value())
        addToPlan(prepared, unknownUnitItem(hash));
    prepared.plan.unknown.dataHashes = unknown.value();
    prepared.plan.unknown.labelHashes = inRequestOrder(labelHashes, unseenLabels);
    return prepared;
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

Result<void> CopyPlanner::planPage(PreparedCopy &prepared, const QList<LabelRowSummary> &sourceRows,
                                   const QStringList &dataHashes)
{
    const CopyRequest &request = prepared.plan.request;
    const QList<const LabelRowSummary *> scope = scopeOf(sourceRows, dataHashes, request.labelHashes);
    QHash<QString, LabelRowSummary> targetRows;
    const bool targetKnown = prepared.plan.targetKnown;
    if (prepared.plan.targetExists) {
        Result<QHash<QString, LabelRowSummary>> listed = listTarget(request, scope);
        if (!listed)
            return listed.takeError();
        targetRows = std::move(listed.value());
    }
    for (const LabelRowSummary *row : std::as_const(scope)) {
        const auto target = targetRows.constFind(row->dataHash);
        addToPlan(prepared, planItem(*row, target != targetRows.cend() ? &*target : nullptr,
                                     request.overwrite, targetKnown));
    }
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

// Unknown data hashes match nothing, as on Encord, but the plan names them so a typo is visible.
Result<QStringList> CopyPlanner::unknownDataHashes(const QStringList &dataHashes)
{
    QStringList unknown;
    if (dataHashes.isEmpty())
        return unknown;
    const Result<QList<DataUnit>> units = m_store.dataUnits();
    if (!units)
        return units.takeError();
    QSet<QString> known;
    known.reserve(units->size());
    for (const DataUnit &unit : units.value())
        known.insert(unit.dataHash);
    for (const QString &hash : dataHashes) {
        if (!known.contains(hash))
            unknown.append(hash);
    }
    return unknown;
}

RowQuery CopyPlanner::sourceQuery(const CopyRequest &request, const QStringList &dataHashes)
{
    RowQuery query;
    query.branch = request.sourceBranch;
    query.includeUninitialised = true;
    query.withCounts = false;
    // Both filters in the one listing, as Encord's copy sends them (docs/encord-api.md §3.8).
    if (!dataHashes.isEmpty() && dataHashes.size() <= Store::kMaxFilterHashes)
        query.dataHashes = dataHashes;
    if (!request.labelHashes.isEmpty() && request.labelHashes.size() <= Store::kMaxFilterHashes)
        query.labelHashes = request.labelHashes;
    return query;
}

// The target's initialised rows for the source rows in scope, by data hash (a skipped uninitialised source
// row names the target row it leaves alone too).
Result<QHash<QString, LabelRowSummary>> CopyPlanner::listTarget(const CopyRequest &request,
                                                                const QList<const LabelRowSummary *> &scope)
{
    QStringList scopeDataHashes;
    for (const LabelRowSummary *row : scope)
        scopeDataHashes.append(row->dataHash);
    QHash<QString, LabelRowSummary> targetRows;
    if (scopeDataHashes.isEmpty())
        return targetRows;
    RowQuery targetQuery;
    targetQuery.branch = request.targetBranch;
    targetQuery.withCounts = false;
    if (scopeDataHashes.size() <= Store::kMaxFilterHashes)
        targetQuery.dataHashes = scopeDataHashes;
    const Result<QList<LabelRowSummary>> listed = m_store.listRows(targetQuery);
    if (!listed)
        return listed.takeError();
    targetRows.reserve(listed->size());
    for (const LabelRowSummary &row : listed.value()) {
        if (row.isInitialised())
            targetRows.insert(row.dataHash, row);
    }
    return targetRows;
}

} // namespace lb
