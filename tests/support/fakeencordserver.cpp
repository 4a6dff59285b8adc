#include "fakeencordserver.h"

#include <map>
#include <openssl/evp.h>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace lb::test {

namespace {

using json = nlohmann::json;

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::string s(const QString &text)
{
    return text.toStdString();
}

QString q(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QString rowTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString isoTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000");
}

QDateTime parseIso(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toUTC();
}

QByteArray sha256(const QByteArray &bytes)
{
    QByteArray digest(32, '\0');
    unsigned int length = 0;
    EVP_Digest(bytes.constData(), size_t(bytes.size()), reinterpret_cast<unsigned char *>(digest.data()),
               &length, EVP_sha256(), nullptr);
    return digest;
}

bool verifyEd25519(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != 32 || signature.size() != 64)
        return false;
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.constData()), 32);
    if (!key)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                               size_t(signature.size()),
                               reinterpret_cast<const unsigned char *>(message.constData()),
                               size_t(message.size())) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

quint32 crc32(const QByteArray &data)
{
    static quint32 table[256];
    static bool ready = false;
    if (!ready) {
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data)
        crc = table[(crc ^ uchar(ch)) & 0xff] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

// gzip framing around the raw deflate stream inside qCompress's zlib output.
QByteArray gzip(const QByteArray &data)
{
    const QByteArray zlib = qCompress(data, 6);
    const QByteArray deflate = zlib.mid(4 + 2, zlib.size() - 4 - 2 - 4);
    QByteArray out = QByteArray::fromHex("1f8b08000000000000ff");
    out += deflate;
    const quint32 crc = crc32(data);
    const quint32 size = quint32(data.size());
    for (int i = 0; i < 4; ++i)
        out.append(char((crc >> (8 * i)) & 0xff));
    for (int i = 0; i < 4; ++i)
        out.append(char((size >> (8 * i)) & 0xff));
    return out;
}

struct DataUnitRecord
{
    QString dataHash;
    QString title;
    QString dataType; // as a label row spells it: image, video, img_group, dicom, audio, ...
    int width = 0;
    int height = 0;
    int frames = 1;
    json unitsTemplate; // a new row's data_units, for a unit added with its row (putRawRow)
    QString fileType;   // the first data unit's MIME type, when known
};

struct RowRecord
{
    QString labelHash;
    json dict;
    QDateTime createdAt;
    QDateTime lastEditedAt;
};

struct Injection
{
    enum class Kind
    {
        Status,
        Malformed,
        Drop,
        Delay
    } kind;
    int remaining = 0;
    int status = 0;
    int retryAfter = -1;
    int delayMs = 0;
    FakeMatch match;
};

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

Response jsonResponse(const json &value, int status = 200)
{
    Response r;
    r.status = status;
    r.body = QByteArray::fromStdString(value.dump());
    return r;
}

Response v1Success(const json &response)
{
    return jsonResponse(json{{"status", 200}, {"response", response}});
}

Response v1Error(const char *code, const json &payload = nullptr)
{
    json body{{"status", 400}, {"response", json::array({code})}};
    if (!payload.is_null())
        body["payload"] = payload;
    return jsonResponse(body, 400);
}

// Image groups, DICOM and data groups have no single file to link to (docs/encord-api.md §4.6).
bool hasNoLink(const QString &dataType)
{
    static const QStringList kNoLink = {QStringLiteral("img_group"), QStringLiteral("dicom"),
                                        QStringLiteral("dicom_study"), QStringLiteral("group")};
    return kNoLink.contains(dataType);
}

QString fileTypeOf(const DataUnitRecord &u)
{
    if (!u.fileType.isEmpty())
        return u.fileType;
    return u.dataType == QLatin1String("video") ? QStringLiteral("video/mp4") : QStringLiteral("image/jpeg");
}

// A row's data_units with their labels emptied, as Encord creates a new row of that data unit: frame-keyed
// labels become {}, a unit's own objects and classifications empty lists.
json emptiedUnits(const json &units)
{
    json out = units.is_object() ? units : json::object();
    for (auto it = out.begin(); it != out.end(); ++it) {
        json &labels = it.value()["labels"];
        labels = labels.is_object() && labels.contains("objects")
                     ? json{{"objects", json::array()}, {"classifications", json::array()}}
                     : json::object();
    }
    return out;
}

// A row's created_at / last_edited_at in either spelling Encord uses; `fallback` when it is neither.
QDateTime rowTimeOf(const json &value, const QDateTime &fallback)
{
    const QString text = q(value);
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'UTC'")}) {
        QDateTime t = QLocale::c().toDateTime(text, format);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            return t;
        }
    }
    return fallback;
}

const QStringList DbFields = {QStringLiteral("label_hash"),
                              QStringLiteral("branch_name"),
                              QStringLiteral("created_at"),
                              QStringLiteral("last_edited_at"),
                              QStringLiteral("dataset_hash"),
                              QStringLiteral("dataset_title"),
                              QStringLiteral("data_title"),
                              QStringLiteral("data_hash"),
                              QStringLiteral("data_type"),
                              QStringLiteral("data_units"),
                              QStringLiteral("object_answers"),
                              QStringLiteral("classification_answers"),
                              QStringLiteral("object_actions"),
                              QStringLiteral("label_status"),
                              QStringLiteral("annotation_task_status"),
                              QStringLiteral("is_valid"),
                              QStringLiteral("spaces")};

bool likeMatches(const QString &text, const QString &pattern)
{
    QString regex;
    for (const QChar c : pattern) {
        if (c == QLatin1Char('%'))
            regex += QStringLiteral(".*");
        else if (c == QLatin1Char('_'))
            regex += QLatin1Char('.');
        else
            regex += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(regex),
                              QRegularExpression::CaseInsensitiveOption |
                                  QRegularExpression::DotMatchesEverythingOption)
        .match(text)
        .hasMatch();
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

struct FakeEncordServer::State
{
    mutable QMutex mutex;
    QString projectHash = FakeEncordServer::defaultProjectHash();
    QString title = QStringLiteral("Fake project");
    QString ontologyHash = QStringLiteral("11111111-0000-4000-8000-0000000000aa");
    QString datasetHash = QStringLiteral("dddddddd-0000-4000-8000-00000000000d");
    json editor;
    QList<DataUnitRecord> dataUnits;
    std::map<QString, std::map<QString, RowRecord>> rows; // branch -> data hash -> row
    QSet<QByteArray> keys;
    QList<Injection> injections;
    QList<RecordedRequest> requests;
    int maxLabels = 0;
    bool gzip = false;
    bool copyEndpoint = true;
    int latencyMs = 0;

    State()
    {
        editor = json{
            {"objects", json::array({json{{"id", "1"},
                                          {"name", "Apple"},
                                          {"color", "#D33115"},
                                          {"shape", "bounding_box"},
                                          {"featureNodeHash", "qWm5E3j4"},
                                          {"attributes", json::array()}},
                                     json{{"id", "2"},
                                          {"name", "Pear"},
                                          {"color", "#E27300"},
                                          {"shape", "bounding_box"},
                                          {"featureNodeHash", "no8RyWRY"},
                                          {"attributes", json::array()}},
                                     json{{"id", "3"},
                                          {"name", "Outline"},
                                          {"color", "#16406C"},
                                          {"shape", "polygon"},
                                          {"featureNodeHash", "ODkxMzAx"},
                                          {"attributes", json::array()}}})},
            {"classifications",
             json::array(
                 {json{{"id", "4"},
                       {"featureNodeHash", "4BjoumKd"},
                       {"attributes",
                        json::array(
                            {json{{"id", "4.1"},
                                  {"name", "hot dog"},
                                  {"type", "radio"},
                                  {"featureNodeHash", "hkp+zgC/"},
                                  {"required", false},
                                  {"dynamic", false},
                                  {"options", json::array({json{{"id", "4.1.1"},
                                                                {"label", "yes"},
                                                                {"value", "yes"},
                                                                {"featureNodeHash", "aYes0001"}},
                                                           json{{"id", "4.1.2"},
                                                                {"label", "no"},
                                                                {"value", "no"},
                                                                {"featureNodeHash", "aNo00001"}}})}}})}}})}};
    }

    const DataUnitRecord *unit(const QString &dataHash) const
    {
        for (const auto &u : dataUnits) {
            if (u.dataHash == dataHash)
                return &u;
        }
        return nullptr;
    }

    json ontologyObject(const QString &featureHash) const
    {
        for (const auto &o : editor["objects"]) {
            if (q(o["featureNodeHash"]) == featureHash)
                return o;
        }
        return json{{"name", "Unknown"}, {"color", "#000000"}, {"shape", "bounding_box"}};
    }

    RowRecord *findByLabelHash(const QString &labelHash, QString *branch = nullptr)
    {
        for (auto &[b, byData] : rows) {
            for (auto &[d, row] : byData) {
                if (row.labelHash == labelHash) {
                    if (branch)
                        *branch = b;
                    return &row;
                }
            }
        }
        return nullptr;
    }

    json emptyDataUnits(const DataUnitRecord &u) const
    {
        if (!u.unitsTemplate.is_null())
            return u.unitsTemplate;
        json units = json::object();
        if (u.dataType == QLatin1String("img_group")) {
            for (int i = 0; i < u.frames; ++i) {
                const QString hash = u.dataHash + QStringLiteral("-%1").arg(i);
                units[s(hash)] =
                    json{{"data_hash", s(hash)},
                         {"data_title", s(u.title + QStringLiteral("/%1.jpg").arg(i))},
                         {"data_type", "image/jpeg"},
                         {"data_sequence", s(QString::number(i))},
                         {"data_link", nullptr},
                         {"width", u.width},
                         {"height", u.height},
                         {"labels", json{{"objects", json::array()}, {"classifications", json::array()}}}};
            }
            return units;
        }
        json unit{{"data_hash", s(u.dataHash)},
                  {"data_title", s(u.title)},
                  {"data_sequence", 0},
                  {"data_link", s(QStringLiteral("https://storage.example/") + u.title)},
                  {"width", u.width},
                  {"height", u.height}};
        if (u.dataType == QLatin1String("video")) {
            unit["data_type"] = "video/mp4";
            unit["labels"] = json::object();
            unit["data_fps"] = 25.0;
            unit["data_duration"] = u.frames / 25.0;
        } else {
            unit["data_type"] = "image/jpeg";
            unit["labels"] = json{{"objects", json::array()}, {"classifications", json::array()}};
        }
        units[s(u.dataHash)] = unit;
        return units;
    }

    json newRowDict(const DataUnitRecord &u, const QString &branch, const QString &labelHash,
                    const QDateTime &now, const QString &status) const
    {
        return json{{"label_hash", s(labelHash)},
                    {"branch_name", s(branch)},
                    {"created_at", s(rowTime(now))},
                    {"last_edited_at", s(rowTime(now))},
                    {"dataset_hash", s(datasetHash)},
                    {"dataset_title", "Fake dataset"},
                    {"data_title", s(u.title)},
                    {"data_hash", s(u.dataHash)},
                    {"data_type", s(u.dataType)},
                    {"label_status", s(status)},
                    {"annotation_task_status", nullptr},
                    {"spaces", json::object()},
                    {"data_units", emptyDataUnits(u)},
                    {"object_answers", json::object()},
                    {"classification_answers", json::object()},
                    {"object_actions", json::object()}};
    }

    void addObjects(json &dict, const DataUnitRecord &u, const QList<FakeObject> &objects) const
    {
        for (const FakeObject &o : objects) {
            const json ontology = ontologyObject(o.featureHash);
            const QString name = q(ontology["name"]);
            json entry{{"name", s(name)},
                       {"color", ontology["color"]},
                       {"shape", ontology["shape"]},
                       {"value", s(name.toLower().replace(QLatin1Char(' '), QLatin1Char('_')))},
                       {"createdAt", "Fri, 03 Jan 2025 09:30:00 UTC"},
                       {"createdBy", "ann@example.com"},
                       {"confidence", 1.0},
                       {"objectHash", s(o.objectHash)},
                       {"featureHash", s(o.featureHash)},
                       {"manualAnnotation", true},
                       {"lastEditedAt", "Fri, 03 Jan 2025 09:31:00 UTC"},
                       {"boundingBox", json{{"h", o.h}, {"w", o.w}, {"x", o.x}, {"y", o.y}}}};
            json &units = dict["data_units"];
            if (u.dataType == QLatin1String("video")) {
                json &labels = units[s(u.dataHash)]["labels"];
                const std::string frame = s(QString::number(o.frame));
                if (!labels.contains(frame))
                    labels[frame] = json{{"objects", json::array()}, {"classifications", json::array()}};
                labels[frame]["objects"].push_back(entry);
            } else if (u.dataType == QLatin1String("img_group")) {
                const QString hash = u.dataHash + QStringLiteral("-%1").arg(o.frame);
                units[s(hash)]["labels"]["objects"].push_back(entry);
            } else {
                units[s(u.dataHash)]["labels"]["objects"].push_back(entry);
            }
            dict["object_answers"][s(o.objectHash)] =
                json{{"classifications", json::array()}, {"objectHash", s(o.objectHash)}};
        }
    }

    json metadata(const DataUnitRecord &u, const QString &branch, const RowRecord *row) const
    {
        json m{{"label_hash", row ? json(s(row->labelHash)) : json(nullptr)},
               {"branch_name", s(branch)},
               {"created_at", row ? json(s(isoTime(row->createdAt))) : json(nullptr)},
               {"last_edited_at", row ? json(s(isoTime(row->lastEditedAt))) : json(nullptr)},
               {"data_hash", s(u.dataHash)},
               {"dataset_hash", s(datasetHash)},
               {"dataset_title", "Fake dataset"},
               {"data_title", s(u.title)},
               {"data_type", s(u.dataType.toUpper())},
               {"data_link", hasNoLink(u.dataType)
                                 ? json(nullptr)
                                 : json(s(QStringLiteral("https://storage.example/") + u.title))},
               {"label_status",
                row ? row->dict.value("label_status", json("LABEL_IN_PROGRESS")) : json("NOT_LABELLED")},
               {"annotation_task_status",
                row ? row->dict.value("annotation_task_status", json(nullptr)) : json(nullptr)},
               {"workflow_graph_node", nullptr},
               {"is_shadow_data", false},
               {"number_of_frames", u.frames},
               {"frames_per_second", u.dataType == QLatin1String("video") ? json(25.0) : json(nullptr)},
               {"duration", u.dataType == QLatin1String("video") ? json(u.frames / 25.0) : json(nullptr)},
               {"width", u.width},
               {"height", u.height},
               {"file_type", s(fileTypeOf(u))},
               {"spaces", json::object()}};
        return m;
    }
};

// Lives on the server thread; owns the listening socket and the connections.
class FakeEncordServer::Worker : public QObject
{
public:
    explicit Worker(std::shared_ptr<State> state) : m_state(std::move(state)) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        QObject::connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server->serverPort();
    }

    void shutdown()
    {
        if (m_server)
            m_server->close();
        const auto sockets = findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    }

private:
    struct HttpRequest
    {
        QByteArray method, target, path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            HttpRequest request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            if (first.size() < 3) {
                socket->abort();
                m_buffers.remove(socket);
                return;
            }
            request.method = first[0];
            request.target = first[1];
            request.path = request.target.left(request.target.indexOf('?') < 0 ? request.target.size()
                                                                               : request.target.indexOf('?'));
            qsizetype contentLength = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                request.headers.append({name, value});
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    contentLength = value.toLongLong();
            }
            if (buffer.size() < headEnd + 4 + contentLength)
                return;
            request.body = buffer.mid(headEnd + 4, contentLength);
            buffer.remove(0, headEnd + 4 + contentLength);
            handle(socket, request);
            if (!socket->isOpen())
                return;
        }
    }

    static QByteArray headerOf(const HttpRequest &r, const QByteArray &name)
    {
        for (const auto &h : r.headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }

    void handle(QTcpSocket *socket, const HttpRequest &http)
    {
        RecordedRequest record;
        record.method = http.method;
        record.target = http.target;
        record.path = http.path;
        record.headers = http.headers;
        record.body = http.body;
        if (!http.body.isEmpty()) {
            record.json = nlohmann::ordered_json::parse(
                http.body.constData(), http.body.constData() + http.body.size(), nullptr, false);
            if (record.json.is_discarded())
                record.json = nullptr;
        }
        if (record.isV1() && record.json.is_object()) {
            if (record.json.contains("query_type") && record.json["query_type"].is_string())
                record.queryType = QString::fromStdString(record.json["query_type"].get<std::string>());
            if (record.json.contains("query_method") && record.json["query_method"].is_string())
                record.queryMethod = QString::fromStdString(record.json["query_method"].get<std::string>());
        }

        Response response;
        std::optional<Injection> injection;
        bool gzipAllowed = false;
        {
            QMutexLocker lock(&m_state->mutex);
            record.signatureValid = record.isV1() ? verifyV1(http) : verifyV2(http);
            for (Injection &candidate : m_state->injections) {
                if (candidate.remaining <= 0 || !matches(candidate.match, record))
                    continue;
                if (candidate.match.after > 0) {
                    --candidate.match.after;
                    continue;
                }
                --candidate.remaining;
                injection = candidate;
                break;
            }
            if (injection) {
                switch (injection->kind) {
                case Injection::Kind::Status:
                    record.injected = QStringLiteral("status %1").arg(injection->status);
                    break;
                case Injection::Kind::Malformed:
                    record.injected = QStringLiteral("malformed");
                    break;
                case Injection::Kind::Drop:
                    record.injected = QStringLiteral("drop");
                    break;
                case Injection::Kind::Delay:
                    record.injected = QStringLiteral("delay");
                    break;
                }
            }
            m_state->requests.append(record);
            gzipAllowed = m_state->gzip && headerOf(http, "Accept-Encoding").contains("gzip");

            if (injection && injection->kind == Injection::Kind::Drop) {
                socket->abort();
                m_buffers.remove(socket);
                return;
            }
            if (injection && injection->kind == Injection::Kind::Status) {
                response.status = injection->status;
                response.contentType = "text/html";
                response.body = "<html><body><h1>" + QByteArray::number(injection->status) + " " +
                                reasonPhrase(injection->status) + "</h1></body></html>";
                if (injection->retryAfter >= 0)
                    response.headers.append({"Retry-After", QByteArray::number(injection->retryAfter)});
            } else if (injection && injection->kind == Injection::Kind::Malformed) {
                response.status = 200;
                response.body = "{\"status\": 200, \"response\": [{\"label_hash\": <html>oops";
            } else if (!record.signatureValid) {
                response =
                    record.isV1()
                        ? v1Error("SSH_KEY_NOT_FOUND_ERROR", "Your used SSH key does not exist. Please add "
                                                             "this SSH key to your user profile.")
                        : jsonResponse(json{{"message", "Signature verification failed"}}, 401);
            } else if (record.isV1() && http.method == "POST") {
                // A request the handlers cannot digest is the client's bug; it must show as an error, not a
                // crash.
                try {
                    response = handleV1(http, record);
                } catch (const std::exception &e) {
                    response = v1Error("INVALID_ARGUMENTS_ERROR", e.what());
                }
            } else if (http.method == "GET" && http.path.startsWith("/v2/public/")) {
                response = handleV2(http);
            } else if (http.method == "POST" && http.path.startsWith("/v2/public/")) {
                response = handleV2Post(http);
            } else {
                response = jsonResponse(json{{"message", "No such endpoint"}}, 404);
            }
        }
        const bool close = headerOf(http, "Connection").compare("close", Qt::CaseInsensitive) == 0;
        int delayMs = 0;
        {
            QMutexLocker lock(&m_state->mutex);
            delayMs = m_state->latencyMs;
        }
        if (injection && injection->kind == Injection::Kind::Delay)
            delayMs += injection->delayMs;
        if (delayMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(delayMs, this, [this, guarded, response, gzipAllowed, close] {
                if (guarded)
                    write(guarded, response, gzipAllowed, close);
            });
            return;
        }
        write(socket, response, gzipAllowed, close);
    }

    static bool matches(const FakeMatch &match, const RecordedRequest &record)
    {
        if (!match.queryType.isEmpty() && match.queryType != record.queryType)
            return false;
        if (!match.queryMethod.isEmpty() && match.queryMethod != record.queryMethod)
            return false;
        if (!match.pathPrefix.isEmpty() && !record.path.startsWith(match.pathPrefix))
            return false;
        return true;
    }

    void write(QTcpSocket *socket, const Response &response, bool gzipAllowed, bool close)
    {
        QByteArray body = response.body;
        QByteArray head =
            "HTTP/1.1 " + QByteArray::number(response.status) + " " + reasonPhrase(response.status) + "\r\n";
        head += "Content-Type: " + response.contentType + "\r\n";
        if (gzipAllowed && !body.isEmpty()) {
            body = gzip(body);
            head += "Content-Encoding: gzip\r\n";
        }
        for (const auto &h : response.headers)
            head += h.first + ": " + h.second + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
        head += "\r\n";
        socket->write(head + body);
        if (close)
            socket->disconnectFromHost();
    }

    // --- signatures (called with the state locked) ---------------------------------------------------

    bool verifyV1(const HttpRequest &http) const
    {
        const QByteArray authorization = headerOf(http, "Authorization");
        const qsizetype colon = authorization.indexOf(':');
        if (colon != 64)
            return false;
        const QByteArray publicKey = QByteArray::fromHex(authorization.left(64));
        if (!m_state->keys.contains(publicKey))
            return false;
        return verifyEd25519(publicKey, sha256(http.body), QByteArray::fromHex(authorization.mid(65)));
    }

    bool verifyV2(const HttpRequest &http) const
    {
        const QByteArray digest = headerOf(http, "Content-Digest");
        if (digest != "sha-256=:" + sha256(http.body).toBase64() + ":")
            return false;
        const QByteArray input = headerOf(http, "Signature-Input");
        const QByteArray signatureHeader = headerOf(http, "Signature");
        if (!input.startsWith("encord-sig=") || !signatureHeader.startsWith("encord-sig=:") ||
            !signatureHeader.endsWith(':'))
            return false;
        const QByteArray params = input.mid(11);
        static const QRegularExpression shape(
            QStringLiteral("^\\(\"@method\" \"@request-target\" "
                           "\"content-digest\"\\);created=(\\d+);keyid=\"([0-9a-f]{64})\";alg=\"ed25519\"$"));
        const auto match = shape.match(QString::fromLatin1(params));
        if (!match.hasMatch())
            return false;
        const qint64 created = match.captured(1).toLongLong();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (created > now + 60 || created < now - 600)
            return false;
        const QByteArray publicKey = QByteArray::fromHex(match.captured(2).toLatin1());
        if (!m_state->keys.contains(publicKey))
            return false;
        const QByteArray base = "\"@method\": " + http.method + "\n\"@request-target\": " + http.target +
                                "\n\"content-digest\": " + digest + "\n\"@signature-params\": " + params;
        const QByteArray signature =
            QByteArray::fromBase64(signatureHeader.mid(12, signatureHeader.size() - 13));
        return verifyEd25519(publicKey, base, signature);
    }

    // --- v1 (state locked) -------------------------------------------------------------------------------

    Response handleV1(const HttpRequest &http, const RecordedRequest &record)
    {
        State &st = *m_state;
        if (headerOf(http, "ResourceType") != "project" ||
            QString::fromUtf8(headerOf(http, "ResourceID")) != st.projectHash)
            return v1Error("AUTHORISATION_ERROR", "You do not have access to this project.");
        const json body =
            json::parse(http.body.constData(), http.body.constData() + http.body.size(), nullptr, false);
        if (!body.is_object() || !body.contains("values") || !body["values"].is_object())
            return v1Error("INVALID_ARGUMENTS_ERROR", "The request is not a query.");
        const json uid = body["values"].value("uid", json());
        const json payload = body["values"].value("payload", json());
        if (uid.is_array() && st.maxLabels > 0 && int(uid.size()) > st.maxLabels)
            return v1Error("MULTI_LABEL_LIMIT_ERROR", json{{"maximum_labels_allowed", st.maxLabels}});

        if (record.queryType == QLatin1String("labelrowmetadata") &&
            record.queryMethod == QLatin1String("GET"))
            return listMetadata(payload);
        if (record.queryType == QLatin1String("labelrow") && record.queryMethod == QLatin1String("GET"))
            return getRows(uid);
        if (record.queryType == QLatin1String("labelrow") && record.queryMethod == QLatin1String("PUT"))
            return createRows(uid, payload);
        if (record.queryType == QLatin1String("labelrow") && record.queryMethod == QLatin1String("POST"))
            return saveRows(uid, payload);
        return v1Error("METHOD_NOT_ALLOWED_ERROR");
    }

    Response listMetadata(const json &payload)
    {
        State &st = *m_state;
        if (!payload.is_object())
            return v1Error("INVALID_ARGUMENTS_ERROR", "payload missing");
        const bool allBranches = payload.value("include_all_label_branches", false);
        const QString branchName = q(payload.value("branch_name", json()));
        if (allBranches && !branchName.isEmpty())
            return v1Error("INVALID_ARGUMENTS_ERROR",
                           "A branch name cannot be specified if include_all_label_branches is set to True");
        const QString branch = branchName.isEmpty() ? QStringLiteral("main") : branchName;
        auto stringSet = [&payload](const char *key, bool *given) {
            QSet<QString> set;
            const json value = payload.value(key, json());
            *given = value.is_array();
            if (value.is_array()) {
                for (const auto &v : value)
                    set.insert(q(v));
            }
            return set;
        };
        bool dataGiven = false, labelGiven = false, statusGiven = false;
        const QSet<QString> dataHashes = stringSet("data_hashes", &dataGiven);
        const QSet<QString> labelHashes = stringSet("label_hashes", &labelGiven);
        const QSet<QString> statuses = stringSet("label_statuses", &statusGiven);
        const QString titleEq = q(payload.value("data_title_eq", json()));
        const QString titleLike = q(payload.value("data_title_like", json()));
        const QDateTime before = parseIso(q(payload.value("edited_before", json())));
        const QDateTime after = parseIso(q(payload.value("edited_after", json())));
        const bool includeUninitialised = payload.value("include_uninitialised_labels", false);

        auto accept = [&](const DataUnitRecord &u, const RowRecord *row) {
            if (dataGiven && !dataHashes.contains(u.dataHash))
                return false;
            if (labelGiven && (!row || !labelHashes.contains(row->labelHash)))
                return false;
            if (!titleEq.isEmpty() && u.title != titleEq)
                return false;
            if (!titleLike.isEmpty() && !likeMatches(u.title, titleLike))
                return false;
            if (statusGiven &&
                (!row || !statuses.contains(q(row->dict.value("annotation_task_status", json())))))
                return false;
            if (before.isValid() && (!row || row->lastEditedAt >= before))
                return false;
            if (after.isValid() && (!row || row->lastEditedAt <= after))
                return false;
            if (!row && !includeUninitialised)
                return false;
            return true;
        };

        json out = json::array();
        for (const DataUnitRecord &u : st.dataUnits) {
            if (allBranches) {
                bool any = false;
                for (const auto &[b, byData] : st.rows) {
                    const auto it = byData.find(u.dataHash);
                    if (it == byData.end())
                        continue;
                    any = true;
                    if (accept(u, &it->second))
                        out.push_back(st.metadata(u, b, &it->second));
                }
                if (!any && accept(u, nullptr))
                    out.push_back(st.metadata(u, QStringLiteral("main"), nullptr));
            } else {
                const RowRecord *row = nullptr;
                const auto b = st.rows.find(branch);
                if (b != st.rows.end()) {
                    const auto it = b->second.find(u.dataHash);
                    if (it != b->second.end())
                        row = &it->second;
                }
                if (accept(u, row))
                    out.push_back(st.metadata(u, branch, row));
            }
        }
        return v1Success(out);
    }

    Response getRows(const json &uid)
    {
        if (!uid.is_array())
            return v1Error("INVALID_ARGUMENTS_ERROR", "uid must be a list of label hashes");
        json out = json::array();
        for (const auto &hash : uid) {
            if (RowRecord *row = m_state->findByLabelHash(q(hash)))
                out.push_back(row->dict);
        }
        return v1Success(out);
    }

    Response createRows(const json &uid, const json &payload)
    {
        State &st = *m_state;
        if (!uid.is_array() || !payload.is_object())
            return v1Error("INVALID_ARGUMENTS_ERROR", "uid must be a list of data hashes");
        const QString branchName = q(payload.value("branch_name", json()));
        const QString branch = branchName.isEmpty() ? QStringLiteral("main") : branchName;
        // Checked for all rows first, so a failing request creates nothing.
        for (const auto &hash : uid) {
            if (!st.unit(q(hash)))
                return v1Error("RESOURCE_NOT_FOUND_ERROR", s(QStringLiteral("No data unit %1").arg(q(hash))));
            const auto b = st.rows.find(branch);
            if (b != st.rows.end() && b->second.count(q(hash)))
                return v1Error(
                    "RESOURCE_EXISTS_ERROR",
                    s(QStringLiteral("Data unit %1 already has a label row on %2").arg(q(hash), branch)));
        }
        json out = json::array();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto &hash : uid) {
            const DataUnitRecord &u = *st.unit(q(hash));
            RowRecord row;
            row.labelHash = newUuid();
            row.createdAt = now;
            row.lastEditedAt = now;
            row.dict = st.newRowDict(u, branch, row.labelHash, now, QStringLiteral("LABEL_IN_PROGRESS"));
            out.push_back(row.dict);
            st.rows[branch][u.dataHash] = row;
        }
        return v1Success(out);
    }

    Response saveRows(const json &uid, const json &payload)
    {
        State &st = *m_state;
        if (!uid.is_array() || !payload.is_object() || !payload.contains("labels") ||
            !payload["labels"].is_array() || payload["labels"].size() != uid.size())
            return v1Error("INVALID_ARGUMENTS_ERROR", "uid and labels must be lists of the same length");
        const json &labels = payload["labels"];
        for (size_t i = 0; i < uid.size(); ++i) {
            QString branch;
            RowRecord *row = st.findByLabelHash(q(uid[i]), &branch);
            if (!row)
                return v1Error("RESOURCE_NOT_FOUND_ERROR",
                               s(QStringLiteral("No label row %1").arg(q(uid[i]))));
            const json &dict = labels[i];
            if (!dict.is_object() || q(dict.value("label_hash", json())) != row->labelHash ||
                q(dict.value("data_hash", json())) != q(row->dict["data_hash"]) ||
                q(dict.value("branch_name", json())) != branch || !dict.contains("data_units") ||
                !dict.contains("object_answers") || !dict.contains("classification_answers"))
                return v1Error("INVALID_ARGUMENTS_ERROR",
                               s(QStringLiteral("Label row %1 does not match its dict").arg(row->labelHash)));
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (size_t i = 0; i < uid.size(); ++i) {
            QString branch;
            RowRecord *row = st.findByLabelHash(q(uid[i]), &branch);
            json stored = json::object();
            for (const QString &field : DbFields) {
                const std::string key = s(field);
                if (labels[i].contains(key))
                    stored[key] = labels[i][key];
            }
            stored["created_at"] = s(rowTime(row->createdAt));
            stored["last_edited_at"] = s(rowTime(now));
            row->lastEditedAt = now;
            row->dict = stored;
        }
        return v1Success(true);
    }

    // --- v2 (state locked) -------------------------------------------------------------------------------

    Response handleV2(const HttpRequest &http)
    {
        State &st = *m_state;
        const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(http.path.mid(11)));
        const QStringList parts = path.split(QLatin1Char('/'));
        if (parts.size() == 2 && parts[0] == QLatin1String("projects")) {
            if (parts[1] != st.projectHash)
                return jsonResponse(json{{"message", "Project not found"}}, 404);
            return jsonResponse(json{{"projectHash", s(st.projectHash)},
                                     {"projectType", "workflow"},
                                     {"status", "inProgress"},
                                     {"title", s(st.title)},
                                     {"description", "A project served by the fake Encord server"},
                                     {"createdAt", "2024-01-01T00:00:00Z"},
                                     {"lastEditedAt", "2024-01-02T00:00:00Z"},
                                     {"ontologyHash", s(st.ontologyHash)},
                                     {"editorOntology", st.editor},
                                     {"userRole", 0},
                                     {"workflowManagerUuid", "00000000-0000-0000-0000-000000000002"}});
        }
        if (parts.size() == 2 && parts[0] == QLatin1String("ontologies")) {
            if (parts[1] != st.ontologyHash)
                return jsonResponse(json{{"message", "Ontology not found"}}, 404);
            return jsonResponse(json{{"ontologyUuid", s(st.ontologyHash)},
                                     {"title", "Fruit"},
                                     {"description", ""},
                                     {"editor", st.editor},
                                     {"createdAt", "2024-01-01T00:00:00Z"},
                                     {"lastEditedAt", "2024-01-02T00:00:00Z"},
                                     {"userRole", 1}});
        }
        return jsonResponse(json{{"message", "No such endpoint"}}, 404);
    }

    // POST v2/public/projects/{p}/labels/copy-branch (docs/encord-api.md §3.8): each named source row is
    // copied onto the target's row of its data unit; an existing target row is skipped unless `overwrite`
    // (then replaced, keeping its label hash and creation time). Checked in full before anything is written.
    Response handleV2Post(const HttpRequest &http)
    {
        State &st = *m_state;
        const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(http.path.mid(11)));
        const QStringList parts = path.split(QLatin1Char('/'));
        if (!st.copyEndpoint || parts.size() != 4 || parts[0] != QLatin1String("projects") ||
            parts[2] != QLatin1String("labels") || parts[3] != QLatin1String("copy-branch"))
            return jsonResponse(json{{"message", "No such endpoint"}}, 404);
        if (parts[1] != st.projectHash)
            return jsonResponse(json{{"message", "Project not found"}}, 404);
        const json body =
            json::parse(http.body.constData(), http.body.constData() + http.body.size(), nullptr, false);
        if (!body.is_object() || !body.value("sourceBranchName", json()).is_string() ||
            !body.value("targetBranchName", json()).is_string() ||
            !body.value("overwrite", json()).is_boolean() || !body.value("labelUuids", json()).is_array())
            return jsonResponse(json{{"message", "Invalid arguments"}}, 400);
        const QString source = q(body["sourceBranchName"]);
        const QString target = q(body["targetBranchName"]);
        if (source == target)
            return jsonResponse(json{{"message", "Source and target branch must be different"}}, 400);
        if (body["labelUuids"].size() > 1000)
            return jsonResponse(json{{"message", "At most 1000 label rows per request"}}, 413);
        QList<const RowRecord *> rows;
        for (const json &uuid : body["labelUuids"]) {
            QString branch;
            const RowRecord *row = st.findByLabelHash(q(uuid), &branch);
            if (!row || branch != source)
                return jsonResponse(
                    json{{"message",
                          s(QStringLiteral("Label row %1 not found on branch %2").arg(q(uuid), source))}},
                    404);
            rows.append(row);
        }
        const bool overwrite = body["overwrite"].get<bool>();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int copied = 0;
        for (const RowRecord *from : std::as_const(rows)) {
            const RowRecord copy = *from; // the target map may grow below
            const QString dataHash = q(copy.dict["data_hash"]);
            auto &byData = st.rows[target];
            const auto existing = byData.find(dataHash);
            if (existing != byData.end() && !overwrite)
                continue;
            RowRecord row;
            row.labelHash = existing != byData.end() ? existing->second.labelHash : newUuid();
            row.createdAt = existing != byData.end() ? existing->second.createdAt : now;
            row.lastEditedAt = now;
            row.dict = copy.dict;
            row.dict["label_hash"] = s(row.labelHash);
            row.dict["branch_name"] = s(target);
            row.dict["created_at"] = s(rowTime(row.createdAt));
            row.dict["last_edited_at"] = s(rowTime(now));
            byData[dataHash] = row;
            ++copied;
        }
        return jsonResponse(json{{"copiedCount", copied}});
    }

    std::shared_ptr<State> m_state;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

FakeEncordServer::FakeEncordServer() : m_state(std::make_shared<State>()) {}

FakeEncordServer::~FakeEncordServer()
{
    if (m_thread) {
        QMetaObject::invokeMethod(
            m_worker,
            [this] {
                m_worker->shutdown();
                delete m_worker;
            },
            Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

bool FakeEncordServer::start()
{
    if (m_thread)
        return m_port != 0;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("fake-encord-server"));
    m_worker = new Worker(m_state);
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QUrl FakeEncordServer::domain() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

quint16 FakeEncordServer::port() const
{
    return m_port;
}

void FakeEncordServer::setProject(const QString &projectHash, const QString &title,
                                  const QString &ontologyHash)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->projectHash = projectHash;
    m_state->title = title;
    m_state->ontologyHash = ontologyHash;
}

void FakeEncordServer::setOntologyEditor(const nlohmann::json &editor)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->editor = editor;
}

void FakeEncordServer::addDataUnit(const QString &dataHash, const QString &title, const QString &dataType,
                                   int width, int height, int frames)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->dataUnits.append(DataUnitRecord{dataHash, title, dataType, width, height, frames});
}

QString FakeEncordServer::putRawRow(const QString &branch, const nlohmann::json &dict)
{
    QMutexLocker lock(&m_state->mutex);
    const QString dataHash = q(dict.value("data_hash", json()));
    if (!m_state->unit(dataHash)) {
        DataUnitRecord u{dataHash,
                         q(dict.value("data_title", json())),
                         q(dict.value("data_type", json())),
                         0,
                         0,
                         1,
                         emptiedUnits(dict.value("data_units", json())),
                         QString()};
        const json &units = dict.value("data_units", json::object());
        if (units.is_object() && !units.empty()) {
            const json &first = units.begin().value();
            u.width = first.value("width", 0);
            u.height = first.value("height", 0);
            u.fileType = q(first.value("data_type", json()));
            const json &labels = first.value("labels", json::object());
            if (labels.is_object() && !labels.contains("objects")) {
                for (auto it = labels.begin(); it != labels.end(); ++it)
                    u.frames = std::max(u.frames, QString::fromStdString(it.key()).toInt() + 1);
            }
            if (u.dataType == QLatin1String("img_group"))
                u.frames = int(units.size());
        }
        m_state->dataUnits.append(u);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-3600);
    RowRecord row;
    row.labelHash = q(dict.value("label_hash", json()));
    if (row.labelHash.isEmpty())
        row.labelHash = newUuid();
    row.createdAt = rowTimeOf(dict.value("created_at", json()), now);
    row.lastEditedAt = rowTimeOf(dict.value("last_edited_at", json()), now);
    row.dict = dict;
    row.dict["label_hash"] = s(row.labelHash);
    row.dict["branch_name"] = s(branch);
    m_state->rows[branch][dataHash] = row;
    return row.labelHash;
}

QString FakeEncordServer::putRow(const QString &branch, const QString &dataHash,
                                 const QList<FakeObject> &objects, const QString &labelStatus)
{
    QMutexLocker lock(&m_state->mutex);
    const DataUnitRecord *u = m_state->unit(dataHash);
    if (!u)
        qFatal("putRow: unknown data unit %s", qPrintable(dataHash));
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-3600);
    RowRecord row;
    const auto existing = m_state->rows[branch].find(dataHash);
    row.labelHash = existing != m_state->rows[branch].end() ? existing->second.labelHash : newUuid();
    row.createdAt = now;
    row.lastEditedAt = now;
    row.dict = m_state->newRowDict(*u, branch, row.labelHash, now, labelStatus);
    m_state->addObjects(row.dict, *u, objects);
    m_state->rows[branch][dataHash] = row;
    return row.labelHash;
}

nlohmann::json FakeEncordServer::row(const QString &branch, const QString &dataHash) const
{
    QMutexLocker lock(&m_state->mutex);
    const auto b = m_state->rows.find(branch);
    if (b == m_state->rows.end())
        return nullptr;
    const auto it = b->second.find(dataHash);
    return it == b->second.end() ? nlohmann::json() : it->second.dict;
}

QStringList FakeEncordServer::branches() const
{
    QMutexLocker lock(&m_state->mutex);
    QStringList names;
    for (const auto &[name, byData] : m_state->rows) {
        if (!byData.empty())
            names.append(name);
    }
    return names;
}

int FakeEncordServer::rowCount(const QString &branch) const
{
    QMutexLocker lock(&m_state->mutex);
    const auto b = m_state->rows.find(branch);
    return b == m_state->rows.end() ? 0 : int(b->second.size());
}

void FakeEncordServer::registerPublicKey(const QByteArray &raw32)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->keys.insert(raw32);
}

void FakeEncordServer::clearPublicKeys()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->keys.clear();
}

void FakeEncordServer::failNext(int count, int status, int retryAfterSeconds, const FakeMatch &match)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->injections.append(
        Injection{Injection::Kind::Status, count, status, retryAfterSeconds, 0, match});
}

void FakeEncordServer::malformNext(int count, const FakeMatch &match)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->injections.append(Injection{Injection::Kind::Malformed, count, 0, -1, 0, match});
}

void FakeEncordServer::dropNext(int count, const FakeMatch &match)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->injections.append(Injection{Injection::Kind::Drop, count, 0, -1, 0, match});
}

void FakeEncordServer::delayNext(int count, int milliseconds, const FakeMatch &match)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->injections.append(Injection{Injection::Kind::Delay, count, 0, -1, milliseconds, match});
}

void FakeEncordServer::setMaxLabelsPerRequest(int maximum)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->maxLabels = maximum;
}

void FakeEncordServer::setCopyEndpoint(bool available)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->copyEndpoint = available;
}

void FakeEncordServer::setLatency(int milliseconds)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->latencyMs = milliseconds;
}

void FakeEncordServer::setGzip(bool enabled)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->gzip = enabled;
}

QList<RecordedRequest> FakeEncordServer::requests() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->requests;
}

QList<RecordedRequest> FakeEncordServer::v1Requests(const QString &queryType,
                                                    const QString &queryMethod) const
{
    QMutexLocker lock(&m_state->mutex);
    QList<RecordedRequest> out;
    for (const RecordedRequest &r : m_state->requests) {
        if (r.isV1() && r.queryType == queryType && r.queryMethod == queryMethod)
            out.append(r);
    }
    return out;
}

void FakeEncordServer::clearRequests()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->requests.clear();
}

} // namespace lb::test
