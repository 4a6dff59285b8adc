#pragma once

#include <QList>
#include <QString>

namespace lb {

struct OntologyObject
{
    QString featureHash; // Encord's featureNodeHash
    QString name;
    QString shape; // bounding_box, rotatable_bounding_box, polygon, polyline, point, skeleton
    QString color; // "#RRGGBB"
};

struct OntologyClassification
{
    QString featureHash;
    QString name;          // name of the first attribute, as Encord labels it
    QString attributeHash; // featureNodeHash of that attribute
    QStringList optionLabels;
    QStringList optionHashes;
};

struct Ontology
{
    QString ontologyHash;
    QString title;
    QList<OntologyObject> objects;
    QList<OntologyClassification> classifications;

    const OntologyObject *object(const QString &featureHash) const;
    // Display name of a feature hash; the hash itself when the ontology does not know it.
    QString nameOf(const QString &featureHash) const;
};

} // namespace lb
