#include "engine/reviewitem.h"

namespace lb {

QString ReviewProgress::text() const
{
    return QStringLiteral("%1 of %2 decided").arg(decided).arg(total);
}

} // namespace lb
