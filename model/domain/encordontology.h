#pragma once

#include "domain/ontology.h"
#include "domain/result.h"

#include <nlohmann/json.hpp>

namespace lb {

// An Encord ontology structure ({"objects": [...], "classifications": [...]}, as the SDK's
// structure.to_dict() writes it and the API serves it as "editor"): each object's featureNodeHash, name,
// shape and colour, each classification's first attribute and its options. Missing members are empty.
Ontology ontologyFromEncordStructure(const nlohmann::json &structure);

// An ontology file a user gives: that structure itself, or an ontology as Encord exports it, with the
// structure under "structure" or "editor" (and its "title" and "ontology_hash"). A file with neither objects
// nor classifications is refused.
Result<Ontology> ontologyFromEncordFile(const nlohmann::json &document);

} // namespace lb
