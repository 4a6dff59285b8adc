#include "domain/ontology.h"

namespace lb {

const OntologyObject *Ontology::object(const QString &featureHash) const
{
    for (const OntologyObject &candidate : objects) {
        if (candidate.featureHash == featureHash)
            return &candidate;
    }
    return nullptr;
}

QString Ontology::nameOf(const QString &featureHash) const
{
    if (const OntologyObject *found = object(featureHash))
        return found->name;
    for (const OntologyClassification &classification : classifications) {
        if (classification.featureHash == featureHash)
            return classification.name;
    }
    return featureHash;
}

} // namespace lb
