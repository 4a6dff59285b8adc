#pragma once

#include "diff/branchdiff.h"
#include "diff/threewaystatus.h"
#include "domain/copyrequest.h"
#include "domain/reviewdecision.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

// One differing data unit of a compare under review.
struct ReviewItem
{
    DiffEntry diff;
    ThreeWayStatus threeWay = ThreeWayStatus::NotCopied;
    bool hasDecision = false;
    ReviewDecision decision; // meaningful when hasDecision
    bool stale = false;      // the source row changed after the decision

    // A stale decision counts as undecided: the reviewer has not seen what would be applied now.
    bool isDecided() const { return hasDecision && !stale; }
    bool isApproved() const { return isDecided() && decision.verdict == ReviewVerdict::Approved; }
    bool isRejected() const { return isDecided() && decision.verdict == ReviewVerdict::Rejected; }
};

struct ReviewProgress
{
    int total = 0; // differing data units
    int decided = 0;
    int approved = 0;
    int rejected = 0;
    int stale = 0;
    int conflicts = 0; // changed on both sides since a copy

    int undecided() const { return total - decided; }
    QString text() const; // "37 of 120 decided"
    // Counts one more differing data unit.
    void add(const ReviewItem &item);
};

struct ReviewListing
{
    QString sourceBranch;
    QString targetBranch;
    QList<ReviewItem> items; // conflicts first, then target changes, then by data title
    ReviewProgress progress;
};

// What "apply approved" would do: the dry-run plan of the sync restricted to the approved, up-to-date units.
struct ApplyReviewPlan
{
    CopyPlan plan;
    QStringList dataHashes;          // approved and not stale: exactly what the sync touches
    QList<ReviewItem> approvedItems; // the review items of dataHashes, in review order
    int overwritesTargetEdits =
        0; // of those, rows whose target changed since the copy (conflict or target-changed)
    ReviewProgress progress;
};

} // namespace lb
