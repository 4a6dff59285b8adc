#include "domain/labelrowjson.h"
#include "domain/labelrowparser.h"
#include "domain/wording.h"

// The objects of audio and text rows: object_answers entries with ranges (docs/encord-api.md §4.5, §5).

namespace lb {

using namespace labelrowjson;

// Every entry is an object, whether or not it has a range yet; the entry's key names it when it carries no
// objectHash of its own.
Result<void> LabelRowParser::readAnswerObjects(const QString &unitKey)
{
    if (!m_objectAnswers)
        return {};
    int number = 0;
    for (auto it = m_objectAnswers->begin(); it != m_objectAnswers->end(); ++it) {
        ++number;
        const json &entry = it.value();
        const QString key = fromStd(it.key());
        const QString place = QStringLiteral("object_answers entry ") + quoted(key) + QStringLiteral(": ");
        if (!entry.is_object())
            return problem(place + QStringLiteral("must be an object, not ") + typeName(entry));
        ObjectAnnotation object;
        object.dataUnitHash = unitKey;
        if (auto r = optionalString(entry, "objectHash", &object.objectHash, place); !r)
            return r;
        if (object.objectHash.isEmpty())
            object.objectHash = key;
        if (auto r = readObjectIdentity(entry, place, &object); !r)
            return r;
        QString shapeName;
        if (auto r = optionalString(entry, "shape", &shapeName, place); !r)
            return r;
        object.geometry.shape =
            shapeName.isEmpty() ? (m_doc.m_dataType == DataType::Audio ? ShapeType::Audio : ShapeType::Text)
                                : parseShapeType(shapeName);
        if (auto r = ranges(entry, place, &object.geometry); !r)
            return r;
        if (!m_keepLabels) {
            const ShapeType shape = object.geometry.shape;
            object.geometry = Geometry();
            object.geometry.shape = shape;
        } else if (const json *list = member(entry, "classifications")) {
            object.attributes = *list;
        }
        m_doc.m_objects.append(std::move(object));
    }
    return {};
}

// "range": [[start, end], ...]; an HTML document's objects say where they are in "range_html" instead.
Result<void> LabelRowParser::ranges(const json &entry, const QString &place, Geometry *geometry)
{
    if (const json *html = member(entry, "range_html"); !isAbsent(html))
        geometry->htmlRange = *html;
    const json *list = member(entry, "range");
    if (isAbsent(list))
        return {};
    if (!list->is_array())
        return problem(place + field(QStringLiteral("range")) +
                       QStringLiteral(" must be a list of [start, end]"));
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json &pair = (*list)[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number())
            return problem(place + field(QStringLiteral("range")) + QStringLiteral(" entry ") +
                           QString::number(i + 1) + QStringLiteral(" must be [start, end]"));
        geometry->ranges.append(LabelRange{pair[0].get<double>(), pair[1].get<double>()});
    }
    return {};
}

} // namespace lb
