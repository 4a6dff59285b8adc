#include "canvas/annotationcanvas.h"
#include "canvas/canvasbitmask.h"
#include "canvas/canvaspalette.h"

#include <QPainter>

// The overlay's bitmasks: Encord's RLE masks (docs/encord-api.md §4.4) decoded, tinted in the colour of their
// change and scaled like the other geometry; a click on a set pixel selects the object.

namespace lb {

namespace {

constexpr double kUnchangedOpacity = 0.65;
constexpr double kOpacity = 0.9;

QPen framePen(const QColor &color, double width)
{
    QPen pen(color, width);
    pen.setCosmetic(true);
    pen.setCapStyle(Qt::FlatCap);
    pen.setDashPattern({4.0 / width, 3.0 / width});
    return pen;
}

} // namespace

void AnnotationCanvas::addMaskShape(const ObjectChange &change, Side side, DrawnShape *shape) const
{
    if (m_maskFrame != m_frame) { // a frame's masks are decoded when it is shown and kept until it changes
        m_masks.clear();
        m_maskFrame = m_frame;
    }
    const QString key =
        (side == Side::Source ? QStringLiteral("s:") : QStringLiteral("t:")) + change.objectHash;
    auto found = m_masks.constFind(key);
    if (found == m_masks.constEnd()) {
        const Geometry &g = (side == Side::Source ? change.source : change.target)->geometry;
        found =
            m_masks.insert(key, std::make_shared<const CanvasMask>(renderCanvasMask(
                                    g.bitmask, canvaspalette::colorOf(change.kind), side == Side::Target)));
    }
    const std::shared_ptr<const CanvasMask> &mask = found.value();
    if (!mask->isValid())
        return; // the object list says what is wrong with it
    shape->mask = mask;
    shape->maskRect = QRectF(m_offset + QPointF(mask->origin) * m_zoom, QSizeF(mask->image.size()) * m_zoom);
    const QRect bounds = mask->decoded.bounds;
    if (bounds.isNull())
        return;
    // The set pixels' bounds stand for the mask where a path is needed: tags, bringing it into view.
    shape->path.addRect(QRectF(shape->maskRect.topLeft() + QPointF(bounds.topLeft()) * m_zoom,
                               QSizeF(bounds.size()) * m_zoom));
    shape->area = true;
}

bool AnnotationCanvas::maskHit(const DrawnShape &shape, const QPointF &position) const
{
    if (!shape.mask || !shape.maskRect.contains(position))
        return false;
    const QPointF pixel = (position - shape.maskRect.topLeft()) / m_zoom;
    return shape.mask->decoded.contains(int(pixel.x()), int(pixel.y()));
}

void AnnotationCanvas::paintMask(QPainter &painter, const DrawnShape &shape, bool emphasised)
{
    painter.save();
    // Mask pixels stay crisp when zoomed in and are smoothed when a large mask is shrunk to fit.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1.0);
    painter.setOpacity(shape.change->kind == ChangeKind::Unchanged && !emphasised ? kUnchangedOpacity
                       : emphasised                                               ? 1.0
                                                                                  : kOpacity);
    painter.drawImage(shape.maskRect, shape.mask->image);
    painter.restore();
    if (emphasised && !shape.path.isEmpty()) {
        // The selected mask is framed, so it can be found among others of the same colour.
        painter.setBrush(Qt::NoBrush);
        painter.setPen(framePen(canvaspalette::halo(), 3.0));
        painter.drawPath(shape.path);
        painter.setPen(framePen(canvaspalette::colorOf(shape.change->kind), 1.5));
        painter.drawPath(shape.path);
    }
}

} // namespace lb
