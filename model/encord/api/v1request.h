#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

// Payload of labelrowmetadata/GET (docs/encord-api.md §3.2). nullopt / empty strings are sent as null.
struct LabelRowListFilter
{
    QString branchName; // empty: null (main)
    bool includeAllLabelBranches = false;
    std::optional<QStringList> dataHashes;
    std::optional<QStringList> labelHashes;
    QString dataTitleEq;
    QString dataTitleLike;
    std::optional<QStringList> labelStatuses; // annotation task statuses: QUEUED, ASSIGNED, ...
    QDateTime editedBefore;
    QDateTime editedAfter;
    QString shadowDataState;
    QString workflowGraphNodeTitleEq;
    QString workflowGraphNodeTitleLike;
    bool includeClientMetadata = false;
    bool includeImagesData = false;
    bool includeChildren = false;
    bool includeWorkflowGraphNode = true;
};

// Payload options of labelrow/GET (docs/encord-api.md §3.3).
struct LabelRowGetOptions
{
    bool signedUrl = false;
    bool includeReviews = false;
    bool includeExportHistory = false;
    bool includeArchived = false;
    std::optional<QStringList> objectFeatureHashes;
    std::optional<QStringList> classificationFeatureHashes;
};

// One call of the v1 query endpoint (docs/encord-api.md §2.2): the envelope, its payload in the SDK's key
// order, and whether the SDK retries it.
class V1Request
{
public:
    static V1Request listLabelRows(const LabelRowListFilter &filter);
    static V1Request getLabelRows(const QStringList &labelHashes, const LabelRowGetOptions &options);
    static V1Request createLabelRows(const QStringList &dataHashes, const QString &branchName);
    // labels[i] is the label-row dict saved under labelHashes[i].
    static V1Request saveLabelRows(const QStringList &labelHashes,
                                   const QList<nlohmann::ordered_json> &labels,
                                   bool validateBeforeSaving = false);

    QString queryType() const { return m_queryType; }
    QString queryMethod() const { return m_queryMethod; }
    const nlohmann::ordered_json &uid() const { return m_uid; }
    const nlohmann::ordered_json &payload() const { return m_payload; }
    bool retryable() const { return m_retryable; }
    QString description() const { return m_description; } // "listing label rows", ...

    nlohmann::ordered_json envelope() const;
    QByteArray body() const; // exactly the bytes to send and sign

    // Requests whose uid is a list (get, create, save) can be split when the server limits rows per request.
    qsizetype uidCount() const;
    V1Request slice(qsizetype from, qsizetype count) const;

private:
    QString m_queryType;
    QString m_queryMethod;
    nlohmann::ordered_json m_uid;
    nlohmann::ordered_json m_payload;
    bool m_retryable = true;
    QString m_description;
};

} // namespace lb
