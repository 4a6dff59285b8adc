#pragma once

#include "domain/ontology.h"
#include "domain/result.h"

#include <QString>

namespace lb {

// The ontology as a project file stores it (meta table, key "ontology"): a small JSON object of our own.
QString ontologyToJson(const Ontology &ontology);
Result<Ontology> ontologyFromJson(const QString &text);

} // namespace lb
