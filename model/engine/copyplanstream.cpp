#include "engine/copyplanstream.h"

#include <limits>

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

CopyPlanItem unknownUnitItem(const QString &hash)
{
    CopyPlanItem item;
    item.dataHash = hash;
    item.action = PlanAction::Skip;
    item.reason = QStringLiteral("unknown data unit");
    return item;
}

} // namespace

CopyPlanStream::CopyPlanStream(Store &store, const CopyPlan &plan, int pageSize)
    : m_store(store), m_dataHashes(uniqueInOrder(plan.request.dataHashes)),
      m_labelHashes(uniqueInOrder(plan.request.labelHashes)),
      m_cursor(store, sourceQuery(plan.request, m_dataHashes),
               store.listsPagesCheaply() ? pageSize : std::numeric_limits<int>::max())
{
    m_plan.request = plan.request;
    m_plan.targetExists = plan.targetExists;
    m_plan.targetKnown = plan.targetKnown;
    m_dataScope = QSet<QString>(m_dataHashes.cbegin(), m_dataHashes.cend());
    m_labelScope = QSet<QString>(m_labelHashes.cbegin(), m_labelHashes.cend());
    m_unseenData = m_dataScope;
    m_unseenLabels = m_labelScope;
}

Result<QList<CopyPlanItem>> CopyPlanStream::nextPage()
{
    // A page of source rows can hold none in scope (more hashes than one filter takes walk every row):
    // only the end of the listing ends the items.
    for (;;) {
        const Result<QList<LabelRowSummary>> page = m_cursor.next();
        if (!page)
            return page.takeError();
        if (page->isEmpty())
            return QList<CopyPlanItem>();
        for (const LabelRowSummary &row : page.value()) {
            m_unseenData.remove(row.dataHash);
            m_initialised += row.isInitialised() ? 1 : 0;
            if (m_dataScope.isEmpty() || m_dataScope.contains(row.dataHash))
                m_unseenLabels.remove(row.labelHash);
        }
        Result<QList<CopyPlanItem>> items = planRows(page.value(), true);
        if (!items || !items->isEmpty())
            return items;
    }
}

Result<QList<CopyPlanItem>> CopyPlanStream::itemsAt(int offset, int limit)
{
    RowQuery query = sourceQuery(m_plan.request, m_dataHashes);
    query.order = RowQuery::Order::Title;
    query.offset = qMax(0, offset);
    query.limit = qBound(1, limit, Store::kMaxFilterHashes); // the target rows are listed by their hashes
    const Result<QList<LabelRowSummary>> rows = m_store.listRows(query);
    if (!rows)
        return rows.takeError();
    return planRows(rows.value(), false);
}

Result<QList<CopyPlanItem>> CopyPlanStream::planRows(const QList<LabelRowSummary> &sourceRows, bool counted)
{
    const QList<const LabelRowSummary *> scope = scopeOf(sourceRows);
    QHash<QString, LabelRowSummary> targetRows;
    if (m_plan.targetExists) {
        Result<QHash<QString, LabelRowSummary>> listed = listTarget(scope);
        if (!listed)
            return listed.takeError();
        targetRows = std::move(listed.value());
    }
    QList<CopyPlanItem> items;
    items.reserve(scope.size());
    for (const LabelRowSummary *row : scope) {
        const auto target = targetRows.constFind(row->dataHash);
        items.append(planItem(*row, target != targetRows.cend() ? &*target : nullptr,
                              m_plan.request.overwrite, m_plan.targetKnown));
        if (counted)
            count(items.constLast());
    }
    return items;
}

Result<QList<CopyPlanItem>> CopyPlanStream::finish()
{
    // The listing has a row for every data unit it names (uninitialised ones too) unless label hashes
    // narrow it: then the project's data units say which named ones do not exist.
    const Result<QStringList> unknown = m_plan.request.labelHashes.isEmpty()
                                            ? Result<QStringList>(inRequestOrder(m_dataHashes, m_unseenData))
                                            : unknownDataHashes();
    if (!unknown)
        return unknown.takeError();
    QList<CopyPlanItem> items;
    for (const QString &hash : unknown.value()) {
        items.append(unknownUnitItem(hash));
        count(items.constLast());
    }
    m_plan.unknown.dataHashes = unknown.value();
    m_plan.unknown.labelHashes = inRequestOrder(m_labelHashes, m_unseenLabels);
    return items;
}

std::optional<CopyItem> CopyPlanStream::writeOf(const CopyPlanItem &item)
{
    switch (item.action) {
    case PlanAction::Create:
        return CopyItem{item.dataHash, item.sourceLabelHash, QString(), false, item.unitKey};
    case PlanAction::Replace:
        return CopyItem{item.dataHash, item.sourceLabelHash, item.targetLabelHash, item.identical,
                        item.unitKey};
    case PlanAction::Skip:
        break;
    }
    return std::nullopt;
}

void CopyPlanStream::count(const CopyPlanItem &item)
{
    switch (item.action) {
    case PlanAction::Create:
        ++m_plan.toCreate;
        break;
    case PlanAction::Replace:
        ++(item.identical ? m_plan.unchanged : m_plan.toReplace);
        break;
    case PlanAction::Skip:
        ++m_plan.toSkip;
        break;
    }
}

// data_hashes first, then label_hashes on what is left. A row that only label_hashes names is out of scope.
QList<const LabelRowSummary *> CopyPlanStream::scopeOf(const QList<LabelRowSummary> &sourceRows) const
{
    QList<const LabelRowSummary *> scope;
    scope.reserve(sourceRows.size());
    QSet<QString> scopeSeen;
    for (const LabelRowSummary &row : sourceRows) {
        if (!m_dataScope.isEmpty() && !m_dataScope.contains(row.dataHash))
            continue;
        if (!m_labelScope.isEmpty() && !m_labelScope.contains(row.labelHash))
            continue;
        if (scopeSeen.contains(row.dataHash))
            continue;
        scopeSeen.insert(row.dataHash);
        scope.append(&row);
    }
    return scope;
}

// The target's initialised rows for the source rows in scope, by data hash (a skipped uninitialised source
// row names the target row it leaves alone too).
Result<QHash<QString, LabelRowSummary>>
CopyPlanStream::listTarget(const QList<const LabelRowSummary *> &scope)
{
    QStringList scopeDataHashes;
    scopeDataHashes.reserve(scope.size());
    for (const LabelRowSummary *row : scope)
        scopeDataHashes.append(row->dataHash);
    QHash<QString, LabelRowSummary> targetRows;
    if (scopeDataHashes.isEmpty())
        return targetRows;
    RowQuery targetQuery;
    targetQuery.branch = m_plan.request.targetBranch;
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

// Unknown data hashes match nothing, as on Encord, but the plan names them so a typo is visible.
Result<QStringList> CopyPlanStream::unknownDataHashes()
{
    QStringList unknown;
    if (m_dataHashes.isEmpty())
        return unknown;
    const Result<QList<DataUnit>> units = m_store.dataUnits();
    if (!units)
        return units.takeError();
    QSet<QString> known;
    known.reserve(units->size());
    for (const DataUnit &unit : units.value())
        known.insert(unit.dataHash);
    for (const QString &hash : m_dataHashes) {
        if (!known.contains(hash))
            unknown.append(hash);
    }
    return unknown;
}

RowQuery CopyPlanStream::sourceQuery(const CopyRequest &request, const QStringList &dataHashes)
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

} // namespace lb
