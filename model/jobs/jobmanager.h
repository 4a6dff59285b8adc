#pragma once

#include "jobs/job.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace lb {

// Starts jobs on its own thread pool and keeps every job (running and finished) for the job panel.
//
// View keys: a view that shows the result of a job ("rows:main", "diff:main->pre-labels-v1") starts its jobs
// with its key. Starting a job for a key makes every older job with that key obsolete: a running one is
// cancelled, and none of them delivers its result any more, even one whose worker has already returned.
// So a slow, stale job can never overwrite what a newer one shows.
class JobManager : public QObject
{
    Q_OBJECT

public:
    explicit JobManager(QObject *parent = nullptr);
    // Cancels every job and waits for the workers, so no worker outlives the store it reads.
    ~JobManager() override;

    // Jobs open their own store with `store->openAnother()` on their worker thread. The store must outlive
    // the jobs using it: replacing it (or passing nullptr before closing a project) cancels the running jobs
    // that use a store and waits for them, which takes at most one batch. Store-less jobs run on.
    void setStore(const Store *store);
    // For stores that are not plain objects of this thread (tests, remote projects).
    void setStoreOpener(StoreOpener opener);
    bool hasStore() const { return bool(m_opener); }

    // Starts `work` as a job; the manager owns the returned job. Without a store the job fails with a clear
    // message instead of running. A background job is dropped from jobs() once it has ended and its
    // result was delivered.
    Job *start(const QString &title, JobWork work, const QString &viewKey = QString(),
               JobListing listing = JobListing::Listed);
    // Starts work that opens no store (creating a demo file, connecting to Encord): it runs with or without
    // a project and is listed, cancelled and made obsolete like any other job.
    Job *startWithoutStore(const QString &title, StorelessJobWork work, const QString &viewKey = QString(),
                           JobListing listing = JobListing::Listed);

    QList<Job *> jobs() const { return m_jobs; } // in start order
    Job *job(qint64 id) const;
    int activeCount() const;
    // The newest job started for `viewKey`, or nullptr.
    Job *latestForView(const QString &viewKey) const;

    // False when there is no such active job or it was already asked to cancel.
    bool cancel(qint64 id);
    void cancelAll();
    // Blocks until every started job's worker returned and applies the outcomes. For shutdown and tests.
    bool waitForDone(int msecs = -1);
    // Drops finished, failed and cancelled jobs from the list.
    void clearFinished();
    // Removes one job that has ended (an active one stays): for quick reads whose result is shown elsewhere
    // and would only crowd the job list.
    void dismiss(Job *job);

    void setMaxThreads(int count) { m_pool.setMaxThreadCount(qMax(1, count)); }
    int maxThreads() const { return m_pool.maxThreadCount(); }
    void setProgressInterval(int msecs) { m_progressIntervalMs = msecs; }

    static constexpr int kDefaultMaxThreads = 2;

Q_SIGNALS:
    void jobAdded(lb::Job *job);
    void jobAboutToBeRemoved(lb::Job *job); // it is deleted later
    // A job reached a terminal state and is not obsolete: success, partial result after a cancel, or error.
    void resultReady(lb::Job *job);
    void activeCountChanged(int count);

private:
    // Makes older jobs of the view obsolete, then lists and starts `job`.
    Job *add(Job *job);
    // Cancels the active jobs that read a store and waits for their workers.
    void stopStoreJobs();
    void onJobFinished();

    QThreadPool m_pool;
    StoreOpener m_opener;
    QList<Job *> m_jobs;
    int m_progressIntervalMs = Job::kDefaultProgressIntervalMs;
};

} // namespace lb
