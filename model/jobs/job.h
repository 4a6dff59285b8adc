#pragma once

#include "domain/jobcontrol.h"
#include "domain/result.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariant>

class QThreadPool;

namespace lb {

// What a job's work hands back: a value for the code that started the job and one readable line for the
// job panel ("120 rows copied").
struct JobResult
{
    QVariant value;
    QString summary;
    // The work honoured a cancel request and stopped early; `value` then holds the partial result
    // (docs/product.md §2.3 rule 7: finished batches stay and the partial count is reported).
    bool cancelled = false;
};

// Runs on a worker thread with a store that belongs to that thread.
using JobWork = std::function<Result<JobResult>(Store &store, const JobControl &control)>;
// Runs on a worker thread and needs no project: creating a demo file, connecting to Encord.
using StorelessJobWork = std::function<Result<JobResult>(const JobControl &control)>;
// Called on the worker thread to open the job's own store (QSqlDatabase connections are per thread).
using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;

enum class JobState
{
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled
};
QString jobStateName(JobState state);    // "queued", "running", "finished", "failed", "cancelled"
QString jobStateDisplay(JobState state); // "Queued", "Running", ...

struct JobShared;

// Whether the job panel lists a job: the work a user started (a compare, a copy, a review list) is listed;
// the reads a view makes by itself to show something (a page of rows, a plan in a dialog, the labels of the
// selected unit) run in the background, cancelled and made obsolete like any other job, but not listed.
enum class JobListing
{
    Listed,
    Background
};

// One piece of long work (copy, sync, snapshot, import, diff, bundled initialisation) run off the GUI thread.
// The Job object lives on the thread that created it; everything it reports (state, progress, outcome)
// arrives there through queued calls, so its getters and signals are safe to use from item models and
// widgets. Progress notifications are coalesced: at most one per progress interval, and the newest always
// arrives.
class Job : public QObject
{
    Q_OBJECT

public:
    Job(QString title, QString viewKey, StoreOpener opener, JobWork work, QObject *parent = nullptr);
    // A job that opens no store, so it can run while no project is open and outlives a project change.
    Job(QString title, QString viewKey, StorelessJobWork work, QObject *parent = nullptr);
    // Never blocks: a still running worker is told to cancel and finishes on its own.
    ~Job() override;

    qint64 id() const { return m_id; }
    QString title() const { return m_title; }
    QString viewKey() const { return m_viewKey; } // empty: the job belongs to no view
    bool needsStore() const { return !m_storelessWork; }
    JobListing listing() const { return m_listing; }
    // Set before start(); the manager does it.
    void setListing(JobListing listing) { m_listing = listing; }

    JobState state() const { return m_state; }
    bool isActive() const { return m_state == JobState::Queued || m_state == JobState::Running; }
    bool isCancelRequested() const;
    // A newer job for the same view replaced this one: it is cancelled and its result is never delivered.
    bool isObsolete() const { return m_obsolete; }

    Progress progress() const { return m_progress; }
    int percent() const;       // 0..100; -1 while the total is unknown
    double rate() const;       // items per second over the job's run time; 0 while unknown
    qint64 etaSeconds() const; // -1 while unknown, 0 when finished
    qint64 elapsedMs() const;  // run time so far (or in total once finished)

    QVariant resultValue() const { return m_result.value; }
    QString resultSummary() const { return m_result.summary; }
    QString errorMessage() const { return m_error; }
    // What sort of failure errorMessage() is (Failed when there is none), for callers that react to it.
    ErrorKind errorKind() const { return m_errorKind; }
    // Summary when the work returned a value, otherwise the error: what the job panel shows.
    QString outcomeText() const;

    // Queues the work on `pool`. A job starts once.
    void start(QThreadPool *pool);
    // Asks the work to stop at its next batch boundary; a queued job then never opens a store.
    void cancel();
    void markObsolete();
    // Blocks until the worker has returned (or the timeout passed) and then applies the outcome at once,
    // without waiting for the event loop. For shutdown and tests.
    bool waitForFinished(int msecs = -1);

    void setProgressInterval(int msecs) { m_progressIntervalMs = msecs; }
    int progressInterval() const { return m_progressIntervalMs; }

    static constexpr int kDefaultProgressIntervalMs = 50; // at most ~20 progress updates per second

Q_SIGNALS:
    void stateChanged();
    void progressChanged();
    void finished(); // every terminal state, obsolete or not
    // Terminal and not obsolete: the outcome (value, partial value or error) is meant for the view.
    void resultReady();

private:
    // The worker's body; static so it can never touch the Job object, only the shared state.
    static void run(const std::shared_ptr<JobShared> &shared, const StoreOpener &opener, const JobWork &work,
                    const StorelessJobWork &storelessWork);
    void deliverStarted();
    void deliverProgress();
    void deliverFinished();
    void emitProgress();

    qint64 m_id;
    QString m_title;
    JobListing m_listing = JobListing::Listed;
    QString m_viewKey;
    StoreOpener m_opener;
    JobWork m_work;
    StorelessJobWork m_storelessWork;
    std::shared_ptr<JobShared> m_shared;

    JobState m_state = JobState::Queued;
    bool m_started = false;
    bool m_obsolete = false;
    Progress m_progress;
    qint64 m_progressElapsedNs = 0; // worker clock at m_progress
    qint64 m_finalElapsedNs = -1;
    QElapsedTimer m_runClock; // GUI-side clock for elapsed time while running
    JobResult m_result;
    QString m_error;
    ErrorKind m_errorKind = ErrorKind::Failed;

    int m_progressIntervalMs = kDefaultProgressIntervalMs;
    QElapsedTimer m_sinceProgressEmit;
    QTimer m_progressTimer;
};

} // namespace lb
