#pragma once

#include "domain/bitmaskrle.h"
#include "domain/labelrowdocument.h"

#include <QColor>
#include <QImage>
#include <QString>

namespace lb {

// A bitmask object as the overlay draws it: Encord's RLE decoded once (domain/bitmaskrle.h) into an image of
// the mask's own pixels, tinted in the colour of its change with its edge drawn solid; the target's mask is
// striped, as its outlines are dashed. The overlay painter (render/overlaypainter.h) scales the image like
// any other geometry and asks the decoded mask whether a point is on it.
struct OverlayMask
{
    DecodedBitmask decoded;
    QImage image;  // width × height of the mask; null when the RLE did not decode
    QPoint origin; // left, top: where the mask's first pixel is on the image, in image pixels
    QString error; // why the RLE did not decode

    bool isValid() const { return !image.isNull(); }
};

OverlayMask renderOverlayMask(const BitmaskGeometry &geometry, const QColor &color, bool striped);

} // namespace lb
