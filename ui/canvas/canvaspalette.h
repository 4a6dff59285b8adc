#pragma once

#include "diff/objectdiff.h"

#include <QColor>
#include <QString>

namespace lb {

// Colours of the annotation overlay and its legend. Taken from the Okabe–Ito set, which stays distinguishable
// with the common colour-vision deficiencies: blue = added on the target, vermillion = removed (only on the
// source), yellow = edited, grey = unchanged. Shapes get a dark halo, so they read on photos and on the
// neutral canvas alike.
namespace canvaspalette {

QColor colorOf(ChangeKind kind);
QColor halo();
QColor neutralCanvas(); // stands in for the image when the media is not available locally
QColor canvasGrid();
QColor surround(); // the widget around the image
QColor text();

} // namespace canvaspalette
} // namespace lb
