#include "domain/diffentry.h"

namespace lb {

bool diffStatusIsDifference(DiffStatus status)
{
    return status != DiffStatus::Identical && status != DiffStatus::UninitialisedOnBoth;
}

int DiffSummary::count(DiffStatus status) const
{
    switch (status) {
    case DiffStatus::Identical:
        return identical;
    case DiffStatus::ChangedSameCount:
        return changedSameCount;
    case DiffStatus::CountDiffers:
        return countDiffers;
    case DiffStatus::OnlyInSource:
        return onlyInSource;
    case DiffStatus::OnlyInTarget:
        return onlyInTarget;
    case DiffStatus::UninitialisedOnBoth:
        return uninitialisedOnBoth;
    }
    return 0;
}

void DiffSummary::countUnits(DiffStatus status, ThreeWayStatus threeWay, int units)
{
    total += units;
    int *const byStatus[] = {&identical,    &changedSameCount, &countDiffers,
                             &onlyInSource, &onlyInTarget,     &uninitialisedOnBoth};
    *byStatus[int(status)] += units;
    int *const byThreeWay[] = {nullptr, &unchangedSinceCopy, &sourceChangedSinceCopy, &targetChangedSinceCopy,
                               &conflicts};
    if (int *counter = byThreeWay[int(threeWay)])
        *counter += units;
}

void DiffSummary::add(const DiffEntry &entry)
{
    countUnits(entry.status, entry.threeWay);
    sourceObjects += entry.sourceCount;
    targetObjects += entry.targetCount;
    for (auto it = entry.sourceClassCounts.cbegin(); it != entry.sourceClassCounts.cend(); ++it)
        sourceClassTotals[it.key()] += it.value();
    for (auto it = entry.targetClassCounts.cbegin(); it != entry.targetClassCounts.cend(); ++it)
        targetClassTotals[it.key()] += it.value();
}

} // namespace lb
