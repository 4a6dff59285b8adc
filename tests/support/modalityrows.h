#pragma once

// Label rows of every Encord data type and every shape, written from docs/encord-api.md §4, with the counts
// §5 gives for them, counted by hand.

#include "domain/dataunit.h"
#include "domain/ontology.h"
#include "store/store.h"

#include <nlohmann/json.hpp>
#include <QHash>
#include <QList>
#include <QString>

namespace lb::test {

struct ModalityCase
{
    QString name;                // a test row name: "dicom", "audio", ...
    nlohmann::json row;          // the label row as Encord serves it
    QString typeName;            // its data type as a label row spells it
    int objects = 0;             // §5's object instance count
    QHash<QString, int> classes; // featureHash -> distinct objects of that class
    int frames = 1;
    DataType unitType; // the type of its data unit in a project
};

// Feature hashes of the ontology modalityOntology() gives.
inline const QString kCarHash = QStringLiteral("c4r00000");
inline const QString kLesionHash = QStringLiteral("l3s10n00");
inline const QString kSpeechHash = QStringLiteral("sp33ch00");

// One row per data type (image, img_group, video, dicom, dicom_study, nifti, audio, plain_text with an HTML
// file too, pdf, group, scene) and one of a type Encord does not have yet.
QList<ModalityCase> modalityCases();
// An image row with one object of every shape (bounding box, rotatable box, polygon, polyline, point,
// skeleton, bitmask, cuboid, cuboid_2d).
nlohmann::json everyShapeRow();
QString modalityUnitHash(int i);
// The data hash of a case's row.
QString caseDataHash(const ModalityCase &c);
// The type of every data unit of a project, by data hash (empty when the store cannot list them).
QHash<QString, DataType> unitTypesOf(Store &store);

// One data unit labelled differently on two branches, for the drill-down's views of each type.
struct ModalityPair
{
    QString name;          // "dicom", "audio", "plain_text", "bitmask", "group"
    nlohmann::json source; // the row on the source branch
    nlohmann::json target; // the row on the target branch
    DataType unitType;
    QString dataHash;
};

// The ontology of the feature hashes above: Car (bounding box), Lesion (polygon), Speech (audio).
Ontology everyModalityOntology();
// A DICOM series of 12 slices whose slices 3, 7 and 9 changed (an object moved, removed, added); audio and
// plain text rows with one range object of each kind (unchanged, changed, removed, added); an image with
// bitmasks (one edited, one removed, one added); a data group whose children changed (one edited, one the
// same, one added).
QList<ModalityPair> changedModalityPairs();

} // namespace lb::test
