#pragma once

#include "domain/dataunit.h"
#include "domain/result.h"

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace lb {

enum class ShapeType
{
    BoundingBox,
    RotatableBoundingBox,
    Polygon,
    Polyline,
    Point,
    Skeleton,
    Bitmask,
    Cuboid,
    Cuboid2D,
    Audio, // a range of an audio file
    Text,  // a range of a text or HTML document
    Other
};
QString shapeTypeName(ShapeType shape); // Encord's names: "bounding_box", "rotatable_bounding_box", ...
ShapeType parseShapeType(const QString &name); // unknown -> Other

struct NormalizedPoint
{
    double x = 0.0; // fraction of the image width
    double y = 0.0; // fraction of the image height
    QString name;   // skeleton node name, empty otherwise
};

// A mask in COCO's compressed run-length encoding over the image's pixels in row-major order (pixels).
struct BitmaskGeometry
{
    int top = 0, left = 0, width = 0, height = 0;
    QByteArray rle;
};

// A 3-D box: centre, rotation (radians) and size, each as x, y, z.
struct CuboidGeometry
{
    std::array<double, 3> position{}, orientation{}, size{};
};

// A span of an audio file (milliseconds) or of a text (characters), both ends inclusive.
struct LabelRange
{
    double start = 0.0;
    double end = 0.0;
};

// Geometry in Encord's normalised coordinates (docs/encord-api.md §4.4).
struct Geometry
{
    ShapeType shape = ShapeType::Other;
    // Boxes: (x, y) is the top-left corner; theta in degrees for rotatable boxes.
    double x = 0.0, y = 0.0, w = 0.0, h = 0.0, theta = 0.0;
    // Polygon (outer ring), polyline, point (one), skeleton nodes, the front face of a 2-D cuboid.
    QList<NormalizedPoint> points;
    BitmaskGeometry bitmask;
    CuboidGeometry cuboid;
    // A 2-D cuboid's back face: its vanishing point (with scaleRatio) or its offset from the front.
    NormalizedPoint back;
    bool backIsOffset = false;
    double scaleRatio = 0.0;
    QList<LabelRange> ranges; // audio and text
    nlohmann::json htmlRange; // an HTML text object's range_html, as written
};

// One object on one frame. The same objectHash may appear on many frames (videos).
struct ObjectAnnotation
{
    QString objectHash;
    QString featureHash;
    QString name;
    QString color;
    int frame = 0;        // frame index; data_sequence for image groups; 0 for images
    QString dataUnitHash; // key of the data unit that holds it
    double confidence = 1.0;
    QString createdBy;
    QString lastEditedBy;
    bool manualAnnotation = true;
    Geometry geometry;
    nlohmann::json attributes; // the object's object_answers "classifications" list (may be null)
};

struct ClassificationAnnotation
{
    QString classificationHash;
    QString featureHash;
    QString name;
    int frame = 0;
    double confidence = 1.0;
    QString createdBy;
    nlohmann::json answers; // classification_answers entry "classifications" list (may be null)
};

class LabelRowParser;
struct PreparedContent;

// An Encord label row (the JSON of labelrow GET / export), parsed for counting, hashing and drawing.
// The original JSON is kept so writing it back loses nothing.
class LabelRowDocument
{
public:
    // Parses one label-row object. `context` names the row in error messages ("row 3").
    static Result<LabelRowDocument> fromJson(const nlohmann::json &row, const QString &context = QString());
    static Result<LabelRowDocument> fromBytes(const QByteArray &json, const QString &context = QString());
    // A JSON array of label-row objects, as Encord's export gives; the first bad row fails the whole parse
    // with a message naming the row (index and data_title/data_hash when known) and the field.
    static Result<QList<LabelRowDocument>> arrayFromBytes(const QByteArray &json);

    const nlohmann::json &json() const { return m_json; }
    QByteArray toBytes() const; // compact UTF-8 JSON of the row

    // The row's content as the project file stores it, made once and kept.
    std::shared_ptr<const PreparedContent> storedForm() const;
    // Makes the stored form and lets go of the parsed labels (the JSON, objects and classifications): a row
    // read only to be written then holds its compressed bytes instead of a parsed tree. Its identity,
    // counts, content hash and toBytes() stay as they were; json(), objects() and classifications() are
    // empty until an identity setter brings the labels back (parsing the stored bytes).
    void keepOnlyStoredForm();
    bool holdsOnlyStoredForm() const { return m_storedOnly; }

    QString labelHash() const { return m_labelHash; }
    QString branchName() const { return m_branchName; }
    QString dataHash() const { return m_dataHash; }
    QString dataTitle() const { return m_dataTitle; }
    DataType dataType() const { return m_dataType; }
    QString labelStatus() const { return m_labelStatus; }
    QString datasetHash() const { return m_datasetHash; }
    QString datasetTitle() const { return m_datasetTitle; }
    QDateTime createdAt() const { return m_createdAt; }
    QDateTime lastEditedAt() const { return m_lastEditedAt; }
    int width() const { return m_width; } // of the first data unit
    int height() const { return m_height; }
    int frameCount() const
    {
        return m_frameCount;
    } // highest labelled frame + 1 for videos, unit count for groups
    // The data unit as the row describes it: hash, title, type, dataset and size (a project made from rows).
    DataUnit dataUnit() const;

    // Changes the identity fields in the JSON too (used when a row is written on another branch).
    void setLabelHash(const QString &labelHash);
    void setBranchName(const QString &branchName);
    void setLabelStatus(const QString &status);
    void setTimestamps(const QDateTime &createdAt, const QDateTime &lastEditedAt);

    const QList<ObjectAnnotation> &objects() const { return m_objects; } // one entry per object per frame
    const QList<ClassificationAnnotation> &classifications() const { return m_classifications; }

    int objectInstanceCount() const;         // distinct objectHash across all frames
    QHash<QString, int> classCounts() const; // featureHash -> distinct objectHash of that class
    int classificationCount() const;         // distinct classificationHash
    // Lower-case hex SHA-256 over the canonical labels: independent of key order, of number spelling
    // (1 vs 1.0) and of timestamps; changes whenever an object, geometry, class, attribute, confidence
    // or classification changes.
    QString contentHash() const;

private:
    friend class LabelRowParser;

    void restoreParsedForm();

    nlohmann::json m_json;
    std::shared_ptr<const PreparedContent> m_stored; // made by storedForm(), dropped by a change
    bool m_storedOnly = false;
    QString m_labelHash, m_branchName, m_dataHash, m_dataTitle, m_labelStatus, m_datasetHash, m_datasetTitle;
    DataType m_dataType = DataType::Image;
    QDateTime m_createdAt, m_lastEditedAt;
    int m_width = 0, m_height = 0, m_frameCount = 1;
    QList<ObjectAnnotation> m_objects;
    QList<ClassificationAnnotation> m_classifications;
};

// Encord timestamps: "2023-03-21 10:25:48", "Thu, 09 Feb 2023 14:12:03 UTC|GMT", ISO 8601. UTC when no zone.
QDateTime parseEncordTimestamp(const QString &text);
QString formatEncordLongTimestamp(const QDateTime &utc); // "Wed, 01 Jan 2025 10:00:00 UTC"
// Whether `text` spells the instant `time` (both unset counts as no): a row keeps the spelling of its
// timestamps ("2023-02-09 14:12:03" or the long form, both of which Encord serves) while the instant is the
// same, so an export gives back the text an import got.
bool spellsInstant(const QString &text, const QDateTime &time);

} // namespace lb
