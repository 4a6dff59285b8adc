#pragma once

#include "diff/qualitymetrics.h"
#include "domain/diffentry.h"
#include "domain/jobcontrol.h"
#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <functional>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace lb {

class Store;

// The data units QualityMeasure reads rather than counts: their rows' JSON, read a bundle at a time, and
// the matching of their objects frame by frame. Shared by the measure and the search for a cell's data units
// (engine/qualitymeasure.h).
namespace qualityunits {

// One data unit to measure: the JSON of its rows (empty when a side has none).
struct UnitRows
{
    QByteArray reference, prediction;
    bool identical = false;
};

// Whether every object of the type sits on one frame, so its per-class counts are its objects per frame.
bool objectsOnOneFrame(const DataType &type);

// The rows of the entries (reference = source side, prediction = target side), in the entries' order.
Result<QList<UnitRows>> read(Store &store, const QString &reference, const QString &prediction,
                             const QList<DiffEntry> &entries);

// One row's JSON parsed; none for empty JSON (no row on that side).
Result<std::optional<LabelRowDocument>> parse(const QByteArray &bytes);

// Matches the objects of one data unit's two rows frame by frame; with `pairs`, lists what it counted.
Result<QualityMetrics> measure(const UnitRows &unit, double iouThreshold, const QSet<QString> &classes,
                               QList<CountedPair> *pairs = nullptr);

// Streams the comparison of the two branches (reference as the source side) into `add`, then `flush`es what
// is still pending; a cancelled run fails with ErrorKind::Cancelled saying `what` was cancelled.
Result<void> streamComparison(Store &store, const QString &reference, const QString &prediction,
                              const std::function<Result<void>(const DiffEntry &)> &add,
                              const std::function<Result<void>()> &flush, const JobControl &control,
                              const QString &what);

} // namespace qualityunits

} // namespace lb
