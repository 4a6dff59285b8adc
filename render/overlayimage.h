#pragma once

#include "diff/objectdiff.h"
#include "domain/ontology.h"

#include <QFont>
#include <QImage>
#include <QSize>

namespace lb {

// One frame of a data unit's object diff drawn into an image by the canvas's overlay painter
// (render/overlaypainter.h): the source solid, the target dashed, coloured by change, changed objects
// tagged; the image (or, without one, the neutral canvas of the unit's size) scaled to fit `maxSize`. Needs a
// QGuiApplication for the tags' font.
QImage renderOverlayImage(const ObjectDiff &diff, int frame, QSize imageSize, const Ontology &ontology,
                          const QSize &maxSize, const QFont &font, const QImage &background = QImage());

} // namespace lb
