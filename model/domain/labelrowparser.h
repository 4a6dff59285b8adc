#pragma once

#include "domain/labelrowdocument.h"

#include <nlohmann/json.hpp>
#include <QSet>
#include <QString>
#include <vector>

namespace lb {

// Fills a LabelRowDocument from its JSON. Every failure names the row, and where it helps the data unit,
// frame, object and field, so a user can find the offending spot in a file of thousands of rows.
// Identity, data units, frames and classifications are read in labelrowparser.cpp, objects and their
// geometry in labelrowgeometry.cpp and labelrowshapes.cpp, the range objects of audio and text in
// labelrowranges.cpp.
class LabelRowParser
{
    using json = nlohmann::json;

public:
    static Result<LabelRowDocument> parse(nlohmann::json &&row, const QString &context);
    // Checks the row exactly as parse() does but keeps only its identity fields (data hash, title, type,
    // label hash, status, dataset, timestamps, size) and its objects and classifications without geometry,
    // attributes or answers: enough to count them and to name their classes, no JSON. For a first reading
    // that refuses a bad file before anything is written, at a fraction of the allocations.
    static Result<LabelRowDocument> check(nlohmann::json &&row, const QString &context);
    // Checks the row as check() does, then keeps only the form the project file stores
    // (LabelRowDocument::keepOnlyStoredForm()): for rows read to be written.
    static Result<LabelRowDocument> forStoring(nlohmann::json &&row, const QString &context);

private:
    // One entry of data_units, with the data_sequence it is ordered by.
    struct UnitRef
    {
        QString key;
        const json *unit = nullptr;
        int sequence = 0;
    };

    LabelRowParser(LabelRowDocument &document, const QString &context, bool keepLabels);
    static Result<LabelRowDocument> read(nlohmann::json &&row, const QString &context, bool keepLabels,
                                         bool keepJson);

    QString where() const;

    Error problem(const QString &detail) const;

    static QString field(const QString &name);

    // A string that may be missing or null (empty then); any other type is an error.
    Result<void> optionalString(const json &object, const char *key, QString *out,
                                const QString &place = QString());

    Result<void> requiredString(const json &object, const char *key, QString *out,
                                const QString &place = QString());

    Result<void> optionalObject(const json &object, const char *key, const json **out);

    Result<void> timestamp(const json &object, const char *key, QDateTime *out);

    Result<void> run();

    Result<void> readIdentity(const json &row);

    static QString unitPlace(const QString &key);

    Result<void> readDataUnits(const json &row);
    // Units in data_sequence order (the frame order of image groups).
    Result<void> orderUnits(const json &units, std::vector<UnitRef> *ordered);
    Result<void> readUnit(const UnitRef &ref, bool first, int *highestFrame);
    // Labels keyed by frame index (video, DICOM, NIfTI, PDF, scene).
    Result<void> readFrames(const UnitRef &ref, const json &labels, int *highestFrame);
    void setFrameCount(std::size_t unitCount, int highestFrame);

    Result<void> readFrame(const json &frame, int frameIndex, const QString &unitKey);

    static QString objectPlace(int number, const QString &objectHash, int frame);

    Result<void> readObject(const json &entry, int number, int frame, const QString &unitKey);
    // Audio and text rows: every object_answers entry is an object with ranges (labelrowranges.cpp).
    Result<void> readAnswerObjects(const QString &unitKey);
    Result<void> readObjectIdentity(const json &entry, const QString &place, ObjectAnnotation *object);
    Result<void> ranges(const json &entry, const QString &place, Geometry *geometry);

    // Rows written by hand or by older tools sometimes omit "shape"; the geometry key says what it is.
    static ShapeType inferShape(const json &entry);

    Result<void> coordinate(const json &container, const char *key, const QString &path, const QString &place,
                            double *out, bool required = true);

    Result<void> box(const json &entry, const char *key, bool rotatable, const QString &place,
                     Geometry *geometry);

    Result<void> point(const json &value, const QString &path, const QString &place, bool named,
                       NormalizedPoint *out);

    // Encord writes point lists as {"0": {...}, "1": {...}}; lists of points are accepted too.
    Result<void> pointList(const json &value, const QString &path, const QString &place, bool named,
                           QList<NormalizedPoint> *out);

    // "polygons" is [[ring, hole, ...], ...] with flat [x1, y1, x2, y2, ...] rings; the outer ring of the
    // first polygon is what a single-ring polygon would hold.
    Result<void> outerRing(const json &polygons, const QString &place, QList<NormalizedPoint> *out);

    Result<void> readGeometry(const json &entry, ShapeType shape, const QString &place, Geometry *geometry);
    Result<void> bitmask(const json &entry, const QString &place, Geometry *geometry);
    Result<void> cuboid(const json &entry, const QString &place, Geometry *geometry);
    Result<void> cuboid2d(const json &entry, const QString &place, Geometry *geometry);

    static QString classificationPlace(int number, const QString &hash, int frame);

    Result<void> readClassification(const json &entry, int number, int frame);

    // Global and range-only classifications live in classification_answers without a frame entry.
    Result<void> readUnplacedClassifications();

    LabelRowDocument &m_doc;
    QString m_context;
    QString m_knownTitle;
    QString m_knownDataHash;
    const json *m_objectAnswers = nullptr;
    const json *m_classificationAnswers = nullptr;
    QSet<QString> m_placedClassifications;
    bool m_keepLabels = true; // false: check only; objects and classifications are kept without their detail
};

} // namespace lb
