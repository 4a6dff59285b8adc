#pragma once

#include "domain/copyrequest.h"
#include "domain/jobcontrol.h"
#include "domain/result.h"
#include "engine/engine.h"
#include "engine/mergeplan.h"
#include "engine/writerlock.h"

#include <functional>
#include <optional>
#include <QHash>
#include <QStringList>

namespace lb {

// The per-object merge of docs/product.md §3.7 over any Store that writes rows: for each named data unit,
// the target's row with the chosen objects of the source's (diff/objectmerge.h), written as one merged row
// per data unit in one journaled, audited operation (OperationKind::Merge) that `undo` takes back exactly.
// plan() is its dry run. Both read the rows in bundles, report progress and stop when cancelled.
class MergeEngine
{
public:
    explicit MergeEngine(Engine &engine) : m_engine(engine) {}

    // What apply() would write, without writing; conflicts are listed, not refused. Fails on a missing
    // branch, the same branch twice, an unknown or repeated data unit, a unit without a row on either side,
    // and a choice that names an object neither row has.
    Result<MergePlan> plan(const MergeRequest &request, const JobControl &control = {});

    // Writes the merged rows under the target branch's lock. Refused (ErrorKind::Conflict, listing them)
    // with nothing written while any object is left in conflict. A merge that changes nothing writes
    // nothing (result.operationId 0). Cancelling between batches keeps the finished ones.
    struct Applied
    {
        CopyResult result;
        MergePlan plan;
    };
    Result<Applied> apply(const MergeRequest &request, const JobControl &control = {});

    static constexpr int kBundle = 100; // data units read at once

private:
    Result<void> checkRequest(const MergeRequest &request);
    // Reads and merges the units of `request` from `first` on, `count` of them; each merged unit goes to
    // `take` with its merged row (none when it does not write).
    struct Merged
    {
        UnitMergePlan plan;
        std::optional<LabelRowDocument> row;
    };
    using MergedSink = std::function<Result<void>(Merged &merged)>;
    Result<void> mergeUnits(const MergeRequest &request, qsizetype first, qsizetype count,
                            const MergedSink &take);
    Result<CopyResult> write(const MergeRequest &request, const MergePlan &plan, WriterLock &lock,
                             const JobControl &control);

    Engine &m_engine;
};

} // namespace lb
