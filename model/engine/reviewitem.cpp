#include "engine/reviewitem.h"

namespace lb {

void ReviewProgress::add(const ReviewItem &item)
{
    ++total;
    if (item.isDecided())
        ++decided;
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
