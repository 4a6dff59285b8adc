#include "render/overlaypainter.h"

#include "render/overlaypalette.h"

#include <algorithm>
#include <QFontMetricsF>
#include <QPainter>
#include <QTransform>

namespace lb {

namespace {

constexpr double kLineWidth = 2.0;
constexpr double kEmphasisedWidth = 3.5;
constexpr double kNodeRadius = 3.5;
constexpr double kUnchangedMaskOpacity = 0.65;
constexpr double kMaskOpacity = 0.9;

// Dash lengths in device pixels, whatever the pen width, so the halo's dashes line up with the colour's.
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

QPen maskFramePen(const QColor &color, double width)
{
    QPen pen(color, width);
    pen.setCosmetic(true);
    pen.setCapStyle(Qt::FlatCap);
    pen.setDashPattern({4.0 / width, 3.0 / width});
    return pen;
}

int drawOrder(ChangeKind kind)
{
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

const std::optional<ObjectAnnotation> &annotationOf(const ObjectChange &change, OverlaySide side)
{
    return side == OverlaySide::Source ? change.source : change.target;
}

// Encord rotates the box by theta degrees (clockwise on screen) about its centre, in pixels so the image's
// aspect ratio does not shear it.
QPolygonF rotatedBox(const Geometry &g, const OverlayView &view)
{
    const double width = view.imageSize.width();
    const double height = view.imageSize.height();
    const QPointF centre((g.x + g.w / 2) * width, (g.y + g.h / 2) * height);
    QTransform rotation;
    rotation.translate(centre.x(), centre.y());
    rotation.rotate(g.theta);
    rotation.translate(-centre.x(), -centre.y());
    const QRectF pixels(g.x * width, g.y * height, g.w * width, g.h * height);
    QPolygonF box = rotation.map(QPolygonF(pixels));
    for (QPointF &p : box)
        p = view.offset + p * view.zoom;
    return box;
}

void addMask(const ObjectChange &change, OverlaySide side, const OverlayView &view, OverlayMasks &masks,
             int frame, OverlayShape *shape)
{
    std::shared_ptr<const OverlayMask> mask = masks.of(change, side, frame);
    if (!mask->isValid())
        return; // the object list says what is wrong with it
    shape->mask = mask;
    shape->maskRect =
        QRectF(view.offset + QPointF(mask->origin) * view.zoom, QSizeF(mask->image.size()) * view.zoom);
    const QRect bounds = mask->decoded.bounds;
    if (bounds.isNull())
        return;
    // The set pixels' bounds stand for the mask where a path is needed: tags, bringing it into view.
    shape->path.addRect(QRectF(shape->maskRect.topLeft() + QPointF(bounds.topLeft()) * view.zoom,
                               QSizeF(bounds.size()) * view.zoom));
    shape->area = true;
}

void paintMask(QPainter &painter, const OverlayShape &shape, bool emphasised, double zoom)
{
    painter.save();
    // Mask pixels stay crisp when zoomed in and are smoothed when a large mask is shrunk to fit.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom < 1.0);
    painter.setOpacity(shape.change->kind == ChangeKind::Unchanged && !emphasised ? kUnchangedMaskOpacity
                       : emphasised                                               ? 1.0
                                                                                  : kMaskOpacity);
    painter.drawImage(shape.maskRect, shape.mask->image);
    painter.restore();
    if (emphasised && !shape.path.isEmpty()) {
        // The selected mask is framed, so it can be found among others of the same colour.
        painter.setBrush(Qt::NoBrush);
        painter.setPen(maskFramePen(overlaypalette::halo(), 3.0));
        painter.drawPath(shape.path);
        painter.setPen(maskFramePen(overlaypalette::colorOf(shape.change->kind), 1.5));
        painter.drawPath(shape.path);
    }
}

void paintTag(QPainter &painter, const OverlayShape &shape, const QString &text, const QFontMetricsF &metrics,
              double deviceWidth, QList<QRectF> *placed)
{
    const QRectF bounds = shape.path.boundingRect();
    QRectF tag(QPointF(0, 0), QSizeF(metrics.horizontalAdvance(text) + 12, metrics.height() + 6));
    tag.moveBottomLeft(QPointF(bounds.left(), bounds.top() - 4));
    if (tag.top() < 2)
        tag.moveTopLeft(QPointF(bounds.left(), bounds.bottom() + 4));
    tag.moveLeft(std::clamp(tag.left(), 2.0, std::max(2.0, deviceWidth - tag.width() - 2)));
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
    painter.setPen(overlaypalette::colorOf(shape.change->kind));
    painter.drawText(tag, Qt::AlignCenter, text);
    painter.setBrush(Qt::NoBrush);
}

} // namespace

QPointF OverlayView::map(const QPointF &normalised) const
{
    return offset + QPointF(normalised.x() * imageSize.width(), normalised.y() * imageSize.height()) * zoom;
}

QRectF OverlayView::imageRect() const
{
    return QRectF(offset, QSizeF(imageSize) * zoom);
}

std::shared_ptr<const OverlayMask> OverlayMasks::of(const ObjectChange &change, OverlaySide side, int frame)
{
    if (m_frame != frame) {
        m_masks.clear();
        m_frame = frame;
    }
    const QString key =
        (side == OverlaySide::Source ? QStringLiteral("s:") : QStringLiteral("t:")) + change.objectHash;
    auto found = m_masks.constFind(key);
    if (found == m_masks.constEnd()) {
        const Geometry &g = annotationOf(change, side)->geometry;
        found = m_masks.insert(
            key, std::make_shared<const OverlayMask>(renderOverlayMask(
                     g.bitmask, overlaypalette::colorOf(change.kind), side == OverlaySide::Target)));
    }
    return found.value();
}

void OverlayMasks::clear()
{
    m_masks.clear();
    m_frame = -1;
}

namespace overlay {

OverlayShape shapeOf(const ObjectChange &change, OverlaySide side, const OverlayView &view,
                     OverlayMasks &masks, int frame)
{
    OverlayShape shape;
    shape.change = &change;
    shape.side = side;
    const Geometry &g = annotationOf(change, side)->geometry;
    auto point = [&view](double x, double y) { return view.map(QPointF(x, y)); };
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
        shape.path.addPolygon(rotatedBox(g, view));
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
        addMask(change, side, view, masks, frame, &shape);
        break;
    case ShapeType::Cuboid:
    case ShapeType::Cuboid2D:
    case ShapeType::Audio:
    case ShapeType::Text:
    case ShapeType::Other:
        break; // listed beside the overlay, not drawn on it
    }
    return shape;
}

void sortForPainting(QList<OverlayShape> &shapes, const QString &onTop)
{
    std::stable_sort(shapes.begin(), shapes.end(), [&onTop](const OverlayShape &a, const OverlayShape &b) {
        const bool aTop = !onTop.isEmpty() && a.change->objectHash == onTop;
        const bool bTop = !onTop.isEmpty() && b.change->objectHash == onTop;
        if (aTop != bTop)
            return bTop;
        return drawOrder(a.change->kind) < drawOrder(b.change->kind);
    });
}

void paintBackground(QPainter &painter, const QRectF &target, const QImage &image, double zoom)
{
    if (!image.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom < 2.0);
        painter.drawImage(target, image);
        return;
    }
    painter.fillRect(target, overlaypalette::neutralCanvas());
    // A tenth-of-the-image grid gives a sense of place and scale without any pixels to show.
    painter.setPen(QPen(overlaypalette::canvasGrid(), 1));
    for (int i = 1; i < 10; ++i) {
        const double x = target.left() + target.width() * i / 10.0;
        const double y = target.top() + target.height() * i / 10.0;
        painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()));
        painter.drawLine(QPointF(target.left(), y), QPointF(target.right(), y));
    }
}

void paintShape(QPainter &painter, const OverlayShape &shape, bool emphasised, double zoom)
{
    if (shape.mask) {
        paintMask(painter, shape, emphasised, zoom);
        return;
    }
    const bool dashed = shape.side == OverlaySide::Target;
    QColor color = overlaypalette::colorOf(shape.change->kind);
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
    const bool isPoint = annotationOf(*shape.change, shape.side)->geometry.shape == ShapeType::Point;
    if (!isPoint) {
        painter.setPen(linePen(overlaypalette::halo(), width + 3.0, dashed));
        painter.drawPath(shape.path);
        painter.setPen(linePen(color, width, dashed));
        painter.drawPath(shape.path);
    }
    // Points and skeleton nodes: filled dots for the source, rings for the target.
    const double radius = isPoint ? kPointRadius : kNodeRadius;
    const double ring = emphasised ? 3.0 : 2.0;
    for (const QPointF &node : shape.nodes) {
        if (dashed) {
            painter.setPen(QPen(overlaypalette::halo(), ring + 2.0));
            painter.drawEllipse(node, radius, radius);
            painter.setPen(QPen(color, ring));
            painter.drawEllipse(node, radius, radius);
        } else {
            painter.setPen(QPen(overlaypalette::halo(), 1.5));
            painter.setBrush(color);
            painter.drawEllipse(node, radius, radius);
            painter.setBrush(Qt::NoBrush);
        }
    }
}

QString tagText(const ObjectChange &change, const Ontology &ontology)
{
    return QStringLiteral("%1 · %2").arg(ontology.nameOf(change.featureHash), changeKindName(change.kind));
}

void paintTags(QPainter &painter, const QList<OverlayShape> &shapes, const QSet<QString> &focused,
               const Ontology &ontology, const QFont &font, double deviceWidth)
{
    QSet<QString> changed;
    for (const OverlayShape &shape : shapes) {
        if (shape.change->kind != ChangeKind::Unchanged)
            changed.insert(shape.change->objectHash);
    }
    painter.save();
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    QSet<QString> tagged;
    QList<QRectF> placed;
    for (int pass = 0; pass < 2; ++pass) {
        for (const OverlayShape &shape : shapes) {
            const QString &hash = shape.change->objectHash;
            const bool isFocused = focused.contains(hash);
            const bool wanted = pass == 0
                                    ? !isFocused && changed.size() <= kMaxChangeTags && changed.contains(hash)
                                    : isFocused;
            if (wanted && !tagged.contains(hash)) {
                tagged.insert(hash);
                paintTag(painter, shape, tagText(*shape.change, ontology), metrics, deviceWidth, &placed);
            }
        }
    }
    painter.restore();
}

bool hitsMask(const OverlayShape &shape, const QPointF &position, double zoom)
{
    if (!shape.mask || !shape.maskRect.contains(position))
        return false;
    const QPointF pixel = (position - shape.maskRect.topLeft()) / zoom;
    return shape.mask->decoded.contains(int(pixel.x()), int(pixel.y()));
}

} // namespace overlay

} // namespace lb
