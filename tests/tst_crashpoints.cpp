// Every moment between two transactions of a journaled write (docs/architecture.md §4.3). A copy into a new
// branch, a sync, a snapshot and an import each run in a child process whose store makes it exit right
// after its first write, then its second, its third, … until a run finishes on its own; every ending is
// checked as tst_crashconsistency checks a SIGKILL: the file intact, whole batches (a snapshot or import:
// none or all once the project is opened again), a rerun of the command that converges and an undo that
// gives back exactly what the target had. A kill at a random moment seldom lands between the writes that
// are not batches (the branch created, the operation begun, its audit entry, the operation closed); this
// test visits each of them. Review apply runs the same copy executor as sync and is left to
// tst_crashconsistency.

#include "clirun.h" // the checks run the command line
#include "crashrun.h"
#include "demo/demogenerator.h"
#include "engine/engine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// Small, since every point runs the command line several times; every write still takes two batches.
constexpr int kUnits = 600;
constexpr int kImportRows = 300; // Engine::kImportBatchSize and a few
constexpr int kBatchSize = 300;  // about half of main, or of pre-labels-v1
constexpr int kMaxWrites = 40;   // far more than any of these operations makes

void removeProject(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

CopyRequest request(const QString &source, const QString &target)
{
    CopyRequest request;
    request.sourceBranch = source;
    request.targetBranch = target;
    request.batchSize = kBatchSize;
    return request;
}

} // namespace

class TestCrashPoints : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_importFile;
    QStringList m_importOrder;
    QList<CrashTally> m_tallies;

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        removeProject(path);
        if (!QFile::copy(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

    // Runs `work` (the same write as op.command) dying after each write in turn, and checks every ending.
    void everyPoint(const CrashOperation &op, const std::function<bool(Store &)> &work)
    {
        QElapsedTimer clock;
        clock.start();
        const QString reference = freshCopy(QStringLiteral("reference.lbproj"));
        const CrashBaseline base = takeBaseline(op, reference);
        QVERIFY2(base.error.isEmpty(), qPrintable(base.error));
        removeProject(reference);

        CrashTally tally;
        tally.name = op.name;
        tally.unkilledMs = base.durationMs;
        QStringList failures;
        bool finished = false;
        for (int write = 1; write <= kMaxWrites && !finished; ++write) {
            const QString project = freshCopy(QStringLiteral("point-%1.lbproj").arg(write));
            const qint64 before = newestOperationId(project);
            const KillResult ended = runDyingChild(project, write, work);
            finished = ended.exitedOnItsOwn;
            CrashOutcome out = checkAfterKill(op, base, project, before, ended);
            out.when = finished ? QStringLiteral("finished in fewer than %1 writes").arg(write)
                                : QStringLiteral("died after write %1").arg(write);
            tally.add(out);
            qInfo("%s: %s", qPrintable(op.name), qPrintable(out.describe()));
            if (!out.passed())
                failures << out.describe();
            removeProject(project);
        }
        tally.elapsedMs = clock.elapsed();
        m_tallies << tally;
        QVERIFY2(finished, "the operation never finished");
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(kUnits).writeProject(m_demo).ok());
        m_importFile = m_dir.filePath(QStringLiteral("import.json"));
        m_importOrder = writeDemoExport(m_importFile, kUnits, kImportRows);
        QVERIFY(!m_importOrder.isEmpty());
    }

    void copyIntoANewBranch()
    {
        everyPoint(
            {.name = QStringLiteral("copy"),
             .kind = QStringLiteral("copy"),
             .command = {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                         QStringLiteral("--target"), QStringLiteral("crashed"),
                         QStringLiteral("--batch-size"), QString::number(kBatchSize)},
             .target = QStringLiteral("crashed"),
             .source = QStringLiteral("main"),
             .batchSize = kBatchSize},
            [](Store &store) {
                return Engine(store).copy(request(QStringLiteral("main"), QStringLiteral("crashed"))).ok();
            });
    }

    void sync()
    {
        everyPoint(
            {.name = QStringLiteral("sync"),
             .kind = QStringLiteral("sync"),
             .command = {QStringLiteral("sync"), QStringLiteral("--source"), DemoGenerator::preLabelsBranch(),
                         QStringLiteral("--target"), QStringLiteral("main"), QStringLiteral("--batch-size"),
                         QString::number(kBatchSize)},
             .target = QStringLiteral("main"),
             .source = DemoGenerator::preLabelsBranch(),
             .batchSize = kBatchSize},
            [](Store &store) {
                return Engine(store)
                    .sync(request(DemoGenerator::preLabelsBranch(), QStringLiteral("main")))
                    .ok();
            });
    }

    void snapshot()
    {
        everyPoint({.name = QStringLiteral("snapshot"),
                    .kind = QStringLiteral("snapshot"),
                    .command = {QStringLiteral("snapshot"), QStringLiteral("--source"),
                                QStringLiteral("main"), QStringLiteral("--name"), QStringLiteral("crashed")},
                    .target = QStringLiteral("crashed"),
                    .source = QStringLiteral("main"),
                    .batchSize = 0,
                    .rolledBackOnOpen = true,
                    .refusesRerunWhenDone = true},
                   [](Store &store) {
                       return Engine(store).snapshot(QStringLiteral("main"), QStringLiteral("crashed")).ok();
                   });
    }

    void importRows()
    {
        const Result<QList<LabelRowDocument>> all =
            DemoGenerator(kUnits).rows(QStringLiteral("main"), 0, kUnits);
        QVERIFY(all.ok());
        const QList<LabelRowDocument> rows = all->mid(0, kImportRows);
        everyPoint({.name = QStringLiteral("import"),
                    .kind = QStringLiteral("import"),
                    .command = {QStringLiteral("import"), QStringLiteral("--branch"),
                                QStringLiteral("crashed"), m_importFile},
                    .target = QStringLiteral("crashed"),
                    .batchSize = Engine::kImportBatchSize,
                    .rolledBackOnOpen = true,
                    .refusesRerunWhenDone = true,
                    .givenPlan = m_importOrder},
                   [&rows](Store &store) {
                       return Engine(store).importRows(QStringLiteral("crashed"), rows, false).ok();
                   });
    }

    void cleanupTestCase()
    {
        qInfo("every point between two writes (runs: one per point):");
        for (const QString &line : crashTable(m_tallies))
            qInfo("%s", qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestCrashPoints)
#include "tst_crashpoints.moc"
