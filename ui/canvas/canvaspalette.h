#pragma once

#include "diff/objectdiff.h"

#include <QColor>
#include <QString>

namespace lb {

// The overlay's colours under the widgets' names; they are defined once in render/overlaypalette.h, which
// reports share.
namespace canvaspalette {

QColor colorOf(ChangeKind kind);
QColor halo();
QColor neutralCanvas(); // stands in for the image when the media is not available locally
QColor canvasGrid();
QColor surround(); // the widget around the image
QColor text();

} // namespace canvaspalette
} // namespace lb
