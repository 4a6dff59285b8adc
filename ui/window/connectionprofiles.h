#pragma once

#include "project/connectionprofile.h"

#include <QList>
#include <QString>

namespace lb {

// The saved Encord connections in QSettings, most recently used first. A profile holds the domain, the
// project ID and the key file's path, never the key.
class ConnectionProfiles
{
public:
    static constexpr int kMaxProfiles = 20;

    static QList<ConnectionProfile> list();
    // Saves the profile first in the list, replacing one of the same name or of the same project.
    static void save(const ConnectionProfile &profile);
    static void remove(const QString &name);
    static const ConnectionProfile *find(const QList<ConnectionProfile> &profiles, const QString &name);
};

} // namespace lb
