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

} // namespace lb
