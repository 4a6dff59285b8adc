#pragma once

#include "demo/demorowjson.h"
#include "domain/dataunit.h"
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

// A label row's content rendered for one branch, and what a listing counts in it.
struct RenderedContent
{
    std::string json;      // the stored bytes
    std::string canonical; // what its content hash is taken over
    SceneFacts facts;
};

// One data unit on every branch, before anything is parsed: each row's identity there and the branch whose
// rendered content it shows. Where a branch has main's labels, its row shows main's content, so a project
// file stores that content once.
struct UnitRender
{
    UnitInfo unit;
    std::array<std::optional<RowMeta>, BranchCount> rows;
    std::array<int, BranchCount> contentOf{}; // by branch: the branch index of the content its row shows
    std::array<std::optional<RenderedContent>, BranchCount> contents; // only where a row renders its own
};

// Builds one data unit at a time, each a pure function of (generator size, seed, index): its identity and
// what every branch holds for it, decided by the unit's own plan stream.
struct DemoUnitBuilder
{
    const DemoGenerator &generator;
    std::string datasetHash;
    std::string datasetTitle;

    UnitInfo unitInfo(int index) const;
    DataUnit dataUnit(const UnitInfo &unit) const;
    UnitRender render(int index) const;
    // render() parsed into documents, each carrying its own branch's identity.
    UnitDocs build(int index) const;
};

} // namespace lb::demo
