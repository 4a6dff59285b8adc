// Crash consistency of the command line's journaled writes (docs/architecture.md §4.3): copy, sync,
// snapshot, import and review apply are each killed with SIGKILL at random moments of their run, on fresh
// copies of a demo project. After each kill the file passes PRAGMA integrity_check, the target holds exactly
// the rows of the finished batches (a snapshot or import: none or all, once the project is opened again),
// a rerun of the command leaves the target as an unkilled run does, and undoing every operation on the
// target gives back exactly the rows it had.
//
// LB_CRASH_RUNS sets the kills per operation (default 3); the delays come from a seed that the output
// prints, and LB_CRASH_SEED=N draws the same delays again. bench/crash_consistency.sh runs it longer. The
// summary table at the end counts, per operation, the runs that passed each check and where the kills
// landed.

#include "clirun.h"
#include "crashrun.h"
#include "demo/demogenerator.h"

#include <nlohmann/json.hpp>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

constexpr int kUnits = 2000;
constexpr int kImportRows = 750; // three batches of Engine::kImportBatchSize
constexpr int kDefaultRuns = 3;
// Kills are spread over this multiple of an unkilled run and a little more, so some land after it has
// ended even when it is short (a snapshot spends most of its run starting up).
constexpr double kDelaySpan = 1.2;
constexpr qint64 kDelayExtraMs = 50;

QStringList on(const QString &project, const QStringList &args)
{
    return QStringList{QStringLiteral("--project"), project} + args;
}

void removeProject(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

class TestCrashConsistency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_importFile;
    QStringList m_importOrder;
    int m_runs = kDefaultRuns;
    quint32 m_seed = 0;
    QList<CrashTally> m_tallies;

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        removeProject(path);
        if (!QFile::copy(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

    // Approves every data unit that pre-labels-v1 would change on main, for `review apply`.
    void approveTheReview()
    {
        const CliRun list =
            runCli(on(m_demo, {QStringLiteral("review"), QStringLiteral("list"), QStringLiteral("--source"),
                               DemoGenerator::preLabelsBranch(), QStringLiteral("--target"),
                               QStringLiteral("main"), QStringLiteral("--json")}));
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QStringList approve = {QStringLiteral("review"),   QStringLiteral("approve"),
                               QStringLiteral("--source"), DemoGenerator::preLabelsBranch(),
                               QStringLiteral("--target"), QStringLiteral("main")};
        const json listed = list.parsed();
        QVERIFY(listed.is_object() && listed.contains("items"));
        for (const json &item : listed.at("items")) {
            if (!item.at("source_label_hash").is_null())
                approve << QStringLiteral("--data-hash")
                        << QString::fromStdString(item.at("data_hash").get<std::string>());
        }
        QVERIFY(approve.size() > 100);
        const CliRun approved = runCli(on(m_demo, approve));
        QVERIFY2(approved.exitCode == 0, approved.err.constData());
    }

    void writeImportFile()
    {
        m_importFile = m_dir.filePath(QStringLiteral("import.json"));
        m_importOrder = writeDemoExport(m_importFile, kUnits, kImportRows);
        QVERIFY(!m_importOrder.isEmpty());
    }

    void crashTest(const CrashOperation &op, int index)
    {
        QElapsedTimer clock;
        clock.start();
        const QString slug = QString(op.name).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString referenceProject = freshCopy(slug + QStringLiteral("-reference.lbproj"));
        const CrashBaseline base = takeBaseline(op, referenceProject);
        QVERIFY2(base.error.isEmpty(), qPrintable(base.error));
        removeProject(referenceProject);
        qInfo("%s: %lld rows planned, an unkilled run takes %lld ms", qPrintable(op.name),
              qint64(base.plannedWrites.size()), base.durationMs);

        CrashTally tally;
        tally.name = op.name;
        tally.unkilledMs = base.durationMs;
        QStringList failures;
        QRandomGenerator random(m_seed + quint32(index)); // one stream per operation: each replays alone
        for (int run = 0; run < m_runs; ++run) {
            // Stratified: run i is killed in the i-th slice of the span, at a random point of it.
            const double at = (run + random.generateDouble()) / m_runs;
            const qint64 delayMs = qint64((double(base.durationMs) * kDelaySpan + kDelayExtraMs) * at);
            const QString project = freshCopy(QStringLiteral("%1-%2.lbproj").arg(slug).arg(run));
            const CrashOutcome out = runKilled(op, base, project, delayMs);
            tally.add(out);
            qInfo("%s run %d: %s", qPrintable(op.name), run + 1, qPrintable(out.describe()));
            if (!out.passed())
                failures << QStringLiteral("run %1: %2").arg(run + 1).arg(out.describe());
            removeProject(project);
        }
        tally.elapsedMs = clock.elapsed();
        m_tallies << tally;
        QVERIFY2(failures.isEmpty(),
                 qPrintable(QStringLiteral("seed %1; ").arg(m_seed) + failures.join(QStringLiteral("; "))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const int runs = qEnvironmentVariableIntValue("LB_CRASH_RUNS");
        m_runs = runs > 0 ? runs : kDefaultRuns;
        bool seeded = false;
        const uint seed = qEnvironmentVariable("LB_CRASH_SEED").toUInt(&seeded);
        m_seed = seeded ? quint32(seed) : QRandomGenerator::system()->generate();
        qInfo("crash consistency: %d kills per operation, seed %u (LB_CRASH_SEED=%u draws the same delays)",
              m_runs, m_seed, m_seed);

        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(kUnits).writeProject(m_demo).ok());
        approveTheReview();
        writeImportFile();
    }

    void copy()
    {
        crashTest({.name = QStringLiteral("copy"),
                   .kind = QStringLiteral("copy"),
                   .command = {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                               QStringLiteral("--target"), QStringLiteral("crashed"),
                               QStringLiteral("--batch-size"), QStringLiteral("2")},
                   .target = QStringLiteral("crashed"),
                   .source = QStringLiteral("main"),
                   .batchSize = 2},
                  0);
    }

    void sync()
    {
        crashTest({.name = QStringLiteral("sync"),
                   .kind = QStringLiteral("sync"),
                   .command = {QStringLiteral("sync"), QStringLiteral("--source"),
                               DemoGenerator::preLabelsBranch(), QStringLiteral("--target"),
                               QStringLiteral("main"), QStringLiteral("--batch-size"), QStringLiteral("3")},
                   .target = QStringLiteral("main"),
                   .source = DemoGenerator::preLabelsBranch(),
                   .batchSize = 3},
                  1);
    }

    void snapshot()
    {
        crashTest({.name = QStringLiteral("snapshot"),
                   .kind = QStringLiteral("snapshot"),
                   .command = {QStringLiteral("snapshot"), QStringLiteral("--source"), QStringLiteral("main"),
                               QStringLiteral("--name"), QStringLiteral("crashed")},
                   .target = QStringLiteral("crashed"),
                   .source = QStringLiteral("main"),
                   .batchSize = 0,
                   .rolledBackOnOpen = true,
                   .refusesRerunWhenDone = true},
                  2);
    }

    void importRows()
    {
        crashTest({.name = QStringLiteral("import"),
                   .kind = QStringLiteral("import"),
                   .command = {QStringLiteral("import"), QStringLiteral("--branch"),
                               QStringLiteral("crashed"), m_importFile},
                   .target = QStringLiteral("crashed"),
                   .batchSize = 250, // Engine::kImportBatchSize
                   .rolledBackOnOpen = true,
                   .refusesRerunWhenDone = true,
                   .givenPlan = m_importOrder},
                  3);
    }

    void reviewApply()
    {
        crashTest({.name = QStringLiteral("review apply"),
                   .kind = QStringLiteral("apply-review"),
                   .command = {QStringLiteral("review"), QStringLiteral("apply"), QStringLiteral("--source"),
                               DemoGenerator::preLabelsBranch(), QStringLiteral("--target"),
                               QStringLiteral("main"), QStringLiteral("--batch-size"), QStringLiteral("2")},
                   .target = QStringLiteral("main"),
                   .source = DemoGenerator::preLabelsBranch(),
                   .batchSize = 2,
                   .refusesRerunWhenDone = true},
                  4);
    }

    void cleanupTestCase()
    {
        qInfo("crash consistency, seed %u, %d kills per operation:", m_seed, m_runs);
        for (const QString &line : crashTable(m_tallies))
            qInfo("%s", qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestCrashConsistency)
#include "tst_crashconsistency.moc"
