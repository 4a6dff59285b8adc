#pragma once

#include "encord/api/encordclient.h"
#include "encord/ssh/sshkey.h"

#include <atomic>
#include <memory>
#include <QThread>

namespace lb {

// The EncordClient of the calling thread. Qt's network manager belongs to the thread that made it, so a store
// used from another thread (a job's worker) gets a client of its own; the cancel flag follows to each one.
class EncordThreadClient
{
public:
    EncordThreadClient(SshKey key, EncordClientSettings settings);
    ~EncordThreadClient();

    EncordClient &get();
    // Stops waiting for Encord between and during requests; the interrupted call fails with "cancelled".
    void setCancelFlag(const std::atomic_bool *flag);

private:
    SshKey m_key;
    EncordClientSettings m_settings;
    std::unique_ptr<EncordClient> m_client;
    QThread *m_thread = nullptr;
    const std::atomic_bool *m_cancelFlag = nullptr;
};

} // namespace lb
