#include "window/encordconnector.h"

#include "jobs/jobmanager.h"
#include "project/projectsession.h"

#include <QMutex>
#include <QMutexLocker>

namespace lb {

// The session crosses from the worker to the connector here. An attempt nobody waits for any more drops its
// session at once instead of keeping a live project open inside the finished job.
struct ConnectHandoff
{
    QMutex mutex;
    bool wanted = true;
    std::unique_ptr<ProjectSession> session;
};

namespace {

const QString kConnectViewKey = QStringLiteral("encord-connect");

Result<JobResult> openEncordJob(const ConnectionProfile &profile, const QByteArray &passphrase,
                                const std::shared_ptr<ConnectHandoff> &handoff, const JobControl &control)
{
    auto progress = [&control](int done, int total) {
        control.report(Progress{done, total, done, total, EncordConnector::tr("reading label rows")});
    };
    Result<std::unique_ptr<ProjectSession>> opened =
        ProjectSession::openEncord(profile, passphrase, progress, control.cancelFlag);
    if (!opened)
        return opened.takeError();
    std::unique_ptr<ProjectSession> session = std::move(opened).value();
    JobResult out;
    out.summary = EncordConnector::tr("Connected to “%1”: %2 branches, %3 data units")
                      .arg(session->title())
                      .arg(session->branchCount())
                      .arg(session->dataUnitCount());
    QMutexLocker lock(&handoff->mutex);
    if (handoff->wanted)
        handoff->session = std::move(session);
    return out;
}

} // namespace

EncordConnector::EncordConnector(JobManager *jobs, QObject *parent) : QObject(parent), m_jobs(jobs) {}

EncordConnector::~EncordConnector()
{
    dropAttempt();
}

bool EncordConnector::isRunning() const
{
    return m_job && m_job->isActive();
}

void EncordConnector::start(const ConnectionProfile &profile, const QByteArray &passphrase)
{
    dropAttempt();
    m_profile = profile;
    m_session.reset();
    auto handoff = std::make_shared<ConnectHandoff>();
    m_handoff = handoff;
    const QString title =
        tr("Connect to %1")
            .arg(profile.name.trimmed().isEmpty() ? profile.projectId.trimmed() : profile.name.trimmed());
    Job *job = m_jobs->startWithoutStore(
        title,
        [profile, passphrase, handoff](const JobControl &control) {
            return openEncordJob(profile, passphrase, handoff, control);
        },
        kConnectViewKey);
    m_job = job;
    connect(job, &Job::progressChanged, this, [this, job] {
        if (job == m_job)
            Q_EMIT progressChanged(int(job->progress().done), int(job->progress().total));
    });
    connect(job, &Job::finished, this, [this, job] { onJobEnded(job); });
    Q_EMIT runningChanged(true);
}

void EncordConnector::onJobEnded(Job *job)
{
    if (job != m_job)
        return;
    {
        QMutexLocker lock(&m_handoff->mutex);
        m_session = std::move(m_handoff->session);
    }
    m_job = nullptr;
    m_handoff.reset();
    Q_EMIT runningChanged(false);
    if (m_session) {
        Q_EMIT succeeded(m_session->title(), m_session->branchCount());
        return;
    }
    Error error{job->errorMessage(), job->errorKind()};
    if (job->state() == JobState::Cancelled) {
        error.kind = ErrorKind::Cancelled;
        if (error.message.isEmpty())
            error.message = tr("The connection was cancelled.");
    }
    Q_EMIT failed(error);
}

void EncordConnector::abandon()
{
    const bool wasRunning = isRunning();
    dropAttempt();
    m_session.reset();
    if (wasRunning)
        Q_EMIT runningChanged(false);
}

void EncordConnector::dropAttempt()
{
    if (m_handoff) {
        QMutexLocker lock(&m_handoff->mutex);
        m_handoff->wanted = false;
        m_handoff->session.reset();
    }
    m_handoff.reset();
    if (m_job)
        m_job->markObsolete();
    m_job = nullptr;
}

std::unique_ptr<ProjectSession> EncordConnector::takeSession()
{
    return std::move(m_session);
}

} // namespace lb
