#include "project/projectsession.h"

#include "domain/branchname.h"
#include "project/projectopener.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace lb {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lb::ProjectSession", text);
}

} // namespace

Result<std::unique_ptr<ProjectSession>> ProjectSession::open(const QString &path)
{
    Result<std::unique_ptr<Store>> store = ProjectOpener::openFile(path);
    if (!store) {
        if (store.errorKind() == ErrorKind::NotFound)
            return fail(ErrorKind::NotFound, tr("The project file %1 does not exist").arg(path));
        return withContext(store.takeError(), tr("Cannot open %1: %2").arg(path, store.error()));
    }

    std::unique_ptr<ProjectSession> session(new ProjectSession);
    session->m_path = QFileInfo(path).absoluteFilePath();
    session->m_readOnly = store.value()->isReadOnly();
    session->m_store = std::move(store).value();
    if (auto loaded = session->load(path); !loaded)
        return loaded.takeError();
    return session;
}

Result<std::unique_ptr<ProjectSession>>
ProjectSession::openEncord(const ConnectionProfile &profile, const QByteArray &passphrase,
                           const std::function<void(int, int)> &progress, const std::atomic_bool *cancelFlag)
{
    if (profile.projectId.trimmed().isEmpty())
        return fail(ErrorKind::Usage, tr("Enter the Encord project ID"));
    Result<OpenedEncordProject> opened = ProjectOpener::openEncord(profile, passphrase, progress);
    if (!opened)
        return opened.takeError();
    const QString keyWarning = opened->keyWarning;
    Store &remote = *opened->store;
    remote.setCancelFlag(cancelFlag);
    // Reading the branches fetches every row once and keeps its counts in the cache, so the screens that list
    // branches and rows later find them there instead of waiting for Encord.
    Result<QList<BranchInfo>> branches = remote.branches();
    if (!branches)
        return branches.takeError();
    RowQuery everyUnit;
    everyUnit.branch = kMainBranch;
    everyUnit.includeUninitialised = true;
    Result<int> units = remote.countRows(everyUnit);
    if (!units)
        return units.takeError();

    // The store for the thread that uses the session next; this one's connections belong to this thread.
    Result<std::unique_ptr<Store>> forSession = remote.openAnother();
    if (!forSession)
        return forSession.takeError();

    std::unique_ptr<ProjectSession> session(new ProjectSession);
    session->m_remote = true;
    session->m_profile = profile;
    session->m_profile.projectId = profile.projectId.trimmed();
    if (session->m_profile.name.trimmed().isEmpty())
        session->m_profile.name = remote.projectInfo().title;
    session->m_keyWarning = keyWarning;
    session->m_store = std::move(forSession).value();
    session->m_ontology = remote.ontology().value();
    session->m_dataUnitCount = units.value();
    session->m_branchCount = int(branches->size());
    session->m_engine = std::make_unique<Engine>(*session->m_store);
    return session;
}

Result<void> ProjectSession::load(const QString &what)
{
    Result<Ontology> ontology = m_store->ontology();
    if (!ontology)
        return fail(tr("Cannot read the ontology of %1: %2").arg(what, ontology.error()));
    m_ontology = ontology.value();
    // Counting main's rows with the uninitialised ones counts the data units without loading them all.
    RowQuery everyUnit;
    everyUnit.branch = kMainBranch;
    everyUnit.includeUninitialised = true;
    Result<int> units = m_store->countRows(everyUnit);
    if (!units)
        return fail(tr("Cannot read the data units of %1: %2").arg(what, units.error()));
    m_dataUnitCount = units.value();
    m_engine = std::make_unique<Engine>(*m_store);
    return {};
}

QString ProjectSession::location() const
{
    return m_remote ? m_store->projectInfo().location : m_path;
}

QString ProjectSession::title() const
{
    const QString title = m_store->projectInfo().title;
    if (!title.isEmpty())
        return title;
    return m_remote ? m_profile.projectId : QFileInfo(m_path).completeBaseName();
}

} // namespace lb
