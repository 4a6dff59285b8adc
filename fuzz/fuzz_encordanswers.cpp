// Fuzz target: Encord's answers as the store reads them (docs/encord-api.md, encord/api/encordclient.h). The
// input is a sequence of HTTP answers that a small server on 127.0.0.1 gives, in order, to the requests of a
// real EncordStore and EncordClient: opening the project (project and ontology), listing data units, a page
// of main with its counts (label rows fetched in bundles), contents, the branches, then a server-side copy,
// creating rows and saving labels built from what was fetched. Answers are separated by a line "@@"; one may
// start with a status line "404" (200 otherwise). Every answer, however wrong, must end in a value or an
// error, never in a crash or a hang.

#include "encord/api/copybranchcall.h"
#include "encord/api/encordclient.h"
#include "encord/api/pythonjson.h"
#include "encord/encordsavedict.h"
#include "encord/encordstore.h"
#include "encord/ssh/sshkey.h"

#include <cstdint>
#include <cstdlib>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace {

using json = nlohmann::json;

constexpr int kMaxAnswers = 32;

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// With LB_FUZZ_VERBOSE set, what each call answered, for writing seeds that reach further.
template <typename T> void note(const char *call, const lb::Result<T> &result)
{
    static const bool verbose = qEnvironmentVariableIsSet("LB_FUZZ_VERBOSE");
    if (verbose)
        qInfo("%s: %s", call, result ? "ok" : qPrintable(result.error()));
}

struct Answer
{
    int status = 200;
    QByteArray body;
};

// The input cut into answers: "@@" on a line of its own separates them; a first line of three digits from
// 200 to 599 is the status.
QList<Answer> answersOf(const QByteArray &input)
{
    QList<Answer> answers;
    qsizetype from = 0;
    while (from <= input.size() && answers.size() < kMaxAnswers) {
        qsizetype end = input.indexOf("\n@@\n", from);
        if (end < 0)
            end = input.size();
        Answer answer;
        answer.body = input.mid(from, end - from);
        if (answer.body.size() >= 4 && answer.body.at(3) == '\n') {
            bool ok = false;
            const int status = answer.body.left(3).toInt(&ok);
            if (ok && status >= 200 && status <= 599) {
                answer.status = status;
                answer.body.remove(0, 4);
            }
        }
        answers.append(answer);
        from = end + 4;
    }
    return answers;
}

// An HTTP/1.1 server that answers each request, in the order they arrive, with the next answer (404 once they
// are used up), one request per connection.
class AnswerServer : public QTcpServer
{
public:
    AnswerServer() { check(listen(QHostAddress::LocalHost)); }

    void setAnswers(QList<Answer> answers)
    {
        m_answers = std::move(answers);
        m_next = 0;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadyRead(socket); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray request = socket->property("request").toByteArray() + socket->readAll();
        socket->setProperty("request", request);
        const qsizetype headEnd = request.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : request.left(headEnd).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (request.size() < headEnd + 4 + length)
            return;
        socket->setProperty("request", QByteArray());
        if (qEnvironmentVariableIsSet("LB_FUZZ_VERBOSE"))
            qInfo("answer %lld to %s", qlonglong(m_next + 1),
                  request.left(request.indexOf('\r')).constData());
        const Answer answer = m_next < m_answers.size() ? m_answers.at(m_next++) : Answer{404, "{}"};
        const bool noBody = answer.status == 204 || answer.status == 304;
        const QByteArray body = noBody ? QByteArray() : answer.body;
        socket->write("HTTP/1.1 " + QByteArray::number(answer.status) + " Answer\r\nContent-Type: " +
                      "application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QList<Answer> m_answers;
    qsizetype m_next = 0;
};

struct Harness
{
    QTemporaryDir cacheDir;
    AnswerServer server;
    lb::SshKey key = lb::SshKey::fromSeed(QByteArray(32, '\x07')).value();
    lb::EncordStoreSettings settings;

    Harness()
    {
        check(cacheDir.isValid());
        settings.client.domain =
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()), QUrl::StrictMode);
        settings.client.projectHash = QStringLiteral("00000000-0000-4000-8000-000000000001");
        settings.client.maxConcurrentRequests = 1; // answers in request order
        settings.client.retry.maxRetries = 0;
        settings.client.retry.connectRetries = 0;
        settings.client.retry.backoffMs = {0};
        settings.client.retry.timeoutMs = 5000;
        settings.cacheDir = cacheDir.path();
        settings.bundleSize = 2;
    }

    void clearCache()
    {
        const QDir dir(cacheDir.path());
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
            QFile::remove(dir.filePath(name));
    }
};

Harness *harness()
{
    static Harness h;
    return &h;
}

// The store's reads, as the window and the command line make them on a live project.
QList<lb::LabelRowDocument> readStore(lb::EncordStore &store)
{
    note("data units", store.dataUnits());
    lb::RowQuery page;
    page.limit = 5;
    const lb::Result<QList<lb::LabelRowSummary>> rows = store.listRows(page);
    note("rows of main", rows);
    QList<lb::LabelRowDocument> contents;
    if (rows) {
        QStringList labelHashes;
        for (const lb::LabelRowSummary &row : rows.value())
            if (row.isInitialised() && !labelHashes.contains(row.labelHash))
                labelHashes.append(row.labelHash);
        if (!labelHashes.isEmpty()) {
            lb::Result<QList<lb::LabelRowDocument>> fetched =
                store.fetchContents(QStringLiteral("main"), labelHashes);
            note("contents", fetched);
            if (fetched)
                contents = std::move(fetched).value();
        }
    }
    note("branches", store.branches());
    return contents;
}

// The calls of a copy on Encord: the server-side copy, and client-side rows created and saved.
void writeCalls(lb::EncordClient &client, const QList<lb::LabelRowDocument> &contents)
{
    lb::CopyBranchCall copy;
    copy.sourceBranch = QStringLiteral("main");
    copy.targetBranch = QStringLiteral("copy");
    copy.labelHashes = {QStringLiteral("11111111-1111-4111-8111-111111111111")};
    note("server-side copy", lb::sendCopyBranch(client, copy));

    const lb::Result<json> created = client.createLabelRows(
        {QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a")}, QStringLiteral("copy"));
    note("create rows", created);
    const json identity = created && !created->empty() ? created->front() : json::object();
    QStringList labelHashes;
    QList<nlohmann::ordered_json> labels;
    for (const lb::LabelRowDocument &row : contents) {
        labels.append(lb::EncordSaveDict::build(row.json(), identity, QStringLiteral("copy")));
        check(!lb::PythonJson::dump(labels.constLast()).isEmpty());
        (void)lb::EncordSaveDict::emptied(row.json());
        labelHashes.append(row.labelHash());
    }
    note("save", client.saveLabelRows(labelHashes, labels));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // the network manager and the server need an event loop
    (void)harness();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Harness &h = *harness();
    h.clearCache();
    h.server.setAnswers(answersOf(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size))));
    QList<lb::LabelRowDocument> contents;
    {
        lb::Result<std::unique_ptr<lb::EncordStore>> store = lb::EncordStore::open(h.key, h.settings);
        note("open", store);
        if (store)
            contents = readStore(*store.value());
        else
            check(!store.error().isEmpty());
    }
    {
        lb::EncordClient client(h.key, h.settings.client);
        writeCalls(client, contents);
    }
    h.clearCache();
    return 0;
}
