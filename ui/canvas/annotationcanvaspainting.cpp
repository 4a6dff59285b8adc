#include "canvas/annotationcanvas.h"
#include "canvas/canvaspalette.h"

#include <QPainter>

namespace lb {

// --- shapes on screen -----------------------------------------------------------------------------------

QList<AnnotationCanvas::DrawnShape> AnnotationCanvas::shapesOnFrame() const
{
    QList<DrawnShape> shapes;
    const auto it = m_frameIndex.constFind(m_frame);
    if (!m_hasContent || it == m_frameIndex.constEnd())
        return shapes;
    const OverlayView onScreen = view();
    for (const ObjectChange &change : m_diff.frames.at(it.value()).objects) {
        for (Side side : {Side::Source, Side::Target}) {
            if (isDrawn(change, side))
                shapes.append(overlay::shapeOf(change, side, onScreen, m_masks, m_frame));
        }
    }
    overlay::sortForPainting(shapes, m_highlighted);
    return shapes;
}

// --- painting -----------------------------------------------------------------------------------------

void AnnotationCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), canvaspalette::surround());
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_hasContent) {
        painter.setPen(canvaspalette::text());
        const QString text =
            m_placeholder.isEmpty() ? tr("Select a data unit to draw its labels here.") : m_placeholder;
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    overlay::paintBackground(painter, imageRect(), m_image, m_zoom);
    const QList<DrawnShape> shapes = shapesOnFrame();
    for (const DrawnShape &shape : shapes) {
        const QString &hash = shape.change->objectHash;
        overlay::paintShape(painter, shape,
                            hash == m_highlighted || hash == m_hovered || m_marked.contains(hash), m_zoom);
    }
    QSet<QString> focused = m_marked;
    for (const QString &hash : {m_highlighted, m_hovered}) {
        if (!hash.isEmpty())
            focused.insert(hash);
    }
    overlay::paintTags(painter, shapes, focused, m_ontology, font(), width());
    paintInfo(painter);
}

void AnnotationCanvas::paintInfo(QPainter &painter)
{
    QStringList parts;
    if (m_frameCount > 1)
        parts << frameText();
    parts << tr("Zoom %1%").arg(qRound(m_zoom * 100));
    if (m_image.isNull())
        parts << tr("no image in the media folder: blank %1 × %2 canvas")
                     .arg(m_imageSize.width())
                     .arg(m_imageSize.height());
    const QString text = parts.join(QStringLiteral("  ·  "));
    const QFontMetricsF metrics(font());
    QRectF box(QPointF(6, 6), QSizeF(metrics.horizontalAdvance(text) + 12, metrics.height() + 6));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 160));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(canvaspalette::text());
    painter.drawText(box, Qt::AlignCenter, text);
    painter.setBrush(Qt::NoBrush);
}

} // namespace lb
