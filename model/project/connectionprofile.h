#pragma once

#include <QString>
#include <QUrl>

namespace lb {

// Where a live Encord project is and which key opens it. The key is named by its file path only: the key
// itself is never kept by the application.
struct ConnectionProfile
{
    QString name;      // what the user calls it; the project title unless renamed
    QUrl domain;       // the Encord API domain, e.g. https://api.encord.com
    QString projectId; // the project hash
    QString keyPath;   // the SSH private key file

    static QUrl euDomain();
    static QUrl usDomain();
    // "api.us.encord.com" is taken as https://api.us.encord.com; white space is ignored.
    static QUrl domainFromText(const QString &text);

    // The name, or the project ID when it has none.
    QString displayName() const;
    // "EU", "US" or the host of a custom domain.
    QString domainLabel() const;
    // Domain and project: what makes two profiles the same project.
    bool sameProject(const ConnectionProfile &other) const;
    bool operator==(const ConnectionProfile &other) const = default;
};

} // namespace lb
