#include "domain/reviewdecision.h"

namespace lb {

QString reviewVerdictName(ReviewVerdict verdict)
{
    return verdict == ReviewVerdict::Rejected ? QStringLiteral("rejected") : QStringLiteral("approved");
}

bool parseReviewVerdict(const QString &name, ReviewVerdict *verdict)
{
    if (name == QLatin1String("approved")) {
        *verdict = ReviewVerdict::Approved;
        return true;
    }
    if (name == QLatin1String("rejected")) {
        *verdict = ReviewVerdict::Rejected;
        return true;
    }
    return false;
}

} // namespace lb
