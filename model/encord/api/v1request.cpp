#include "encord/api/v1request.h"

#include "encord/api/encordquery.h"
#include "encord/api/pythonjson.h"

namespace lb {

namespace {

nlohmann::ordered_json stringOrNull(const QString &text)
{
    if (text.isEmpty())
        return nullptr;
    return text.toStdString();
}

nlohmann::ordered_json listOrNull(const std::optional<QStringList> &list)
{
    if (!list)
        return nullptr;
    auto array = nlohmann::ordered_json::array();
    for (const QString &item : *list)
        array.push_back(item.toStdString());
    return array;
}

nlohmann::ordered_json timeOrNull(const QDateTime &time)
{
    if (!time.isValid())
        return nullptr;
    return EncordQuery::isoTime(time.toUTC()).toStdString();
}

} // namespace

V1Request V1Request::listLabelRows(const LabelRowListFilter &filter)
{
    V1Request r;
    r.m_queryType = QStringLiteral("labelrowmetadata");
    r.m_queryMethod = QStringLiteral("GET");
    r.m_uid = nullptr;
    r.m_description = QStringLiteral("listing label rows");
    auto &p = r.m_payload;
    p = nlohmann::ordered_json::object();
    p["edited_before"] = timeOrNull(filter.editedBefore);
    p["edited_after"] = timeOrNull(filter.editedAfter);
    p["label_statuses"] = listOrNull(filter.labelStatuses);
    p["shadow_data_state"] = stringOrNull(filter.shadowDataState);
    p["include_uninitialised_labels"] = true;
    p["data_hashes"] = listOrNull(filter.dataHashes);
    p["label_hashes"] = listOrNull(filter.labelHashes);
    p["data_title_eq"] = stringOrNull(filter.dataTitleEq);
    p["data_title_like"] = stringOrNull(filter.dataTitleLike);
    p["workflow_graph_node_title_eq"] = stringOrNull(filter.workflowGraphNodeTitleEq);
    p["workflow_graph_node_title_like"] = stringOrNull(filter.workflowGraphNodeTitleLike);
    p["include_client_metadata"] = filter.includeClientMetadata;
    p["include_images_data"] = filter.includeImagesData;
    p["include_children"] = filter.includeChildren;
    p["include_workflow_graph_node"] = filter.includeWorkflowGraphNode;
    p["include_all_label_branches"] = filter.includeAllLabelBranches;
    p["branch_name"] = stringOrNull(filter.branchName);
    return r;
}

V1Request V1Request::getLabelRows(const QStringList &labelHashes, const LabelRowGetOptions &options)
{
    V1Request r;
    r.m_queryType = QStringLiteral("labelrow");
    r.m_queryMethod = QStringLiteral("GET");
    r.m_uid = listOrNull(labelHashes);
    r.m_description = QStringLiteral("fetching label rows");
    auto &p = r.m_payload;
    p = nlohmann::ordered_json::object();
    p["get_signed_url"] = options.signedUrl;
    p["multi_request"] = true;
    p["include_object_feature_hashes"] = listOrNull(options.objectFeatureHashes);
    p["include_classification_feature_hashes"] = listOrNull(options.classificationFeatureHashes);
    p["include_reviews"] = options.includeReviews;
    p["include_export_history"] = options.includeExportHistory;
    p["include_archived"] = options.includeArchived;
    return r;
}

V1Request V1Request::createLabelRows(const QStringList &dataHashes, const QString &branchName)
{
    V1Request r;
    r.m_queryType = QStringLiteral("labelrow");
    r.m_queryMethod = QStringLiteral("PUT");
    r.m_uid = listOrNull(dataHashes);
    // Creating is not idempotent: a retry after a lost answer could create the rows twice (docs/encord-api.md
    // §2.5).
    r.m_retryable = false;
    r.m_description = QStringLiteral("creating label rows");
    auto &p = r.m_payload;
    p = nlohmann::ordered_json::object();
    p["multi_request"] = true;
    p["get_signed_url"] = false;
    p["branch_name"] = stringOrNull(branchName);
    return r;
}

V1Request V1Request::saveLabelRows(const QStringList &labelHashes,
                                   const QList<nlohmann::ordered_json> &labels, bool validateBeforeSaving)
{
    V1Request r;
    r.m_queryType = QStringLiteral("labelrow");
    r.m_queryMethod = QStringLiteral("POST");
    r.m_uid = listOrNull(labelHashes);
    r.m_description = QStringLiteral("saving label rows");
    auto &p = r.m_payload;
    p = nlohmann::ordered_json::object();
    p["multi_request"] = true;
    auto array = nlohmann::ordered_json::array();
    for (const auto &label : labels)
        array.push_back(label);
    p["labels"] = std::move(array);
    p["validate_before_saving"] = validateBeforeSaving;
    return r;
}

nlohmann::ordered_json V1Request::envelope() const
{
    nlohmann::ordered_json e = nlohmann::ordered_json::object();
    e["query_type"] = m_queryType.toStdString();
    e["query_method"] = m_queryMethod.toStdString();
    e["values"] = nlohmann::ordered_json::object();
    e["values"]["uid"] = m_uid;
    e["values"]["payload"] = m_payload;
    return e;
}

QByteArray V1Request::body() const
{
    return PythonJson::dump(envelope());
}

qsizetype V1Request::uidCount() const
{
    return m_uid.is_array() ? qsizetype(m_uid.size()) : 1;
}

V1Request V1Request::slice(qsizetype from, qsizetype count) const
{
    V1Request part = *this;
    if (!m_uid.is_array())
        return part;
    auto sliceArray = [from, count](const nlohmann::ordered_json &array) {
        auto out = nlohmann::ordered_json::array();
        for (qsizetype i = from; i < from + count && i < qsizetype(array.size()); ++i)
            out.push_back(array[size_t(i)]);
        return out;
    };
    part.m_uid = sliceArray(m_uid);
    // Save requests pair uid[i] with labels[i]; both are cut the same way.
    if (m_payload.is_object() && m_payload.contains("labels") && m_payload["labels"].is_array())
        part.m_payload["labels"] = sliceArray(m_payload["labels"]);
    return part;
}

} // namespace lb
