#include "jobs/job.h"

#include <atomic>
#include <cmath>
#include <exception>
#include <QDeadlineTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>
#include <QWaitCondition>

namespace lb {

// Everything the worker and the Job exchange. The worker holds it by shared_ptr, so a Job may be destroyed
// while its worker is still running; `receiver` is cleared under the mutex first, which guarantees that no
// call is posted to a Job that is gone (calls already posted die with the object).
struct JobShared
{
    std::atomic_bool cancel{false};

    QMutex mutex;
    QWaitCondition workerDoneCondition;
    Job *receiver = nullptr;
    Progress progress;
    qint64 progressElapsedNs = 0;
    bool progressPending = false;
    bool workerDone = false;
    JobState outcome = JobState::Finished;
    JobResult result;
    Error error;
    qint64 elapsedNs = 0;
};

namespace {

std::atomic<qint64> s_nextJobId{1};

constexpr qint64 kNsPerMs = 1000000;
constexpr double kNsPerSecond = 1e9;

// What the worker hands back to the Job.
struct WorkOutcome
{
    JobState state = JobState::Finished;
    JobResult result;
    Error error;
};

WorkOutcome outcomeOf(Result<JobResult> done, const JobControl &control)
{
    WorkOutcome out;
    if (done.ok()) {
        out.result = std::move(done).value();
        out.state = out.result.cancelled ? JobState::Cancelled : JobState::Finished;
    } else {
        out.error = done.takeError();
        out.state = control.isCancelled() ? JobState::Cancelled : JobState::Failed;
    }
    return out;
}

WorkOutcome failedOutcome(Error error)
{
    WorkOutcome out;
    out.state = JobState::Failed;
    out.error = std::move(error);
    return out;
}

WorkOutcome runWithStore(const StoreOpener &opener, const JobWork &work, const JobControl &control)
{
    Result<std::unique_ptr<Store>> opened =
        opener ? opener() : Result<std::unique_ptr<Store>>(fail(QStringLiteral("No project is open.")));
    if (!opened.ok()) {
        return failedOutcome(
            withContext(opened.takeError(),
                        QStringLiteral("Could not open the project for this job: ") + opened.error()));
    }
    std::unique_ptr<Store> store = std::move(opened).value();
    // A store that waits on the network stops waiting when the job is cancelled, not only between batches.
    store->setCancelFlag(control.cancelFlag);
    Result<JobResult> done =
        work ? work(*store, control) : Result<JobResult>(fail(QStringLiteral("The job has no work.")));
    // The store's connection belongs to this thread: close it here, not wherever the last reference would
    // otherwise end up.
    store.reset();
    return outcomeOf(std::move(done), control);
}

// No exception crosses the worker's edge: one that escapes the work fails the job.
template <typename Body> WorkOutcome runGuarded(Body body)
{
    try {
        return body();
    } catch (const std::exception &e) {
        return failedOutcome(fail(QStringLiteral("Unexpected error: ") + QString::fromUtf8(e.what())));
    } catch (...) {
        return failedOutcome(fail(QStringLiteral("Unexpected error.")));
    }
}

} // namespace

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Finished:
        return QStringLiteral("finished");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

QString jobStateDisplay(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("Queued");
    case JobState::Running:
        return QStringLiteral("Running");
    case JobState::Finished:
        return QStringLiteral("Finished");
    case JobState::Failed:
        return QStringLiteral("Failed");
    case JobState::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QString();
}

Job::Job(QString title, QString viewKey, StoreOpener opener, JobWork work, QObject *parent)
    : QObject(parent), m_id(s_nextJobId.fetch_add(1)), m_title(std::move(title)),
      m_viewKey(std::move(viewKey)), m_opener(std::move(opener)), m_work(std::move(work)),
      m_shared(std::make_shared<JobShared>())
{
    m_shared->receiver = this;
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, &Job::emitProgress);
}

Job::Job(QString title, QString viewKey, StorelessJobWork work, QObject *parent)
    : Job(std::move(title), std::move(viewKey), StoreOpener(), JobWork(), parent)
{
    m_storelessWork = work ? std::move(work) : StorelessJobWork([](const JobControl &) -> Result<JobResult> {
        return fail(QStringLiteral("The job has no work."));
    });
}

Job::~Job()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->receiver = nullptr;
    // Nobody is left to receive the result, so there is no point in finishing the work.
    m_shared->cancel.store(true);
}

bool Job::isCancelRequested() const
{
    return m_shared->cancel.load();
}

int Job::percent() const
{
    if (m_progress.total <= 0)
        return m_state == JobState::Finished ? 100 : -1;
    const qint64 done = qBound<qint64>(0, m_progress.done, m_progress.total);
    return int(done * 100 / m_progress.total);
}

double Job::rate() const
{
    const qint64 elapsedNs = m_finalElapsedNs >= 0 ? m_finalElapsedNs : m_progressElapsedNs;
    if (m_progress.done <= 0 || elapsedNs <= 0)
        return 0.0;
    return double(m_progress.done) * kNsPerSecond / double(elapsedNs);
}

qint64 Job::etaSeconds() const
{
    if (!isActive())
        return 0;
    if (m_progress.total <= 0)
        return -1;
    const qint64 remaining = m_progress.total - m_progress.done;
    if (remaining <= 0)
        return 0;
    const double itemsPerSecond = rate();
    if (itemsPerSecond <= 0.0)
        return -1;
    return qint64(std::ceil(double(remaining) / itemsPerSecond));
}

qint64 Job::elapsedMs() const
{
    if (m_finalElapsedNs >= 0)
        return m_finalElapsedNs / kNsPerMs;
    if (m_state == JobState::Running && m_runClock.isValid())
        return m_runClock.elapsed();
    return 0;
}

QString Job::outcomeText() const
{
    return m_error.isEmpty() ? m_result.summary : m_error;
}

void Job::start(QThreadPool *pool)
{
    if (m_started || !pool)
        return;
    m_started = true;
    std::shared_ptr<JobShared> shared = m_shared;
    StoreOpener opener = m_opener;
    JobWork work = m_work;
    StorelessJobWork storelessWork = m_storelessWork;
    pool->start([shared, opener, work, storelessWork] { run(shared, opener, work, storelessWork); });
}

void Job::cancel()
{
    if (!isActive() || m_shared->cancel.load())
        return;
    m_shared->cancel.store(true);
    Q_EMIT stateChanged();
}

void Job::markObsolete()
{
    m_obsolete = true;
    cancel();
}

bool Job::waitForFinished(int msecs)
{
    if (!m_started)
        return !isActive();
    {
        QMutexLocker lock(&m_shared->mutex);
        const QDeadlineTimer deadline =
            msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs);
        while (!m_shared->workerDone) {
            if (!m_shared->workerDoneCondition.wait(&m_shared->mutex, deadline))
                return false;
        }
    }
    deliverFinished();
    return true;
}

void Job::run(const std::shared_ptr<JobShared> &shared, const StoreOpener &opener, const JobWork &work,
              const StorelessJobWork &storelessWork)
{
    QElapsedTimer clock;
    clock.start();

    WorkOutcome outcome;
    if (shared->cancel.load()) {
        outcome.state = JobState::Cancelled;
        outcome.error = fail(ErrorKind::Cancelled, QStringLiteral("Cancelled before it started."));
    } else {
        {
            QMutexLocker lock(&shared->mutex);
            if (Job *job = shared->receiver)
                QMetaObject::invokeMethod(job, &Job::deliverStarted, Qt::QueuedConnection);
        }

        JobShared *state = shared.get();
        JobControl control;
        control.cancelFlag = &shared->cancel;
        control.onProgress = [state, &clock](const Progress &progress) {
            QMutexLocker lock(&state->mutex);
            state->progress = progress;
            state->progressElapsedNs = clock.nsecsElapsed();
            // One pending notification at a time: the Job reads the newest values when it gets there, so a
            // work that reports a million times posts only as many events as the GUI thread can take.
            if (!state->progressPending && state->receiver) {
                state->progressPending = true;
                QMetaObject::invokeMethod(state->receiver, &Job::deliverProgress, Qt::QueuedConnection);
            }
        };
        outcome = runGuarded([&] {
            return storelessWork ? outcomeOf(storelessWork(control), control)
                                 : runWithStore(opener, work, control);
        });
    }

    QMutexLocker lock(&shared->mutex);
    shared->outcome = outcome.state;
    shared->result = std::move(outcome.result);
    shared->error = outcome.error;
    shared->elapsedNs = clock.nsecsElapsed();
    shared->workerDone = true;
    if (Job *job = shared->receiver)
        QMetaObject::invokeMethod(job, &Job::deliverFinished, Qt::QueuedConnection);
    shared->workerDoneCondition.wakeAll();
}

void Job::deliverStarted()
{
    if (m_state != JobState::Queued)
        return;
    m_state = JobState::Running;
    m_runClock.start();
    Q_EMIT stateChanged();
}

void Job::deliverProgress()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->progressPending = false;
        if (!isActive())
            return;
        m_progress = m_shared->progress;
        m_progressElapsedNs = m_shared->progressElapsedNs;
    }
    if (m_progressTimer.isActive())
        return; // the pending timer shows the newest values
    const qint64 sinceLast = m_sinceProgressEmit.isValid() ? m_sinceProgressEmit.elapsed() : -1;
    if (sinceLast < 0 || sinceLast >= m_progressIntervalMs)
        emitProgress();
    else
        m_progressTimer.start(int(m_progressIntervalMs - sinceLast));
}

void Job::emitProgress()
{
    if (!isActive())
        return;
    m_sinceProgressEmit.start();
    Q_EMIT progressChanged();
}

void Job::deliverFinished()
{
    if (!isActive())
        return; // already applied (waitForFinished, then the queued call)
    {
        QMutexLocker lock(&m_shared->mutex);
        if (!m_shared->workerDone)
            return;
        m_progress = m_shared->progress;
        m_progressElapsedNs = m_shared->progressElapsedNs;
        m_finalElapsedNs = m_shared->elapsedNs;
        m_state = m_shared->outcome;
        m_result = m_shared->result;
        m_error = m_shared->error.message;
        m_errorKind = m_shared->error.kind;
    }
    m_progressTimer.stop();
    Q_EMIT progressChanged();
    Q_EMIT stateChanged();
    Q_EMIT finished();
    if (!m_obsolete)
        Q_EMIT resultReady();
}

} // namespace lb
