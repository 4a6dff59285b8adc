// The window as one of several writers of a project: a copy it starts while another operation holds the
// target branch waits, says for whom in the Jobs panel, and runs once the branch is free; a sync of the
// window and a sync of the command line on one target take turns, whichever starts first, and undoing both
// gives back exactly the rows the target had.

#include "clirun.h"
#include "dialogs/copydialog.h"
#include "engine/writerlock.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchlistmodel.h"
#include "items/jobsmodel.h"
#include "jobs/jobmanager.h"
#include "projectprobe.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"
#include "writerpause.h"

#include <algorithm>
#include <memory>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// Large enough that a sync in batches of one row writes for well over half a second after it has been held
// at its first batches, so the other writer finds it still running.
constexpr int kUnits = 4000;

QString target()
{
    return DemoGenerator::preLabelsBranch();
}

// A sync of the command line into target(), started without waiting for it.
std::unique_ptr<QProcess> startCliSync(const QString &project, const QString &source, int batchSize)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(cleanCliEnvironment());
    process->start(QStringLiteral(LB_CLI_PATH),
                   {QStringLiteral("--project"), project, QStringLiteral("sync"), QStringLiteral("--source"),
                    source, QStringLiteral("--target"), target(), QStringLiteral("--batch-size"),
                    QString::number(batchSize)});
    process->waitForStarted(30000);
    return process;
}

bool syncRunningOnTarget(const QString &project)
{
    return peekValue(project, QStringLiteral("SELECT COUNT(*) FROM operations WHERE state = 'running' AND "
                                             "kind = 'sync' AND target_branch = '%1'")
                                  .arg(target()))
               .toInt() == 1;
}

// Two syncs on target(), both done, and every row the second wrote written after the first had finished
// (a row's copied_at is taken inside its batch's transaction). An operation's started_at cannot tell: it is
// taken before its record waits for SQLite's write lock, which a running copy holds batch after batch.
bool syncsTookTurns(const QString &project)
{
    const QVariantList ids = peekRow(
        project, QStringLiteral("SELECT MIN(id), MAX(id), COUNT(*) FROM operations WHERE kind = 'sync' AND "
                                "state = 'done' AND target_branch = '%1'")
                     .arg(target()));
    if (ids.size() != 3 || ids.at(2).toInt() != 2)
        return false;
    const QString first = ids.at(0).toString();
    const QString second = ids.at(1).toString();
    const QVariantList times =
        peekRow(project,
                QStringLiteral("SELECT (SELECT finished_at FROM operations WHERE id = %1), MIN(r.copied_at) "
                               "FROM label_rows r WHERE r.created_by = %2 OR EXISTS (SELECT 1 FROM journal j "
                               "WHERE j.operation_id = %2 AND j.branch_id = r.branch_id AND j.data_unit_id = "
                               "r.data_unit_id)")
                    .arg(first, second));
    return times.size() == 2 && !times.at(1).isNull() && times.at(1).toLongLong() >= times.at(0).toLongLong();
}

// The ledger's operations, for a failure message.
QString operationsText(const QString &project)
{
    return peekColumn(project,
                      QStringLiteral("SELECT id || ' ' || kind || ' ' || state || ' ' || target_branch "
                                     "|| ' ' || started_at || '-' || IFNULL(finished_at, '') FROM "
                                     "operations ORDER BY id"))
        .join(QStringLiteral("; "));
}

// Undoes the two syncs with the command line; true when both were undone.
bool undoBoth(const QString &project)
{
    for (int i = 0; i < 2; ++i) {
        const CliRun undo = runCli({QStringLiteral("--project"), project, QStringLiteral("undo"),
                                    QStringLiteral("--branch"), target()});
        if (undo.exitCode != 0) {
            qWarning("undo failed: %s", undo.err.constData());
            return false;
        }
    }
    return true;
}

// The window's newest job whose title starts with `prefix`.
const Job *newestJob(MainWindow *window, const QString &prefix)
{
    const QList<Job *> jobs = window->jobManager()->jobs();
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it) {
        if ((*it)->title().startsWith(prefix))
            return *it;
    }
    return nullptr;
}

} // namespace

class TestGuiWriters : public QObject, protected GuiFixture
{
    Q_OBJECT

private:
    QString m_largeDemo;

    // A fresh copy of a demo of kUnits data units, written once.
    QString largeProject(const QString &name)
    {
        if (m_largeDemo.isEmpty()) {
            const QString path = m_dir.filePath(QStringLiteral("demo-large.lbproj"));
            if (!DemoGenerator(kUnits).writeProject(path).ok())
                return QString();
            m_largeDemo = path;
        }
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return QFile::copy(m_largeDemo, path) ? path : QString();
    }

    // Opens the window's Sync dialog for source → target() in batches of `batchSize` rows and confirms it
    // once its plan is shown.
    void startWindowSync(MainWindow *window, const QString &source, int batchSize)
    {
        window->showCopyDialog(CopyDialog::Mode::Sync, source, target(), {});
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->setBatchSize(batchSize);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QVERIFY(dialog->plan().writeCount() > 0);
        clickOk(dialog);
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-writers-test")); }

    void cleanup() { cleanupFixture(); }

    void aCopyWaitsForTheBranchAndSaysForWhom()
    {
        const QString path = freshProject(QStringLiteral("writers.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        waitForJobs(window);

        // Another writer (as the command line would be) holds review-alice.
        auto other = SqliteStore::open(path);
        QVERIFY(other.ok());
        OperationRecord held;
        held.kind = OperationKind::Sync;
        held.sourceBranch = QStringLiteral("main");
        held.targetBranch = QStringLiteral("review-alice");
        held.user = QStringLiteral("alice");
        auto lock = std::make_unique<WriterLock>(*other.value(), held);
        QVERIFY(lock->acquire({}).ok());

        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("main"), QStringLiteral("review-alice"),
                               {});
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QVERIFY(dialog->plan().toCreate > 0);
        clickOk(dialog);

        JobsModel *jobs = window->findChild<JobsModel *>();
        QVERIFY(jobs);
        const auto waitingText = [&] {
            for (int row = 0; row < jobs->rowCount(); ++row) {
                const QString stage = jobs->index(row, 0).data(JobsModel::StageRole).toString();
                if (stage.startsWith(QStringLiteral("waiting for sync #")))
                    return stage;
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!waitingText().isEmpty(), 15000);
        QVERIFY2(waitingText().contains(QStringLiteral("on \"review-alice\" by alice")),
                 qPrintable(waitingText()));
        QCOMPARE(window->jobManager()->activeCount(), 1);
        saveScreenshot(window, QStringLiteral("gui-copy-waits-for-the-branch.png"));

        lock.reset(); // the other writer ends without writing
        waitForJobs(window);
        const Job *copy = window->jobManager()->jobs().constLast();
        QVERIFY2(copy->errorMessage().isEmpty(), qPrintable(copy->errorMessage()));
        const int row = window->branchModel()->rowOf(QStringLiteral("review-alice"));
        QVERIFY(row >= 0);
        QVERIFY(window->branchModel()->branchAt(row)->rowCount > 42);
    }

    // The window's sync starts first; the command line's, started while it writes, waits for it.
    void aWindowSyncAndACommandLineSyncTakeTurns()
    {
        const QString path = largeProject(QStringLiteral("window-first.lbproj"));
        QVERIFY(!path.isEmpty());
        const BranchState before = readBranch(path, target());
        QVERIFY(before.exists && !before.rows.isEmpty());
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        waitForJobs(window);

        startWindowSync(window, QStringLiteral("main"), 1);
        if (QTest::currentTestFailed())
            return;
        // The sync writes on a worker thread: looked for without waiting for events, it is held within a
        // batch or two of its start.
        QElapsedTimer started;
        started.start();
        while (!syncRunningOnTarget(path) && started.elapsed() < 15000 * timeFactor())
            QThread::usleep(200);
        // The window's sync stops at its next batch while the command line starts and reaches its own
        // first write; then both go on, the window's with most of its batches still to write.
        std::unique_ptr<QProcess> cli;
        {
            WriteLockHold hold(path);
            QVERIFY(hold.held());
            QVERIFY(syncRunningOnTarget(path));
            cli = startCliSync(path, DemoGenerator::reviewBranch(), 5);
            QTest::qWait(std::min(1500 * timeFactor(), 20000));
            QCOMPARE(cli->state(), QProcess::Running);
        }
        QTRY_VERIFY_WITH_TIMEOUT(cli->state() == QProcess::NotRunning, 120000);
        waitForJobs(window);

        const Job *sync = newestJob(window, QStringLiteral("Sync "));
        QVERIFY(sync);
        QVERIFY2(sync->state() == JobState::Finished && sync->errorMessage().isEmpty(),
                 qPrintable(sync->errorMessage()));
        const QByteArray cliErr = cli->readAllStandardError();
        QVERIFY2(cli->exitStatus() == QProcess::NormalExit && cli->exitCode() == 0, cliErr.constData());
        QVERIFY2(cliErr.contains("waiting for sync #"),
                 qPrintable(QString::fromUtf8(cliErr) + operationsText(path)));
        QVERIFY2(syncsTookTurns(path), qPrintable(operationsText(path)));
        QVERIFY(readBranch(path, target()).rows != before.rows);

        QVERIFY(undoBoth(path));
        const BranchState after = readBranch(path, target());
        QVERIFY(after.exists);
        QCOMPARE(after.rows, before.rows);
    }

    // The command line's sync starts first; the window's, started while it writes, waits and says so.
    void aCommandLineSyncAndAWindowSyncTakeTurns()
    {
        const QString path = largeProject(QStringLiteral("cli-first.lbproj"));
        QVERIFY(!path.isEmpty());
        const BranchState before = readBranch(path, target());
        QVERIFY(before.exists && !before.rows.isEmpty());
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        waitForJobs(window);

        // Every stage the Jobs panel shows, so a wait of a fraction of a second is seen too.
        JobsModel *jobs = window->findChild<JobsModel *>();
        QVERIFY(jobs);
        auto stages = std::make_shared<QStringList>();
        const auto noteStages = [jobs, stages] {
            for (int row = 0; row < jobs->rowCount(); ++row)
                *stages << jobs->index(row, 0).data(JobsModel::StageRole).toString();
        };
        connect(jobs, &QAbstractItemModel::dataChanged, jobs, noteStages);
        connect(jobs, &QAbstractItemModel::rowsInserted, jobs, noteStages);

        auto cli = startCliSync(path, QStringLiteral("main"), 1);
        QVERIFY(stopBetweenTransactions(*cli, path));
        startWindowSync(window, DemoGenerator::reviewBranch(), 5);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!stages->filter(QStringLiteral("waiting for sync #")).isEmpty(), 60000);
        resume(*cli);
        QTRY_VERIFY_WITH_TIMEOUT(cli->state() == QProcess::NotRunning, 120000);
        waitForJobs(window);

        const QByteArray cliErr = cli->readAllStandardError();
        QVERIFY2(cli->exitStatus() == QProcess::NormalExit && cli->exitCode() == 0, cliErr.constData());
        const Job *sync = newestJob(window, QStringLiteral("Sync "));
        QVERIFY(sync);
        QVERIFY2(sync->state() == JobState::Finished && sync->errorMessage().isEmpty(),
                 qPrintable(sync->errorMessage()));
        QVERIFY2(!stages->filter(QStringLiteral("waiting for sync #")).isEmpty(),
                 qPrintable(stages->join(QStringLiteral(" | "))));
        QVERIFY2(syncsTookTurns(path), qPrintable(operationsText(path)));

        QVERIFY(undoBoth(path));
        const BranchState after = readBranch(path, target());
        QVERIFY(after.exists);
        QCOMPARE(after.rows, before.rows);
    }
};

QTEST_MAIN(TestGuiWriters)
#include "tst_gui_writers.moc"
