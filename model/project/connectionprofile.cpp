#include "project/connectionprofile.h"

#include "encord/api/encordclient.h"

namespace lb {

QUrl ConnectionProfile::euDomain()
{
    return EncordClient::euDomain();
}

QUrl ConnectionProfile::usDomain()
{
    return EncordClient::usDomain();
}

QUrl ConnectionProfile::domainFromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QUrl();
    QUrl url(trimmed.contains(QStringLiteral("://")) ? trimmed : QStringLiteral("https://") + trimmed);
    // A trailing slash would double the one of "/public".
    return url.adjusted(QUrl::StripTrailingSlash);
}

QString ConnectionProfile::displayName() const
{
    return name.trimmed().isEmpty() ? projectId : name.trimmed();
}

QString ConnectionProfile::domainLabel() const
{
    const QUrl normalised = domain.adjusted(QUrl::StripTrailingSlash);
    if (normalised == euDomain())
        return QStringLiteral("EU");
    if (normalised == usDomain())
        return QStringLiteral("US");
    return domain.port() > 0 ? QStringLiteral("%1:%2").arg(domain.host()).arg(domain.port()) : domain.host();
}

bool ConnectionProfile::sameProject(const ConnectionProfile &other) const
{
    return projectId.trimmed() == other.projectId.trimmed() &&
           domain.adjusted(QUrl::StripTrailingSlash) == other.domain.adjusted(QUrl::StripTrailingSlash);
}

} // namespace lb
