#pragma once

#include "diff/objectdiff.h"
#include "diff/qualitymetrics.h"
#include "domain/diffentry.h"
#include "domain/ontology.h"

#include <QDateTime>
#include <QList>
#include <QSize>
#include <QString>

namespace lb {

// What a report of two branches is made from (`report`, File ▸ Export Report…).
struct ReportOptions
{
    QString source;
    QString target;
    bool sourceIsReference = false; // the quality metrics' truth: the target by default, as `metrics`
    double iouThreshold = 0.5;
    int topUnits = 10; // data units shown with their overlay, most changed objects first
};

// One of the most changed data units: its comparison entry and its object diff.
struct ReportUnit
{
    DiffEntry entry;
    ObjectDiff diff;
    QSize imageSize; // from either row; empty when neither says
    int frameCount = 1;

    int changedObjects() const { return diff.added + diff.removed + diff.edited; }
    int changedClassifications() const
    {
        return diff.classificationsAdded + diff.classificationsRemoved + diff.classificationsChanged;
    }
    // The frame the report draws: the first with a change, else the first with anything on it.
    int shownFrame() const;
};

// The content of a report: totals and per-class object counts of the comparison, quality metrics of the
// prediction against the reference, and the data units with the most changed objects. Holds no row of
// either branch beyond those few units.
struct ReportData
{
    ReportOptions options;
    Ontology ontology;
    DiffSummary summary;
    QualityMetrics metrics;
    QList<ReportUnit> topUnits; // most changed objects first
    QDateTime createdAt;        // UTC

    QString reference() const { return options.sourceIsReference ? options.source : options.target; }
    QString prediction() const { return options.sourceIsReference ? options.target : options.source; }
    // Data units compared: every data unit of the project (the denominator of a percentage gate).
    int unitsCompared() const { return summary.total; }
    int changedUnits() const { return summary.differences(); }
    int addedUnits() const { return summary.onlyInTarget; }
    int removedUnits() const { return summary.onlyInSource; }
    int editedUnits() const { return summary.changedSameCount + summary.countDiffers; }
    // Every class either branch has objects of or the metrics measured, in the ontology's order, then the
    // others by feature hash.
    QStringList classes() const;
    QString className(const QString &featureHash) const;
};

} // namespace lb
