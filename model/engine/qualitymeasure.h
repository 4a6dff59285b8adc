#pragma once

#include "diff/qualitycell.h"
#include "diff/qualitymetrics.h"
#include "domain/diffentry.h"
#include "domain/jobcontrol.h"
#include "domain/result.h"

#include <functional>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lb {

class Store;

// A data unit that holds pairs of one cell of the metrics (QualityMeasure::findCell).
struct QualityCellUnit
{
    qint64 unit = 0; // the store's key of the data unit, as DiffEntry::unit
    QString dataHash;
    int pairs = 0; // pairs of the cell on it
    // The cell's objects on each side, by object hash; empty for a data unit counted from its class counts
    // (cellOn() reads them).
    QStringList referenceObjects, predictedObjects;
};

// Measures a prediction branch against a reference branch over any Store (diff/qualitymetrics.h), streaming
// through the comparison of the two: data units whose rows are the same content, or that only one side
// has, are counted from their per-class counts when their objects each sit on one frame (images, image
// groups, audio, text); the others are read in bundles of both rows, parsed and matched frame by frame in the
// thread pool, a data unit per task. Only one bundle of rows is held at a time, whatever the size of the
// branches.
class QualityMeasure
{
public:
    struct Options
    {
        QString reference;
        QString prediction;
        double iouThreshold = 0.5;
        QSet<QString> classes; // feature hashes; every class when empty
    };
    static constexpr int kBundle = 100;

    static Result<QualityMetrics> run(Store &store, const Options &options, const JobControl &control = {});

    // Where a cell of run()'s metrics happens (engine/qualitycellsearch.cpp): streams the same comparison
    // and hands `sink` each data unit holding pairs of `cell`, as found (bundles in comparison order). A
    // data unit whose class counts cannot hold the cell is passed over unread; one run() counts from its
    // class counts is counted the same way here; the rest are read and matched as run() does. Nothing is
    // kept: the sink decides what to hold. Returns the number of the cell's pairs, run()'s number for it.
    using CellSink = std::function<Result<void>(const QualityCellUnit &unit)>;
    static Result<qint64> findCell(Store &store, const Options &options, const QualityCell &cell,
                                   const CellSink &sink, const JobControl &control = {});
    // The pairs of `cell` on one data unit of the comparison, with their objects: its rows are read.
    static Result<QualityCellUnit> cellOn(Store &store, const Options &options, const QualityCell &cell,
                                          const DiffEntry &entry);
};

} // namespace lb
