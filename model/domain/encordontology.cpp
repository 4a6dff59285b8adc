#include "domain/encordontology.h"

namespace lb {

namespace {

using json = nlohmann::json;

const json &member(const json &object, const char *key)
{
    static const json none;
    if (!object.is_object())
        return none;
    const auto found = object.find(key);
    return found == object.end() ? none : *found;
}

QString text(const json &object, const char *key)
{
    const json &value = member(object, key);
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// A classification as the store shows it: its first attribute and that one's options.
OntologyClassification classificationFrom(const json &c)
{
    OntologyClassification classification;
    classification.featureHash = text(c, "featureNodeHash");
    const json &attributes = member(c, "attributes");
    if (!attributes.is_array() || attributes.empty())
        return classification;
    const json &first = attributes.front();
    classification.name = text(first, "name");
    classification.attributeHash = text(first, "featureNodeHash");
    const json &options = member(first, "options");
    if (options.is_array()) {
        for (const json &option : options) {
            classification.optionLabels.append(text(option, "label"));
            classification.optionHashes.append(text(option, "featureNodeHash"));
        }
    }
    return classification;
}

} // namespace

Ontology ontologyFromEncordStructure(const json &structure)
{
    Ontology ontology;
    const json &objects = member(structure, "objects");
    if (objects.is_array()) {
        for (const json &o : objects) {
            OntologyObject object;
            object.featureHash = text(o, "featureNodeHash");
            object.name = text(o, "name");
            object.shape = text(o, "shape");
            object.color = text(o, "color");
            ontology.objects.append(object);
        }
    }
    const json &classifications = member(structure, "classifications");
    if (classifications.is_array()) {
        for (const json &c : classifications)
            ontology.classifications.append(classificationFrom(c));
    }
    return ontology;
}

Result<Ontology> ontologyFromEncordFile(const json &document)
{
    if (!document.is_object())
        return fail(ErrorKind::Usage, QStringLiteral("an ontology file must hold a JSON object"));
    const json *structure = &document;
    for (const char *key : {"structure", "editor"}) {
        if (member(document, key).is_object())
            structure = &member(document, key);
    }
    if (!member(*structure, "objects").is_array() && !member(*structure, "classifications").is_array())
        return fail(ErrorKind::Usage,
                    QStringLiteral("the ontology file has no \"objects\" or \"classifications\" (an Encord "
                                   "ontology export or the SDK's structure.to_dict() has them)"));
    Ontology ontology = ontologyFromEncordStructure(*structure);
    ontology.title = text(document, "title");
    ontology.ontologyHash = text(document, "ontology_hash");
    if (ontology.ontologyHash.isEmpty())
        ontology.ontologyHash = text(document, "ontologyHash");
    for (const OntologyObject &object : ontology.objects) {
        if (object.featureHash.isEmpty())
            return fail(ErrorKind::Usage,
                        QStringLiteral("ontology object \"%1\" has no featureNodeHash").arg(object.name));
    }
    return ontology;
}

} // namespace lb
