#include "widgets/diffpalette.h"

namespace lb::diffpalette {

QColor added()
{
    return QColor(0x10, 0x7c, 0x10);
}

QColor removed()
{
    return QColor(0xc5, 0x0f, 0x1f);
}

QColor changed()
{
    return QColor(0xb3, 0x6b, 0x00);
}

QColor neutral()
{
    return QColor(0x60, 0x5e, 0x5c);
}

QColor statusColor(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Identical:
    case DiffStatus::UninitialisedOnBoth:
        return neutral();
    case DiffStatus::ChangedSameCount:
    case DiffStatus::CountDiffers:
        return changed();
    case DiffStatus::OnlyInSource:
        return removed();
    case DiffStatus::OnlyInTarget:
        return added();
    }
    return neutral();
}

QColor statusBackground(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Identical:
    case DiffStatus::UninitialisedOnBoth:
        return QColor(0xf3, 0xf2, 0xf1);
    case DiffStatus::ChangedSameCount:
    case DiffStatus::CountDiffers:
        return QColor(0xff, 0xf1, 0xd6);
    case DiffStatus::OnlyInSource:
        return QColor(0xfd, 0xe7, 0xe9);
    case DiffStatus::OnlyInTarget:
        return QColor(0xdf, 0xf6, 0xdd);
    }
    return QColor(0xf3, 0xf2, 0xf1);
}

QColor deltaColor(int delta, DiffStatus status)
{
    if (delta > 0)
        return added();
    if (delta < 0)
        return removed();
    return status == DiffStatus::ChangedSameCount ? changed() : neutral();
}

} // namespace lb::diffpalette
