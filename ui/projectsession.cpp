#include "projectsession.h"

#include <QCoreApplication>
#include <QFileInfo>

#include "branchname.h"

namespace lb {

Result<std::unique_ptr<ProjectSession>> ProjectSession::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QCoreApplication::translate("lb::ProjectSession", "The project file %1 does not exist").arg(path));
    if (!info.isFile())
        return fail(QCoreApplication::translate("lb::ProjectSession", "%1 is not a file").arg(path));

    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(info.absoluteFilePath());
    if (!store)
        return fail(QCoreApplication::translate("lb::ProjectSession", "Cannot open %1: %2").arg(path, store.error()));

    std::unique_ptr<ProjectSession> session(new ProjectSession);
    session->m_path = info.absoluteFilePath();
    session->m_store = std::move(store).value();
    Result<Ontology> ontology = session->m_store->ontology();
    if (!ontology)
        return fail(QCoreApplication::translate("lb::ProjectSession", "Cannot read the ontology of %1: %2")
                        .arg(path, ontology.error()));
    session->m_ontology = ontology.value();
    // Counting main's rows with the uninitialised ones counts the data units without loading them all.
    RowQuery everyUnit;
    everyUnit.branch = kMainBranch;
    everyUnit.includeUninitialised = true;
    Result<int> units = session->m_store->countRows(everyUnit);
    if (!units)
        return fail(QCoreApplication::translate("lb::ProjectSession", "Cannot read the data units of %1: %2")
                        .arg(path, units.error()));
    session->m_dataUnitCount = units.value();
    session->m_engine = std::make_unique<Engine>(*session->m_store);
    return session;
}

QString ProjectSession::title() const
{
    const QString title = m_store->projectInfo().title;
    return title.isEmpty() ? QFileInfo(m_path).completeBaseName() : title;
}

} // namespace lb
