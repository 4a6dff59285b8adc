#include "window/connectionprofiles.h"

#include <QSettings>

namespace lb {

namespace {

const QString kGroup = QStringLiteral("encordConnections");

void write(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        const ConnectionProfile &p = profiles.at(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("domain"), p.domain.toString());
        settings.setValue(QStringLiteral("projectId"), p.projectId);
        settings.setValue(QStringLiteral("keyPath"), p.keyPath);
    }
    settings.endArray();
}

} // namespace

QList<ConnectionProfile> ConnectionProfiles::list()
{
    QSettings settings;
    const int count = settings.beginReadArray(kGroup);
    QList<ConnectionProfile> profiles;
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.domain = QUrl(settings.value(QStringLiteral("domain")).toString());
        p.projectId = settings.value(QStringLiteral("projectId")).toString();
        p.keyPath = settings.value(QStringLiteral("keyPath")).toString();
        if (!p.projectId.isEmpty())
            profiles.append(p);
    }
    settings.endArray();
    return profiles;
}

void ConnectionProfiles::save(const ConnectionProfile &profile)
{
    QList<ConnectionProfile> profiles = list();
    profiles.removeIf([&profile](const ConnectionProfile &p) {
        return p.displayName() == profile.displayName() || p.sameProject(profile);
    });
    profiles.prepend(profile);
    while (profiles.size() > kMaxProfiles)
        profiles.removeLast();
    write(profiles);
}

void ConnectionProfiles::remove(const QString &name)
{
    QList<ConnectionProfile> profiles = list();
    profiles.removeIf([&name](const ConnectionProfile &p) { return p.displayName() == name; });
    write(profiles);
}

const ConnectionProfile *ConnectionProfiles::find(const QList<ConnectionProfile> &profiles,
                                                  const QString &name)
{
    for (const ConnectionProfile &p : profiles) {
        if (p.displayName() == name)
            return &p;
    }
    return nullptr;
}

} // namespace lb
