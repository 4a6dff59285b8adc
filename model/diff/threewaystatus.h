#pragma once

#include "domain/labelrowsummary.h"

#include <QString>

namespace lb {

// Where a target row stands relative to the source row it was copied from (docs/product.md §3.4).
// The base is the source content hash recorded on the target row at copy time: a copy moves the content
// unchanged, so right after a copy both rows hash to that base.
enum class ThreeWayStatus
{
    NotCopied, // the target row was not copied from this source by labelbranch (or there is no target row)
    Unchanged, // neither side changed since the copy
    SourceChanged, // only the source changed since the copy: applying brings the change over
    TargetChanged, // only the target changed since the copy: applying would undo the target's own edits
    Conflict,      // both changed: applying overwrites the target's changes
};

QString threeWayStatusName(ThreeWayStatus status);    // "not-copied", "unchanged", "source-changed", ...
QString threeWayStatusDisplay(ThreeWayStatus status); // "Not copied", "Unchanged since copy", ...
// Lower sorts first in a review: conflicts, then target changes (both lose target work), then the rest.
int threeWayReviewRank(ThreeWayStatus status);

// Pure. `sourceRow` is the row of `sourceBranch` for the same data unit (uninitialised when it has none now);
// the provenance read is the target row's. A target row copied from another branch is NotCopied here.
ThreeWayStatus classifyThreeWay(const QString &sourceBranch, const LabelRowSummary &sourceRow,
                                const LabelRowSummary &targetRow);

} // namespace lb
