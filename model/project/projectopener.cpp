#include "project/projectopener.h"

#include "encord/api/encordclient.h"
#include "encord/encordstore.h"
#include "encord/ssh/sshkey.h"
#include "store/sqlite/sqlitestore.h"

#include <QFileInfo>

namespace lb {

Result<std::unique_ptr<Store>> ProjectOpener::openFile(const QString &path)
{
    const QFileInfo info(path);
    // Checked here so that a mistyped name never becomes a new, empty project file.
    if (!info.exists())
        return fail(ErrorKind::NotFound, QStringLiteral("project file not found: %1").arg(path));
    if (info.isDir())
        return fail(ErrorKind::Usage, QStringLiteral("%1 is a directory, not a project file").arg(path));
    auto opened = SqliteStore::open(info.absoluteFilePath());
    if (!opened)
        return opened.takeError();
    return std::unique_ptr<Store>(std::move(opened).value());
}

Result<OpenedEncordProject> ProjectOpener::openEncord(const ConnectionProfile &profile,
                                                      const QByteArray &passphrase,
                                                      std::function<void(int, int)> bundleProgress)
{
    EncordStoreSettings settings;
    settings.client.projectHash = profile.projectId.trimmed();
    if (settings.client.projectHash.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no Encord project ID given"));
    if (!profile.domain.isEmpty())
        settings.client.domain = profile.domain;
    if (auto domain = EncordClient::checkDomain(settings.client.domain); !domain)
        return domain.takeError();

    Result<SshKey> key = SshKey::load(expandKeyPath(profile.keyPath.trimmed()), passphrase);
    if (!key)
        return key.takeError();
    OpenedEncordProject opened;
    opened.keyWarning = key->warning();
    auto store = EncordStore::open(std::move(key).value(), std::move(settings));
    if (!store)
        return store.takeError();
    store.value()->setBundleProgress(std::move(bundleProgress));
    opened.store = std::move(store).value();
    return opened;
}

QString ProjectOpener::keyFileVariable()
{
    return QLatin1String(SshKey::KeyFileVariable);
}

QString ProjectOpener::keyVariable()
{
    return QLatin1String(SshKey::KeyVariable);
}

QString ProjectOpener::expandKeyPath(const QString &path)
{
    return SshKey::expandHome(path);
}

} // namespace lb
