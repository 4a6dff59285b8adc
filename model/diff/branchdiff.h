#pragma once

#include "diff/threewaystatus.h"
#include "domain/dataunit.h"
#include "domain/labelrowsummary.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lb {

enum class DiffStatus
{
    Identical,
    ChangedSameCount,
    CountDiffers,
    OnlyInSource,
    OnlyInTarget,
    UninitialisedOnBoth
};
QString diffStatusName(DiffStatus status);      // "identical", "changed-same-count", "count-differs", ...
QString diffStatusDisplay(DiffStatus status);   // "Identical", "Changed (same count)", ...
bool diffStatusIsDifference(DiffStatus status); // false for Identical and UninitialisedOnBoth

// One data unit compared across two branches.
struct DiffEntry
{
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString sourceLabelHash; // empty: uninitialised on source
    QString targetLabelHash;
    int sourceCount = 0;
    int targetCount = 0;
    int delta = 0; // targetCount - sourceCount
    DiffStatus status = DiffStatus::Identical;
    QHash<QString, int> classDeltas; // featureHash -> target - source, only non-zero
    QString sourceContentHash;
    QString targetContentHash;
    // From the target row's provenance: how both sides moved since labelbranch copied the row from this
    // source.
    ThreeWayStatus threeWay = ThreeWayStatus::NotCopied;
};

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
};

struct BranchDiff
{
    QString sourceBranch;
    QString targetBranch;
    QList<DiffEntry> entries; // one per data unit, ordered by data title
    DiffSummary summary;
};

// Pure: compares row summaries of two branches over the given data units (rows of data units not listed are
// ignored). Uses object counts, per-class counts, content hashes and the target rows' provenance; never reads
// label JSON.
BranchDiff computeBranchDiff(const QString &sourceBranch, const QList<LabelRowSummary> &sourceRows,
                             const QString &targetBranch, const QList<LabelRowSummary> &targetRows,
                             const QList<DataUnit> &dataUnits);

} // namespace lb
