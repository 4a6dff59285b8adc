#include "canvas/annotationcanvas.h"
#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"

#include <algorithm>
#include <QPainter>
#include <QTransform>

namespace lb {

namespace {

constexpr double kLineWidth = 2.0;
constexpr double kEmphasisedWidth = 3.5;
constexpr double kNodeRadius = 3.5;
constexpr int kMaxChangeTags = 12;

// Dash lengths in widget pixels, whatever the pen width, so the halo's dashes line up with the colour's.
QPen linePen(const QColor &color, double width, bool dashed)
{
    QPen pen(color, width);
    pen.setCosmetic(true);
    pen.setJoinStyle(Qt::RoundJoin);
    if (dashed) {
        pen.setCapStyle(Qt::FlatCap);
        pen.setDashPattern({8.0 / width, 5.0 / width});
    } else {
        pen.setCapStyle(Qt::RoundCap);
    }
    return pen;
}

int drawOrder(ChangeKind kind)
{
    // Changes on top of what stayed the same.
    switch (kind) {
    case ChangeKind::Unchanged:
        return 0;
    case ChangeKind::Removed:
        return 1;
    case ChangeKind::Edited:
        return 2;
    case ChangeKind::Added:
        return 3;
    }
    return 0;
}

} // namespace

// --- shapes on screen -----------------------------------------------------------------------------------

AnnotationCanvas::DrawnShape AnnotationCanvas::shapeOf(const ObjectChange &change, Side side) const
{
    DrawnShape shape;
    shape.change = &change;
    shape.side = side;
    const Geometry &g = (side == Side::Source ? change.source : change.target)->geometry;
    auto point = [this](double x, double y) { return mapFromImage(QPointF(x, y)); };
    switch (g.shape) {
    case ShapeType::BoundingBox: {
        QPolygonF box;
        box << point(g.x, g.y) << point(g.x + g.w, g.y) << point(g.x + g.w, g.y + g.h)
            << point(g.x, g.y + g.h);
        shape.path.addPolygon(box);
        shape.path.closeSubpath();
        shape.area = true;
        break;
    }
    case ShapeType::RotatableBoundingBox:
        shape.path.addPolygon(rotatedBoxOnScreen(g));
        shape.path.closeSubpath();
        shape.area = true;
        break;
    case ShapeType::Polygon:
    case ShapeType::Polyline: {
        QPolygonF line;
        for (const NormalizedPoint &p : g.points)
            line << point(p.x, p.y);
        if (line.isEmpty())
            break;
        shape.path.addPolygon(line);
        if (g.shape == ShapeType::Polygon) {
            shape.path.closeSubpath();
            shape.area = true;
        }
        break;
    }
    case ShapeType::Point:
        for (const NormalizedPoint &p : g.points) {
            const QPointF centre = point(p.x, p.y);
            shape.path.addEllipse(centre, kPointRadius, kPointRadius);
            shape.nodes.append(centre);
        }
        break;
    case ShapeType::Skeleton: {
        // The ontology's edges are not in the row; a chain through the nodes in their order shows the pose.
        QPolygonF chain;
        for (const NormalizedPoint &p : g.points) {
            chain << point(p.x, p.y);
            shape.nodes.append(chain.constLast());
        }
        if (!chain.isEmpty())
            shape.path.addPolygon(chain);
        break;
    }
    case ShapeType::Bitmask:
        addMaskShape(change, side, &shape);
        break;
    case ShapeType::Cuboid:
    case ShapeType::Cuboid2D:
    case ShapeType::Audio:
    case ShapeType::Text:
    case ShapeType::Other:
        break; // listed beside the canvas, not drawn on it
    }
    return shape;
}

QList<AnnotationCanvas::DrawnShape> AnnotationCanvas::shapesOnFrame() const
{
    QList<DrawnShape> shapes;
    const auto it = m_frameIndex.constFind(m_frame);
    if (!m_hasContent || it == m_frameIndex.constEnd())
        return shapes;
    for (const ObjectChange &change : m_diff.frames.at(it.value()).objects) {
        for (Side side : {Side::Source, Side::Target}) {
            if (isDrawn(change, side))
                shapes.append(shapeOf(change, side));
        }
    }
    std::stable_sort(shapes.begin(), shapes.end(), [this](const DrawnShape &a, const DrawnShape &b) {
        const bool aTop = a.change->objectHash == m_highlighted;
        const bool bTop = b.change->objectHash == m_highlighted;
        if (aTop != bTop)
            return bTop;
        return drawOrder(a.change->kind) < drawOrder(b.change->kind);
    });
    return shapes;
}

QPolygonF AnnotationCanvas::rotatedBoxOnScreen(const Geometry &g) const
{
    // Encord rotates the box by theta degrees (clockwise on screen) about its centre, in pixels so the
    // image's aspect ratio does not shear it.
    const double width = m_imageSize.width();
    const double height = m_imageSize.height();
    const QPointF centre((g.x + g.w / 2) * width, (g.y + g.h / 2) * height);
    QTransform rotation;
    rotation.translate(centre.x(), centre.y());
    rotation.rotate(g.theta);
    rotation.translate(-centre.x(), -centre.y());
    const QRectF pixels(g.x * width, g.y * height, g.w * width, g.h * height);
    QPolygonF box = rotation.map(QPolygonF(pixels));
    for (QPointF &p : box)
        p = m_offset + p * m_zoom;
    return box;
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
    paintBackground(painter, imageRect());
    const QList<DrawnShape> shapes = shapesOnFrame();
    for (const DrawnShape &shape : shapes) {
        const QString &hash = shape.change->objectHash;
        paintShape(painter, shape, hash == m_highlighted || hash == m_hovered);
    }
    // Changed objects carry their class and change, unless there are so many that the tags would bury the
    // image; the highlighted and hovered ones always do, on top.
    QSet<QString> changed;
    for (const DrawnShape &shape : shapes) {
        if (shape.change->kind != ChangeKind::Unchanged)
            changed.insert(shape.change->objectHash);
    }
    QSet<QString> tagged;
    QList<QRectF> placed;
    for (int pass = 0; pass < 2; ++pass) {
        for (const DrawnShape &shape : shapes) {
            const QString &hash = shape.change->objectHash;
            const bool focused = hash == m_highlighted || hash == m_hovered;
            const bool wanted =
                pass == 0 ? !focused && changed.size() <= kMaxChangeTags && changed.contains(hash) : focused;
            if (wanted && !tagged.contains(hash)) {
                tagged.insert(hash);
                paintTag(painter, shape, &placed);
            }
        }
    }
    paintInfo(painter);
}

void AnnotationCanvas::paintBackground(QPainter &painter, const QRectF &target)
{
    if (!m_image.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 2.0);
        painter.drawImage(target, m_image);
        return;
    }
    painter.fillRect(target, canvaspalette::neutralCanvas());
    // A tenth-of-the-image grid gives a sense of place and scale without any pixels to show.
    painter.setPen(QPen(canvaspalette::canvasGrid(), 1));
    for (int i = 1; i < 10; ++i) {
        const double x = target.left() + target.width() * i / 10.0;
        const double y = target.top() + target.height() * i / 10.0;
        painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()));
        painter.drawLine(QPointF(target.left(), y), QPointF(target.right(), y));
    }
}

void AnnotationCanvas::paintShape(QPainter &painter, const DrawnShape &shape, bool emphasised)
{
    if (shape.mask) {
        paintMask(painter, shape, emphasised);
        return;
    }
    const bool dashed = shape.side == Side::Target;
    QColor color = canvaspalette::colorOf(shape.change->kind);
    // What stayed the same recedes a little, so the eye goes to the changes first.
    if (shape.change->kind == ChangeKind::Unchanged && !emphasised)
        color.setAlpha(190);
    const double width = emphasised ? kEmphasisedWidth : kLineWidth;
    if (emphasised && shape.area) {
        QColor fill = color;
        fill.setAlpha(70);
        painter.fillPath(shape.path, fill);
    }
    painter.setBrush(Qt::NoBrush);
    const std::optional<ObjectAnnotation> &annotation =
        shape.side == Side::Source ? shape.change->source : shape.change->target;
    const bool isPoint = annotation->geometry.shape == ShapeType::Point;
    if (!isPoint) {
        painter.setPen(linePen(canvaspalette::halo(), width + 3.0, dashed));
        painter.drawPath(shape.path);
        painter.setPen(linePen(color, width, dashed));
        painter.drawPath(shape.path);
    }
    // Points and skeleton nodes: filled dots for the source, rings for the target.
    const double radius = isPoint ? kPointRadius : kNodeRadius;
    const double ring = emphasised ? 3.0 : 2.0;
    for (const QPointF &node : shape.nodes) {
        if (dashed) {
            painter.setPen(QPen(canvaspalette::halo(), ring + 2.0));
            painter.drawEllipse(node, radius, radius);
            painter.setPen(QPen(color, ring));
            painter.drawEllipse(node, radius, radius);
        } else {
            painter.setPen(QPen(canvaspalette::halo(), 1.5));
            painter.setBrush(color);
            painter.drawEllipse(node, radius, radius);
            painter.setBrush(Qt::NoBrush);
        }
    }
}

void AnnotationCanvas::paintTag(QPainter &painter, const DrawnShape &shape, QList<QRectF> *placed)
{
    const ObjectChange &change = *shape.change;
    const QString text =
        tr("%1 · %2").arg(m_ontology.nameOf(change.featureHash), changeKindDisplay(change.kind).toLower());
    const QFontMetricsF metrics(font());
    const QRectF bounds = shape.path.boundingRect();
    QRectF tag(QPointF(0, 0), QSizeF(metrics.horizontalAdvance(text) + 12, metrics.height() + 6));
    tag.moveBottomLeft(QPointF(bounds.left(), bounds.top() - 4));
    if (tag.top() < 2)
        tag.moveTopLeft(QPointF(bounds.left(), bounds.bottom() + 4));
    tag.moveLeft(std::clamp(tag.left(), 2.0, std::max(2.0, width() - tag.width() - 2)));
    // Stack tags that would cover each other: each moves above the ones already drawn there.
    for (int attempt = 0; attempt < 8; ++attempt) {
        const auto covered = std::find_if(placed->cbegin(), placed->cend(),
                                          [&tag](const QRectF &other) { return other.intersects(tag); });
        if (covered == placed->cend())
            break;
        tag.moveBottom(covered->top() - 2);
    }
    placed->append(tag);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 200));
    painter.drawRoundedRect(tag, 4, 4);
    painter.setPen(canvaspalette::colorOf(change.kind));
    painter.drawText(tag, Qt::AlignCenter, text);
    painter.setBrush(Qt::NoBrush);
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
