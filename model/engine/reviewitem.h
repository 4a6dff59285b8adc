#pragma once

#include "diff/branchdiff.h"
#include "diff/threewaystatus.h"
#include "domain/copyrequest.h"
#include "domain/diffquery.h"
#include "domain/reviewdecision.h"

#include <QHash>
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

// One row of a review list without its texts: the data unit's key (DiffRowKey::unit) and what filtering,
// counting and stepping through the list need.
struct ReviewRow
{
    qint64 unit = 0;
    DiffStatus status = DiffStatus::Identical;
    ThreeWayStatus threeWay = ThreeWayStatus::NotCopied;
    bool hasDecision = false;
    bool stale = false;

    bool isDecided() const { return hasDecision && !stale; }
};

// A review list as a window holds it: a row per differing data unit in the list's order and the decisions on
// them by data unit key (decisions are few: people take them one by one). Titles, hashes and counts are
// read for the rows being painted (BranchComparison::entries). For stores that compare listings the
// entries come along, in the rows' order: reading a page there would list both branches again.
struct ReviewRowSet
{
    QString sourceBranch;
    QString targetBranch;
    DiffQuery::Order order = DiffQuery::Order::ThreeWay;
    bool descending = false;
    QList<ReviewRow> rows;
    QHash<qint64, ReviewDecision> decisions;
    ReviewProgress progress;
    QList<DiffEntry> entries; // empty for stores that compare by themselves
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
    // Per approved data unit, what applying changes in its objects ("+2 Car, −1 Truck"); see ObjectChanges.
    QHash<QString, QString> objectChanges;
};

} // namespace lb
