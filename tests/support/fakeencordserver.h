#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

class QThread;

namespace lb::test {

// One HTTP request as the fake server received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query as on the request line
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    nlohmann::ordered_json
        json;            // the parsed body (key order kept); null when there is none or it is not JSON
    QString queryType;   // v1 only
    QString queryMethod; // v1 only
    bool signatureValid = false;
    QString injected; // "", "status 429", "malformed", "drop", "delay"

    QByteArray header(const QByteArray &name) const;
    bool isV1() const { return path == "/public"; }
};

// An object to put on a seeded row.
struct FakeObject
{
    QString objectHash;
    QString featureHash = QStringLiteral("qWm5E3j4"); // Apple in the default ontology
    int frame = 0;
    double x = 0.1;
    double y = 0.2;
    double w = 0.3;
    double h = 0.4;
};

// Which requests an injected fault applies to; empty fields match anything.
struct FakeMatch
{
    QString queryType;     // v1 "labelrow", "labelrowmetadata"
    QString queryMethod;   // v1 "GET", "PUT", "POST"
    QByteArray pathPrefix; // e.g. "/v2/"
    int after = 0;         // let this many matching requests through untouched first
};

// An in-memory Encord project behind a small HTTP/1.1 server on 127.0.0.1, running on its own thread.
// It implements the v1 calls labelrowmetadata GET and labelrow GET/PUT/POST, the v2 GETs of the project
// and its ontology and the v2 copy endpoint (docs/encord-api.md §3), checks every signature against the
// registered public keys with OpenSSL, records every request, and can inject faults.
class FakeEncordServer
{
public:
    FakeEncordServer();
    ~FakeEncordServer();
    FakeEncordServer(const FakeEncordServer &) = delete;
    FakeEncordServer &operator=(const FakeEncordServer &) = delete;

    bool start();
    QUrl domain() const; // http://127.0.0.1:<port>
    quint16 port() const;

    // --- the project -------------------------------------------------------------------------------
    static QString defaultProjectHash() { return QStringLiteral("00000000-0000-4000-8000-000000000001"); }
    void setProject(const QString &projectHash, const QString &title, const QString &ontologyHash);
    void setOntologyEditor(const nlohmann::json &editor);
    // dataType: "image", "video" or "img_group"
    void addDataUnit(const QString &dataHash, const QString &title,
                     const QString &dataType = QStringLiteral("image"), int width = 640, int height = 480,
                     int frames = 1);
    // Creates or replaces the row of a data unit on a branch; returns its label hash.
    // A label row of any data type, stored as given (its label_hash kept, or a new one when null) on
    // `branch`; its data unit is added from it when the project does not have it yet.
    QString putRawRow(const QString &branch, const nlohmann::json &row);
    QString putRow(const QString &branch, const QString &dataHash, const QList<FakeObject> &objects,
                   const QString &labelStatus = QStringLiteral("LABEL_IN_PROGRESS"));
    nlohmann::json row(const QString &branch, const QString &dataHash) const; // null when there is none
    QStringList branches() const;
    int rowCount(const QString &branch) const;

    // --- keys ----------------------------------------------------------------------------------------
    void registerPublicKey(const QByteArray &raw32);
    void clearPublicKeys();

    // --- faults ----------------------------------------------------------------------------------------
    void failNext(int count, int status, int retryAfterSeconds = -1, const FakeMatch &match = FakeMatch());
    void malformNext(int count, const FakeMatch &match = FakeMatch()); // 200 with a body that is not JSON
    void dropNext(int count, const FakeMatch &match = FakeMatch());    // close the connection, no answer
    void delayNext(int count, int milliseconds, const FakeMatch &match = FakeMatch());
    void setMaxLabelsPerRequest(int maximum); // MULTI_LABEL_LIMIT_ERROR above it; 0 = no limit
    void setGzip(bool enabled);               // compress answers when the client accepts gzip
    // false: the copy endpoint answers 404, as on a deployment without it (docs/encord-api.md §3.8)
    void setCopyEndpoint(bool available);
    void setLatency(int milliseconds); // every answer waits this long, as over a real network

    // --- what happened -----------------------------------------------------------------------------
    QList<RecordedRequest> requests() const;
    QList<RecordedRequest> v1Requests(const QString &queryType, const QString &queryMethod) const;
    void clearRequests();

private:
    class Worker;
    struct State;
    std::shared_ptr<State> m_state;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr;
    quint16 m_port = 0;
};

} // namespace lb::test
