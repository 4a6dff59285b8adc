#pragma once

#include "domain/result.h"
#include "project/connectionprofile.h"

#include <memory>
#include <QObject>
#include <QPointer>
#include <QString>

namespace lb {

class Job;
class JobManager;
class ProjectSession;
struct ConnectHandoff;

// Opens a live Encord project (ProjectSession::openEncord) as a job without a store, so the window stays
// responsive while Encord answers, the attempt shows in the Jobs panel and can be cancelled there, and the
// session reaches the GUI thread. Only the newest attempt reports: starting again makes an earlier one's
// outcome irrelevant.
class EncordConnector : public QObject
{
    Q_OBJECT
public:
    explicit EncordConnector(JobManager *jobs, QObject *parent = nullptr);
    // Does not wait: an attempt still running is cancelled, ends on its own and reports to no one.
    ~EncordConnector() override;

    bool isRunning() const;
    // The passphrase unlocks a protected key for this attempt only.
    void start(const ConnectionProfile &profile, const QByteArray &passphrase = QByteArray());
    // Forgets the running attempt: it is cancelled and reports nothing.
    void abandon();
    // The session of the last success; the caller owns it from then on.
    std::unique_ptr<ProjectSession> takeSession();
    ConnectionProfile profile() const { return m_profile; }

Q_SIGNALS:
    void progressChanged(int bundlesDone, int bundlesTotal);
    // The project's title and how many branches it has.
    void succeeded(const QString &title, int branchCount);
    // The error's kind tells what to point the user at (a passphrase, the project ID, ...).
    void failed(const lb::Error &error);
    void runningChanged(bool running);

private:
    void onJobEnded(Job *job);
    void dropAttempt();

    JobManager *m_jobs = nullptr;
    QPointer<Job> m_job;
    std::shared_ptr<ConnectHandoff> m_handoff; // the running attempt's
    ConnectionProfile m_profile;
    std::unique_ptr<ProjectSession> m_session;
};

} // namespace lb
