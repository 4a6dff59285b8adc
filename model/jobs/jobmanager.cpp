#include "jobs/jobmanager.h"

#include <QDeadlineTimer>

namespace lb {

JobManager::JobManager(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(kDefaultMaxThreads);
}

JobManager::~JobManager()
{
    cancelAll();
    m_pool.waitForDone();
}

void JobManager::setStore(const Store *store)
{
    if (!store) {
        setStoreOpener(StoreOpener());
        return;
    }
    setStoreOpener([store]() { return store->openAnother(); });
}

void JobManager::setStoreOpener(StoreOpener opener)
{
    // Jobs still queued hold the old opener; finishing them first keeps every worker on the store it started
    // with and stops any of them from reaching a store that is about to be closed.
    stopStoreJobs();
    m_opener = std::move(opener);
}

void JobManager::stopStoreJobs()
{
    // A copy: finishing a job emits signals whose receivers may start or clear jobs.
    const QList<Job *> jobs = m_jobs;
    for (Job *job : jobs) {
        if (job->needsStore())
            job->cancel();
    }
    for (Job *job : jobs) {
        if (m_jobs.contains(job) && job->needsStore() && job->isActive())
            job->waitForFinished();
    }
}

Job *JobManager::start(const QString &title, JobWork work, const QString &viewKey, JobListing listing)
{
    auto *job = new Job(title, viewKey, m_opener, std::move(work), this);
    job->setListing(listing);
    return add(job);
}

Job *JobManager::startWithoutStore(const QString &title, StorelessJobWork work, const QString &viewKey,
                                   JobListing listing)
{
    auto *job = new Job(title, viewKey, std::move(work), this);
    job->setListing(listing);
    return add(job);
}

Job *JobManager::add(Job *job)
{
    const QString viewKey = job->viewKey();
    if (!viewKey.isEmpty()) {
        for (Job *older : std::as_const(m_jobs)) {
            if (older->viewKey() == viewKey)
                older->markObsolete();
        }
    }

    job->setProgressInterval(m_progressIntervalMs);
    connect(job, &Job::finished, this, &JobManager::onJobFinished);
    connect(job, &Job::resultReady, this, [this, job]() { Q_EMIT resultReady(job); });
    // Nobody sees a background job in a list: once its result has been delivered it goes, value and all.
    if (job->listing() == JobListing::Background) {
        connect(job, &Job::finished, this, [this, job] {
            QMetaObject::invokeMethod(
                this, [this, job] { dismiss(job); }, Qt::QueuedConnection);
        });
    }
    m_jobs.append(job);
    Q_EMIT jobAdded(job);
    job->start(&m_pool);
    Q_EMIT activeCountChanged(activeCount());
    return job;
}

Job *JobManager::job(qint64 id) const
{
    for (Job *job : m_jobs) {
        if (job->id() == id)
            return job;
    }
    return nullptr;
}

int JobManager::activeCount() const
{
    int count = 0;
    for (const Job *job : m_jobs)
        count += job->isActive() ? 1 : 0;
    return count;
}

Job *JobManager::latestForView(const QString &viewKey) const
{
    for (auto it = m_jobs.crbegin(); it != m_jobs.crend(); ++it) {
        if ((*it)->viewKey() == viewKey)
            return *it;
    }
    return nullptr;
}

bool JobManager::cancel(qint64 id)
{
    Job *found = job(id);
    if (!found || !found->isActive() || found->isCancelRequested())
        return false;
    found->cancel();
    return true;
}

void JobManager::cancelAll()
{
    for (Job *job : std::as_const(m_jobs))
        job->cancel();
}

bool JobManager::waitForDone(int msecs)
{
    const QDeadlineTimer deadline =
        msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs);
    // A copy: finishing a job emits signals whose receivers may start or clear jobs.
    const QList<Job *> jobs = m_jobs;
    for (Job *job : jobs) {
        if (!m_jobs.contains(job) || !job->isActive())
            continue;
        if (!job->waitForFinished(deadline.isForever() ? -1 : int(deadline.remainingTime())))
            return false;
    }
    return true;
}

void JobManager::clearFinished()
{
    const QList<Job *> jobs = m_jobs;
    for (Job *job : jobs) {
        if (job->isActive())
            continue;
        dismiss(job);
    }
}

void JobManager::dismiss(Job *job)
{
    // Membership first: the job may already have been removed and deleted.
    if (!m_jobs.contains(job) || job->isActive())
        return;
    Q_EMIT jobAboutToBeRemoved(job);
    m_jobs.removeOne(job);
    job->deleteLater();
}

void JobManager::onJobFinished()
{
    Q_EMIT activeCountChanged(activeCount());
}

} // namespace lb
