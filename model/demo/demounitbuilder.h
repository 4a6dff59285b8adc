#pragma once

#include "demo/demorowjson.h"
#include "domain/labelrowdocument.h"

#include <array>
#include <optional>
#include <QString>
#include <string>

namespace lb {
class DemoGenerator;
}

namespace lb::demo {

enum BranchIndex
{
    MainBranch,
    PreLabelsBranch,
    ExportBranch,
    ReviewBranch,
    BranchCount
};

// The demo's branch names by BranchIndex: main first.
const std::array<QString, BranchCount> &branchNameTable();
// The project's (1), ontology's (2) and dataset's (3) identities.
std::string projectUuid(quint64 seed, int which);

// One data unit's rows on every branch; empty where the unit is uninitialised on that branch.
struct UnitDocs
{
    std::array<std::optional<LabelRowDocument>, BranchCount> docs;
    QString error;
};

// Builds one data unit at a time, each a pure function of (generator size, seed, index): its identity and
// what every branch holds for it, decided by the unit's own plan stream.
struct DemoUnitBuilder
{
    const DemoGenerator &generator;
    std::string datasetHash;
    std::string datasetTitle;

    UnitInfo unitInfo(int index) const;
    UnitDocs build(int index) const;
};

} // namespace lb::demo
