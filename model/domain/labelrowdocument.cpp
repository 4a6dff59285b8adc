#include "domain/labelrowdocument.h"

#include "domain/labelcontenthash.h"
#include "domain/wording.h"

#include <algorithm>
#include <charconv>
#include <QSet>
#include <string>
#include <string_view>
#include <vector>

namespace lb {

namespace {

using json = nlohmann::json;

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Long hashes make messages unreadable; the first eight characters are enough to find the row.
QString shortHash(const QString &hash)
{
    return hash.size() > 8 ? hash.left(8) + QChar(0x2026) : hash;
}

QString typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::null:
        return QStringLiteral("null");
    case json::value_t::boolean:
        return QStringLiteral("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return QStringLiteral("a number");
    case json::value_t::string:
        return QStringLiteral("a string");
    case json::value_t::array:
        return QStringLiteral("an array");
    case json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("an unsupported value");
    }
}

const json *member(const json &object, const char *key)
{
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

bool isAbsent(const json *value)
{
    return !value || value->is_null();
}

enum class Read
{
    Ok,
    Absent,
    Invalid
};

// Encord's metadata carries "None", numeric strings or null where numbers belong; all of them are tolerated.
Read readLooseNumber(const json *value, double *out)
{
    if (isAbsent(value))
        return Read::Absent;
    if (value->is_number()) {
        *out = value->get<double>();
        return Read::Ok;
    }
    if (!value->is_string())
        return Read::Invalid;
    std::string_view text = value->get_ref<const std::string &>();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty() || text == "None" || text == "none" || text == "null" || text == "NaN" || text == "nan")
        return Read::Absent;
    if (text.front() == '+')
        text.remove_prefix(1);
    double parsed = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return Read::Invalid;
    *out = parsed;
    return Read::Ok;
}

// Frame keys of video labels are decimal strings: "0", "17".
bool parseFrameKey(const std::string &key, int *frame)
{
    if (key.empty() || key.size() > 9)
        return false;
    int value = 0;
    const auto result = std::from_chars(key.data(), key.data() + key.size(), value);
    if (result.ec != std::errc() || result.ptr != key.data() + key.size() || value < 0)
        return false;
    *frame = value;
    return true;
}

struct UnitRef
{
    QString key;
    const json *unit = nullptr;
    int sequence = 0;
};

} // namespace

// Fills a LabelRowDocument from its JSON. Every failure names the row, and where it helps the data unit,
// frame, object and field, so a user can find the offending spot in a file of thousands of rows.
class LabelRowParser
{
public:
    static Result<LabelRowDocument> parse(json &&row, const QString &context)
    {
        LabelRowDocument document;
        document.m_json = std::move(row);
        LabelRowParser parser(document, context);
        try {
            Result<void> parsed = parser.run();
            if (!parsed)
                return parsed.takeError();
        } catch (const std::exception &e) {
            return fail(parser.where() + QStringLiteral(": could not be read: ") +
                        QString::fromUtf8(e.what()));
        }
        return Result<LabelRowDocument>(std::move(document));
    }

private:
    LabelRowParser(LabelRowDocument &document, const QString &context) : m_doc(document), m_context(context)
    {
    }

    QString where() const
    {
        QString text = m_context.isEmpty() ? QStringLiteral("label row") : m_context;
        if (!m_knownTitle.isEmpty())
            text += QStringLiteral(" (") + quoted(m_knownTitle) + QLatin1Char(')');
        else if (!m_knownDataHash.isEmpty())
            text += QStringLiteral(" (data_hash ") + shortHash(m_knownDataHash) + QLatin1Char(')');
        return text;
    }

    Error problem(const QString &detail) const { return fail(where() + QStringLiteral(": ") + detail); }

    static QString field(const QString &name) { return QStringLiteral("field ") + quoted(name); }

    // A string that may be missing or null (empty then); any other type is an error.
    Result<void> optionalString(const json &object, const char *key, QString *out,
                                const QString &place = QString())
    {
        const json *value = member(object, key);
        if (isAbsent(value)) {
            out->clear();
            return {};
        }
        if (!value->is_string())
            return problem(place + field(QString::fromLatin1(key)) + QStringLiteral(" must be a string"));
        *out = fromStd(value->get_ref<const std::string &>());
        return {};
    }

    Result<void> requiredString(const json &object, const char *key, QString *out,
                                const QString &place = QString())
    {
        const json *value = member(object, key);
        if (isAbsent(value))
            return problem(place + field(QString::fromLatin1(key)) + QStringLiteral(" is missing"));
        if (!value->is_string())
            return problem(place + field(QString::fromLatin1(key)) + QStringLiteral(" must be a string"));
        *out = fromStd(value->get_ref<const std::string &>());
        if (out->isEmpty())
            return problem(place + field(QString::fromLatin1(key)) + QStringLiteral(" must not be empty"));
        return {};
    }

    Result<void> optionalObject(const json &object, const char *key, const json **out)
    {
        const json *value = member(object, key);
        *out = nullptr;
        if (isAbsent(value))
            return {};
        if (!value->is_object())
            return problem(field(QString::fromLatin1(key)) + QStringLiteral(" must be an object"));
        *out = value;
        return {};
    }

    Result<void> timestamp(const json &object, const char *key, QDateTime *out)
    {
        const json *value = member(object, key);
        if (isAbsent(value))
            return {};
        if (!value->is_string())
            return problem(field(QString::fromLatin1(key)) +
                           QStringLiteral(" must be a date string or null"));
        // An unrecognised date is not worth refusing the labels for: the row keeps its JSON, the date stays
        // unset.
        *out = parseEncordTimestamp(fromStd(value->get_ref<const std::string &>()));
        return {};
    }

    Result<void> run()
    {
        const json &row = m_doc.m_json;
        if (!row.is_object())
            return problem(QStringLiteral("must be a JSON object (a label row), not ") + typeName(row));

        // Learn the row's name before checking anything, so every message can point at it.
        if (const json *title = member(row, "data_title"); title && title->is_string())
            m_knownTitle = fromStd(title->get_ref<const std::string &>());
        if (const json *hash = member(row, "data_hash"); hash && hash->is_string())
            m_knownDataHash = fromStd(hash->get_ref<const std::string &>());

        if (auto r = readIdentity(row); !r)
            return r;
        return readDataUnits(row);
    }

    Result<void> readIdentity(const json &row)
    {
        if (auto r = requiredString(row, "data_hash", &m_doc.m_dataHash); !r)
            return r;
        if (auto r = optionalString(row, "data_title", &m_doc.m_dataTitle); !r)
            return r;

        QString typeText;
        if (auto r = requiredString(row, "data_type", &typeText); !r)
            return r;
        if (!parseDataType(typeText, &m_doc.m_dataType))
            return problem(field(QStringLiteral("data_type")) +
                           QStringLiteral(" has the unsupported value ") + quoted(typeText) +
                           QStringLiteral(" (supported: image, img_group, video)"));

        if (auto r = optionalString(row, "label_hash", &m_doc.m_labelHash); !r)
            return r;
        if (auto r = optionalString(row, "branch_name", &m_doc.m_branchName); !r)
            return r;
        if (m_doc.m_branchName.isEmpty())
            m_doc.m_branchName = QStringLiteral("main"); // Encord's default when the key is absent
        if (auto r = optionalString(row, "label_status", &m_doc.m_labelStatus); !r)
            return r;
        if (auto r = optionalString(row, "dataset_hash", &m_doc.m_datasetHash); !r)
            return r;
        if (auto r = optionalString(row, "dataset_title", &m_doc.m_datasetTitle); !r)
            return r;
        if (auto r = timestamp(row, "created_at", &m_doc.m_createdAt); !r)
            return r;
        if (auto r = timestamp(row, "last_edited_at", &m_doc.m_lastEditedAt); !r)
            return r;

        if (auto r = optionalObject(row, "object_answers", &m_objectAnswers); !r)
            return r;
        if (auto r = optionalObject(row, "classification_answers", &m_classificationAnswers); !r)
            return r;
        const json *objectActions = nullptr;
        if (auto r = optionalObject(row, "object_actions", &objectActions); !r)
            return r;
        return {};
    }

    static QString unitPlace(const QString &key)
    {
        return QStringLiteral("data unit ") + quoted(shortHash(key)) + QStringLiteral(": ");
    }

    Result<void> readDataUnits(const json &row)
    {
        const json *units = member(row, "data_units");
        if (isAbsent(units))
            return problem(field(QStringLiteral("data_units")) + QStringLiteral(" is missing"));
        if (!units->is_object())
            return problem(field(QStringLiteral("data_units")) + QStringLiteral(" must be an object"));

        const bool isGroup = m_doc.m_dataType == DataType::ImageGroup;
        std::vector<UnitRef> ordered;
        ordered.reserve(units->size());
        for (auto it = units->begin(); it != units->end(); ++it) {
            UnitRef ref;
            ref.key = fromStd(it.key());
            ref.unit = &it.value();
            if (!ref.unit->is_object())
                return problem(QStringLiteral("data unit ") + quoted(shortHash(ref.key)) +
                               QStringLiteral(" must be an object"));
            double sequence = 0.0;
            switch (readLooseNumber(member(*ref.unit, "data_sequence"), &sequence)) {
            case Read::Ok:
                ref.sequence = static_cast<int>(sequence);
                break;
            case Read::Absent:
                // Only image groups need it: it is the frame index of each image.
                if (isGroup)
                    return problem(unitPlace(ref.key) + field(QStringLiteral("data_sequence")) +
                                   QStringLiteral(" is missing"));
                break;
            case Read::Invalid:
                return problem(unitPlace(ref.key) + field(QStringLiteral("data_sequence")) +
                               QStringLiteral(" must be a number"));
            }
            ordered.push_back(std::move(ref));
        }
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const UnitRef &a, const UnitRef &b) { return a.sequence < b.sequence; });

        int highestFrame = -1;
        for (std::size_t index = 0; index < ordered.size(); ++index) {
            const UnitRef &ref = ordered[index];
            const json &unit = *ref.unit;
            double width = 0.0, height = 0.0;
            const Read widthRead = readLooseNumber(member(unit, "width"), &width);
            const Read heightRead = readLooseNumber(member(unit, "height"), &height);
            if (widthRead == Read::Invalid)
                return problem(unitPlace(ref.key) + field(QStringLiteral("width")) +
                               QStringLiteral(" must be a number"));
            if (heightRead == Read::Invalid)
                return problem(unitPlace(ref.key) + field(QStringLiteral("height")) +
                               QStringLiteral(" must be a number"));
            if (index == 0) {
                m_doc.m_width = static_cast<int>(width);
                m_doc.m_height = static_cast<int>(height);
                if (m_doc.m_dataTitle.isEmpty()) {
                    if (auto r = optionalString(unit, "data_title", &m_doc.m_dataTitle, unitPlace(ref.key));
                        !r)
                        return r;
                }
            }

            const json *labels = member(unit, "labels");
            if (isAbsent(labels))
                continue;
            if (!labels->is_object())
                return problem(unitPlace(ref.key) + field(QStringLiteral("labels")) +
                               QStringLiteral(" must be an object"));

            if (m_doc.m_dataType == DataType::Video) {
                std::vector<std::pair<int, const json *>> frames;
                frames.reserve(labels->size());
                for (auto it = labels->begin(); it != labels->end(); ++it) {
                    int frame = 0;
                    if (!parseFrameKey(it.key(), &frame))
                        return problem(unitPlace(ref.key) + QStringLiteral("frame key ") +
                                       quoted(fromStd(it.key())) +
                                       QStringLiteral(" in \"labels\" is not a frame number"));
                    frames.emplace_back(frame, &it.value());
                }
                // Keys are strings, so the map order is "0", "10", "2"; labels are listed in frame order.
                std::sort(frames.begin(), frames.end(),
                          [](const auto &a, const auto &b) { return a.first < b.first; });
                for (const auto &[frame, content] : frames) {
                    if (!content->is_object())
                        return problem(unitPlace(ref.key) + QStringLiteral("frame ") +
                                       QString::number(frame) + QStringLiteral(" must be an object"));
                    if (auto r = readFrame(*content, frame, ref.key); !r)
                        return r;
                    highestFrame = std::max(highestFrame, frame);
                }
            } else {
                const int frame = isGroup ? ref.sequence : 0;
                if (auto r = readFrame(*labels, frame, ref.key); !r)
                    return r;
            }
        }

        switch (m_doc.m_dataType) {
        case DataType::Image:
            m_doc.m_frameCount = 1;
            break;
        case DataType::ImageGroup:
            m_doc.m_frameCount = std::max<int>(1, static_cast<int>(ordered.size()));
            break;
        case DataType::Video:
            m_doc.m_frameCount = std::max(1, highestFrame + 1);
            break;
        }
        return readUnplacedClassifications();
    }

    Result<void> readFrame(const json &frame, int frameIndex, const QString &unitKey)
    {
        const QString framePlace =
            QStringLiteral("frame ") + QString::number(frameIndex) + QStringLiteral(": ");
        const json *objects = member(frame, "objects");
        if (!isAbsent(objects)) {
            if (!objects->is_array())
                return problem(framePlace + field(QStringLiteral("objects")) +
                               QStringLiteral(" must be an array"));
            for (std::size_t i = 0; i < objects->size(); ++i) {
                if (auto r = readObject((*objects)[i], static_cast<int>(i) + 1, frameIndex, unitKey); !r)
                    return r;
            }
        }
        const json *classifications = member(frame, "classifications");
        if (!isAbsent(classifications)) {
            if (!classifications->is_array())
                return problem(framePlace + field(QStringLiteral("classifications")) +
                               QStringLiteral(" must be an array"));
            for (std::size_t i = 0; i < classifications->size(); ++i) {
                if (auto r = readClassification((*classifications)[i], static_cast<int>(i) + 1, frameIndex);
                    !r)
                    return r;
            }
        }
        return {};
    }

    static QString objectPlace(int number, const QString &objectHash, int frame)
    {
        QString text = QStringLiteral("object ") + QString::number(number);
        if (!objectHash.isEmpty())
            text += QStringLiteral(" (") + quoted(objectHash) + QLatin1Char(')');
        return text + QStringLiteral(" on frame ") + QString::number(frame);
    }

    Result<void> readObject(const json &entry, int number, int frame, const QString &unitKey)
    {
        if (!entry.is_object())
            return problem(objectPlace(number, QString(), frame) +
                           QStringLiteral(" must be an object, not ") + typeName(entry));

        ObjectAnnotation object;
        object.frame = frame;
        object.dataUnitHash = unitKey;

        const json *hash = member(entry, "objectHash");
        if (isAbsent(hash))
            return problem(objectPlace(number, QString(), frame) + QStringLiteral(" has no \"objectHash\""));
        if (!hash->is_string() || hash->get_ref<const std::string &>().empty())
            return problem(objectPlace(number, QString(), frame) + QStringLiteral(": ") +
                           field(QStringLiteral("objectHash")) +
                           QStringLiteral(" must be a non-empty string"));
        object.objectHash = fromStd(hash->get_ref<const std::string &>());

        const QString place = objectPlace(number, object.objectHash, frame) + QStringLiteral(": ");
        const json *feature = member(entry, "featureHash");
        if (isAbsent(feature))
            return problem(objectPlace(number, object.objectHash, frame) +
                           QStringLiteral(" has no \"featureHash\""));
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

        QString shapeName;
        if (auto r = optionalString(entry, "shape", &shapeName, place); !r)
            return r;
        const ShapeType shape = shapeName.isEmpty() ? inferShape(entry) : parseShapeType(shapeName);
        if (auto r = readGeometry(entry, shape, place, &object.geometry); !r)
            return r;

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

    // Rows written by hand or by older tools sometimes omit "shape"; the geometry key says what it is.
    static ShapeType inferShape(const json &entry)
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
        return ShapeType::Other;
    }

    Result<void> coordinate(const json &container, const char *key, const QString &path, const QString &place,
                            double *out, bool required = true)
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

    Result<void> box(const json &entry, const char *key, bool rotatable, const QString &place,
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

    Result<void> point(const json &value, const QString &path, const QString &place, bool named,
                       NormalizedPoint *out)
    {
        if (value.is_array()) {
            if (value.size() < 2 || !value[0].is_number() || !value[1].is_number())
                return problem(place + field(path) +
                               QStringLiteral(" must be a point {\"x\", \"y\"} or [x, y]"));
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
    Result<void> pointList(const json &value, const QString &path, const QString &place, bool named,
                           QList<NormalizedPoint> *out)
    {
        if (value.is_array()) {
            out->reserve(static_cast<qsizetype>(value.size()));
            for (std::size_t i = 0; i < value.size(); ++i) {
                NormalizedPoint p;
                if (auto r = point(value[i], path + QLatin1Char('.') + QString::number(i), place, named, &p);
                    !r)
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
                return problem(place + field(path) + QStringLiteral(" has the key ") +
                               quoted(fromStd(it.key())) + QStringLiteral(", which is not a point index"));
            indexed.emplace_back(index, &it.value());
        }
        // Keys are strings, so "10" sorts before "2" in the map; points are ordered by their number.
        std::sort(indexed.begin(), indexed.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        out->reserve(static_cast<qsizetype>(indexed.size()));
        for (const auto &[index, content] : indexed) {
            NormalizedPoint p;
            if (auto r = point(*content, path + QLatin1Char('.') + QString::number(index), place, named, &p);
                !r)
                return r;
            out->append(p);
        }
        return {};
    }

    // "polygons" is [[ring, hole, ...], ...] with flat [x1, y1, x2, y2, ...] rings; the outer ring of the
    // first polygon is what a single-ring polygon would hold.
    Result<void> outerRing(const json &polygons, const QString &place, QList<NormalizedPoint> *out)
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
            return problem(place + field(path) +
                           QStringLiteral(" has a ring with an odd number of coordinates"));
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

    Result<void> readGeometry(const json &entry, ShapeType shape, const QString &place, Geometry *geometry)
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
        case ShapeType::Other:
            return {}; // bitmasks, cuboids, ...: counted and kept, not drawn
        }
        return {};
    }

    static QString classificationPlace(int number, const QString &hash, int frame)
    {
        QString text = QStringLiteral("classification ") + QString::number(number);
        if (!hash.isEmpty())
            text += QStringLiteral(" (") + quoted(hash) + QLatin1Char(')');
        return text + QStringLiteral(" on frame ") + QString::number(frame);
    }

    Result<void> readClassification(const json &entry, int number, int frame)
    {
        if (!entry.is_object())
            return problem(classificationPlace(number, QString(), frame) +
                           QStringLiteral(" must be an object, not ") + typeName(entry));
        ClassificationAnnotation classification;
        classification.frame = frame;
        const json *hash = member(entry, "classificationHash");
        if (isAbsent(hash))
            return problem(classificationPlace(number, QString(), frame) +
                           QStringLiteral(" has no \"classificationHash\""));
        if (!hash->is_string() || hash->get_ref<const std::string &>().empty())
            return problem(classificationPlace(number, QString(), frame) + QStringLiteral(": ") +
                           field(QStringLiteral("classificationHash")) +
                           QStringLiteral(" must be a non-empty string"));
        const std::string &hashText = hash->get_ref<const std::string &>();
        classification.classificationHash = fromStd(hashText);
        const QString place =
            classificationPlace(number, classification.classificationHash, frame) + QStringLiteral(": ");
        if (auto r = optionalString(entry, "featureHash", &classification.featureHash, place); !r)
            return r;
        if (auto r = optionalString(entry, "name", &classification.name, place); !r)
            return r;
        if (auto r = optionalString(entry, "createdBy", &classification.createdBy, place); !r)
            return r;
        if (readLooseNumber(member(entry, "confidence"), &classification.confidence) == Read::Invalid)
            return problem(place + field(QStringLiteral("confidence")) + QStringLiteral(" must be a number"));
        if (m_classificationAnswers) {
            if (const json *answers = member(*m_classificationAnswers, hashText.c_str());
                answers && answers->is_object()) {
                if (const json *list = member(*answers, "classifications"))
                    classification.answers = *list;
                if (classification.featureHash.isEmpty()) {
                    if (const json *feature = member(*answers, "featureHash");
                        feature && feature->is_string())
                        classification.featureHash = fromStd(feature->get_ref<const std::string &>());
                }
            }
        }
        m_placedClassifications.insert(classification.classificationHash);
        m_doc.m_classifications.append(std::move(classification));
        return {};
    }

    // Global and range-only classifications live in classification_answers without a frame entry.
    Result<void> readUnplacedClassifications()
    {
        if (!m_classificationAnswers)
            return {};
        for (auto it = m_classificationAnswers->begin(); it != m_classificationAnswers->end(); ++it) {
            const QString hash = fromStd(it.key());
            if (m_placedClassifications.contains(hash))
                continue;
            const json &entry = it.value();
            if (!entry.is_object())
                return problem(QStringLiteral("classification_answers entry ") + quoted(hash) +
                               QStringLiteral(" must be an object"));
            ClassificationAnnotation classification;
            classification.classificationHash = hash;
            const QString place =
                QStringLiteral("classification_answers entry ") + quoted(hash) + QStringLiteral(": ");
            if (auto r = optionalString(entry, "featureHash", &classification.featureHash, place); !r)
                return r;
            if (auto r = optionalString(entry, "createdBy", &classification.createdBy, place); !r)
                return r;
            if (const json *list = member(entry, "classifications")) {
                classification.answers = *list;
                if (list->is_array() && !list->empty() && (*list)[0].is_object()) {
                    if (const json *name = member((*list)[0], "name"); name && name->is_string())
                        classification.name = fromStd(name->get_ref<const std::string &>());
                }
            }
            // The first frame of its first range, when it has one.
            if (const json *range = member(entry, "range"); range && range->is_array() && !range->empty()) {
                const json &first = (*range)[0];
                if (first.is_array() && !first.empty() && first[0].is_number_integer())
                    classification.frame = first[0].get<int>();
            }
            m_doc.m_classifications.append(std::move(classification));
        }
        return {};
    }

    LabelRowDocument &m_doc;
    QString m_context;
    QString m_knownTitle;
    QString m_knownDataHash;
    const json *m_objectAnswers = nullptr;
    const json *m_classificationAnswers = nullptr;
    QSet<QString> m_placedClassifications;
};

namespace {

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>".
QString parseErrorReason(const json::parse_error &error)
{
    const std::string what = error.what();
    std::size_t start = what.find("column ");
    if (start != std::string::npos)
        start = what.find(": ", start);
    if (start == std::string::npos) {
        start = what.find("] ");
        if (start == std::string::npos)
            return QString::fromUtf8(what.c_str());
    }
    return QString::fromUtf8(what.c_str() + start + 2);
}

Result<json> parseBytes(const QByteArray &bytes)
{
    try {
        return Result<json>(json::parse(bytes.constBegin(), bytes.constEnd()));
    } catch (const json::parse_error &e) {
        return fail(QStringLiteral("invalid JSON at byte ") + QString::number(e.byte) + QStringLiteral(": ") +
                    parseErrorReason(e));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("invalid JSON: ") + QString::fromUtf8(e.what()));
    }
}

} // namespace

Result<LabelRowDocument> LabelRowDocument::fromJson(const nlohmann::json &row, const QString &context)
{
    try {
        return LabelRowParser::parse(nlohmann::json(row), context);
    } catch (const std::exception &e) {
        return fail(QStringLiteral("label row could not be read: ") + QString::fromUtf8(e.what()));
    }
}

Result<LabelRowDocument> LabelRowDocument::fromBytes(const QByteArray &bytes, const QString &context)
{
    Result<nlohmann::json> parsed = parseBytes(bytes);
    if (!parsed)
        return fail(context.isEmpty() ? parsed.error() : context + QStringLiteral(": ") + parsed.error());
    return LabelRowParser::parse(std::move(parsed).value(), context);
}

Result<QList<LabelRowDocument>> LabelRowDocument::arrayFromBytes(const QByteArray &bytes)
{
    Result<nlohmann::json> parsed = parseBytes(bytes);
    if (!parsed)
        return parsed.takeError();
    nlohmann::json &rows = parsed.value();
    if (!rows.is_array())
        return fail(QStringLiteral("expected a JSON array of label rows, but the top-level value is ") +
                    typeName(rows));
    QList<LabelRowDocument> documents;
    documents.reserve(static_cast<qsizetype>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Result<LabelRowDocument> document =
            LabelRowParser::parse(std::move(rows[i]), QStringLiteral("row ") + QString::number(i + 1));
        if (!document)
            return document.takeError();
        documents.append(std::move(document).value());
    }
    return Result<QList<LabelRowDocument>>(std::move(documents));
}

QByteArray LabelRowDocument::toBytes() const
{
    // Replacing invalid UTF-8 instead of throwing: a row built in code must still be writable.
    const std::string text = m_json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

namespace {

json stringOrNull(const QString &text)
{
    return text.isEmpty() ? json(nullptr) : json(text.toStdString());
}

json timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? json(formatEncordLongTimestamp(time).toStdString()) : json(nullptr);
}

} // namespace

void LabelRowDocument::setLabelHash(const QString &labelHash)
{
    m_labelHash = labelHash;
    if (m_json.is_object())
        m_json["label_hash"] = stringOrNull(labelHash);
}

void LabelRowDocument::setBranchName(const QString &branchName)
{
    m_branchName = branchName;
    if (m_json.is_object())
        m_json["branch_name"] = branchName.toStdString();
}

void LabelRowDocument::setLabelStatus(const QString &status)
{
    m_labelStatus = status;
    if (m_json.is_object())
        m_json["label_status"] = stringOrNull(status);
}

void LabelRowDocument::setTimestamps(const QDateTime &createdAt, const QDateTime &lastEditedAt)
{
    m_createdAt = createdAt.isValid() ? createdAt.toUTC() : QDateTime();
    m_lastEditedAt = lastEditedAt.isValid() ? lastEditedAt.toUTC() : QDateTime();
    if (m_json.is_object()) {
        m_json["created_at"] = timestampOrNull(m_createdAt);
        m_json["last_edited_at"] = timestampOrNull(m_lastEditedAt);
    }
}

int LabelRowDocument::objectInstanceCount() const
{
    QSet<QString> hashes;
    hashes.reserve(m_objects.size());
    for (const ObjectAnnotation &object : m_objects)
        hashes.insert(object.objectHash);
    return static_cast<int>(hashes.size());
}

QHash<QString, int> LabelRowDocument::classCounts() const
{
    QHash<QString, QSet<QString>> perClass;
    for (const ObjectAnnotation &object : m_objects)
        perClass[object.featureHash].insert(object.objectHash);
    QHash<QString, int> counts;
    counts.reserve(perClass.size());
    for (auto it = perClass.cbegin(); it != perClass.cend(); ++it)
        counts.insert(it.key(), static_cast<int>(it.value().size()));
    return counts;
}

int LabelRowDocument::classificationCount() const
{
    QSet<QString> hashes;
    for (const ClassificationAnnotation &classification : m_classifications)
        hashes.insert(classification.classificationHash);
    return static_cast<int>(hashes.size());
}

QString LabelRowDocument::contentHash() const
{
    try {
        return labelContentHash(m_json, m_dataType);
    } catch (const std::exception &) {
        return QString(); // unreachable for parsed rows; a value, never an exception, at the boundary
    }
}

// --- shapes
// -------------------------------------------------------------------------------------------------

QString shapeTypeName(ShapeType shape)
{
    switch (shape) {
    case ShapeType::BoundingBox:
        return QStringLiteral("bounding_box");
    case ShapeType::RotatableBoundingBox:
        return QStringLiteral("rotatable_bounding_box");
    case ShapeType::Polygon:
        return QStringLiteral("polygon");
    case ShapeType::Polyline:
        return QStringLiteral("polyline");
    case ShapeType::Point:
        return QStringLiteral("point");
    case ShapeType::Skeleton:
        return QStringLiteral("skeleton");
    case ShapeType::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

ShapeType parseShapeType(const QString &name)
{
    for (ShapeType shape : {ShapeType::BoundingBox, ShapeType::RotatableBoundingBox, ShapeType::Polygon,
                            ShapeType::Polyline, ShapeType::Point, ShapeType::Skeleton}) {
        if (name == shapeTypeName(shape))
            return shape;
    }
    return ShapeType::Other;
}

// --- timestamps
// ---------------------------------------------------------------------------------------------

namespace {

const char *const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A small cursor over the text: Encord's formats are fixed, and a hand parser is locale-independent and cheap
// for the hundred thousand rows a store summarises.
class Cursor
{
public:
    explicit Cursor(const QString &text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    bool take(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }
    // Exactly `minDigits`..`maxDigits` decimal digits.
    bool number(int minDigits, int maxDigits, int *out)
    {
        int value = 0, digits = 0;
        while (digits < maxDigits && !atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9')) {
            value = value * 10 + (peek().unicode() - '0');
            ++m_pos;
            ++digits;
        }
        *out = value;
        return digits >= minDigits;
    }
    QString letters()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek().isLetter())
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // Fraction digits after the decimal point, as milliseconds (further digits are dropped).
    int fractionMs()
    {
        int ms = 0, digits = 0;
        while (!atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9')) {
            if (digits < 3)
                ms = ms * 10 + (peek().unicode() - '0');
            ++digits;
            ++m_pos;
        }
        for (; digits < 3; ++digits)
            ms *= 10;
        return ms;
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};

// Optional zone at the end: UTC, GMT, Z, +HH:MM, +HHMM, +HH. Offset in seconds east of UTC.
bool parseZone(Cursor &cursor, int *offsetSeconds)
{
    *offsetSeconds = 0;
    cursor.skipSpaces();
    if (cursor.atEnd())
        return true;
    if (cursor.take(QLatin1Char('Z')) || cursor.take(QLatin1Char('z'))) {
        cursor.skipSpaces();
        return cursor.atEnd();
    }
    const QChar sign = cursor.peek();
    if (sign == QLatin1Char('+') || sign == QLatin1Char('-')) {
        cursor.take(sign);
        int hours = 0, minutes = 0;
        if (!cursor.number(2, 2, &hours))
            return false;
        cursor.take(QLatin1Char(':'));
        cursor.number(0, 2, &minutes);
        if (hours > 23 || minutes > 59)
            return false;
        *offsetSeconds = (hours * 3600 + minutes * 60) * (sign == QLatin1Char('-') ? -1 : 1);
        cursor.skipSpaces();
        return cursor.atEnd();
    }
    const QString zone = cursor.letters().toUpper();
    if (zone != QLatin1String("UTC") && zone != QLatin1String("GMT"))
        return false;
    // "UTC+01:00" style
    if (cursor.peek() == QLatin1Char('+') || cursor.peek() == QLatin1Char('-'))
        return parseZone(cursor, offsetSeconds);
    cursor.skipSpaces();
    return cursor.atEnd();
}

QDateTime makeUtc(int year, int month, int day, int hour, int minute, int second, int ms, int offsetSeconds)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, ms);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

bool parseClock(Cursor &cursor, int *hour, int *minute, int *second, int *ms)
{
    *second = 0;
    *ms = 0;
    if (!cursor.number(1, 2, hour) || !cursor.take(QLatin1Char(':')) || !cursor.number(2, 2, minute))
        return false;
    if (cursor.take(QLatin1Char(':'))) {
        if (!cursor.number(2, 2, second))
            return false;
        if (cursor.take(QLatin1Char('.')) || cursor.take(QLatin1Char(',')))
            *ms = cursor.fractionMs();
    }
    return true;
}

// "Thu, 09 Feb 2023 14:12:03 UTC"
QDateTime parseLongForm(const QString &text)
{
    Cursor cursor(text);
    cursor.letters(); // weekday: not checked, the date decides
    cursor.take(QLatin1Char(','));
    cursor.skipSpaces();
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
    if (!cursor.number(1, 2, &day))
        return QDateTime();
    cursor.skipSpaces();
    const QString monthName = cursor.letters();
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (monthName.compare(QLatin1String(kMonths[i]), Qt::CaseInsensitive) == 0)
            month = i + 1;
    }
    if (month == 0)
        return QDateTime();
    cursor.skipSpaces();
    if (!cursor.number(4, 4, &year))
        return QDateTime();
    cursor.skipSpaces();
    if (!parseClock(cursor, &hour, &minute, &second, &ms) || !parseZone(cursor, &offset))
        return QDateTime();
    return makeUtc(year, month, day, hour, minute, second, ms, offset);
}

// "2023-03-21 10:25:48", "2023-03-21T09:58:08.472959", "2025-01-01T10:00:00Z", "2025-01-01T11:00:00+01:00"
QDateTime parseIsoForm(const QString &text)
{
    Cursor cursor(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
    if (!cursor.number(4, 4, &year) || !cursor.take(QLatin1Char('-')) || !cursor.number(1, 2, &month) ||
        !cursor.take(QLatin1Char('-')) || !cursor.number(1, 2, &day))
        return QDateTime();
    if (cursor.atEnd())
        return makeUtc(year, month, day, 0, 0, 0, 0, 0);
    if (!cursor.take(QLatin1Char('T')) && !cursor.take(QLatin1Char('t')) && !cursor.take(QLatin1Char(' ')))
        return QDateTime();
    cursor.skipSpaces();
    if (!parseClock(cursor, &hour, &minute, &second, &ms) || !parseZone(cursor, &offset))
        return QDateTime();
    return makeUtc(year, month, day, hour, minute, second, ms, offset);
}

} // namespace

QDateTime parseEncordTimestamp(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("None") || trimmed == QLatin1String("null"))
        return QDateTime();
    if (trimmed.at(0).isDigit())
        return parseIsoForm(trimmed);
    return parseLongForm(trimmed);
}

QString formatEncordLongTimestamp(const QDateTime &utc)
{
    if (!utc.isValid())
        return QString();
    const QDateTime t = utc.toUTC();
    const QDate date = t.date();
    const QTime time = t.time();
    return QString::asprintf("%s, %02d %s %04d %02d:%02d:%02d UTC", kWeekdays[date.dayOfWeek() - 1],
                             date.day(), kMonths[date.month() - 1], date.year(), time.hour(), time.minute(),
                             time.second());
}

} // namespace lb
