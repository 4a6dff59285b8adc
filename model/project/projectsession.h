#pragma once

#include "domain/ontology.h"
#include "domain/result.h"
#include "engine/engine.h"
#include "project/connectionprofile.h"
#include "store/store.h"

#include <atomic>
#include <functional>
#include <memory>
#include <QString>

namespace lb {

// One open project on the GUI thread: its store (a project file or a live Encord project), the engine over it
// and what the screens need from it often (title, ontology). Jobs do not use this store; they open their own
// with Store::openAnother() on their worker thread.
class ProjectSession
{
public:
    // A project file. Quick: opens on the calling thread.
    static Result<std::unique_ptr<ProjectSession>> open(const QString &path);
    // A live Encord project. Talks to Encord and reads every row's counts into the local cache, so it blocks
    // for a while: call it on a worker thread. The session it returns is for the thread that uses it next
    // (its store connects to Encord and to the cache on first use there). `progress` gets the bundles of
    // label rows read: (done, total). The passphrase is for a protected key; it is used once, never kept.
    // Setting `cancelFlag` stops the reading early (ErrorKind::Cancelled or the store's own error).
    static Result<std::unique_ptr<ProjectSession>>
    openEncord(const ConnectionProfile &profile, const QByteArray &passphrase = QByteArray(),
               const std::function<void(int, int)> &progress = {},
               const std::atomic_bool *cancelFlag = nullptr);

    // The project file, or empty for an Encord project.
    QString path() const { return m_path; }
    // The project file, or the Encord project's URL.
    QString location() const;
    bool isRemote() const { return m_remote; }
    const ConnectionProfile &encordProfile() const { return m_profile; }
    QString title() const;
    bool isReadOnly() const { return m_readOnly; }
    Store &store() { return *m_store; }
    Engine &engine() { return *m_engine; }
    const Ontology &ontology() const { return m_ontology; }
    int dataUnitCount() const { return m_dataUnitCount; }
    int branchCount() const { return m_branchCount; }
    // Something to tell the user about the SSH key, e.g. that others can read its file; empty if all is well.
    QString keyWarning() const { return m_keyWarning; }

private:
    ProjectSession() = default;
    // Ontology, data-unit count and engine over m_store.
    Result<void> load(const QString &what);

    QString m_path;
    bool m_remote = false;
    bool m_readOnly = false;
    ConnectionProfile m_profile;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Engine> m_engine;
    Ontology m_ontology;
    int m_dataUnitCount = 0;
    int m_branchCount = 0;
    QString m_keyWarning;
};

} // namespace lb
