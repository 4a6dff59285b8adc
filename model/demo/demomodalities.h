#pragma once

#include "domain/dataunit.h"
#include "domain/ontology.h"
#include "domain/result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <QList>

namespace lb {
class Store;
}

namespace lb::demo {

// One data unit of the demo's other modalities and its row on each demo branch (none where it has none).
struct ModalityUnit
{
    DataUnit unit;
    std::optional<nlohmann::json> main;
    std::optional<nlohmann::json> preLabels; // what a model would have proposed: some of it differs
};

// The units `demo --modalities all` adds beside the driving scenes, so that every Encord data type appears
// in a demo project: DICOM series with a lesion box and an organ outline over their slices, a NIfTI volume,
// a PDF, audio clips with speech ranges, a text file and an HTML page with entity ranges, and a data group
// with two children. A pure function of the seed, like the rest of the demo.
QList<ModalityUnit> modalityUnits(quint64 seed);

// The classes those rows use, added to the demo's ontology.
QList<OntologyObject> modalityClasses();

// Adds the units to `store` and writes their rows on main, pre-labels-v1 and the export snapshot (as main)
// without an operation, as the rest of the demo is written. Returns the rows written per demo branch.
Result<std::array<int, 4>> writeModalityUnits(Store &store, quint64 seed);

} // namespace lb::demo
