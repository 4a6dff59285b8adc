// Compares the two ways a copy reaches a live Encord project and prints the numbers; it asserts nothing.
//
//   labelbranch-encord-copy-timings [--units 2000] [--latency-ms 20] [--runs 3] [--batch-size 50]
//
// A fake Encord server on loopback (the tests' one: the real protocol, every signature verified with OpenSSL)
// holds a project whose main branch has a row with two objects on every data unit, and answers each request
// after the given latency. A full-branch copy of main to a new branch is timed (wall clock, fresh local cache
// each run) through Encord's copy endpoint, and with the endpoint switched off (404), so the store copies
// client-side. Printed per path: the median time and the requests the copy sent, by kind.

#include "encord/encordstore.h"
#include "engine/engine.h"
#include "fakeencordserver.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace lb;
using lb::test::FakeEncordServer;
using lb::test::FakeObject;

namespace {

const QByteArray kSeed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

QString dataHash(int i)
{
    return QStringLiteral("%1-0000-4000-8000-000000000000").arg(i, 8, 16, QLatin1Char('0'));
}

struct Run
{
    double seconds = 0;
    std::map<QString, int> requests; // by kind
    int total = 0;
    QString error;
};

QString kindOf(const lb::test::RecordedRequest &r)
{
    if (r.isV1())
        return QStringLiteral("v1 %1 %2").arg(r.queryType, r.queryMethod);
    return QStringLiteral("v2 %1 %2")
        .arg(QString::fromLatin1(r.method), QString::fromLatin1(r.path).section(QLatin1Char('/'), -2));
}

Run copyOnce(FakeEncordServer &server, const SshKey &key, const QString &target, int batchSize)
{
    Run run;
    QTemporaryDir cache;
    EncordStoreSettings settings;
    settings.client.domain = server.domain();
    settings.client.projectHash = FakeEncordServer::defaultProjectHash();
    settings.cacheDir = cache.path();
    auto store = EncordStore::open(key, settings);
    if (!store) {
        run.error = store.error();
        return run;
    }
    Engine engine(*store.value(), QStringLiteral("bench"));
    CopyRequest request;
    request.targetBranch = target;
    request.batchSize = batchSize;
    server.clearRequests();
    QElapsedTimer timer;
    timer.start();
    const Result<CopyResult> copied = engine.copy(request);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!copied) {
        run.error = copied.error();
        return run;
    }
    for (const auto &r : server.requests()) {
        ++run.requests[kindOf(r)];
        ++run.total;
    }
    return run;
}

void report(const char *path, QList<Run> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.seconds < b.seconds; });
    const Run &median = runs.at(runs.size() / 2);
    std::printf("%-8s %8.2f s  %5d requests  (runs:", path, median.seconds, median.total);
    for (const Run &r : runs)
        std::printf(" %.2f", r.seconds);
    std::printf(")\n");
    for (const auto &[kind, count] : median.requests)
        std::printf("           %5d  %s\n", count, qPrintable(kind));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption units(QStringLiteral("units"), QStringLiteral("Data units."), QStringLiteral("N"),
                             QStringLiteral("2000"));
    QCommandLineOption latency(QStringLiteral("latency-ms"), QStringLiteral("Latency per request."),
                               QStringLiteral("MS"), QStringLiteral("20"));
    QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs per path."), QStringLiteral("N"),
                            QStringLiteral("3"));
    QCommandLineOption batch(QStringLiteral("batch-size"), QStringLiteral("Rows per batch."),
                             QStringLiteral("N"), QStringLiteral("50"));
    parser.addOptions({units, latency, runs, batch});
    parser.process(app);

    auto key = SshKey::fromSeed(kSeed);
    FakeEncordServer server;
    if (!key || !server.start()) {
        std::fprintf(stderr, "cannot start the fake Encord server\n");
        return 1;
    }
    server.registerPublicKey(key->publicKey());
    const int n = parser.value(units).toInt();
    for (int i = 0; i < n; ++i) {
        server.addDataUnit(dataHash(i), QStringLiteral("image-%1.jpg").arg(i, 6, 10, QLatin1Char('0')));
        server.putRow(QStringLiteral("main"), dataHash(i),
                      {FakeObject{QStringLiteral("a%1").arg(i)},
                       FakeObject{QStringLiteral("b%1").arg(i), QStringLiteral("no8RyWRY")}});
    }
    server.setLatency(parser.value(latency).toInt());
    std::printf(
        "full-branch copy of main (%d rows) on a fake Encord server, %d ms per request, batch size %d\n", n,
        parser.value(latency).toInt(), parser.value(batch).toInt());

    for (const bool endpoint : {true, false}) {
        server.setCopyEndpoint(endpoint);
        QList<Run> done;
        for (int i = 0; i < parser.value(runs).toInt(); ++i) {
            const QString target =
                (endpoint ? QStringLiteral("server-%1") : QStringLiteral("client-%1")).arg(i);
            Run run = copyOnce(server, key.value(), target, parser.value(batch).toInt());
            if (!run.error.isEmpty()) {
                std::fprintf(stderr, "copy failed: %s\n", qPrintable(run.error));
                return 1;
            }
            done.append(run);
        }
        report(endpoint ? "server" : "client", done);
    }
    return 0;
}
