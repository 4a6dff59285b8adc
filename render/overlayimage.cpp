#include "render/overlayimage.h"

#include "render/overlaypainter.h"
#include "render/overlaypalette.h"

#include <algorithm>
#include <QPainter>

namespace lb {

QImage renderOverlayImage(const ObjectDiff &diff, int frame, QSize imageSize, const Ontology &ontology,
                          const QSize &maxSize, const QFont &font, const QImage &background)
{
    // Without a size in the row a common aspect keeps shapes in proportion, as on the canvas.
    if (imageSize.isEmpty())
        imageSize = QSize(1280, 720);
    const double zoom = std::min(
        {1.0, double(maxSize.width()) / imageSize.width(), double(maxSize.height()) / imageSize.height()});
    const QSize size(std::max(1, qRound(imageSize.width() * zoom)),
                     std::max(1, qRound(imageSize.height() * zoom)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(overlaypalette::surround());
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const OverlayView view{imageSize, zoom, QPointF(0, 0)};
    overlay::paintBackground(painter, view.imageRect(), background, zoom);
    OverlayMasks masks;
    QList<OverlayShape> shapes;
    for (const FrameDiff &frameDiff : diff.frames) {
        if (frameDiff.frame != frame)
            continue;
        for (const ObjectChange &change : frameDiff.objects) {
            for (const OverlaySide side : {OverlaySide::Source, OverlaySide::Target}) {
                const std::optional<ObjectAnnotation> &a =
                    side == OverlaySide::Source ? change.source : change.target;
                if (a && a->geometry.shape != ShapeType::Other)
                    shapes.append(overlay::shapeOf(change, side, view, masks, frame));
            }
        }
    }
    overlay::sortForPainting(shapes, QString());
    for (const OverlayShape &shape : std::as_const(shapes))
        overlay::paintShape(painter, shape, false, zoom);
    overlay::paintTags(painter, shapes, {}, ontology, font, size.width());
    painter.end();
    return image;
}

} // namespace lb
