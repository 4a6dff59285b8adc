#pragma once

#include "domain/jobcontrol.h"
#include "domain/result.h"

#include <array>
#include <QString>

namespace lb {
class DemoGenerator;
}

namespace lb::demo {

// Rows written per branch, by BranchIndex.
using BranchRowCounts = std::array<int, 4>;

// Writes a demo project into a new file (DemoGenerator::writeProject): data units and rows stream through
// in chunks, so memory does not grow with the size. Chunks are generated and made ready for storing on the
// thread pool while the previous one is written; rows whose labels equal main's point at main's stored
// content. Any failure (or cancel) removes the partly written file.
Result<BranchRowCounts> writeDemoProject(const DemoGenerator &generator, const QString &path,
                                         const JobControl &control);

} // namespace lb::demo
