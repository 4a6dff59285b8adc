#include "engine/objectchanges.h"

#include "diff/objectdiff.h"
#include "domain/ontology.h"
#include "store/store.h"

#include <map>

namespace lb {

namespace {

constexpr int kBundle = 100;

// Reads the rows of `labelHashes` on `branch`, keyed by label hash.
Result<QHash<QString, LabelRowDocument>> readRows(Store &store, const QString &branch,
                                                  const QStringList &labelHashes)
{
    QHash<QString, LabelRowDocument> rows;
    for (qsizetype start = 0; start < labelHashes.size(); start += kBundle) {
        Result<QList<LabelRowDocument>> bundle = store.fetchContents(branch, labelHashes.mid(start, kBundle));
        if (!bundle)
            return bundle.takeError();
        for (LabelRowDocument &row : bundle.value())
            rows.insert(row.labelHash(), std::move(row));
    }
    return rows;
}

struct ClassCounts
{
    int added = 0;
    int removed = 0;
    int edited = 0;
};

QString describeDiff(const ObjectDiff &diff, const Ontology &ontology)
{
    std::map<QString, ClassCounts> perClass; // by name, so the text reads in a stable order
    for (const ObjectInstanceChange &change : diff.instances) {
        ClassCounts &counts = perClass[ontology.nameOf(change.featureHash)];
        if (change.kind == ChangeKind::Added)
            ++counts.added;
        else if (change.kind == ChangeKind::Removed)
            ++counts.removed;
        else if (change.kind == ChangeKind::Edited)
            ++counts.edited;
    }
    QStringList parts;
    for (const auto &[name, counts] : perClass) {
        if (counts.added)
            parts << QStringLiteral("+%1 %2").arg(counts.added).arg(name);
        if (counts.removed)
            parts << QStringLiteral("−%1 %2").arg(counts.removed).arg(name);
        if (counts.edited)
            parts << QStringLiteral("~%1 %2").arg(counts.edited).arg(name);
    }
    const int classifications =
        diff.classificationsAdded + diff.classificationsRemoved + diff.classificationsChanged;
    if (classifications > 0)
        parts << (classifications == 1 ? QStringLiteral("1 classification changed")
                                       : QStringLiteral("%1 classifications changed").arg(classifications));
    return parts.isEmpty() ? QStringLiteral("objects unchanged") : parts.join(QStringLiteral(", "));
}

} // namespace

Result<QHash<QString, QString>> ObjectChanges::describe(Store &store, const CopyPlan &plan, int limit)
{
    QStringList sourceHashes, targetHashes;
    QList<const CopyPlanItem *> items;
    for (const CopyPlanItem &item : plan.items) {
        if (item.action == PlanAction::Skip || items.size() >= limit)
            continue;
        items.append(&item);
        sourceHashes.append(item.sourceLabelHash);
        if (!item.targetLabelHash.isEmpty())
            targetHashes.append(item.targetLabelHash);
    }
    QHash<QString, QString> changes;
    if (items.isEmpty())
        return changes;
    Result<QHash<QString, LabelRowDocument>> sources =
        readRows(store, plan.request.sourceBranch, sourceHashes);
    if (!sources)
        return sources.takeError();
    Result<QHash<QString, LabelRowDocument>> targets =
        readRows(store, plan.request.targetBranch, targetHashes);
    if (!targets)
        return targets.takeError();
    Result<Ontology> ontology = store.ontology();
    const Ontology names = ontology ? ontology.value() : Ontology();
    for (const CopyPlanItem *item : items) {
        const auto source = sources->constFind(item->sourceLabelHash);
        const auto target = targets->constFind(item->targetLabelHash);
        // Before (the target's row) → after (the source's): "added" is what the target gains.
        const ObjectDiff diff = computeObjectDiff(target != targets->cend() ? &target.value() : nullptr,
                                                  source != sources->cend() ? &source.value() : nullptr);
        changes.insert(item->dataHash, describeDiff(diff, names));
    }
    return changes;
}

} // namespace lb
