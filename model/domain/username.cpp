#include "domain/username.h"

#include <QtGlobal>

namespace lb {

QString osUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    if (name.isEmpty())
        name = unknownUserName();
    return name;
}

QString unknownUserName()
{
    return QStringLiteral("unknown");
}

QString defaultReviewerName()
{
    const QString name = qEnvironmentVariable("LABELBRANCH_REVIEWER").trimmed();
    return name.isEmpty() ? osUserName() : name;
}

} // namespace lb
