#pragma once

#include "diff/objectdiff.h"

#include <QColor>

namespace lb::overlaypalette {

// Colours of the annotation overlay, on screen and in reports. Taken from the Okabe–Ito set, which stays
// distinguishable with the common colour-vision deficiencies: blue = added on the target, vermillion =
// removed (only on the source), yellow = edited, grey = unchanged. Shapes get a dark halo, so they read on
// photos and on the neutral canvas alike.
QColor colorOf(ChangeKind kind);
QColor halo();
QColor neutralCanvas(); // stands in for the image when the media is not available locally
QColor canvasGrid();
QColor surround(); // around the image
QColor text();

} // namespace lb::overlaypalette
