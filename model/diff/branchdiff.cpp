#include "diff/branchdiff.h"

#include <algorithm>
#include <QSet>
#include <vector>

namespace lb {

QString diffStatusName(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Identical:
        return QStringLiteral("identical");
    case DiffStatus::ChangedSameCount:
        return QStringLiteral("changed-same-count");
    case DiffStatus::CountDiffers:
        return QStringLiteral("count-differs");
    case DiffStatus::OnlyInSource:
        return QStringLiteral("only-in-source");
    case DiffStatus::OnlyInTarget:
        return QStringLiteral("only-in-target");
    case DiffStatus::UninitialisedOnBoth:
        return QStringLiteral("uninitialised-on-both");
    }
    return QString();
}

QString diffStatusDisplay(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Identical:
        return QStringLiteral("Identical");
    case DiffStatus::ChangedSameCount:
        return QStringLiteral("Changed (same count)");
    case DiffStatus::CountDiffers:
        return QStringLiteral("Count differs");
    case DiffStatus::OnlyInSource:
        return QStringLiteral("Only in source");
    case DiffStatus::OnlyInTarget:
        return QStringLiteral("Only in target");
    case DiffStatus::UninitialisedOnBoth:
        return QStringLiteral("Uninitialised on both");
    }
    return QString();
}

int diffStatusRank(DiffStatus status)
{
    static const int ranks[] = {4, 3, 2, 0, 1, 5}; // in DiffStatus order
    return ranks[int(status)];
}

namespace {

using RowIndex = QHash<QString, const LabelRowSummary *>;

// Listings that include uninitialised rows carry them with an empty label hash; they mean "no row".
RowIndex indexInitialisedRows(const QList<LabelRowSummary> &rows)
{
    RowIndex index;
    index.reserve(rows.size());
    for (const LabelRowSummary &row : rows) {
        if (row.isInitialised())
            index.insert(row.dataHash, &row);
    }
    return index;
}

QHash<QString, int> classDeltas(const LabelRowSummary *source, const LabelRowSummary *target)
{
    QHash<QString, int> deltas;
    if (target) {
        for (auto it = target->classCounts.cbegin(); it != target->classCounts.cend(); ++it)
            deltas[it.key()] += it.value();
    }
    if (source) {
        for (auto it = source->classCounts.cbegin(); it != source->classCounts.cend(); ++it)
            deltas[it.key()] -= it.value();
    }
    for (auto it = deltas.begin(); it != deltas.end();) {
        if (it.value() == 0)
            it = deltas.erase(it);
        else
            ++it;
    }
    return deltas;
}

DiffStatus statusOf(const LabelRowSummary *source, const LabelRowSummary *target)
{
    if (!source && !target)
        return DiffStatus::UninitialisedOnBoth;
    if (!target)
        return DiffStatus::OnlyInSource;
    if (!source)
        return DiffStatus::OnlyInTarget;
    if (source->contentHash == target->contentHash)
        return DiffStatus::Identical;
    if (source->objectCount == target->objectCount)
        return DiffStatus::ChangedSameCount;
    return DiffStatus::CountDiffers;
}

} // namespace

BranchDiff computeBranchDiff(const QString &sourceBranch, const QList<LabelRowSummary> &sourceRows,
                             const QString &targetBranch, const QList<LabelRowSummary> &targetRows,
                             const QList<DataUnit> &dataUnits)
{
    BranchDiff diff;
    diff.sourceBranch = sourceBranch;
    diff.targetBranch = targetBranch;

    const RowIndex sourceIndex = indexInitialisedRows(sourceRows);
    const RowIndex targetIndex = indexInitialisedRows(targetRows);

    // A data unit listed twice is still one data unit.
    QSet<QString> seen;
    seen.reserve(dataUnits.size());

    std::vector<DiffEntry> entries;
    entries.reserve(size_t(dataUnits.size()));
    DiffSummary &summary = diff.summary;
    const LabelRowSummary noSourceRow;

    for (const DataUnit &unit : dataUnits) {
        if (seen.contains(unit.dataHash))
            continue;
        seen.insert(unit.dataHash);

        const LabelRowSummary *source = sourceIndex.value(unit.dataHash, nullptr);
        const LabelRowSummary *target = targetIndex.value(unit.dataHash, nullptr);

        DiffEntry entry;
        entry.dataHash = unit.dataHash;
        entry.dataTitle = unit.dataTitle;
        entry.dataType = unit.dataType;
        if (source) {
            entry.sourceLabelHash = source->labelHash;
            entry.sourceCount = source->objectCount;
            entry.sourceContentHash = source->contentHash;
            entry.sourceClassCounts = source->classCounts;
        }
        if (target) {
            entry.targetLabelHash = target->labelHash;
            entry.targetCount = target->objectCount;
            entry.targetContentHash = target->contentHash;
            entry.targetClassCounts = target->classCounts;
        }
        entry.delta = entry.targetCount - entry.sourceCount;
        entry.status = statusOf(source, target);
        if (source || target)
            entry.classDeltas = classDeltas(source, target);
        if (target)
            entry.threeWay = classifyThreeWay(sourceBranch, source ? *source : noSourceRow, *target);
        summary.add(entry);
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const DiffEntry &a, const DiffEntry &b) {
        const int byTitle = a.dataTitle.compare(b.dataTitle);
        if (byTitle != 0)
            return byTitle < 0;
        return a.dataHash < b.dataHash;
    });

    diff.entries.reserve(qsizetype(entries.size()));
    for (DiffEntry &entry : entries)
        diff.entries.append(std::move(entry));
    return diff;
}

} // namespace lb
