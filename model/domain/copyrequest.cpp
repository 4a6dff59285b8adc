#include "domain/copyrequest.h"

namespace lb {

QString planActionName(PlanAction action)
{
    switch (action) {
    case PlanAction::Create:
        return QStringLiteral("create");
    case PlanAction::Replace:
        return QStringLiteral("replace");
    case PlanAction::Skip:
        return QStringLiteral("skip");
    }
    return QStringLiteral("skip");
}

QString copyMethodName(CopyMethod method)
{
    switch (method) {
    case CopyMethod::Server:
        return QStringLiteral("server");
    case CopyMethod::Client:
        return QStringLiteral("client");
    case CopyMethod::Local:
        break;
    }
    return QStringLiteral("local");
}

QString copyMethodText(const CopyResult &result)
{
    QString text;
    if (result.method == CopyMethod::Server)
        text = QStringLiteral("copied by Encord's copy endpoint");
    else if (result.method == CopyMethod::Client)
        text =
            QStringLiteral("copied client-side: this Encord deployment has no copy endpoint, so labelbranch "
                           "read the source rows and saved them onto the target");
    if (result.unidentified > 0)
        text += QStringLiteral("%1%2 copied into data units the target may already have had rows for cannot "
                               "be told apart; undo leaves them")
                    .arg(text.isEmpty() ? QString() : QStringLiteral(". "))
                    .arg(result.unidentified == 1 ? QStringLiteral("1 row")
                                                  : QStringLiteral("%1 rows").arg(result.unidentified));
    return text;
}

} // namespace lb
