#pragma once

#include "diff/qualitymetrics.h"
#include "domain/jobcontrol.h"
#include "domain/result.h"

#include <QSet>
#include <QString>

namespace lb {

class Store;

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
};

} // namespace lb
