#include "window/encordconnector.h"

#include "project/projectsession.h"

#include <QPointer>
#include <QThreadPool>

namespace lb {

EncordConnector::EncordConnector(QObject *parent) : QObject(parent) {}

EncordConnector::~EncordConnector() = default;

void EncordConnector::start(const ConnectionProfile &profile, const QByteArray &passphrase)
{
    const quint64 attempt = ++m_attempt;
    m_profile = profile;
    m_session.reset();
    setRunning(true);
    QPointer<EncordConnector> self(this);
    QThreadPool::globalInstance()->start([self, attempt, profile, passphrase] {
        // Outcomes come back as queued calls, and only the newest attempt of a live connector is heard.
        auto post = [self, attempt](auto function) {
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, attempt, function] {
                    if (self && self->m_attempt == attempt)
                        function(self.data());
                },
                Qt::QueuedConnection);
        };
        auto progress = [post](int done, int total) {
            post([done, total](EncordConnector *c) { Q_EMIT c->progressChanged(done, total); });
        };
        Result<std::unique_ptr<ProjectSession>> opened =
            ProjectSession::openEncord(profile, passphrase, progress);
        if (!opened) {
            const QString message = opened.error();
            post([message](EncordConnector *c) {
                c->setRunning(false);
                Q_EMIT c->failed(message);
            });
            return;
        }
        auto session = std::make_shared<std::unique_ptr<ProjectSession>>(std::move(opened).value());
        post([session](EncordConnector *c) {
            c->m_session = session;
            c->setRunning(false);
            Q_EMIT c->succeeded((*session)->title(), (*session)->branchCount());
        });
    });
}

void EncordConnector::abandon()
{
    ++m_attempt;
    m_session.reset();
    setRunning(false);
}

std::unique_ptr<ProjectSession> EncordConnector::takeSession()
{
    if (!m_session)
        return nullptr;
    std::unique_ptr<ProjectSession> session = std::move(*m_session);
    m_session.reset();
    return session;
}

void EncordConnector::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

} // namespace lb
