#pragma once

#include <QString>

#include <memory>

#include "engine.h"
#include "ontology.h"
#include "result.h"
#include "sqlitestore.h"

namespace lb {

// One open project on the GUI thread: its store connection, the engine over it and what the screens need
// from it often (title, ontology). Jobs do not use this store; they open their own on their worker thread.
class ProjectSession
{
public:
    static Result<std::unique_ptr<ProjectSession>> open(const QString &path);

    QString path() const { return m_path; }
    QString title() const;
    bool isReadOnly() const { return m_store->isReadOnly(); }
    Store &store() { return *m_store; }
    Engine &engine() { return *m_engine; }
    const Ontology &ontology() const { return m_ontology; }
    int dataUnitCount() const { return m_dataUnitCount; }

private:
    ProjectSession() = default;

    QString m_path;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<Engine> m_engine;
    Ontology m_ontology;
    int m_dataUnitCount = 0;
};

} // namespace lb
