#pragma once

#include "diff/threewaystatus.h"
#include "domain/dataunit.h"
#include "domain/diffentry.h"
#include "domain/labelrowsummary.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lb {

QString diffStatusName(DiffStatus status);    // "identical", "changed-same-count", "count-differs", ...
QString diffStatusDisplay(DiffStatus status); // "Identical", "Changed (same count)", ...
// Orders statuses for sorting: the most significant difference first (only in source, only in target, count
// differs, changed, identical, uninitialised).
int diffStatusRank(DiffStatus status);

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
