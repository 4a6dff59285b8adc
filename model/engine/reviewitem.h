#pragma once

#include "diff/branchdiff.h"
#include "diff/threewaystatus.h"
#include "domain/copyrequest.h"
#include "domain/diffquery.h"
#include "domain/reviewdecision.h"
#include "engine/mergeplan.h"

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
    ReviewDecision decision; // on the whole data unit, meaningful when hasDecision
    // Decided object by object instead: the decisions on single objects that are still up to date.
    QList<ReviewDecision> objectDecisions;
    bool stale = false; // the source row changed after the decision (after every object decision)

    bool byObjects() const { return !objectDecisions.isEmpty(); }
    int objectsApproved() const;
    int objectsRejected() const;
    // A stale decision counts as undecided: the reviewer has not seen what would be applied now.
    bool isDecided() const { return (hasDecision && !stale) || byObjects(); }
    // Something of the data unit is applied: the whole row, or at least one object.
    bool isApproved() const;
    bool isRejected() const { return isDecided() && !isApproved(); }
    // "2 objects approved, 1 rejected"; empty unless byObjects().
    QString objectsText() const;
};

struct ReviewProgress
{
    int total = 0; // differing data units
    int decided = 0;
    int approved = 0;
    int rejected = 0;
    int stale = 0;
    int conflicts = 0; // changed on both sides since a copy
    int byObjects = 0; // of the decided, those decided object by object

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
    bool hasDecision = false; // on the whole unit or on objects
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
    QHash<qint64, ReviewDecision> decisions;              // on whole data units
    QHash<qint64, QList<ReviewDecision>> objectDecisions; // on objects, up to date
    ReviewProgress progress;
    QList<DiffEntry> entries; // empty for stores that compare by themselves
};

// What "apply approved" would do: the dry-run plan of the sync restricted to the data units approved as a
// whole, and of the merge of the approved objects of the units decided object by object (approved objects
// taken from the source, every other object kept as on the target).
struct ApplyReviewPlan
{
    CopyPlan plan;
    QStringList dataHashes;          // approved whole and not stale: exactly what the sync touches
    QList<ReviewItem> approvedItems; // the review items of dataHashes, in review order
    int overwritesTargetEdits =
        0; // of those, rows whose target changed since the copy (conflict or target-changed)
    ReviewProgress progress;
    // Per approved data unit, what applying changes in its objects ("+2 Car, −1 Truck"); see ObjectChanges.
    QHash<QString, QString> objectChanges;

    MergeRequest objectMerge;      // the units with approved objects; no units: none
    MergePlan objectPlan;          // its dry run (planApply only)
    QList<ReviewItem> objectItems; // the review items of objectMerge's units, in review order

    bool isEmpty() const { return dataHashes.isEmpty() && objectMerge.units.isEmpty(); }
    int objectsApproved() const; // over objectItems
};

// What "apply approved" did: up to two undoable operations, the sync of the units approved whole and the
// merge of the approved objects (operationId 0 for the one that did not run or wrote nothing).
struct AppliedReview
{
    CopyResult units;
    CopyResult objects;
    int objectUnitsApproved = 0; // data units with approved objects: what the merge was asked to do
    int objectUnits = 0;         // data units the merge wrote (the others were already as approved)
    int objectsTaken = 0;        // objects it took from the source
};

} // namespace lb
