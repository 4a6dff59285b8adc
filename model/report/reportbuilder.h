#pragma once

#include "domain/jobcontrol.h"
#include "domain/result.h"
#include "report/reportdata.h"

namespace lb {

class Store;

// Computes a report's content over any Store in two streamed passes: the comparison of the two branches,
// entry by entry (totals, per-class counts), with the differing data units' rows read in bundles and
// diffed object by object in the thread pool to keep the most changed few (a unit whose object counts
// cannot beat the least changed kept one is not read); then the quality metrics
// (engine/qualitymeasure.h). Memory stays that of one bundle and the kept units, whatever the branch size.
// Progress names the pass; a cancel stops between bundles with ErrorKind::Cancelled.
class ReportBuilder
{
public:
    static constexpr int kBundle = 100;

    static Result<ReportData> run(Store &store, const ReportOptions &options, const JobControl &control = {});
};

} // namespace lb
