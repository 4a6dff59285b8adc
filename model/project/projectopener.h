#pragma once

#include "domain/result.h"
#include "project/connectionprofile.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <QByteArray>
#include <QString>

namespace lb {

// A live Encord project as opened: its store, and what to tell the user about the key (e.g. that others can
// read its file; empty when all is well).
struct OpenedEncordProject
{
    std::unique_ptr<Store> store;
    QString keyWarning;
};

// The one way into a project, shared by the window's session and the command line: a project file, or a
// live Encord project through an SSH key. Callers get a Store and never name the store that implements it.
class ProjectOpener
{
public:
    // An existing project file. A missing file is ErrorKind::NotFound and is never created; a folder is
    // ErrorKind::Usage. A read-only file opens read-only (Store::isReadOnly()).
    static Result<std::unique_ptr<Store>> openFile(const QString &path);

    // A live Encord project. An empty domain is Encord's default (EU); an empty key path falls back to
    // ENCORD_SSH_KEY_FILE and ENCORD_SSH_KEY, as Encord's SDK does. The passphrase is for a protected key,
    // used once and never kept. `bundleProgress` gets (done, total) bundles while label rows are read.
    // Opening talks to Encord only once the store is first used.
    static Result<OpenedEncordProject> openEncord(const ConnectionProfile &profile,
                                                  const QByteArray &passphrase = QByteArray(),
                                                  std::function<void(int, int)> bundleProgress = {});

    // The names of the environment variables that can hold the key, and "~" expanded in a key path: what
    // a screen needs to say where a key comes from.
    static QString keyFileVariable();
    static QString keyVariable();
    static QString expandKeyPath(const QString &path);
};

} // namespace lb
