#pragma once

#include "domain/diffentry.h"
#include "domain/labelrowsummary.h"

#include <QString>

namespace lb {

QString threeWayStatusName(ThreeWayStatus status);    // "not-copied", "unchanged", "source-changed", ...
QString threeWayStatusDisplay(ThreeWayStatus status); // "Not copied", "Unchanged since copy", ...
// Lower sorts first in a review: conflicts, then target changes (both lose target work), then the rest.
int threeWayReviewRank(ThreeWayStatus status);

// Pure. `sourceRow` is the row of `sourceBranch` for the same data unit (uninitialised when it has none now);
// the provenance read is the target row's. A target row copied from another branch is NotCopied here.
ThreeWayStatus classifyThreeWay(const QString &sourceBranch, const LabelRowSummary &sourceRow,
                                const LabelRowSummary &targetRow);

} // namespace lb
