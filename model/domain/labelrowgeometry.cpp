#include "domain/labelrowjson.h"
#include "domain/labelrowparser.h"
#include "domain/wording.h"

#include <algorithm>

// The objects of a label row and their geometry, one reader per Encord shape.

namespace lb {

using namespace labelrowjson;

QString LabelRowParser::objectPlace(int number, const QString &objectHash, int frame)
{
    QString text = QStringLiteral("object ") + QString::number(number);
    if (!objectHash.isEmpty())
        text += QStringLiteral(" (") + quoted(objectHash) + QLatin1Char(')');
    return text + QStringLiteral(" on frame ") + QString::number(frame);
}

Result<void> LabelRowParser::readObject(const json &entry, int number, int frame, const QString &unitKey)
{
    if (!entry.is_object())
        return problem(objectPlace(number, QString(), frame) + QStringLiteral(" must be an object, not ") +
                       typeName(entry));

    ObjectAnnotation object;
    object.frame = frame;
    object.dataUnitHash = unitKey;

    const json *hash = member(entry, "objectHash");
    if (isAbsent(hash))
        return problem(objectPlace(number, QString(), frame) + QStringLiteral(" has no \"objectHash\""));
    if (!hash->is_string() || hash->get_ref<const std::string &>().empty())
        return problem(objectPlace(number, QString(), frame) + QStringLiteral(": ") +
                       field(QStringLiteral("objectHash")) + QStringLiteral(" must be a non-empty string"));
    object.objectHash = fromStd(hash->get_ref<const std::string &>());

    const QString place = objectPlace(number, object.objectHash, frame) + QStringLiteral(": ");
    if (auto r = readObjectIdentity(entry, place, &object); !r)
        return r;

    QString shapeName;
    if (auto r = optionalString(entry, "shape", &shapeName, place); !r)
        return r;
    const ShapeType shape = shapeName.isEmpty() ? inferShape(entry) : parseShapeType(shapeName);
    if (auto r = readGeometry(entry, shape, place, &object.geometry); !r)
        return r;
    if (!m_keepLabels) {
        object.geometry = Geometry();
        object.geometry.shape = shape;
        m_doc.m_objects.append(std::move(object));
        return {};
    }

    if (m_objectAnswers) {
        if (const json *answers = member(*m_objectAnswers, hash->get_ref<const std::string &>().c_str());
            answers && answers->is_object()) {
            if (const json *list = member(*answers, "classifications"))
                object.attributes = *list;
        }
    }
    m_doc.m_objects.append(std::move(object));
    return {};
}

// The fields every object has besides its hash and geometry.
Result<void> LabelRowParser::readObjectIdentity(const json &entry, const QString &place,
                                                ObjectAnnotation *out)
{
    ObjectAnnotation &object = *out;
    const json *feature = member(entry, "featureHash");
    if (isAbsent(feature))
        return problem(place.chopped(2) + QStringLiteral(" has no \"featureHash\""));
    if (auto r = requiredString(entry, "featureHash", &object.featureHash, place); !r)
        return r;
    if (auto r = optionalString(entry, "name", &object.name, place); !r)
        return r;
    if (auto r = optionalString(entry, "color", &object.color, place); !r)
        return r;
    if (auto r = optionalString(entry, "createdBy", &object.createdBy, place); !r)
        return r;
    if (auto r = optionalString(entry, "lastEditedBy", &object.lastEditedBy, place); !r)
        return r;
    if (readLooseNumber(member(entry, "confidence"), &object.confidence) == Read::Invalid)
        return problem(place + field(QStringLiteral("confidence")) + QStringLiteral(" must be a number"));
    if (const json *manual = member(entry, "manualAnnotation"); !isAbsent(manual)) {
        if (!manual->is_boolean())
            return problem(place + field(QStringLiteral("manualAnnotation")) +
                           QStringLiteral(" must be true or false"));
        object.manualAnnotation = manual->get<bool>();
    }
    return {};
}

// Rows written by hand or by older tools sometimes omit "shape"; the geometry key says what it is.
ShapeType LabelRowParser::inferShape(const json &entry)
{
    if (entry.contains("boundingBox"))
        return ShapeType::BoundingBox;
    if (entry.contains("rotatableBoundingBox"))
        return ShapeType::RotatableBoundingBox;
    if (entry.contains("polygon") || entry.contains("polygons"))
        return ShapeType::Polygon;
    if (entry.contains("polyline"))
        return ShapeType::Polyline;
    if (entry.contains("skeleton"))
        return ShapeType::Skeleton;
    if (entry.contains("point"))
        return ShapeType::Point;
    if (entry.contains("bitmask"))
        return ShapeType::Bitmask;
    if (entry.contains("cuboid"))
        return ShapeType::Cuboid;
    if (entry.contains("cuboid2d") || entry.contains("cuboid_2d"))
        return ShapeType::Cuboid2D;
    return ShapeType::Other;
}

Result<void> LabelRowParser::coordinate(const json &container, const char *key, const QString &path,
                                        const QString &place, double *out, bool required)
{
    const json *value = member(container, key);
    if (isAbsent(value)) {
        if (!required)
            return {};
        return problem(place + field(path + QLatin1Char('.') + QString::fromLatin1(key)) +
                       QStringLiteral(" is missing"));
    }
    if (!value->is_number())
        return problem(place + field(path + QLatin1Char('.') + QString::fromLatin1(key)) +
                       QStringLiteral(" must be a number"));
    *out = value->get<double>();
    return {};
}

Result<void> LabelRowParser::box(const json &entry, const char *key, bool rotatable, const QString &place,
                                 Geometry *geometry)
{
    const QString path = QString::fromLatin1(key);
    const json *value = member(entry, key);
    if (isAbsent(value))
        return problem(place + QStringLiteral("shape ") + quoted(shapeTypeName(geometry->shape)) +
                       QStringLiteral(" needs ") + field(path));
    if (!value->is_object())
        return problem(place + field(path) + QStringLiteral(" must be an object"));
    for (const auto &[name, target] : {std::pair{"x", &geometry->x}, std::pair{"y", &geometry->y},
                                       std::pair{"w", &geometry->w}, std::pair{"h", &geometry->h}}) {
        if (auto r = coordinate(*value, name, path, place, target); !r)
            return r;
    }
    if (rotatable) {
        if (auto r = coordinate(*value, "theta", path, place, &geometry->theta, false); !r)
            return r;
    }
    return {};
}

Result<void> LabelRowParser::point(const json &value, const QString &path, const QString &place, bool named,
                                   NormalizedPoint *out)
{
    if (value.is_array()) {
        if (value.size() < 2 || !value[0].is_number() || !value[1].is_number())
            return problem(place + field(path) + QStringLiteral(" must be a point {\"x\", \"y\"} or [x, y]"));
        out->x = value[0].get<double>();
        out->y = value[1].get<double>();
        return {};
    }
    if (!value.is_object())
        return problem(place + field(path) + QStringLiteral(" must be a point {\"x\", \"y\"}"));
    if (auto r = coordinate(value, "x", path, place, &out->x); !r)
        return r;
    if (auto r = coordinate(value, "y", path, place, &out->y); !r)
        return r;
    if (named) {
        if (auto r = optionalString(value, "name", &out->name, place); !r)
            return r;
    }
    return {};
}

// Encord writes point lists as {"0": {...}, "1": {...}}; lists of points are accepted too.
Result<void> LabelRowParser::pointList(const json &value, const QString &path, const QString &place,
                                       bool named, QList<NormalizedPoint> *out)
{
    if (value.is_array()) {
        out->reserve(static_cast<qsizetype>(value.size()));
        for (std::size_t i = 0; i < value.size(); ++i) {
            NormalizedPoint p;
            if (auto r = point(value[i], path + QLatin1Char('.') + QString::number(i), place, named, &p); !r)
                return r;
            out->append(p);
        }
        return {};
    }
    if (!value.is_object())
        return problem(place + field(path) + QStringLiteral(" must be an object of points or an array"));
    std::vector<std::pair<int, const json *>> indexed;
    indexed.reserve(value.size());
    for (auto it = value.begin(); it != value.end(); ++it) {
        int index = 0;
        if (!parseFrameKey(it.key(), &index))
            return problem(place + field(path) + QStringLiteral(" has the key ") + quoted(fromStd(it.key())) +
                           QStringLiteral(", which is not a point index"));
        indexed.emplace_back(index, &it.value());
    }
    // Keys are strings, so "10" sorts before "2" in the map; points are ordered by their number.
    std::sort(indexed.begin(), indexed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    out->reserve(static_cast<qsizetype>(indexed.size()));
    for (const auto &[index, content] : indexed) {
        NormalizedPoint p;
        if (auto r = point(*content, path + QLatin1Char('.') + QString::number(index), place, named, &p); !r)
            return r;
        out->append(p);
    }
    return {};
}

// "polygons" is [[ring, hole, ...], ...] with flat [x1, y1, x2, y2, ...] rings; the outer ring of the
// first polygon is what a single-ring polygon would hold.
Result<void> LabelRowParser::outerRing(const json &polygons, const QString &place,
                                       QList<NormalizedPoint> *out)
{
    const QString path = QStringLiteral("polygons");
    if (!polygons.is_array())
        return problem(place + field(path) + QStringLiteral(" must be an array"));
    if (polygons.empty())
        return {};
    const json &first = polygons[0];
    if (!first.is_array())
        return problem(place + field(path) +
                       QStringLiteral(" must be an array of polygons (arrays of rings)"));
    if (first.empty())
        return {};
    const json &ring = first[0].is_array() ? first[0] : first; // tolerate a missing level of nesting
    if (ring.size() % 2 != 0)
        return problem(place + field(path) + QStringLiteral(" has a ring with an odd number of coordinates"));
    out->reserve(static_cast<qsizetype>(ring.size() / 2));
    for (std::size_t i = 0; i + 1 < ring.size(); i += 2) {
        if (!ring[i].is_number() || !ring[i + 1].is_number())
            return problem(place + field(path) + QStringLiteral(" must hold numbers as coordinates"));
        NormalizedPoint p;
        p.x = ring[i].get<double>();
        p.y = ring[i + 1].get<double>();
        out->append(p);
    }
    return {};
}

Result<void> LabelRowParser::readGeometry(const json &entry, ShapeType shape, const QString &place,
                                          Geometry *geometry)
{
    geometry->shape = shape;
    auto missing = [&](const QString &what) {
        return problem(place + QStringLiteral("shape ") + quoted(shapeTypeName(shape)) +
                       QStringLiteral(" needs ") + what);
    };
    switch (shape) {
    case ShapeType::BoundingBox:
        return box(entry, "boundingBox", false, place, geometry);
    case ShapeType::RotatableBoundingBox:
        return box(entry, "rotatableBoundingBox", true, place, geometry);
    case ShapeType::Polygon: {
        const json *polygon = member(entry, "polygon");
        if (!isAbsent(polygon))
            return pointList(*polygon, QStringLiteral("polygon"), place, false, &geometry->points);
        const json *polygons = member(entry, "polygons");
        if (isAbsent(polygons))
            return missing(QStringLiteral("field \"polygon\" or \"polygons\""));
        return outerRing(*polygons, place, &geometry->points);
    }
    case ShapeType::Polyline: {
        const json *polyline = member(entry, "polyline");
        if (isAbsent(polyline))
            return missing(field(QStringLiteral("polyline")));
        return pointList(*polyline, QStringLiteral("polyline"), place, false, &geometry->points);
    }
    case ShapeType::Point: {
        const json *value = member(entry, "point");
        if (isAbsent(value))
            return missing(field(QStringLiteral("point")));
        // Encord writes {"0": {"x", "y"}}; a bare {"x", "y"} means the same.
        if (value->is_object() && value->contains("x")) {
            NormalizedPoint p;
            if (auto r = point(*value, QStringLiteral("point"), place, false, &p); !r)
                return r;
            geometry->points.append(p);
            return {};
        }
        if (auto r = pointList(*value, QStringLiteral("point"), place, false, &geometry->points); !r)
            return r;
        if (geometry->points.isEmpty())
            return problem(place + field(QStringLiteral("point")) + QStringLiteral(" holds no point"));
        return {};
    }
    case ShapeType::Skeleton: {
        const json *skeleton = member(entry, "skeleton");
        if (isAbsent(skeleton))
            return missing(field(QStringLiteral("skeleton")));
        return pointList(*skeleton, QStringLiteral("skeleton"), place, true, &geometry->points);
    }
    case ShapeType::Bitmask:
        return bitmask(entry, place, geometry);
    case ShapeType::Cuboid:
        return cuboid(entry, place, geometry);
    case ShapeType::Cuboid2D:
        return cuboid2d(entry, place, geometry);
    case ShapeType::Audio:
    case ShapeType::Text:
        return ranges(entry, place, geometry);
    case ShapeType::Other:
        return {}; // segmentation and shapes Encord adds later: counted and kept as written
    }
    return {};
}

} // namespace lb
