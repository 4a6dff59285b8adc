#pragma once

#include "project/connectionprofile.h"

#include <memory>
#include <QObject>
#include <QString>

namespace lb {

class ProjectSession;

// Opens a live Encord project on a worker thread (ProjectSession::openEncord), so the window stays responsive
// while Encord answers, and hands the session to the GUI thread. Only the newest attempt reports: starting
// again makes an earlier one's outcome irrelevant.
class EncordConnector : public QObject
{
    Q_OBJECT
public:
    explicit EncordConnector(QObject *parent = nullptr);
    // Does not wait: an attempt still waiting for Encord ends on its own and reports to no one.
    ~EncordConnector() override;

    bool isRunning() const { return m_running; }
    // The passphrase unlocks a protected key for this attempt only.
    void start(const ConnectionProfile &profile, const QByteArray &passphrase = QByteArray());
    // Forgets the running attempt: it ends in the background and reports nothing.
    void abandon();
    // The session of the last success; the caller owns it from then on.
    std::unique_ptr<ProjectSession> takeSession();
    ConnectionProfile profile() const { return m_profile; }

Q_SIGNALS:
    void progressChanged(int bundlesDone, int bundlesTotal);
    // The project's title and how many branches it has.
    void succeeded(const QString &title, int branchCount);
    void failed(const QString &message);
    void runningChanged(bool running);

private:
    void setRunning(bool running);

    quint64 m_attempt = 0;
    bool m_running = false;
    ConnectionProfile m_profile;
    // Shared only to cross from the worker thread; the session itself is handed over once.
    std::shared_ptr<std::unique_ptr<ProjectSession>> m_session;
};

} // namespace lb
