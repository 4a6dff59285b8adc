#include "domain/ontologyjson.h"

#include "domain/boundedjson.h"

#include <nlohmann/json.hpp>

namespace lb {

QString ontologyToJson(const Ontology &ontology)
{
    nlohmann::json objects = nlohmann::json::array();
    for (const OntologyObject &object : ontology.objects) {
        objects.push_back({{"featureHash", object.featureHash.toStdString()},
                           {"name", object.name.toStdString()},
                           {"shape", object.shape.toStdString()},
                           {"color", object.color.toStdString()}});
    }
    nlohmann::json classifications = nlohmann::json::array();
    for (const OntologyClassification &classification : ontology.classifications) {
        nlohmann::json labels = nlohmann::json::array();
        for (const QString &label : classification.optionLabels)
            labels.push_back(label.toStdString());
        nlohmann::json hashes = nlohmann::json::array();
        for (const QString &hash : classification.optionHashes)
            hashes.push_back(hash.toStdString());
        classifications.push_back({{"featureHash", classification.featureHash.toStdString()},
                                   {"name", classification.name.toStdString()},
                                   {"attributeHash", classification.attributeHash.toStdString()},
                                   {"optionLabels", labels},
                                   {"optionHashes", hashes}});
    }
    const nlohmann::json root = {{"ontologyHash", ontology.ontologyHash.toStdString()},
                                 {"title", ontology.title.toStdString()},
                                 {"objects", objects},
                                 {"classifications", classifications}};
    return QString::fromStdString(root.dump());
}

static QString jsonText(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return QString();
    return QString::fromStdString(it->get<std::string>());
}

static QStringList jsonTextList(const nlohmann::json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array())
        return out;
    for (const auto &item : *it) {
        if (item.is_string())
            out.append(QString::fromStdString(item.get<std::string>()));
    }
    return out;
}

Result<Ontology> ontologyFromJson(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    if (!boundedjson::withinDepth(bytes))
        return fail(QStringLiteral("the stored ontology is ") + boundedjson::tooDeep());
    try {
        const nlohmann::json root = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
        if (!root.is_object())
            return fail(QStringLiteral("the stored ontology is not a JSON object"));
        Ontology ontology;
        ontology.ontologyHash = jsonText(root, "ontologyHash");
        ontology.title = jsonText(root, "title");
        if (const auto objects = root.find("objects"); objects != root.end() && objects->is_array()) {
            for (const auto &item : *objects) {
                ontology.objects.append({jsonText(item, "featureHash"), jsonText(item, "name"),
                                         jsonText(item, "shape"), jsonText(item, "color")});
            }
        }
        if (const auto list = root.find("classifications"); list != root.end() && list->is_array()) {
            for (const auto &item : *list) {
                ontology.classifications.append(
                    {jsonText(item, "featureHash"), jsonText(item, "name"), jsonText(item, "attributeHash"),
                     jsonTextList(item, "optionLabels"), jsonTextList(item, "optionHashes")});
            }
        }
        return ontology;
    } catch (const nlohmann::json::exception &error) {
        return fail(
            QStringLiteral("the stored ontology cannot be read: %1").arg(QString::fromUtf8(error.what())));
    }
}

} // namespace lb
