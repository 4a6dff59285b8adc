#include "engine/reviewitem.h"

#include "domain/wording.h"

#include <algorithm>

namespace lb {

namespace {

int countVerdict(const QList<ReviewDecision> &decisions, ReviewVerdict verdict)
{
    return int(std::count_if(decisions.cbegin(), decisions.cend(), [verdict](const ReviewDecision &decision) {
        return decision.verdict == verdict;
    }));
}

} // namespace

int ReviewItem::objectsApproved() const
{
    return countVerdict(objectDecisions, ReviewVerdict::Approved);
}

int ReviewItem::objectsRejected() const
{
    return countVerdict(objectDecisions, ReviewVerdict::Rejected);
}

bool ReviewItem::isApproved() const
{
    if (byObjects())
        return objectsApproved() > 0;
    return hasDecision && !stale && decision.verdict == ReviewVerdict::Approved;
}

QString ReviewItem::objectsText() const
{
    if (!byObjects())
        return QString();
    const int approved = objectsApproved();
    const int rejected = objectsRejected();
    if (rejected == 0)
        return QStringLiteral("%1 approved").arg(plural(approved, QStringLiteral("object")));
    if (approved == 0)
        return QStringLiteral("%1 rejected").arg(plural(rejected, QStringLiteral("object")));
    return QStringLiteral("%1 approved, %2 rejected")
        .arg(plural(approved, QStringLiteral("object")))
        .arg(rejected);
}

int ApplyReviewPlan::objectsApproved() const
{
    int approved = 0;
    for (const ReviewItem &item : objectItems)
        approved += item.objectsApproved();
    return approved;
}

void ReviewProgress::add(const ReviewItem &item)
{
    ++total;
    if (item.isDecided())
        ++decided;
    if (item.isDecided() && item.byObjects())
        ++byObjects;
    if (item.isApproved())
        ++approved;
    if (item.isRejected())
        ++rejected;
    if (item.stale)
        ++stale;
    if (item.threeWay == ThreeWayStatus::Conflict)
        ++conflicts;
}

QString ReviewProgress::text() const
{
    return QStringLiteral("%1 of %2 decided").arg(decided).arg(total);
}

} // namespace lb
