#pragma once

#include "domain/result.h"
#include "encord/api/encordcall.h"
#include "encord/api/encordquery.h"
#include "encord/api/requestsigner.h"
#include "encord/api/v1request.h"

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace lb {

struct EncordErrorContext;

struct EncordClientSettings
{
    QUrl domain = QUrl(QStringLiteral("https://api.encord.com"));
    QString projectHash;
    RetryPolicy retry;
    QByteArray userAgent = QByteArrayLiteral("encord-sdk-python/0.1.194 labelbranch/0.1");
    int maxConcurrentRequests = 3; // for independent bundles
};

// Talks to Encord's public API for one project: v1 queries (label rows) and v2 GETs (project, ontology),
// signed with an SSH key. Blocking calls that wait in a local event loop, so the client belongs to the
// thread that created it (a worker thread, typically); a cancel flag stops waiting between and during
// requests.
class EncordClient
{
public:
    EncordClient(SshKey key, EncordClientSettings settings);
    ~EncordClient();
    EncordClient(const EncordClient &) = delete;
    EncordClient &operator=(const EncordClient &) = delete;

    static QUrl euDomain() { return QUrl(QStringLiteral("https://api.encord.com")); }
    static QUrl usDomain() { return QUrl(QStringLiteral("https://api.us.encord.com")); }
    // HTTPS is required; plain HTTP only for this computer (loopback), as used by tests and tunnels.
    static Result<void> checkDomain(const QUrl &domain);

    const EncordClientSettings &settings() const { return m_settings; }
    RequestSigner &signer() { return m_signer; }
    void setCancelFlag(const std::atomic_bool *flag) { m_cancelFlag = flag; }

    // --- v2 -----------------------------------------------------------------------------------------
    Result<nlohmann::json> getProject();
    Result<nlohmann::json> getOntology(const QString &ontologyHash);
    // path is relative to {domain}/v2/public/. 204 gives null.
    Result<nlohmann::json> v2Get(const QString &path, const EncordQuery &query = EncordQuery(),
                                 const QString &operation = QString());
    // The body goes as Python's json.dumps writes it (docs/encord-api.md §2.4). `status` gets the HTTP
    // status when an answer arrived, so a caller can tell a missing endpoint (404, 405) from other failures.
    Result<nlohmann::json> v2Post(const QString &path, const nlohmann::ordered_json &body,
                                  const QString &operation, int *status = nullptr);

    // --- v1 -----------------------------------------------------------------------------------------
    Result<nlohmann::json> listLabelRows(const LabelRowListFilter &filter); // array of metadata objects
    Result<nlohmann::json> getLabelRows(const QStringList &labelHashes,
                                        const LabelRowGetOptions &options = LabelRowGetOptions());
    // Several bundles, a bounded number in flight at once; results keep the order of `bundles`.
    // `progress` is called after each finished bundle with (bundles done, bundles total).
    Result<QList<nlohmann::json>> getLabelRowBundles(const QList<QStringList> &bundles,
                                                     const LabelRowGetOptions &options = LabelRowGetOptions(),
                                                     const std::function<void(int, int)> &progress = {});
    Result<nlohmann::json> createLabelRows(const QStringList &dataHashes, const QString &branchName);
    Result<void> saveLabelRows(const QStringList &labelHashes, const QList<nlohmann::ordered_json> &labels);
    // Any v1 call; returns the envelope's "response". Calls with a list uid are split when Encord reports
    // a per-request row limit, and their array responses joined.
    Result<nlohmann::json> query(const V1Request &request);

private:
    struct V1Answer
    {
        bool ok = false;
        nlohmann::json response;
        QString message;
        ErrorKind kind = ErrorKind::Remote;
        bool rowLimit = false; // MULTI_LABEL_LIMIT_ERROR or HTTP 413: the request may be split
        int maximumLabels = 0;
    };

    Result<nlohmann::json> v2Call(const QByteArray &method, const QString &path, const EncordQuery &query,
                                  const QByteArray &body, const QString &what, int *status);
    HttpRequestSpec v1Spec(const V1Request &request, QByteArray *traceId) const;
    HttpOutcome execute(const HttpRequestSpec &spec);
    V1Answer runV1(const V1Request &request);
    V1Answer interpretV1(const HttpOutcome &outcome, const V1Request &request,
                         const QByteArray &traceId) const;
    static QString unreadableAnswer(const HttpOutcome &outcome, const QString &what, bool isJson,
                                    const QByteArray &traceId);
    static V1Answer v1Failure(const nlohmann::json &envelope, const EncordErrorContext &context);
    Result<nlohmann::json> interpretV2(const HttpOutcome &outcome, const QString &what,
                                       const QByteArray &traceId) const;
    Result<nlohmann::json> splitAndRun(const V1Request &request, const V1Answer &first);
    struct BundleRun;
    void launchBundles(BundleRun &run);
    void onBundleFinished(BundleRun &run, EncordCall *call);
    QString transportMessage(const HttpOutcome &outcome, const QString &operation) const;
    static QByteArray newTraceId();
    static QString shownTraceId(const QByteArray &traceHeader);

    SshKey m_key;
    EncordClientSettings m_settings;
    RequestSigner m_signer;
    Result<void> m_domainCheck;
    std::unique_ptr<QNetworkAccessManager> m_network;
    const std::atomic_bool *m_cancelFlag = nullptr;
};

} // namespace lb
