#include "encord/api/encordclient.h"
#include "encord/api/encorderror.h"
#include "encord/ssh/sshkey.h"
#include "fakeencordserver.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QtTest>

using namespace lb;
using lb::test::FakeEncordServer;
using lb::test::FakeMatch;
using lb::test::FakeObject;
using lb::test::RecordedRequest;
using ojson = nlohmann::ordered_json;

namespace {

const QByteArray Seed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QString DataA = QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a");
const QString DataB = QStringLiteral("bbbbbbbb-0000-4000-8000-00000000000b");
const QString DataC = QStringLiteral("cccccccc-0000-4000-8000-00000000000c");

SshKey appendixKey()
{
    auto key = SshKey::fromSeed(Seed);
    if (!key)
        qFatal("key");
    return key.value();
}

SshKey otherKey()
{
    auto key = SshKey::fromSeed(QByteArray(32, '\x42'));
    if (!key)
        qFatal("key");
    return key.value();
}

QStringList keysOf(const ojson &object)
{
    QStringList keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.append(QString::fromStdString(it.key()));
    return keys;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out.append(QString::fromLatin1(name));
    return out;
}

QString str(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// A throw-away self-signed certificate for 127.0.0.1: no system trusts it.
QPair<QByteArray, QByteArray> selfSignedCertificate()
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("127.0.0.1"),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    auto toPem = [](auto write) {
        BIO *bio = BIO_new(BIO_s_mem());
        write(bio);
        char *data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, qsizetype(length));
        BIO_free(bio);
        return pem;
    };
    const QByteArray certPem = toPem([cert](BIO *bio) { PEM_write_bio_X509(bio, cert); });
    const QByteArray keyPem =
        toPem([key](BIO *bio) { PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
    X509_free(cert);
    EVP_PKEY_free(key);
    return {certPem, keyPem};
}

#define VERIFY_ERROR(result, fragment)                                                                       \
    do {                                                                                                     \
        const auto &evaluated_ = (result);                                                                   \
        QVERIFY2(!evaluated_.ok(), "expected an error");                                                     \
        QVERIFY2(evaluated_.error().contains(fragment, Qt::CaseInsensitive),                                 \
                 qPrintable(evaluated_.error()));                                                            \
    } while (false)

} // namespace

class TestEncordClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeEncordServer> m_server;
    QString m_labelA;
    QString m_labelC;

    EncordClientSettings settings(int timeoutMs = 5000) const
    {
        EncordClientSettings s;
        s.domain = m_server->domain();
        s.projectHash = FakeEncordServer::defaultProjectHash();
        s.retry.backoffMs = {0, 10, 20};
        s.retry.timeoutMs = timeoutMs;
        s.retry.maxRetryAfterMs = 1500;
        return s;
    }

    std::unique_ptr<EncordClient> client(SshKey key = appendixKey(), int timeoutMs = 5000) const
    {
        return std::make_unique<EncordClient>(std::move(key), settings(timeoutMs));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        m_server->registerPublicKey(appendixKey().publicKey());
        m_server->addDataUnit(DataA, QStringLiteral("cat.jpg"));
        m_server->addDataUnit(DataB, QStringLiteral("clip.mp4"), QStringLiteral("video"), 1280, 720, 3);
        m_server->addDataUnit(DataC, QStringLiteral("dog.jpg"));
        m_labelA = m_server->putRow(QStringLiteral("main"), DataA,
                                    {FakeObject{QStringLiteral("obj1"), QStringLiteral("qWm5E3j4")},
                                     FakeObject{QStringLiteral("obj2"), QStringLiteral("no8RyWRY")}});
        m_labelC = m_server->putRow(QStringLiteral("main"), DataC, {FakeObject{QStringLiteral("obj3")}});
    }

    void cleanup() { m_server.reset(); }

    void domainMustBeHttpsExceptLoopback()
    {
        QVERIFY(EncordClient::checkDomain(QUrl(QStringLiteral("https://api.encord.com"))).ok());
        QVERIFY(EncordClient::checkDomain(QUrl(QStringLiteral("http://127.0.0.1:8080"))).ok());
        QVERIFY(EncordClient::checkDomain(QUrl(QStringLiteral("http://localhost:1234"))).ok());
        QVERIFY(EncordClient::checkDomain(QUrl(QStringLiteral("http://[::1]:1234"))).ok());
        VERIFY_ERROR(EncordClient::checkDomain(QUrl(QStringLiteral("http://api.encord.com"))),
                     QStringLiteral("https://"));
        VERIFY_ERROR(EncordClient::checkDomain(QUrl(QStringLiteral("http://10.0.0.5"))),
                     QStringLiteral("https://"));
        VERIFY_ERROR(EncordClient::checkDomain(QUrl(QStringLiteral("ftp://api.encord.com"))),
                     QStringLiteral("https://"));
        VERIFY_ERROR(EncordClient::checkDomain(QUrl()), QStringLiteral("not a valid URL"));

        // A client on a plain-http remote domain refuses before sending anything.
        EncordClientSettings s = settings();
        s.domain = QUrl(QStringLiteral("http://example.com"));
        EncordClient refused(appendixKey(), s);
        VERIFY_ERROR(refused.listLabelRows({}), QStringLiteral("https://"));
        VERIFY_ERROR(refused.getProject(), QStringLiteral("https://"));
        QVERIFY(m_server->requests().isEmpty());
    }

    void opensProjectAndOntology()
    {
        auto c = client();
        auto project = c->getProject();
        QVERIFY2(project.ok(), qPrintable(project.error()));
        QCOMPARE(str((*project)["title"]), QStringLiteral("Fake project"));
        const QString ontologyHash = str((*project)["ontologyHash"]);
        auto ontology = c->getOntology(ontologyHash);
        QVERIFY2(ontology.ok(), qPrintable(ontology.error()));
        QCOMPARE((*ontology)["editor"]["objects"].size(), size_t(3));

        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        const RecordedRequest &r = requests.first();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.target, "/v2/public/projects/" + FakeEncordServer::defaultProjectHash().toLatin1());
        QVERIFY(r.signatureValid);
        QVERIFY(r.header("Authorization").isEmpty());
        QCOMPARE(r.header("Content-Digest"),
                 QByteArray("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:"));
        QVERIFY(r.header("Signature-Input")
                    .startsWith("encord-sig=(\"@method\" \"@request-target\" \"content-digest\")"));
        QVERIFY(r.header("Signature").startsWith("encord-sig=:"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}/1;o=1$"))
                    .match(QString::fromLatin1(r.header("X-Cloud-Trace-Context")))
                    .hasMatch());
        QVERIFY(r.body.isEmpty());
    }

    void v2QueryIsSignedAsSent()
    {
        auto c = client();
        EncordQuery query;
        query.add(QStringLiteral("titleLike"), QStringLiteral("%cars%"))
            .addBool(QStringLiteral("includeOrgAccess"), true);
        auto result = c->v2Get(QStringLiteral("projects"), query);
        VERIFY_ERROR(result, QStringLiteral("could not find")); // the fake has no project list
        QVERIFY(result.error().contains(QStringLiteral("HTTP 404")));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().target,
                 QByteArray("/v2/public/projects?titleLike=%25cars%25&includeOrgAccess=True"));
        QVERIFY(requests.first().signatureValid);
    }

    void listsRowsOnABranch()
    {
        auto c = client();
        LabelRowListFilter filter;
        auto main = c->listLabelRows(filter);
        QVERIFY2(main.ok(), qPrintable(main.error()));
        QCOMPARE(main->size(), size_t(3));
        QCOMPARE(str((*main)[0]["label_hash"]), m_labelA);
        QVERIFY((*main)[1]["label_hash"].is_null());
        QCOMPARE(str((*main)[1]["data_type"]), QStringLiteral("VIDEO"));

        filter.branchName = QStringLiteral("review");
        auto review = c->listLabelRows(filter);
        QVERIFY(review.ok());
        QCOMPARE(review->size(), size_t(3));
        for (const auto &row : review.value()) {
            QVERIFY(row["label_hash"].is_null());
            QCOMPARE(str(row["branch_name"]), QStringLiteral("review"));
        }

        filter = LabelRowListFilter();
        filter.dataHashes = QStringList{DataA, DataB};
        filter.labelHashes = QStringList{m_labelA};
        auto filtered = c->listLabelRows(filter);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->size(), size_t(1));
    }

    void listsAllBranches()
    {
        m_server->putRow(QStringLiteral("review"), DataB,
                         {FakeObject{QStringLiteral("v1"), QStringLiteral("qWm5E3j4"), 2}});
        auto c = client();
        LabelRowListFilter filter;
        filter.includeAllLabelBranches = true;
        auto rows = c->listLabelRows(filter);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QSet<QString> branches;
        for (const auto &row : rows.value())
            branches.insert(str(row["branch_name"]));
        QCOMPARE(branches, (QSet<QString>{QStringLiteral("main"), QStringLiteral("review")}));

        // One branch and all branches at once is refused by the server.
        filter.branchName = QStringLiteral("main");
        VERIFY_ERROR(c->listLabelRows(filter), QStringLiteral("INVALID_ARGUMENTS_ERROR"));
    }

    void getsCreatesAndSavesRows()
    {
        auto c = client();
        auto rows = c->getLabelRows({m_labelA, m_labelC});
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), size_t(2));
        QCOMPARE(str((*rows)[0]["label_hash"]), m_labelA);
        QCOMPARE((*rows)[0]["object_answers"].size(), size_t(2));

        auto created = c->createLabelRows({DataA, DataB}, QStringLiteral("review"));
        QVERIFY2(created.ok(), qPrintable(created.error()));
        QCOMPARE(created->size(), size_t(2));
        QCOMPARE(str((*created)[0]["branch_name"]), QStringLiteral("review"));
        const QString newHash = str((*created)[0]["label_hash"]);
        QVERIFY(!newHash.isEmpty() && newHash != m_labelA);

        // Save A's content onto the new review row.
        ojson dict = ojson((*rows)[0]);
        dict["label_hash"] = newHash.toStdString();
        dict["branch_name"] = "review";
        auto saved = c->saveLabelRows({newHash}, {dict});
        QVERIFY2(saved.ok(), qPrintable(saved.error()));
        const auto stored = m_server->row(QStringLiteral("review"), DataA);
        QCOMPARE(stored["object_answers"].size(), size_t(2));
        QCOMPARE(str(stored["label_hash"]), newHash);

        // Creating again on the same branch is refused, with Encord's reason.
        VERIFY_ERROR(c->createLabelRows({DataA}, QStringLiteral("review")), QStringLiteral("already has"));
        VERIFY_ERROR(c->createLabelRows({QStringLiteral("nope")}, QStringLiteral("review")),
                     QStringLiteral("could not find"));
    }

    void v1HeadersFollowTheSdk()
    {
        auto c = client();
        QVERIFY(c->listLabelRows({}).ok());
        const RecordedRequest r = m_server->requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.target, QByteArray("/public"));
        QCOMPARE(r.header("Accept"), QByteArray("application/json"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("ResourceType"), QByteArray("project"));
        QCOMPARE(r.header("ResourceID"), FakeEncordServer::defaultProjectHash().toLatin1());
        QVERIFY(r.header("User-Agent").startsWith("encord-sdk-python/"));
        QVERIFY(r.signatureValid);
        const QByteArray authorization = r.header("Authorization");
        QCOMPARE(authorization.size(), 64 + 1 + 128);
        QVERIFY(
            authorization.startsWith("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a:"));
        // The body is pure ASCII, formatted as Python's json.dumps.
        for (const char ch : r.body)
            QVERIFY(uchar(ch) < 0x80);
        QVERIFY(r.body.startsWith(
            "{\"query_type\": \"labelrowmetadata\", \"query_method\": \"GET\", \"values\": {"));
    }

    void nonAsciiIsEscapedAndSigned()
    {
        m_server->addDataUnit(QStringLiteral("eeeeeeee-0000-4000-8000-00000000000e"),
                              QStringLiteral("café.jpg"));
        auto c = client();
        LabelRowListFilter filter;
        filter.dataTitleEq = QStringLiteral("café.jpg");
        auto rows = c->listLabelRows(filter);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), size_t(1));
        QVERIFY(m_server->requests().first().body.contains("caf\\u00e9.jpg"));
    }

    void requestBodiesHaveTheSpecifiedKeysAndTypes()
    {
        auto c = client();
        LabelRowListFilter filter;
        filter.branchName = QStringLiteral("review-branch");
        filter.dataHashes = QStringList{DataA, DataB};
        QVERIFY(c->listLabelRows(filter).ok());
        QVERIFY(c->getLabelRows({m_labelA}).ok());
        auto created = c->createLabelRows({DataB}, QStringLiteral("review-branch"));
        QVERIFY(created.ok());
        ojson dict = ojson((*created)[0]);
        QVERIFY(c->saveLabelRows({str((*created)[0]["label_hash"])}, {dict}).ok());

        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 4);
        for (const RecordedRequest &r : requests) {
            QCOMPARE(keysOf(r.json), (QStringList{QStringLiteral("query_type"),
                                                  QStringLiteral("query_method"), QStringLiteral("values")}));
            QCOMPARE(keysOf(r.json["values"]),
                     (QStringList{QStringLiteral("uid"), QStringLiteral("payload")}));
        }

        // docs/encord-api.md §3.2: list.
        const ojson &list = requests[0].json;
        QCOMPARE(list["query_type"], ojson("labelrowmetadata"));
        QCOMPARE(list["query_method"], ojson("GET"));
        QVERIFY(list["values"]["uid"].is_null());
        const ojson &lp = list["values"]["payload"];
        QCOMPARE(keysOf(lp),
                 names({"edited_before", "edited_after", "label_statuses", "shadow_data_state",
                        "include_uninitialised_labels", "data_hashes", "label_hashes", "data_title_eq",
                        "data_title_like", "workflow_graph_node_title_eq", "workflow_graph_node_title_like",
                        "include_client_metadata", "include_images_data", "include_children",
                        "include_workflow_graph_node", "include_all_label_branches", "branch_name"}));
        for (const char *key : {"edited_before", "edited_after", "label_statuses", "shadow_data_state",
                                "label_hashes", "data_title_eq", "data_title_like",
                                "workflow_graph_node_title_eq", "workflow_graph_node_title_like"})
            QVERIFY2(lp[key].is_null(), key);
        QCOMPARE(lp["include_uninitialised_labels"], ojson(true));
        QCOMPARE(lp["data_hashes"], ojson::array({DataA.toStdString(), DataB.toStdString()}));
        QCOMPARE(lp["include_client_metadata"], ojson(false));
        QCOMPARE(lp["include_images_data"], ojson(false));
        QCOMPARE(lp["include_children"], ojson(false));
        QCOMPARE(lp["include_workflow_graph_node"], ojson(true));
        QCOMPARE(lp["include_all_label_branches"], ojson(false));
        QCOMPARE(lp["branch_name"], ojson("review-branch"));

        // docs/encord-api.md §3.3: get.
        const ojson &get = requests[1].json;
        QCOMPARE(get["query_type"], ojson("labelrow"));
        QCOMPARE(get["query_method"], ojson("GET"));
        QCOMPARE(get["values"]["uid"], ojson::array({m_labelA.toStdString()}));
        const ojson &gp = get["values"]["payload"];
        QCOMPARE(keysOf(gp), names({"get_signed_url", "multi_request", "include_object_feature_hashes",
                                    "include_classification_feature_hashes", "include_reviews",
                                    "include_export_history", "include_archived"}));
        QCOMPARE(gp["get_signed_url"], ojson(false));
        QCOMPARE(gp["multi_request"], ojson(true));
        QVERIFY(gp["include_object_feature_hashes"].is_null());
        QVERIFY(gp["include_classification_feature_hashes"].is_null());
        QCOMPARE(gp["include_reviews"], ojson(false));
        QCOMPARE(gp["include_export_history"], ojson(false));
        QCOMPARE(gp["include_archived"], ojson(false));

        // docs/encord-api.md §3.4: create.
        const ojson &put = requests[2].json;
        QCOMPARE(put["query_type"], ojson("labelrow"));
        QCOMPARE(put["query_method"], ojson("PUT"));
        QCOMPARE(put["values"]["uid"], ojson::array({DataB.toStdString()}));
        const ojson &pp = put["values"]["payload"];
        QCOMPARE(keysOf(pp), names({"multi_request", "get_signed_url", "branch_name"}));
        QCOMPARE(pp["multi_request"], ojson(true));
        QCOMPARE(pp["get_signed_url"], ojson(false));
        QCOMPARE(pp["branch_name"], ojson("review-branch"));

        // docs/encord-api.md §3.5: save.
        const ojson &save = requests[3].json;
        QCOMPARE(save["query_type"], ojson("labelrow"));
        QCOMPARE(save["query_method"], ojson("POST"));
        QVERIFY(save["values"]["uid"].is_array());
        QCOMPARE(save["values"]["uid"].size(), size_t(1));
        QVERIFY(save["values"]["uid"][0].is_string());
        const ojson &sp = save["values"]["payload"];
        QCOMPARE(keysOf(sp), names({"multi_request", "labels", "validate_before_saving"}));
        QCOMPARE(sp["multi_request"], ojson(true));
        QVERIFY(sp["labels"].is_array());
        QCOMPARE(sp["labels"].size(), size_t(1));
        QVERIFY(sp["labels"][0].is_object());
        QCOMPARE(sp["labels"][0]["label_hash"], save["values"]["uid"][0]);
        QCOMPARE(sp["validate_before_saving"], ojson(false));
    }

    void wrongKeyIsNotRegistered()
    {
        auto c = client(otherKey());
        auto rows = c->listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("not registered"));
        QVERIFY(rows.error().contains(EncordError::shortKey(otherKey().publicKeyHex())));
        auto project = c->getProject();
        VERIFY_ERROR(project, QStringLiteral("not registered"));
        // Authentication failures are answers, not transient faults: no retries.
        QCOMPARE(m_server->requests().size(), 2);
        for (const auto &r : m_server->requests())
            QVERIFY(!r.signatureValid);
    }

    void noAccessToAnotherProject()
    {
        EncordClientSettings s = settings();
        s.projectHash = QStringLiteral("99999999-0000-4000-8000-000000000009");
        EncordClient c(appendixKey(), s);
        auto rows = c.listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("no access"));
        QVERIFY(rows.error().contains(s.projectHash));
    }

    void retriesAfter429()
    {
        m_server->failNext(1, 429, 1);
        auto c = client();
        auto rows = c->listLabelRows({});
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].injected, QStringLiteral("status 429"));
        QCOMPARE(requests[1].body, requests[0].body);
    }

    void serverErrorForeverEndsClearly()
    {
        m_server->failNext(100, 500);
        auto c = client();
        auto rows = c->getLabelRows({m_labelA});
        VERIFY_ERROR(rows, QStringLiteral("HTTP 500"));
        QVERIFY(rows.error().contains(QStringLiteral("4 attempts")));
        QVERIFY(rows.error().contains(QStringLiteral("fetching label rows")));
        QCOMPARE(m_server->requests().size(), 4);

        m_server->clearRequests();
        auto project = c->getProject();
        VERIFY_ERROR(project, QStringLiteral("HTTP 500"));
        QCOMPARE(m_server->requests().size(), 4);
    }

    void otherRetryableStatuses()
    {
        m_server->failNext(1, 502);
        m_server->failNext(1, 503, 0);
        m_server->failNext(1, 413);
        auto c = client();
        QVERIFY(c->listLabelRows({}).ok());
        QCOMPARE(m_server->requests().size(), 4);

        // 504 is not in the SDK's list: no retry.
        m_server->clearRequests();
        m_server->failNext(1, 504);
        VERIFY_ERROR(c->listLabelRows({}), QStringLiteral("HTTP 504"));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void createIsNotRetriedOnServerErrors()
    {
        m_server->failNext(5, 500, -1, FakeMatch{QStringLiteral("labelrow"), QStringLiteral("PUT"), {}});
        auto c = client();
        auto created = c->createLabelRows({DataB}, QStringLiteral("review"));
        VERIFY_ERROR(created, QStringLiteral("HTTP 500"));
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("PUT")).size(), 1);
        QCOMPARE(m_server->rowCount(QStringLiteral("review")), 0);
        // Save, in contrast, is retried.
        m_server->failNext(1, 500, -1, FakeMatch{QStringLiteral("labelrow"), QStringLiteral("POST"), {}});
        auto rows = c->getLabelRows({m_labelA});
        QVERIFY(rows.ok());
        QVERIFY(c->saveLabelRows({m_labelA}, {ojson((*rows)[0])}).ok());
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("POST")).size(), 2);
    }

    void malformedBodyIsAnError()
    {
        m_server->malformNext(1);
        auto c = client();
        auto rows = c->listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("not a valid response"));
        m_server->malformNext(1);
        VERIFY_ERROR(c->getProject(), QStringLiteral("not valid JSON"));
        // The client is still usable afterwards.
        QVERIFY(c->listLabelRows({}).ok());
    }

    void droppedConnectionsEndInAnError()
    {
        m_server->dropNext(100);
        auto c = client();
        auto rows = c->listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("connection"));
        QVERIFY2(rows.error().contains(QStringLiteral("attempts")), qPrintable(rows.error()));
        QVERIFY(m_server->requests().size() >= 4);

        // Create is not re-sent after a broken connection: the rows might have been created.
        m_server->clearRequests();
        auto created = c->createLabelRows({DataB}, QStringLiteral("review"));
        QVERIFY(!created.ok());
        const int puts = int(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("PUT")).size());
        QVERIFY2(puts <= 2, qPrintable(QString::number(puts))); // the network layer itself may resend once
    }

    void refusedConnectionIsRetriedThenReported()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        EncordClientSettings s = settings();
        s.domain = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        EncordClient c(appendixKey(), s);
        auto rows = c.createLabelRows({DataA}, QStringLiteral("x"));
        VERIFY_ERROR(rows, QStringLiteral("cannot connect"));
        QVERIFY2(rows.error().contains(QStringLiteral("4 attempts")), qPrintable(rows.error()));
    }

    void rowLimitSplitsTheRequest()
    {
        const QString labelB = m_server->putRow(QStringLiteral("main"), DataB, {});
        m_server->setMaxLabelsPerRequest(2);
        auto c = client();
        auto rows = c->getLabelRows({m_labelA, labelB, m_labelC});
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), size_t(3));
        QCOMPARE(str((*rows)[2]["label_hash"]), m_labelC);
        const auto gets = m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("GET"));
        QCOMPARE(gets.size(), 3); // 3 refused, then 2 + 1
        QCOMPARE(gets[1].json["values"]["uid"].size(), size_t(2));
        QCOMPARE(gets[2].json["values"]["uid"].size(), size_t(1));
    }

    void gzipAnswersAreDecoded()
    {
        m_server->setGzip(true);
        auto c = client();
        auto rows = c->listLabelRows({});
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), size_t(3));
        QVERIFY(m_server->requests().first().header("Accept-Encoding").contains("gzip"));
        QVERIFY(c->getProject().ok());
    }

    void slowAnswersTimeOut()
    {
        // A retryable call times out, is sent again and succeeds.
        m_server->delayNext(1, 2000);
        auto c = client(appendixKey(), 300);
        QVERIFY(c->listLabelRows({}).ok());
        QCOMPARE(m_server->requests().size(), 2);

        // Create is not repeated after a timeout.
        m_server->clearRequests();
        m_server->delayNext(1, 2000, FakeMatch{QStringLiteral("labelrow"), QStringLiteral("PUT"), {}});
        auto created = c->createLabelRows({DataB}, QStringLiteral("slow"));
        VERIFY_ERROR(created, QStringLiteral("did not answer in time"));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void cancellingStopsWaiting()
    {
        m_server->delayNext(1, 3000);
        auto c = client();
        std::atomic_bool cancel{false};
        c->setCancelFlag(&cancel);
        QTimer::singleShot(100, [&cancel] { cancel = true; });
        auto rows = c->listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("cancelled"));
        QCOMPARE(m_server->requests().size(), 1);

        // Already cancelled: nothing is sent.
        m_server->clearRequests();
        VERIFY_ERROR(c->listLabelRows({}), QStringLiteral("cancelled"));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void bundlesRunConcurrentlyAndKeepOrder()
    {
        QStringList hashes;
        for (int i = 0; i < 7; ++i) {
            const QString dataHash =
                QStringLiteral("f%1-0000-4000-8000-000000000000").arg(i, 7, 10, QLatin1Char('0'));
            m_server->addDataUnit(dataHash, QStringLiteral("img%1.jpg").arg(i));
            hashes.append(m_server->putRow(QStringLiteral("main"), dataHash,
                                           {FakeObject{QStringLiteral("o%1").arg(i)}}));
        }
        // The first bundle is slow, so later bundles finish before it.
        m_server->delayNext(1, 300, FakeMatch{QStringLiteral("labelrow"), QStringLiteral("GET"), {}});
        const QList<QStringList> bundles = {hashes.mid(0, 3), hashes.mid(3, 3), hashes.mid(6)};
        auto c = client();
        QList<int> progress;
        auto results = c->getLabelRowBundles(bundles, {}, [&progress](int done, int total) {
            QCOMPARE(total, 3);
            progress.append(done);
        });
        QVERIFY2(results.ok(), qPrintable(results.error()));
        QCOMPARE(results->size(), 3);
        for (int b = 0; b < 3; ++b) {
            QCOMPARE(int((*results)[b].size()), int(bundles[b].size()));
            for (int i = 0; i < bundles[b].size(); ++i)
                QCOMPARE(str((*results)[b][size_t(i)]["label_hash"]), bundles[b][i]);
        }
        QCOMPARE(progress, (QList<int>{1, 2, 3}));
        QCOMPARE(m_server->v1Requests(QStringLiteral("labelrow"), QStringLiteral("GET")).size(), 3);

        // A failing bundle fails the whole call with its message.
        m_server->failNext(100, 500, -1, FakeMatch{QStringLiteral("labelrow"), QStringLiteral("GET"), {}});
        VERIFY_ERROR(c->getLabelRowBundles(bundles), QStringLiteral("HTTP 500"));
    }

    void tlsErrorsAreNeverIgnored()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        const auto [certPem, keyPem] = selfSignedCertificate();
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(certPem));
        configuration.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
        QSslServer server;
        server.setSslConfiguration(configuration);
        int encryptedConnections = 0;
        connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server, &encryptedConnections] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++encryptedConnections;
                socket->deleteLater();
            }
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        EncordClientSettings s = settings();
        s.domain = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
        EncordClient c(appendixKey(), s);
        auto rows = c.listLabelRows({});
        VERIFY_ERROR(rows, QStringLiteral("secure connection"));
        QVERIFY2(rows.error().contains(QStringLiteral("not trusted")), qPrintable(rows.error()));
        // The handshake never completed, so no request (and no signature) was sent.
        QCOMPARE(encryptedConnections, 0);
    }

    void errorCodesBecomeClearMessages()
    {
        EncordErrorContext context{
            QStringLiteral("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
            QStringLiteral("proj-1"), QString(), QString()};
        const QString notFound =
            EncordError::v1Message(QStringLiteral("SSH_KEY_NOT_FOUND_ERROR"), nullptr, context);
        QVERIFY(notFound.contains(
            QStringLiteral("the SSH key is not registered with Encord (public key d75a980182b1")));
        QVERIFY(EncordError::v1Message(QStringLiteral("AUTHORISATION_ERROR"), nullptr, context)
                    .contains(QStringLiteral("no access to project proj-1")));
        QVERIFY(EncordError::v1Message(QStringLiteral("RESOURCE_NOT_FOUND_ERROR"), "row x", context)
                    .contains(QStringLiteral("could not find")));
        QVERIFY(EncordError::v1Message(QStringLiteral("MULTI_LABEL_LIMIT_ERROR"),
                                       {{"maximum_labels_allowed", 7}}, context)
                    .contains(QStringLiteral("at most 7")));
        QVERIFY(EncordError::v1Message(QStringLiteral("MULTI_LABEL_LIMIT_ERROR"), nullptr, context)
                    .contains(QStringLiteral("at most 100")));
        QVERIFY(EncordError::v1Message(QStringLiteral("ANSWER_DICTIONARY_ERROR"), nullptr, context)
                    .contains(QStringLiteral("missing in the answer dictionaries")));
        QVERIFY(EncordError::v1Message(QStringLiteral("SOMETHING_NEW"), "detail", context)
                    .contains(QStringLiteral("SOMETHING_NEW")));
        QVERIFY(EncordError::v2Message(401, "{\"message\": \"bad sig\"}", context)
                    .contains(QStringLiteral("not registered")));
        QVERIFY(EncordError::v2Message(403, QByteArray(), context).contains(QStringLiteral("no access")));
        QVERIFY(EncordError::v2Message(429, QByteArray(), context).contains(QStringLiteral("rate limiting")));
        QVERIFY(EncordError::v2Message(400, "{\"detail\": \"bad field\"}", context)
                    .contains(QStringLiteral("bad field")));
    }
};

QTEST_GUILESS_MAIN(TestEncordClient)
#include "tst_encord_client.moc"
