#pragma once

#include "diff/branchdiff.h"

#include <QColor>

namespace lb {

// One place for the colours of the compare view so the chips, the table and the legend agree:
// green = added on the target, red = removed, amber = changed, grey = nothing to see.
namespace diffpalette {

QColor statusColor(DiffStatus status);      // text / accent colour
QColor statusBackground(DiffStatus status); // light fill for chips and cells
QColor deltaColor(int delta, DiffStatus status);
QColor added();
QColor removed();
QColor changed();
QColor neutral();

} // namespace diffpalette
} // namespace lb
