#include "domain/labelrowparser.h"

#include "domain/labelrowjson.h"
#include "domain/wording.h"

#include <algorithm>
#include <limits>

namespace lb {

using namespace labelrowjson;

namespace {

// Whether a number read as a double can be kept as an int; converting one that cannot (1e300, "inf", "nan")
// would be undefined.
bool fitsInt(double number)
{
    return number >= std::numeric_limits<int>::min() && number <= std::numeric_limits<int>::max();
}

} // namespace

Result<LabelRowDocument> LabelRowParser::parse(json &&row, const QString &context)
{
    return read(std::move(row), context, true, true);
}

Result<LabelRowDocument> LabelRowParser::check(json &&row, const QString &context)
{
    return read(std::move(row), context, false, false);
}

Result<LabelRowDocument> LabelRowParser::forStoring(json &&row, const QString &context)
{
    Result<LabelRowDocument> document = read(std::move(row), context, false, true);
    if (document)
        document->keepOnlyStoredForm();
    return document;
}

Result<LabelRowDocument> LabelRowParser::read(json &&row, const QString &context, bool keepLabels,
                                              bool keepJson)
{
    LabelRowDocument document;
    document.m_json = std::move(row);
    LabelRowParser parser(document, context, keepLabels);
    try {
        Result<void> parsed = parser.run();
        if (!parsed)
            return parsed.takeError();
    } catch (const std::exception &e) {
        return fail(parser.where() + QStringLiteral(": could not be read: ") + QString::fromUtf8(e.what()));
    }
    if (!keepJson)
        document.m_json = json();
    return Result<LabelRowDocument>(std::move(document));
}

LabelRowParser::LabelRowParser(LabelRowDocument &document, const QString &context, bool keepLabels)
    : m_doc(document), m_context(context), m_keepLabels(keepLabels)
{
}

QString LabelRowParser::where() const
{
    QString text = m_context.isEmpty() ? QStringLiteral("label row") : m_context;
    if (!m_knownTitle.isEmpty())
        text += QStringLiteral(" (") + quoted(m_knownTitle) + QLatin1Char(')');
    else if (!m_knownDataHash.isEmpty())
        text += QStringLiteral(" (data_hash ") + shortHash(m_knownDataHash) + QLatin1Char(')');
    return text;
}

Error LabelRowParser::problem(const QString &detail) const
{
    return fail(where() + QStringLiteral(": ") + detail);
}

QString LabelRowParser::field(const QString &name)
{
    return QStringLiteral("field ") + quoted(name);
}

// A string that may be missing or null (empty then); any other type is an error.
Result<void> LabelRowParser::optionalString(const json &object, const char *key, QString *out,
                                            const QString &place)
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

Result<void> LabelRowParser::requiredString(const json &object, const char *key, QString *out,
                                            const QString &place)
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

Result<void> LabelRowParser::optionalObject(const json &object, const char *key, const json **out)
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

Result<void> LabelRowParser::timestamp(const json &object, const char *key, QDateTime *out)
{
    const json *value = member(object, key);
    if (isAbsent(value))
        return {};
    if (!value->is_string())
        return problem(field(QString::fromLatin1(key)) + QStringLiteral(" must be a date string or null"));
    // An unrecognised date is not worth refusing the labels for: the row keeps its JSON, the date stays
    // unset.
    *out = parseEncordTimestamp(fromStd(value->get_ref<const std::string &>()));
    return {};
}

Result<void> LabelRowParser::run()
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

Result<void> LabelRowParser::readIdentity(const json &row)
{
    if (auto r = requiredString(row, "data_hash", &m_doc.m_dataHash); !r)
        return r;
    if (auto r = optionalString(row, "data_title", &m_doc.m_dataTitle); !r)
        return r;

    QString typeText;
    if (auto r = requiredString(row, "data_type", &typeText); !r)
        return r;
    if (!DataType::parse(typeText, &m_doc.m_dataType))
        return problem(field(QStringLiteral("data_type")) + QStringLiteral(" must not be empty"));

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

QString LabelRowParser::unitPlace(const QString &key)
{
    return QStringLiteral("data unit ") + quoted(shortHash(key)) + QStringLiteral(": ");
}

Result<void> LabelRowParser::readDataUnits(const json &row)
{
    const json *units = member(row, "data_units");
    if (isAbsent(units))
        return problem(field(QStringLiteral("data_units")) + QStringLiteral(" is missing"));
    if (!units->is_object())
        return problem(field(QStringLiteral("data_units")) + QStringLiteral(" must be an object"));

    std::vector<UnitRef> ordered;
    if (auto r = orderUnits(*units, &ordered); !r)
        return r;
    int highestFrame = -1;
    for (std::size_t index = 0; index < ordered.size(); ++index) {
        if (auto r = readUnit(ordered[index], index == 0, &highestFrame); !r)
            return r;
    }
    setFrameCount(ordered.size(), highestFrame);
    if (m_doc.m_dataType.objectsInAnswers()) {
        if (auto r = readAnswerObjects(ordered.empty() ? QString() : ordered.front().key); !r)
            return r;
    }
    return readUnplacedClassifications();
}

Result<void> LabelRowParser::orderUnits(const json &units, std::vector<UnitRef> *ordered)
{
    const bool isGroup = m_doc.m_dataType == DataType::ImageGroup;
    ordered->reserve(units.size());
    for (auto it = units.begin(); it != units.end(); ++it) {
        UnitRef ref;
        ref.key = fromStd(it.key());
        ref.unit = &it.value();
        if (!ref.unit->is_object())
            return problem(QStringLiteral("data unit ") + quoted(shortHash(ref.key)) +
                           QStringLiteral(" must be an object"));
        double sequence = 0.0;
        switch (readLooseNumber(member(*ref.unit, "data_sequence"), &sequence)) {
        case Read::Ok:
            if (!fitsInt(sequence))
                return problem(unitPlace(ref.key) + field(QStringLiteral("data_sequence")) +
                               QStringLiteral(" is out of range"));
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
        ordered->push_back(std::move(ref));
    }
    std::stable_sort(ordered->begin(), ordered->end(),
                     [](const UnitRef &a, const UnitRef &b) { return a.sequence < b.sequence; });
    return {};
}

// The first unit gives the row its size (and title, when the row has none); every unit's labels are read.
Result<void> LabelRowParser::readUnit(const UnitRef &ref, bool first, int *highestFrame)
{
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
    if (first && (!fitsInt(width) || !fitsInt(height)))
        return problem(unitPlace(ref.key) +
                       field(fitsInt(width) ? QStringLiteral("height") : QStringLiteral("width")) +
                       QStringLiteral(" is out of range"));
    if (first) {
        m_doc.m_width = static_cast<int>(width);
        m_doc.m_height = static_cast<int>(height);
        if (m_doc.m_dataTitle.isEmpty()) {
            if (auto r = optionalString(unit, "data_title", &m_doc.m_dataTitle, unitPlace(ref.key)); !r)
                return r;
        }
    }

    const json *labels = member(unit, "labels");
    if (isAbsent(labels))
        return {};
    if (!labels->is_object())
        return problem(unitPlace(ref.key) + field(QStringLiteral("labels")) +
                       QStringLiteral(" must be an object"));
    // A data group's or DICOM study's children keep their objects in spaces, which the root does not
    // count (docs/encord-api.md §5); audio and text keep theirs in object_answers.
    if (m_doc.m_dataType.isContainer() || m_doc.m_dataType.objectsInAnswers())
        return {};
    if (labelsKeyedByFrame(m_doc.m_dataType, *labels))
        return readFrames(ref, *labels, highestFrame);
    const int frame = m_doc.m_dataType == DataType::ImageGroup ? ref.sequence : 0;
    return readFrame(*labels, frame, ref.key);
}

Result<void> LabelRowParser::readFrames(const UnitRef &ref, const json &labels, int *highestFrame)
{
    std::vector<std::pair<int, const json *>> frames;
    frames.reserve(labels.size());
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        int frame = 0;
        if (!parseFrameKey(it.key(), &frame))
            return problem(unitPlace(ref.key) + QStringLiteral("frame key ") + quoted(fromStd(it.key())) +
                           QStringLiteral(" in \"labels\" is not a frame number"));
        frames.emplace_back(frame, &it.value());
    }
    // Keys are strings, so the map order is "0", "10", "2"; labels are listed in frame order.
    std::sort(frames.begin(), frames.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[frame, content] : frames) {
        if (!content->is_object())
            return problem(unitPlace(ref.key) + QStringLiteral("frame ") + QString::number(frame) +
                           QStringLiteral(" must be an object"));
        if (auto r = readFrame(*content, frame, ref.key); !r)
            return r;
        *highestFrame = std::max(*highestFrame, frame);
    }
    return {};
}

void LabelRowParser::setFrameCount(std::size_t unitCount, int highestFrame)
{
    if (m_doc.m_dataType == DataType::ImageGroup)
        m_doc.m_frameCount = std::max<int>(1, static_cast<int>(unitCount));
    else
        m_doc.m_frameCount = std::max(1, highestFrame + 1); // 1 for one-frame types
}

Result<void> LabelRowParser::readFrame(const json &frame, int frameIndex, const QString &unitKey)
{
    const QString framePlace = QStringLiteral("frame ") + QString::number(frameIndex) + QStringLiteral(": ");
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
            if (auto r = readClassification((*classifications)[i], static_cast<int>(i) + 1, frameIndex); !r)
                return r;
        }
    }
    return {};
}

QString LabelRowParser::classificationPlace(int number, const QString &hash, int frame)
{
    QString text = QStringLiteral("classification ") + QString::number(number);
    if (!hash.isEmpty())
        text += QStringLiteral(" (") + quoted(hash) + QLatin1Char(')');
    return text + QStringLiteral(" on frame ") + QString::number(frame);
}

Result<void> LabelRowParser::readClassification(const json &entry, int number, int frame)
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
    m_placedClassifications.insert(classification.classificationHash);
    if (m_classificationAnswers) {
        if (const json *answers = member(*m_classificationAnswers, hashText.c_str());
            answers && answers->is_object()) {
            if (const json *list = member(*answers, "classifications"); list && m_keepLabels)
                classification.answers = *list;
            if (classification.featureHash.isEmpty()) {
                if (const json *feature = member(*answers, "featureHash"); feature && feature->is_string())
                    classification.featureHash = fromStd(feature->get_ref<const std::string &>());
            }
        }
    }
    m_doc.m_classifications.append(std::move(classification));
    return {};
}

// Global and range-only classifications live in classification_answers without a frame entry.
Result<void> LabelRowParser::readUnplacedClassifications()
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
            if (m_keepLabels)
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

} // namespace lb
