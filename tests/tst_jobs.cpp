#include "demo/demogenerator.h"
#include "domain/branchname.h"
#include "engine/engine.h"
#include "items/jobsmodel.h"
#include "jobs/job.h"
#include "jobs/jobmanager.h"
#include "store/sqlite/sqlitestore.h"

#include <atomic>
#include <memory>
#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QPointer>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QtTest>
#include <stdexcept>

using namespace lb;

namespace {

constexpr int kLongWaitMs = 30000;

// Holds a worker until the test lets it go (or a generous deadline passes, so a broken test cannot hang).
void waitFor(const std::atomic_bool &flag)
{
    const QDeadlineTimer deadline(kLongWaitMs);
    while (!flag.load() && !deadline.hasExpired())
        QThread::msleep(2);
}

void waitForCancel(const JobControl &control)
{
    const QDeadlineTimer deadline(kLongWaitMs);
    while (!control.isCancelled() && !deadline.hasExpired())
        QThread::msleep(2);
}

JobWork valueWork(int value, const QString &summary)
{
    return [value, summary](Store &, const JobControl &) -> Result<JobResult> {
        return JobResult{QVariant(value), summary, false};
    };
}

} // namespace

class TestJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void progressArrivesThrottledAndResultIsDelivered();
    void workRunsOnWorkerThreadWithItsOwnStore();
    void cancelStopsCopyBetweenBatchesWithPartialResult();
    void errorsArriveAsValues();
    void staleResultsAreDropped();
    void cancelledQueuedJobNeverRuns();
    void jobsModelFollowsJobs();
    void destroyingRunningJobDoesNotBlock();
    void storelessJobRunsWithoutProject();
    void storelessJobOutlivesStoreChangeAndCancels();
    void errorKindReachesTheJob();
    void durationFormatting();

private:
    StoreOpener opener() const
    {
        const SqliteStore *store = m_store.get();
        return [store]() { return store->openAnother(); };
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

void TestJobs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("jobs.lbproj"));
    Result<DemoReport> written = DemoGenerator(DemoGenerator::kSmallSize).writeProject(path);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    m_store = std::move(opened).value();
}

void TestJobs::cleanupTestCase()
{
    m_store.reset();
}

void TestJobs::progressArrivesThrottledAndResultIsDelivered()
{
    JobManager manager;
    manager.setStore(m_store.get());
    QSignalSpy delivered(&manager, &JobManager::resultReady);

    constexpr int kRows = 100000;
    Job *job =
        manager.start(QStringLiteral("Count"), [](Store &, const JobControl &control) -> Result<JobResult> {
            for (int i = 1; i <= kRows; ++i)
                control.report(Progress{i, kRows, i / 1000, kRows / 1000, QStringLiteral("counting")});
            return JobResult{QVariant(kRows), QStringLiteral("100,000 rows counted"), false};
        });
    QSignalSpy progressed(job, &Job::progressChanged);
    QSignalSpy finished(job, &Job::finished);
    QVERIFY(job->isActive());
    QCOMPARE(manager.activeCount(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongWaitMs);
    QCOMPARE(job->state(), JobState::Finished);
    // A hundred thousand reports reach the GUI thread as a handful of coalesced updates, the last one
    // complete.
    QVERIFY(progressed.count() >= 1);
    QVERIFY2(progressed.count() < kRows / 50, qPrintable(QString::number(progressed.count())));
    QCOMPARE(job->progress().done, qint64(kRows));
    QCOMPARE(job->progress().total, qint64(kRows));
    QCOMPARE(job->progress().batchesDone, kRows / 1000);
    QCOMPARE(job->progress().stage, QStringLiteral("counting"));
    QCOMPARE(job->percent(), 100);
    QCOMPARE(job->etaSeconds(), 0);
    QVERIFY(job->rate() > 0.0);
    QCOMPARE(job->resultValue().toInt(), kRows);
    QCOMPARE(job->resultSummary(), QStringLiteral("100,000 rows counted"));
    QCOMPARE(job->outcomeText(), job->resultSummary());
    QVERIFY(job->errorMessage().isEmpty());
    QCOMPARE(delivered.count(), 1);
    QCOMPARE(delivered.first().first().value<Job *>(), job);
    QCOMPARE(manager.activeCount(), 0);
}

void TestJobs::workRunsOnWorkerThreadWithItsOwnStore()
{
    JobManager manager;
    manager.setStore(m_store.get());
    QThread *workerThread = nullptr;
    const Store *workerStore = nullptr;
    Job *job = manager.start(QStringLiteral("Count main"),
                             [&](Store &store, const JobControl &) -> Result<JobResult> {
                                 workerThread = QThread::currentThread();
                                 workerStore = &store;
                                 Result<int> count = store.countRows(RowQuery());
                                 if (!count.ok())
                                     return count.takeError();
                                 return JobResult{QVariant(count.value()), QString(), false};
                             });
    QVERIFY(job->waitForFinished(kLongWaitMs));
    QCOMPARE(job->state(), JobState::Finished);
    QVERIFY(workerThread != nullptr);
    QVERIFY(workerThread != QThread::currentThread());
    QVERIFY(workerStore != m_store.get());
    QCOMPARE(job->resultValue().toInt(), m_store->countRows(RowQuery()).value());
}

void TestJobs::cancelStopsCopyBetweenBatchesWithPartialResult()
{
    const QString target = QStringLiteral("cancel-target");
    constexpr int kBatch = 5;
    RowQuery mainRows;
    const int mainCount = m_store->countRows(mainRows).value();
    QVERIFY2(mainCount > 3 * kBatch, "the demo's main branch has enough rows for several batches");

    JobManager manager;
    manager.setStore(m_store.get());
    JobsModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy delivered(&manager, &JobManager::resultReady);

    Job *job = manager.start(QStringLiteral("Copy main to %1").arg(target),
                             [&](Store &store, const JobControl &control) -> Result<JobResult> {
                                 Engine engine(store, QStringLiteral("tester"));
                                 JobControl inner;
                                 inner.cancelFlag = control.cancelFlag;
                                 inner.onProgress = [&control](const Progress &progress) {
                                     control.report(progress);
                                     // Keep the worker after the second batch until the GUI thread has seen
                                     // it and pressed Cancel.
                                     if (progress.batchesDone == 2)
                                         waitForCancel(control);
                                 };
                                 CopyRequest request;
                                 request.sourceBranch = kMainBranch;
                                 request.targetBranch = target;
                                 request.batchSize = kBatch;
                                 Result<CopyResult> copied = engine.copy(request, inner);
                                 if (!copied.ok())
                                     return copied.takeError();
                                 return JobResult{QVariant::fromValue(copied.value()),
                                                  QStringLiteral("%1 rows copied").arg(copied->count),
                                                  copied->cancelled};
                             });

    QTRY_VERIFY_WITH_TIMEOUT(job->progress().batchesDone >= 2, kLongWaitMs);
    QVERIFY(job->isActive());
    QCOMPARE(job->state(), JobState::Running);
    QCOMPARE(job->progress().batchesDone, 2);
    QCOMPARE(job->progress().done, qint64(2 * kBatch));
    QVERIFY(job->progress().total >= mainCount);
    QVERIFY(job->percent() >= 0 && job->percent() < 100);
    QVERIFY(job->rate() > 0.0);
    QVERIFY(job->etaSeconds() >= 0);
    QCOMPARE(model.index(0, 0).data(JobsModel::CanCancelRole).toBool(), true);
    QCOMPARE(model.index(0, 0).data(JobsModel::BatchesDoneRole).toInt(), 2);

    job->cancel();
    QVERIFY(job->isCancelRequested());
    QCOMPARE(model.index(0, 0).data(JobsModel::CanCancelRole).toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), kLongWaitMs);

    QCOMPARE(job->state(), JobState::Cancelled);
    const CopyResult result = job->resultValue().value<CopyResult>();
    QVERIFY(result.cancelled);
    QCOMPARE(result.batchesDone, 2);
    QCOMPARE(result.count, 2 * kBatch);
    QCOMPARE(job->resultSummary(), QStringLiteral("%1 rows copied").arg(2 * kBatch));
    QCOMPARE(delivered.count(), 1); // a partial result is still a result
    QCOMPARE(model.index(0, JobsModel::StateColumn).data().toString(), QStringLiteral("Cancelled"));
    QCOMPARE(model.index(0, JobsModel::ResultColumn).data().toString(), job->resultSummary());

    // The finished batches stay.
    RowQuery targetRows;
    targetRows.branch = target;
    QCOMPARE(m_store->countRows(targetRows).value(), 2 * kBatch);
}

void TestJobs::errorsArriveAsValues()
{
    JobManager manager;
    manager.setStore(m_store.get());
    JobsModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy delivered(&manager, &JobManager::resultReady);

    Job *failing =
        manager.start(QStringLiteral("Failing"), [](Store &, const JobControl &) -> Result<JobResult> {
            return fail(QStringLiteral("The branch 'x' does not exist."));
        });
    Job *throwing =
        manager.start(QStringLiteral("Throwing"), [](Store &, const JobControl &) -> Result<JobResult> {
            throw std::runtime_error("kaput");
        });
    QVERIFY(manager.waitForDone(kLongWaitMs));

    QCOMPARE(failing->state(), JobState::Failed);
    QCOMPARE(failing->errorMessage(), QStringLiteral("The branch 'x' does not exist."));
    QCOMPARE(failing->outcomeText(), failing->errorMessage());
    QVERIFY(!failing->resultValue().isValid());
    QCOMPARE(throwing->state(), JobState::Failed);
    QVERIFY2(throwing->errorMessage().contains(QStringLiteral("kaput")),
             qPrintable(throwing->errorMessage()));
    QCOMPARE(delivered.count(), 2);

    const int row = model.rowOf(failing);
    QCOMPARE(model.index(row, 0).data(JobsModel::StateNameRole).toString(), QStringLiteral("failed"));
    QCOMPARE(model.index(row, 0).data(JobsModel::ErrorRole).toString(), failing->errorMessage());
    QCOMPARE(model.index(row, JobsModel::ResultColumn).data().toString(), failing->errorMessage());

    // No project open: the job fails with a clear message instead of running.
    std::atomic_bool ran{false};
    JobManager empty;
    Job *orphan =
        empty.start(QStringLiteral("Orphan"), [&ran](Store &, const JobControl &) -> Result<JobResult> {
            ran = true;
            return JobResult{};
        });
    QVERIFY(empty.waitForDone(kLongWaitMs));
    QCOMPARE(orphan->state(), JobState::Failed);
    QVERIFY2(orphan->errorMessage().contains(QStringLiteral("No project is open")),
             qPrintable(orphan->errorMessage()));
    QVERIFY(!ran.load());

    // The store cannot be opened on the worker.
    empty.setStoreOpener(
        []() -> Result<std::unique_ptr<Store>> { return fail(QStringLiteral("disk unplugged")); });
    Job *unopened =
        empty.start(QStringLiteral("Unopened"), [&ran](Store &, const JobControl &) -> Result<JobResult> {
            ran = true;
            return JobResult{};
        });
    QVERIFY(empty.waitForDone(kLongWaitMs));
    QCOMPARE(unopened->state(), JobState::Failed);
    QVERIFY2(unopened->errorMessage().contains(QStringLiteral("disk unplugged")),
             qPrintable(unopened->errorMessage()));
    QVERIFY(!ran.load());
}

void TestJobs::staleResultsAreDropped()
{
    JobManager manager;
    manager.setMaxThreads(3);
    manager.setStore(m_store.get());
    QSignalSpy delivered(&manager, &JobManager::resultReady);
    const QString view = QStringLiteral("diff:main->pre-labels-v1");

    // A work that cannot be cancelled: it finishes with a value even though a newer job replaced it.
    std::atomic_bool gate{false};
    std::atomic_bool started{false};
    Job *older = manager.start(
        QStringLiteral("Compare (old)"),
        [&](Store &, const JobControl &) -> Result<JobResult> {
            started = true;
            waitFor(gate);
            return JobResult{QVariant(1), QStringLiteral("old"), false};
        },
        view);
    QSignalSpy olderDelivered(older, &Job::resultReady);
    QSignalSpy olderFinished(older, &Job::finished);
    Job *unrelated = manager.start(QStringLiteral("Other view"), valueWork(7, QStringLiteral("other")),
                                   QStringLiteral("rows:main"));
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), kLongWaitMs);

    Job *newer = manager.start(QStringLiteral("Compare (new)"), valueWork(2, QStringLiteral("new")), view);
    QVERIFY(older->isObsolete());
    QVERIFY(older->isCancelRequested());
    QVERIFY(!newer->isObsolete());
    QVERIFY(!unrelated->isObsolete());
    QCOMPARE(manager.latestForView(view), newer);

    QVERIFY(newer->waitForFinished(kLongWaitMs));
    gate = true;
    QVERIFY(manager.waitForDone(kLongWaitMs));

    QCOMPARE(older->state(), JobState::Finished);
    QCOMPARE(olderFinished.count(), 1);
    QCOMPARE(olderDelivered.count(), 0);
    QList<Job *> deliveredJobs;
    for (const QList<QVariant> &args : std::as_const(delivered))
        deliveredJobs.append(args.first().value<Job *>());
    QVERIFY(deliveredJobs.contains(newer));
    QVERIFY(deliveredJobs.contains(unrelated));
    QVERIFY(!deliveredJobs.contains(older));

    // A work that honours the cancel stops, and its partial result is dropped too.
    std::atomic_bool cancelSeen{false};
    started = false;
    Job *cancellable = manager.start(
        QStringLiteral("Compare (cancellable)"),
        [&](Store &, const JobControl &control) -> Result<JobResult> {
            started = true;
            waitForCancel(control);
            cancelSeen = control.isCancelled();
            return JobResult{QVariant(3), QStringLiteral("partial"), true};
        },
        view);
    QSignalSpy cancellableDelivered(cancellable, &Job::resultReady);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), kLongWaitMs);
    delivered.clear();
    Job *newest =
        manager.start(QStringLiteral("Compare (newest)"), valueWork(4, QStringLiteral("newest")), view);
    QVERIFY(manager.waitForDone(kLongWaitMs));
    QVERIFY(cancelSeen.load());
    QCOMPARE(cancellable->state(), JobState::Cancelled);
    QCOMPARE(cancellableDelivered.count(), 0);
    QCOMPARE(delivered.count(), 1);
    QCOMPARE(delivered.first().first().value<Job *>(), newest);
    QCOMPARE(newest->resultValue().toInt(), 4);
}

void TestJobs::cancelledQueuedJobNeverRuns()
{
    JobManager manager;
    manager.setMaxThreads(1);
    manager.setStore(m_store.get());
    std::atomic_bool gate{false};
    std::atomic_bool started{false};
    std::atomic_bool queuedRan{false};
    Job *blocker =
        manager.start(QStringLiteral("Blocker"), [&](Store &, const JobControl &) -> Result<JobResult> {
            started = true;
            waitFor(gate);
            return JobResult{};
        });
    Job *queued =
        manager.start(QStringLiteral("Queued"), [&](Store &, const JobControl &) -> Result<JobResult> {
            queuedRan = true;
            return JobResult{};
        });
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), kLongWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(blocker->state(), JobState::Running, kLongWaitMs);
    QCOMPARE(queued->state(), JobState::Queued);
    QCOMPARE(manager.activeCount(), 2);

    QVERIFY(manager.cancel(queued->id()));
    QVERIFY(!manager.cancel(queued->id())); // already asked
    gate = true;
    QVERIFY(manager.waitForDone(kLongWaitMs));
    QCOMPARE(blocker->state(), JobState::Finished);
    QCOMPARE(queued->state(), JobState::Cancelled);
    QVERIFY(!queued->errorMessage().isEmpty());
    QVERIFY(!queuedRan.load());
    QCOMPARE(manager.activeCount(), 0);
    QVERIFY(!manager.cancel(blocker->id()));
}

void TestJobs::jobsModelFollowsJobs()
{
    JobManager manager;
    manager.setStore(m_store.get());
    Job *early = manager.start(QStringLiteral("Early"), valueWork(1, QStringLiteral("early done")));
    QVERIFY(manager.waitForDone(kLongWaitMs));

    JobsModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1); // jobs started before the model exist in it
    QCOMPARE(model.jobAt(0), early);
    QCOMPARE(model.columnCount(), int(JobsModel::ColumnCount));
    QCOMPARE(model.headerData(JobsModel::EtaColumn, Qt::Horizontal).toString(), QStringLiteral("ETA"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    std::atomic_bool gate{false};
    Job *running = manager.start(
        QStringLiteral("Snapshot main"), [&](Store &, const JobControl &control) -> Result<JobResult> {
            control.report(Progress{25, 100, 1, 4, QStringLiteral("copying")});
            waitFor(gate);
            control.report(Progress{100, 100, 4, 4, QStringLiteral("copying")});
            return JobResult{QVariant(100), QStringLiteral("100 rows copied"), false};
        });
    QCOMPARE(model.rowCount(), 2); // newest first
    QCOMPARE(model.jobAt(1), early);
    QCOMPARE(model.index(0, JobsModel::TitleColumn).data().toString(), QStringLiteral("Snapshot main"));
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, 0).data(JobsModel::PercentRole).toInt(), 25, kLongWaitMs);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.index(0, 0).data(JobsModel::StateNameRole).toString(), QStringLiteral("running"));
    QCOMPARE(model.index(0, JobsModel::ProgressColumn).data().toString(), QStringLiteral("25%"));
    QCOMPARE(model.index(0, JobsModel::BatchesColumn).data().toString(), QStringLiteral("1 / 4"));
    QCOMPARE(model.index(0, 0).data(JobsModel::DoneRole).toLongLong(), 25);
    QCOMPARE(model.index(0, 0).data(JobsModel::TotalRole).toLongLong(), 100);
    QCOMPARE(model.index(0, 0).data(JobsModel::StageRole).toString(), QStringLiteral("copying"));
    QVERIFY(model.index(0, 0).data(JobsModel::CanCancelRole).toBool());
    QVERIFY(model.index(0, 0).data(JobsModel::RateRole).toDouble() > 0.0);
    QVERIFY(model.index(0, 0).data(JobsModel::EtaRole).toLongLong() >= 0);
    QVERIFY(!model.index(0, JobsModel::EtaColumn).data().toString().isEmpty());

    // Dismissing one job leaves a running one in place and removes a finished one.
    manager.dismiss(running);
    QCOMPARE(model.rowCount(), 2);
    Job *second = manager.start(QStringLiteral("Load"), valueWork(2, QStringLiteral("loaded")));
    QTRY_VERIFY_WITH_TIMEOUT(!second->isActive(), kLongWaitMs);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.jobAt(0), second);
    manager.dismiss(second);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.jobAt(0), running);
    QCOMPARE(model.jobAt(1), early);

    // A background read runs like any job, delivers its result, is not listed, and goes once it has ended.
    QVariant result;
    connect(&manager, &JobManager::resultReady, &manager,
            [&result](Job *job) { result = job->resultValue(); });
    QPointer<Job> background =
        manager.start(QStringLiteral("Page of rows"), valueWork(3, QStringLiteral("read")), QString(),
                      JobListing::Background);
    QCOMPARE(model.rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(result.toInt(), 3, kLongWaitMs);
    QCOMPARE(model.rowCount(), 2);
    QTRY_VERIFY(!manager.jobs().contains(background.data()));
    QTRY_VERIFY(background.isNull());

    // Clearing keeps the running job.
    manager.clearFinished();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.jobAt(0), running);

    gate = true;
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, 0).data(JobsModel::StateRole).toInt(), int(JobState::Finished),
                              kLongWaitMs);
    QCOMPARE(model.index(0, 0).data(JobsModel::PercentRole).toInt(), 100);
    QCOMPARE(model.index(0, JobsModel::DoneColumn).data().toString(),
             QStringLiteral("%1 / %2").arg(QLocale().toString(100), QLocale().toString(100)));
    QCOMPARE(model.index(0, JobsModel::ResultColumn).data().toString(), QStringLiteral("100 rows copied"));
    QCOMPARE(model.index(0, 0).data(JobsModel::ResultSummaryRole).toString(),
             QStringLiteral("100 rows copied"));
    QVERIFY(!model.index(0, 0).data(JobsModel::CanCancelRole).toBool());
    QVERIFY(model.index(0, JobsModel::EtaColumn).data().toString().isEmpty());

    manager.clearFinished();
    QCOMPARE(model.rowCount(), 0);
}

void TestJobs::destroyingRunningJobDoesNotBlock()
{
    QThreadPool pool;
    std::atomic_bool started{false};
    std::atomic_bool sawCancel{false};
    auto *job = new Job(
        QStringLiteral("Endless"), QString(), opener(),
        [&](Store &, const JobControl &control) -> Result<JobResult> {
            started = true;
            waitForCancel(control);
            sawCancel = control.isCancelled();
            control.report(Progress{1, 1, 1, 1, QString()}); // nobody listens any more: must not crash
            return JobResult{};
        });
    job->start(&pool);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), kLongWaitMs);
    delete job;
    QVERIFY(pool.waitForDone(kLongWaitMs));
    QVERIFY(sawCancel.load());
    QCoreApplication::processEvents(); // calls posted to the deleted job are gone with it

    // A job owned by nobody but started and waited for directly.
    auto standalone = std::make_unique<Job>(QStringLiteral("Standalone"), QString(), opener(),
                                            valueWork(5, QStringLiteral("five")));
    QSignalSpy ready(standalone.get(), &Job::resultReady);
    standalone->start(&pool);
    QVERIFY(standalone->waitForFinished(kLongWaitMs));
    QCOMPARE(standalone->state(), JobState::Finished);
    QCOMPARE(standalone->resultValue().toInt(), 5);
    QCOMPARE(ready.count(), 1);
    QCoreApplication::processEvents(); // the queued delivery must not deliver twice
    QCOMPARE(ready.count(), 1);
}

void TestJobs::storelessJobRunsWithoutProject()
{
    JobManager manager; // no store at all
    QVERIFY(!manager.hasStore());
    QSignalSpy delivered(&manager, &JobManager::resultReady);
    Job *job = manager.startWithoutStore(QStringLiteral("Make a file"),
                                         [](const JobControl &control) -> Result<JobResult> {
                                             control.report(Progress{1, 2, 0, 0, QStringLiteral("writing")});
                                             return JobResult{QVariant(7), QStringLiteral("written"), false};
                                         });
    QVERIFY(!job->needsStore());
    QVERIFY(manager.jobs().contains(job));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, kLongWaitMs);
    QCOMPARE(job->state(), JobState::Finished);
    QCOMPARE(job->resultValue().toInt(), 7);
    QCOMPARE(job->resultSummary(), QStringLiteral("written"));

    // A store job still fails clearly without a project.
    Job *withStore = manager.start(QStringLiteral("Read"), valueWork(1, QStringLiteral("read")));
    QVERIFY(withStore->needsStore());
    QVERIFY(withStore->waitForFinished(kLongWaitMs));
    QCOMPARE(withStore->state(), JobState::Failed);
}

void TestJobs::storelessJobOutlivesStoreChangeAndCancels()
{
    JobManager manager;
    manager.setStore(m_store.get());
    std::atomic_bool storelessStarted{false};
    Job *storeless = manager.startWithoutStore(
        QStringLiteral("Connect"), [&storelessStarted](const JobControl &control) -> Result<JobResult> {
            storelessStarted.store(true);
            waitForCancel(control);
            return fail(ErrorKind::Cancelled, QStringLiteral("stopped"));
        });
    QTRY_VERIFY_WITH_TIMEOUT(storelessStarted.load(), kLongWaitMs);
    Job *reader =
        manager.start(QStringLiteral("Read"), [](Store &, const JobControl &control) -> Result<JobResult> {
            waitForCancel(control);
            return JobResult{QVariant(), QStringLiteral("stopped"), true};
        });

    // Closing the project stops the job that reads it and leaves the store-less one running.
    manager.setStore(nullptr);
    QVERIFY(!reader->isActive());
    QCOMPARE(reader->state(), JobState::Cancelled);
    QVERIFY(storeless->isActive());
    QVERIFY(!storeless->isCancelRequested());

    QVERIFY(manager.cancel(storeless->id()));
    QVERIFY(storeless->waitForFinished(kLongWaitMs));
    QCOMPARE(storeless->state(), JobState::Cancelled);
    QCOMPARE(storeless->errorKind(), ErrorKind::Cancelled);
    QCOMPARE(manager.activeCount(), 0);
}

void TestJobs::errorKindReachesTheJob()
{
    JobManager manager;
    Job *job =
        manager.startWithoutStore(QStringLiteral("Unlock"), [](const JobControl &) -> Result<JobResult> {
            return fail(ErrorKind::WrongPassphrase, QStringLiteral("the passphrase does not open the key"));
        });
    QVERIFY(job->waitForFinished(kLongWaitMs));
    QCOMPARE(job->state(), JobState::Failed);
    QCOMPARE(job->errorKind(), ErrorKind::WrongPassphrase);
    QCOMPARE(job->errorMessage(), QStringLiteral("the passphrase does not open the key"));

    Job *fine =
        manager.startWithoutStore(QStringLiteral("Fine"), [](const JobControl &) -> Result<JobResult> {
            return JobResult{QVariant(), QStringLiteral("ok"), false};
        });
    QVERIFY(fine->waitForFinished(kLongWaitMs));
    QVERIFY(fine->errorMessage().isEmpty());
}

void TestJobs::durationFormatting()
{
    QCOMPARE(JobsModel::formatDuration(0), QStringLiteral("0:00"));
    QCOMPARE(JobsModel::formatDuration(65), QStringLiteral("1:05"));
    QCOMPARE(JobsModel::formatDuration(3723), QStringLiteral("1:02:03"));
    QCOMPARE(JobsModel::formatDuration(-1), QString());
    QCOMPARE(jobStateName(JobState::Cancelled), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
