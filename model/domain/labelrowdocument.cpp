#include "domain/labelrowdocument.h"

#include "domain/boundedjson.h"
#include "domain/classcountsencoding.h"
#include "domain/labelcontenthash.h"
#include "domain/labelrowjson.h"
#include "domain/labelrowparser.h"
#include "domain/preparedcontent.h"

#include <QSet>

namespace lb {

using json = nlohmann::json;

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
    if (!boundedjson::withinDepth(bytes))
        return fail(QStringLiteral("the label row is ") + boundedjson::tooDeep());
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
                    labelrowjson::typeName(rows));
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

DataUnit LabelRowDocument::dataUnit() const
{
    DataUnit unit;
    unit.dataHash = m_dataHash;
    unit.dataTitle = m_dataTitle;
    unit.dataType = m_dataType;
    unit.datasetHash = m_datasetHash;
    unit.datasetTitle = m_datasetTitle;
    unit.width = m_width;
    unit.height = m_height;
    unit.frameCount = m_frameCount;
    return unit;
}

QByteArray LabelRowDocument::toBytes() const
{
    if (m_storedOnly)
        return qUncompress(m_stored->compressed);
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

// `time` as the row writes it: the text `current` has when it spells that instant, else the long form.
json timestampKeeping(const json &current, const QDateTime &time)
{
    if (current.is_string() && spellsInstant(QString::fromStdString(current.get<std::string>()), time))
        return current;
    return timestampOrNull(time);
}

} // namespace

std::shared_ptr<const PreparedContent> LabelRowDocument::storedForm() const
{
    if (!m_stored) // not kept in a const call: a row is shared between threads only as a copy
        return std::make_shared<const PreparedContent>(PreparedContent::of(*this));
    return m_stored;
}

void LabelRowDocument::keepOnlyStoredForm()
{
    if (m_storedOnly)
        return;
    m_stored = storedForm();
    m_json = nlohmann::json();
    m_objects = {};
    m_classifications = {};
    m_storedOnly = true;
}

void LabelRowDocument::restoreParsedForm()
{
    if (m_storedOnly) {
        // The bytes are the ones this row was parsed from; its identity fields are already its own.
        const QByteArray bytes = toBytes();
        m_storedOnly = false;
        if (Result<LabelRowDocument> parsed = fromBytes(bytes); parsed) {
            m_json = std::move(parsed->m_json);
            m_objects = std::move(parsed->m_objects);
            m_classifications = std::move(parsed->m_classifications);
        }
    }
    m_stored.reset();
}

void LabelRowDocument::setLabelHash(const QString &labelHash)
{
    restoreParsedForm();
    m_labelHash = labelHash;
    if (m_json.is_object())
        m_json["label_hash"] = stringOrNull(labelHash);
}

void LabelRowDocument::setBranchName(const QString &branchName)
{
    restoreParsedForm();
    m_branchName = branchName;
    if (m_json.is_object())
        m_json["branch_name"] = branchName.toStdString();
}

void LabelRowDocument::setLabelStatus(const QString &status)
{
    restoreParsedForm();
    m_labelStatus = status;
    if (m_json.is_object())
        m_json["label_status"] = stringOrNull(status);
}

void LabelRowDocument::setTimestamps(const QDateTime &createdAt, const QDateTime &lastEditedAt)
{
    restoreParsedForm();
    m_createdAt = createdAt.isValid() ? createdAt.toUTC() : QDateTime();
    m_lastEditedAt = lastEditedAt.isValid() ? lastEditedAt.toUTC() : QDateTime();
    if (m_json.is_object()) {
        m_json["created_at"] = timestampKeeping(m_json.value("created_at", json()), m_createdAt);
        m_json["last_edited_at"] = timestampKeeping(m_json.value("last_edited_at", json()), m_lastEditedAt);
    }
}

int LabelRowDocument::objectInstanceCount() const
{
    if (m_storedOnly)
        return m_stored->objectCount;
    QSet<QString> hashes;
    hashes.reserve(m_objects.size());
    for (const ObjectAnnotation &object : m_objects)
        hashes.insert(object.objectHash);
    return static_cast<int>(hashes.size());
}

QHash<QString, int> LabelRowDocument::classCounts() const
{
    if (m_storedOnly)
        return decodeClassCounts(m_stored->classCounts);
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
    if (m_storedOnly)
        return m_stored->classificationCount;
    QSet<QString> hashes;
    for (const ClassificationAnnotation &classification : m_classifications)
        hashes.insert(classification.classificationHash);
    return static_cast<int>(hashes.size());
}

QString LabelRowDocument::contentHash() const
{
    if (m_storedOnly)
        return m_stored->contentHash;
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
    case ShapeType::Bitmask:
        return QStringLiteral("bitmask");
    case ShapeType::Cuboid:
        return QStringLiteral("cuboid");
    case ShapeType::Cuboid2D:
        return QStringLiteral("cuboid_2d");
    case ShapeType::Audio:
        return QStringLiteral("audio");
    case ShapeType::Text:
        return QStringLiteral("text");
    case ShapeType::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

ShapeType parseShapeType(const QString &name)
{
    for (ShapeType shape : {ShapeType::BoundingBox, ShapeType::RotatableBoundingBox, ShapeType::Polygon,
                            ShapeType::Polyline, ShapeType::Point, ShapeType::Skeleton, ShapeType::Bitmask,
                            ShapeType::Cuboid, ShapeType::Cuboid2D, ShapeType::Audio, ShapeType::Text}) {
        if (name == shapeTypeName(shape))
            return shape;
    }
    return ShapeType::Other;
}

} // namespace lb
