#include "diff/threewaystatus.h"

namespace lb {

QString threeWayStatusName(ThreeWayStatus status)
{
    switch (status) {
    case ThreeWayStatus::NotCopied:
        return QStringLiteral("not-copied");
    case ThreeWayStatus::Unchanged:
        return QStringLiteral("unchanged");
    case ThreeWayStatus::SourceChanged:
        return QStringLiteral("source-changed");
    case ThreeWayStatus::TargetChanged:
        return QStringLiteral("target-changed");
    case ThreeWayStatus::Conflict:
        return QStringLiteral("conflict");
    }
    return QStringLiteral("not-copied");
}

QString threeWayStatusDisplay(ThreeWayStatus status)
{
    switch (status) {
    case ThreeWayStatus::NotCopied:
        return QStringLiteral("Not copied");
    case ThreeWayStatus::Unchanged:
        return QStringLiteral("Unchanged since copy");
    case ThreeWayStatus::SourceChanged:
        return QStringLiteral("Source changed since copy");
    case ThreeWayStatus::TargetChanged:
        return QStringLiteral("Target changed since copy");
    case ThreeWayStatus::Conflict:
        return QStringLiteral("Changed on both (conflict)");
    }
    return QString();
}

int threeWayReviewRank(ThreeWayStatus status)
{
    switch (status) {
    case ThreeWayStatus::Conflict:
        return 0;
    case ThreeWayStatus::TargetChanged:
        return 1;
    case ThreeWayStatus::SourceChanged:
        return 2;
    case ThreeWayStatus::Unchanged:
        return 3;
    case ThreeWayStatus::NotCopied:
        return 4;
    }
    return 4;
}

ThreeWayStatus classifyThreeWay(const QString &sourceBranch, const LabelRowSummary &sourceRow,
                                const LabelRowSummary &targetRow)
{
    const Provenance &origin = targetRow.provenance;
    if (!targetRow.isInitialised() || origin.sourceBranch.isEmpty() || origin.sourceBranch != sourceBranch ||
        origin.sourceContentHash.isEmpty())
        return ThreeWayStatus::NotCopied;
    // A source row that has gone away since the copy counts as a change on the source.
    const bool sourceChanged =
        !sourceRow.isInitialised() || sourceRow.contentHash != origin.sourceContentHash;
    const bool targetChanged = targetRow.contentHash != origin.sourceContentHash;
    if (sourceChanged && targetChanged)
        return ThreeWayStatus::Conflict;
    if (sourceChanged)
        return ThreeWayStatus::SourceChanged;
    if (targetChanged)
        return ThreeWayStatus::TargetChanged;
    return ThreeWayStatus::Unchanged;
}

} // namespace lb
