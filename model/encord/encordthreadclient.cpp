#include "encord/encordthreadclient.h"

namespace lb {

EncordThreadClient::EncordThreadClient(SshKey key, EncordClientSettings settings)
    : m_key(std::move(key)), m_settings(std::move(settings))
{
}

EncordThreadClient::~EncordThreadClient() = default;

EncordClient &EncordThreadClient::get()
{
    if (!m_client || m_thread != QThread::currentThread()) {
        m_client = std::make_unique<EncordClient>(m_key, m_settings);
        m_client->setCancelFlag(m_cancelFlag);
        m_thread = QThread::currentThread();
    }
    return *m_client;
}

void EncordThreadClient::setCancelFlag(const std::atomic_bool *flag)
{
    m_cancelFlag = flag;
    if (m_client)
        m_client->setCancelFlag(flag);
}

} // namespace lb
