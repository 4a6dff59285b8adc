#pragma once

#include "domain/result.h"
#include "engine/mergeplan.h"

#include <nlohmann/json.hpp>

namespace lb::cli {

class CliContext;

// How a per-object merge plan is printed: by `merge` and by `review apply` for the approved objects.
namespace mergeoutput {

// The plan under its JSON names: per data unit, its objects with their change, choice and outcome.
nlohmann::json planJson(const MergePlan &plan);
// One line per object: data unit, object, change, result.
Result<void> printPlanTable(CliContext &ctx, const MergePlan &plan);

} // namespace mergeoutput

} // namespace lb::cli
