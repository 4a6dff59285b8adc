// Writers that meet and writers that die: two command lines on one target take turns and undo exactly; a
// killed copy is shown as interrupted and converges on a rerun; a killed import or snapshot is rolled back
// when the project is next opened, and a partial snapshot is never listed as one.

#include "clirun.h"
#include "demo/demogenerator.h"
#include "engine/engine.h"
#include "engine/writerlock.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"
#include "writerpause.h"

#include <csignal>
#include <nlohmann/json.hpp>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace lb;
using lb::test::runCli;
using json = nlohmann::json;
using Run = test::CliRun;

namespace {

constexpr int kUnits = 2000;

QStringList on(const QString &project, QStringList args)
{
    return QStringList{QStringLiteral("--project"), project} + args;
}

// data hash -> content hash of a branch's rows, through the command line.
QHash<QString, QString> contents(const QString &project, const QString &branch)
{
    const Run run = runCli(
        on(project, {QStringLiteral("rows"), QStringLiteral("--branch"), branch, QStringLiteral("--json")}));
    QHash<QString, QString> out;
    if (run.exitCode != 0)
        return out;
    for (const json &row : run.parsed())
        out.insert(QString::fromStdString(row.at("data_hash").get<std::string>()),
                   QString::fromStdString(row.at("content_hash").get<std::string>()));
    return out;
}

// A query on the project file from outside the program, as a second reader would run it.
QVariant peek(const QString &project, const QString &statement)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(project);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return value;
}

// Starts the command line without waiting for it.
std::unique_ptr<QProcess> startCli(const QStringList &args)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(test::cleanCliEnvironment());
    process->start(QStringLiteral(LB_CLI_PATH), args);
    process->waitForStarted(30000);
    return process;
}

// Waits until `statement` gives a true value (polling every 2 ms), at most `ms`.
bool waitFor(const QString &project, const QString &statement, int ms = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms * test::timeFactor()) {
        if (peek(project, statement).toBool())
            return true;
        QThread::msleep(2);
    }
    return false;
}

// The record of a sync by alice into review-alice, as another writer would hold it.
OperationRecord aliceSyncingReview()
{
    OperationRecord held;
    held.kind = OperationKind::Sync;
    held.targetBranch = QStringLiteral("review-alice");
    held.user = QStringLiteral("alice");
    return held;
}

// What `process` has written to standard error once it contains `text` (or it ended, or a minute passed).
QByteArray waitForInStandardError(QProcess &process, const char *text)
{
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains(text) && process.state() == QProcess::Running &&
           timer.elapsed() < 60000 * test::timeFactor()) {
        process.waitForReadyRead(100);
        err += process.readAllStandardError();
    }
    return err + process.readAllStandardError();
}

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(kUnits).writeProject(m_demo).ok());
    }

    // The everyday case of the window and the command line on one file: the second writer waits for the
    // first (and says so), and undoing both gives back exactly what the target had.
    void twoSyncsOnOneTargetTakeTurnsAndUndoExactly()
    {
        const QString project = freshCopy(QStringLiteral("two-syncs.lbproj"));
        const QString target = DemoGenerator::preLabelsBranch();
        const QHash<QString, QString> before = contents(project, target);
        QVERIFY(!before.isEmpty());

        auto first = startCli(on(project, {QStringLiteral("sync"), QStringLiteral("--source"),
                                           QStringLiteral("main"), QStringLiteral("--target"), target,
                                           QStringLiteral("--batch-size"), QStringLiteral("1")}));
        QVERIFY(test::stopBetweenTransactions(*first, project));
        auto second = startCli(on(project, {QStringLiteral("sync"), QStringLiteral("--source"),
                                            QStringLiteral("review-alice"), QStringLiteral("--target"),
                                            target, QStringLiteral("--batch-size"), QStringLiteral("5")}));
        const QByteArray secondErr = waitForInStandardError(*second, "waiting for sync #");
        test::resume(*first);
        QVERIFY(first->waitForFinished(120000) && second->waitForFinished(120000));
        QCOMPARE(first->exitCode(), 0);
        QVERIFY2(second->exitCode() == 0, secondErr.constData());
        QVERIFY2(secondErr.contains("waiting for sync #"), secondErr.constData());
        QVERIFY(contents(project, target) != before);

        for (int i = 0; i < 2; ++i) {
            const Run undo =
                runCli(on(project, {QStringLiteral("undo"), QStringLiteral("--branch"), target}));
            QVERIFY2(undo.exitCode == 0, undo.err.constData());
        }
        QCOMPARE(contents(project, target), before);
    }

    // A copy that finds its new target created meanwhile copies into it.
    void twoCopiesIntoOneNewBranchBothCopy()
    {
        const QString project = freshCopy(QStringLiteral("two-copies.lbproj"));
        auto first =
            startCli(on(project, {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                                  QStringLiteral("--target"), QStringLiteral("fresh"),
                                  QStringLiteral("--batch-size"), QStringLiteral("5")}));
        QVERIFY(test::stopBetweenTransactions(*first, project));
        auto second = startCli(
            on(project, {QStringLiteral("copy"), QStringLiteral("--source"), DemoGenerator::preLabelsBranch(),
                         QStringLiteral("--target"), QStringLiteral("fresh"), QStringLiteral("--json")}));
        const QByteArray secondErr = waitForInStandardError(*second, "waiting for copy #");
        test::resume(*first);
        QVERIFY2(secondErr.contains("waiting for copy #"), secondErr.constData());
        QVERIFY(first->waitForFinished(120000) && second->waitForFinished(120000));
        QCOMPARE(first->exitCode(), 0);
        QVERIFY2(second->exitCode() == 0, secondErr.constData());
        const json result = json::parse(second->readAllStandardOutput().toStdString());
        QCOMPARE(result.at("target_created").get<bool>(), false);
        // Every unit main has keeps main's row; the second copy added the pre-labels of the others.
        const QHash<QString, QString> fresh = contents(project, QStringLiteral("fresh"));
        const QHash<QString, QString> main = contents(project, QStringLiteral("main"));
        for (auto it = main.cbegin(); it != main.cend(); ++it)
            QCOMPARE(fresh.value(it.key()), it.value());
        QCOMPARE(fresh.size(), main.size() + result.at("created").get<int>());
    }

    // A writer that cannot wait long enough fails clearly and writes nothing.
    void aWriterThatWaitsTooLongGivesUp()
    {
        const QString project = freshCopy(QStringLiteral("busy.lbproj"));
        auto store = SqliteStore::open(project);
        QVERIFY(store.ok());
        WriterLock lock(*store.value(), aliceSyncingReview());
        QVERIFY(lock.acquire({}).ok());
        // Compared by what is in it: the waiting process may checkpoint the test's own write into the file.
        const QStringList everything =
            on(project, {QStringLiteral("rows"), QStringLiteral("--all-branches"), QStringLiteral("--json")});
        const QByteArray before = runCli(everything).out;
        const QStringList history = on(project, {QStringLiteral("log"), QStringLiteral("--json")});
        const QByteArray logBefore = runCli(history).out;
        const Run run = runCli(
            on(project, {QStringLiteral("copy"), QStringLiteral("--target"), QStringLiteral("review-alice"),
                         QStringLiteral("--wait"), QStringLiteral("1")}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("waiting for sync #"), run.err.constData());
        QVERIFY2(run.err.contains("by alice"), run.err.constData());
        QVERIFY2(run.err.contains("branch \"review-alice\" is busy: waited 1 s for sync #"),
                 run.err.constData());
        QVERIFY2(run.err.contains("nothing was written"), run.err.constData());
        QCOMPARE(runCli(everything).out, before);
        QCOMPARE(runCli(history).out, logBefore);
        lock.release();
        const Run after = runCli(
            on(project, {QStringLiteral("copy"), QStringLiteral("--target"), QStringLiteral("review-alice"),
                         QStringLiteral("--wait"), QStringLiteral("1")}));
        QVERIFY2(after.exitCode == 0 && after.err.isEmpty(), after.err.constData());
    }

    // A writer that finds the branch held says so at once, even while the holder is inside one of its write
    // transactions: it does not queue for SQLite's write lock behind the holder's batches.
    void aWaitingWriterSaysSoWhileTheHolderWrites()
    {
        const QString project = freshCopy(QStringLiteral("busy-writing.lbproj"));
        auto store = SqliteStore::open(project);
        QVERIFY(store.ok());
        WriterLock lock(*store.value(), aliceSyncingReview());
        QVERIFY(lock.acquire({}).ok());
        test::WriteLockHold batch(project);
        QVERIFY(batch.held());
        const Run run = runCli(
            on(project, {QStringLiteral("copy"), QStringLiteral("--target"), QStringLiteral("review-alice"),
                         QStringLiteral("--wait"), QStringLiteral("1")}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("waiting for sync #"), run.err.constData());
        QVERIFY2(run.err.contains("branch \"review-alice\" is busy: waited 1 s for sync #"),
                 run.err.constData());
    }

    // Killed part-way, a copy keeps its finished batches and says so; a rerun finishes it and undo takes back
    // exactly what each run wrote.
    void killedCopyIsInterruptedAndARerunConverges()
    {
        const QString project = freshCopy(QStringLiteral("killed-copy.lbproj"));
        auto copy =
            startCli(on(project, {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                                  QStringLiteral("--target"), QStringLiteral("k"),
                                  QStringLiteral("--batch-size"), QStringLiteral("1")}));
        QVERIFY(waitFor(
            project, QStringLiteral("SELECT batches_done >= 3 FROM operations WHERE target_branch = 'k'")));
        ::kill(pid_t(copy->processId()), SIGKILL);
        QVERIFY(copy->waitForFinished(30000));
        const qint64 done =
            peek(project, QStringLiteral("SELECT batches_done FROM operations WHERE target_branch = 'k'"))
                .toLongLong();
        QCOMPARE(peek(project, QStringLiteral("SELECT COUNT(*) FROM label_rows r JOIN branches b ON b.id = "
                                              "r.branch_id WHERE b.name = 'k'"))
                     .toLongLong(),
                 done); // one row per batch: the count is exact

        const Run branches = runCli(on(project, {QStringLiteral("branches")}));
        QVERIFY2(branches.out.contains(
                     QByteArray(QByteArray("interrupted after batch ") + QByteArray::number(done) + " of ")),
                 branches.out.constData());
        const Run log = runCli(on(project, {QStringLiteral("log"), QStringLiteral("--json")}));
        QCOMPARE(log.parsed()[0].at("operation_state").get<std::string>().rfind("interrupted after batch", 0),
                 std::size_t(0));
        QCOMPARE(peek(project, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));

        const Run rerun =
            runCli(on(project, {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                                QStringLiteral("--target"), QStringLiteral("k")}));
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        QCOMPARE(contents(project, QStringLiteral("k")), contents(project, QStringLiteral("main")));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(
                runCli(on(project, {QStringLiteral("undo"), QStringLiteral("--branch"), QStringLiteral("k")}))
                    .exitCode,
                0);
        QVERIFY(!runCli(on(project, {QStringLiteral("branches")})).out.contains("\nk "));
    }

    // An import killed while it writes is taken back when the project is next opened.
    void killedImportIsRolledBackOnOpen()
    {
        const QString project = freshCopy(QStringLiteral("killed-import.lbproj"));
        const QString file = m_dir.filePath(QStringLiteral("main.json"));
        QCOMPARE(runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                     QStringLiteral("main"), QStringLiteral("--out"), file}))
                     .exitCode,
                 0);
        auto import = startCli(
            on(project, {QStringLiteral("import"), QStringLiteral("--branch"), QStringLiteral("imp"), file}));
        QVERIFY(waitFor(project,
                        QStringLiteral("SELECT batches_done >= 1 FROM operations WHERE kind = 'import'")));
        ::kill(pid_t(import->processId()), SIGKILL);
        QVERIFY(import->waitForFinished(30000));
        QVERIFY(peek(project, QStringLiteral("SELECT COUNT(*) FROM branches WHERE name = 'imp'")).toInt() ==
                1);

        const Run branches = runCli(on(project, {QStringLiteral("branches")}));
        QCOMPARE(branches.exitCode, 0);
        QVERIFY2(!branches.out.contains("imp"), branches.out.constData());
        const Run log = runCli(on(project, {QStringLiteral("log")}));
        QVERIFY2(log.out.contains("Rolled back the interrupted import #"), log.out.constData());
        const Run rerun = runCli(
            on(project, {QStringLiteral("import"), QStringLiteral("--branch"), QStringLiteral("imp"), file}));
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        QCOMPARE(contents(project, QStringLiteral("imp")).size(),
                 contents(project, QStringLiteral("main")).size());
    }

    // A snapshot whose process died after its first part: listed as a plain branch until the next open,
    // which removes it; a finished one is a snapshot.
    void partialSnapshotIsNeverASnapshot()
    {
        const QString project = freshCopy(QStringLiteral("partial-snapshot.lbproj"));
        {
            auto store = SqliteStore::open(project);
            QVERIFY(store.ok());
            OperationRecord record;
            record.kind = OperationKind::Snapshot;
            record.sourceBranch = QStringLiteral("main");
            record.targetBranch = QStringLiteral("s1");
            record.createdTargetBranch = true;
            // The owner of a process that has ended: this host, an id no process has.
            record.owner = QStringLiteral("%1 999999999 1 token").arg(QSysInfo::machineHostName());
            const Result<qint64> id = store.value()->beginOperation(record);
            QVERIFY(id.ok());
            QVERIFY(store.value()->createBranch(QStringLiteral("s1"), QStringLiteral("main"), false).ok());
            const Result<CopyBatchResult> part =
                store.value()->copyRowsPart(id.value(), QStringLiteral("main"), QStringLiteral("s1"), 0, 2);
            QVERIFY(part.ok() && part->created > 0);
            const Result<QList<BranchInfo>> listed = store.value()->branches();
            QVERIFY(listed.ok());
            const auto s1 = std::find_if(listed->cbegin(), listed->cend(),
                                         [](const BranchInfo &b) { return b.name == QLatin1String("s1"); });
            QVERIFY(s1 != listed->cend());
            QVERIFY(!s1->isSnapshot);
        }
        auto reopened = SqliteStore::open(project);
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()->branchExists(QStringLiteral("s1")).value(), false);
        const Result<QList<AuditEntry>> log = reopened.value()->auditLog();
        QVERIFY(log.ok() && !log->isEmpty());
        QVERIFY2(
            log->constFirst().summary.startsWith(QStringLiteral("Rolled back the interrupted snapshot #")),
            qPrintable(log->constFirst().summary));

        Engine engine(*reopened.value());
        const Result<CopyResult> snapshot = engine.snapshot(QStringLiteral("main"), QStringLiteral("s1"));
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.ok() ? QString() : snapshot.error()));
        const Result<QList<BranchInfo>> listed = reopened.value()->branches();
        QVERIFY(listed.ok());
        QVERIFY(std::any_of(listed->cbegin(), listed->cend(), [](const BranchInfo &b) {
            return b.name == QLatin1String("s1") && b.isSnapshot;
        }));
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
