#pragma once

#include "domain/dataunit.h"

#include <QHash>
#include <QString>

namespace lb {

// How one data unit differs between a source and a target branch (docs/product.md §2.3). The numeric
// values are part of the stores' comparison queries: do not reorder.
enum class DiffStatus
{
    Identical,
    ChangedSameCount,
    CountDiffers,
    OnlyInSource,
    OnlyInTarget,
    UninitialisedOnBoth
};

// Where a target row stands relative to the source row it was copied from (docs/product.md §3.4).
// The base is the source content hash recorded on the target row at copy time: a copy moves the content
// unchanged, so right after a copy both rows hash to that base. The numeric values are part of the stores'
// comparison queries: do not reorder.
enum class ThreeWayStatus
{
    NotCopied, // the target row was not copied from this source by labelbranch (or there is no target row)
    Unchanged, // neither side changed since the copy
    SourceChanged, // only the source changed since the copy: applying brings the change over
    TargetChanged, // only the target changed since the copy: applying would undo the target's own edits
    Conflict,      // both changed: applying overwrites the target's changes
};

// One data unit compared across two branches.
struct DiffEntry
{
    qint64 unit = 0; // the store's key of the data unit, as in DiffRowKey; 0 when no store gave one
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString sourceLabelHash; // empty: uninitialised on source
    QString targetLabelHash;
    int sourceCount = 0;
    int targetCount = 0;
    int delta = 0; // targetCount - sourceCount
    DiffStatus status = DiffStatus::Identical;
    QHash<QString, int> classDeltas;       // featureHash -> target - source, only non-zero
    QHash<QString, int> sourceClassCounts; // featureHash -> objects of the source row
    QHash<QString, int> targetClassCounts;
    QString sourceContentHash;
    QString targetContentHash;
    // From the target row's provenance: how both sides moved since labelbranch copied the row from this
    // source.
    ThreeWayStatus threeWay = ThreeWayStatus::NotCopied;
};

// The totals of a comparison: data units per status, objects per side and class, copies by how they moved.
struct DiffSummary
{
    int identical = 0, changedSameCount = 0, countDiffers = 0, onlyInSource = 0, onlyInTarget = 0,
        uninitialisedOnBoth = 0;
    int total = 0;
    int sourceObjects = 0, targetObjects = 0;
    QHash<QString, int> sourceClassTotals; // featureHash -> objects on source
    QHash<QString, int> targetClassTotals;
    // Target rows copied from the source, by how they moved since the copy (NotCopied is not counted).
    int unchangedSinceCopy = 0, sourceChangedSinceCopy = 0, targetChangedSinceCopy = 0, conflicts = 0;

    int differences() const { return changedSameCount + countDiffers + onlyInSource + onlyInTarget; }
    int count(DiffStatus status) const;
    // Counts data units of the given statuses (their objects and classes are added by the caller).
    void countUnits(DiffStatus status, ThreeWayStatus threeWay, int units = 1);
    // Counts one compared data unit with its objects and classes: the summary of a comparison is the sum
    // of its entries.
    void add(const DiffEntry &entry);
};

bool diffStatusIsDifference(DiffStatus status); // false for Identical and UninitialisedOnBoth

} // namespace lb
