#include "canvas/annotationcanvas.h"

#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"

#include <algorithm>
#include <cmath>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QToolTip>
#include <QTransform>
#include <QWheelEvent>

namespace lb {

namespace {

constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 40.0;
constexpr double kFitMargin = 12.0;
constexpr double kLineWidth = 2.0;
constexpr double kEmphasisedWidth = 3.5;
constexpr double kPointRadius = 5.0;
constexpr double kNodeRadius = 3.5;
constexpr double kHitTolerance = 6.0;
constexpr double kDragThreshold = 4.0;
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

double area(const QRectF &rect)
{
    return std::max(rect.width(), 1.0) * std::max(rect.height(), 1.0);
}

} // namespace

AnnotationCanvas::AnnotationCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("annotationCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Annotation overlay"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize AnnotationCanvas::sizeHint() const
{
    return QSize(640, 400);
}

QSize AnnotationCanvas::minimumSizeHint() const
{
    return QSize(240, 160);
}

void AnnotationCanvas::setDiff(const ObjectDiff &diff, const Ontology &ontology, const QSize &imageSize,
                               int frameCount)
{
    m_diff = diff;
    m_ontology = ontology;
    m_frameIndex.clear();
    for (int i = 0; i < m_diff.frames.size(); ++i)
        m_frameIndex.insert(m_diff.frames.at(i).frame, i);
    // Without a size in the row (some exports leave it out) a common aspect keeps shapes in proportion.
    m_imageSize = imageSize.isValid() && !imageSize.isEmpty() ? imageSize : QSize(1280, 720);
    m_frameCount = std::max(1, frameCount);
    m_hasContent = true;
    m_placeholder.clear();
    m_highlighted.clear();
    m_hovered.clear();
    m_frame = -1;
    const int first = m_diff.changedFrames.isEmpty()
                          ? (m_diff.frames.isEmpty() ? 0 : m_diff.frames.constFirst().frame)
                          : m_diff.changedFrames.constFirst();
    m_fit = true;
    applyFit();
    setFrame(first);
    update();
}

void AnnotationCanvas::setBranchNames(const QString &source, const QString &target)
{
    m_sourceBranch = source;
    m_targetBranch = target;
}

void AnnotationCanvas::setBackgroundImage(const QImage &image)
{
    m_image = image;
    update();
}

void AnnotationCanvas::showPlaceholder(const QString &text)
{
    clear();
    m_placeholder = text;
    update();
}

void AnnotationCanvas::clear()
{
    m_diff = ObjectDiff();
    m_ontology = Ontology();
    m_frameIndex.clear();
    m_image = QImage();
    m_hasContent = false;
    m_placeholder.clear();
    m_highlighted.clear();
    m_hovered.clear();
    m_frame = 0;
    m_frameCount = 1;
    update();
}

void AnnotationCanvas::setFrame(int frame)
{
    frame = std::clamp(frame, 0, std::max(0, m_frameCount - 1));
    if (frame == m_frame)
        return;
    m_frame = frame;
    m_hovered.clear();
    update();
    Q_EMIT frameChanged(m_frame);
}

int AnnotationCanvas::nextChangedFrame() const
{
    const auto it = std::upper_bound(m_diff.changedFrames.cbegin(), m_diff.changedFrames.cend(), m_frame);
    return it == m_diff.changedFrames.cend() ? -1 : *it;
}

int AnnotationCanvas::previousChangedFrame() const
{
    const auto it = std::lower_bound(m_diff.changedFrames.cbegin(), m_diff.changedFrames.cend(), m_frame);
    return it == m_diff.changedFrames.cbegin() ? -1 : *std::prev(it);
}

void AnnotationCanvas::goToNextChangedFrame()
{
    const int frame = nextChangedFrame();
    if (frame >= 0)
        setFrame(frame);
}

void AnnotationCanvas::goToPreviousChangedFrame()
{
    const int frame = previousChangedFrame();
    if (frame >= 0)
        setFrame(frame);
}

void AnnotationCanvas::setBranchVisible(Side side, bool visible)
{
    (side == Side::Source ? m_showSource : m_showTarget) = visible;
    update();
}

bool AnnotationCanvas::isBranchVisible(Side side) const
{
    return side == Side::Source ? m_showSource : m_showTarget;
}

void AnnotationCanvas::setClassVisible(const QString &featureHash, bool visible)
{
    if (visible)
        m_hiddenClasses.remove(featureHash);
    else
        m_hiddenClasses.insert(featureHash);
    update();
}

bool AnnotationCanvas::isClassVisible(const QString &featureHash) const
{
    return !m_hiddenClasses.contains(featureHash);
}

void AnnotationCanvas::setUnchangedVisible(bool visible)
{
    m_showUnchanged = visible;
    update();
}

void AnnotationCanvas::setHighlightedObject(const QString &objectHash)
{
    if (objectHash == m_highlighted)
        return;
    m_highlighted = objectHash;
    update();
}

void AnnotationCanvas::ensureObjectVisible(const QString &objectHash)
{
    QRectF bounds;
    const QList<DrawnShape> shapes = shapesOnFrame();
    for (const DrawnShape &shape : shapes) {
        if (shape.change->objectHash == objectHash)
            bounds |= shape.path.boundingRect();
    }
    const QRectF view = QRectF(rect()).adjusted(kFitMargin, kFitMargin, -kFitMargin, -kFitMargin);
    if (bounds.isNull() || view.contains(bounds))
        return;
    m_offset += view.center() - bounds.center();
    m_fit = false;
    update();
}

bool AnnotationCanvas::isDrawn(const ObjectChange &change, Side side) const
{
    const std::optional<ObjectAnnotation> &annotation = side == Side::Source ? change.source : change.target;
    if (!annotation || !isBranchVisible(side))
        return false;
    if (m_hiddenClasses.contains(annotation->featureHash))
        return false;
    // The highlighted object stays visible even when unchanged objects are hidden: the user asked for it.
    if (change.kind == ChangeKind::Unchanged && !m_showUnchanged && change.objectHash != m_highlighted)
        return false;
    return annotation->geometry.shape != ShapeType::Other;
}

QStringList AnnotationCanvas::drawnObjects(Side side) const
{
    QStringList hashes;
    const auto it = m_frameIndex.constFind(m_frame);
    if (!m_hasContent || it == m_frameIndex.constEnd())
        return hashes;
    for (const ObjectChange &change : m_diff.frames.at(it.value()).objects) {
        if (isDrawn(change, side))
            hashes.append(change.objectHash);
    }
    return hashes;
}

QRectF AnnotationCanvas::imageRect() const
{
    return QRectF(m_offset, QSizeF(m_imageSize) * m_zoom);
}

QPointF AnnotationCanvas::mapFromImage(const QPointF &normalised) const
{
    return m_offset +
           QPointF(normalised.x() * m_imageSize.width(), normalised.y() * m_imageSize.height()) * m_zoom;
}

AnnotationCanvas::DrawnShape AnnotationCanvas::shapeOf(const ObjectChange &change, Side side) const
{
    DrawnShape shape;
    shape.change = &change;
    shape.side = side;
    const Geometry &g = (side == Side::Source ? change.source : change.target)->geometry;
    const double width = m_imageSize.width();
    const double height = m_imageSize.height();
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
    case ShapeType::RotatableBoundingBox: {
        // Encord rotates the box by theta degrees (clockwise on screen) about its centre, in pixels so the
        // image's aspect ratio does not shear it.
        const QPointF centre((g.x + g.w / 2) * width, (g.y + g.h / 2) * height);
        QTransform rotation;
        rotation.translate(centre.x(), centre.y());
        rotation.rotate(g.theta);
        rotation.translate(-centre.x(), -centre.y());
        const QRectF pixels(g.x * width, g.y * height, g.w * width, g.h * height);
        QPolygonF box = rotation.map(QPolygonF(pixels));
        for (QPointF &p : box)
            p = m_offset + p * m_zoom;
        shape.path.addPolygon(box);
        shape.path.closeSubpath();
        shape.area = true;
        break;
    }
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
    case ShapeType::Other:
        break;
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

const AnnotationCanvas::DrawnShape *AnnotationCanvas::hit(const QList<DrawnShape> &shapes,
                                                          const QPointF &position) const
{
    // The smallest shape under the pointer wins, so a sign inside a drivable area can still be picked.
    const DrawnShape *best = nullptr;
    double bestArea = 0.0;
    QPainterPathStroker stroker;
    stroker.setWidth(2 * kHitTolerance);
    for (const DrawnShape &shape : shapes) {
        bool inside = shape.area && shape.path.contains(position);
        if (!inside)
            inside = stroker.createStroke(shape.path).contains(position);
        for (const QPointF &node : shape.nodes) {
            if (!inside && QLineF(node, position).length() <= kPointRadius + kHitTolerance)
                inside = true;
        }
        if (!inside)
            continue;
        const double size = area(shape.path.boundingRect());
        if (!best || size < bestArea) {
            best = &shape;
            bestArea = size;
        }
    }
    return best;
}

QString AnnotationCanvas::objectAt(const QPointF &position) const
{
    const QList<DrawnShape> shapes = shapesOnFrame();
    const DrawnShape *shape = hit(shapes, position);
    return shape ? shape->change->objectHash : QString();
}

QPointF AnnotationCanvas::pointOnObject(const QString &objectHash) const
{
    const QList<DrawnShape> shapes = shapesOnFrame();
    for (const DrawnShape &shape : shapes) {
        if (shape.change->objectHash != objectHash)
            continue;
        if (!shape.nodes.isEmpty())
            return shape.nodes.constFirst();
        if (shape.area)
            return shape.path.boundingRect().center();
        // A line: the point of it nearest the middle of the view, so it is on screen when any of it is.
        const QPointF middle = QRectF(rect()).center();
        QPointF nearest;
        double nearestDistance = -1.0;
        for (int step = 0; step <= 200; ++step) {
            const QPointF p = shape.path.pointAtPercent(step / 200.0);
            const double distance = QLineF(p, middle).length();
            if (nearestDistance < 0 || distance < nearestDistance) {
                nearest = p;
                nearestDistance = distance;
            }
        }
        return nearest;
    }
    return QPointF();
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
        parts << tr("Frame %1 of %2").arg(m_frame).arg(m_frameCount - 1);
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

// --- zoom and pan ---------------------------------------------------------------------------------------

void AnnotationCanvas::applyFit()
{
    if (m_imageSize.isEmpty() || width() <= 0 || height() <= 0)
        return;
    const double availableWidth = std::max(1.0, width() - 2 * kFitMargin);
    const double availableHeight = std::max(1.0, height() - 2 * kFitMargin);
    m_zoom =
        std::clamp(std::min(availableWidth / m_imageSize.width(), availableHeight / m_imageSize.height()),
                   kMinZoom, kMaxZoom);
    m_offset =
        QPointF((width() - m_imageSize.width() * m_zoom) / 2, (height() - m_imageSize.height() * m_zoom) / 2);
}

void AnnotationCanvas::fitToWindow()
{
    m_fit = true;
    applyFit();
    update();
    Q_EMIT zoomChanged(m_zoom);
}

void AnnotationCanvas::zoomAt(double factor, const QPointF &anchor)
{
    if (!m_hasContent)
        return;
    const double zoom = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    // The image point under the anchor stays under it.
    const QPointF imagePoint = (anchor - m_offset) / m_zoom;
    m_zoom = zoom;
    m_offset = anchor - imagePoint * m_zoom;
    m_fit = false;
    update();
    Q_EMIT zoomChanged(m_zoom);
}

void AnnotationCanvas::zoomIn()
{
    zoomAt(kZoomStep, QRectF(rect()).center());
}

void AnnotationCanvas::zoomOut()
{
    zoomAt(1.0 / kZoomStep, QRectF(rect()).center());
}

void AnnotationCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fit)
        applyFit();
}

void AnnotationCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        event->ignore();
        return;
    }
    zoomAt(std::pow(kZoomStep, steps), event->position());
    event->accept();
}

void AnnotationCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_pressed = true;
        m_panning = event->button() == Qt::MiddleButton;
        m_pressPosition = event->position();
        m_pressOffset = m_offset;
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void AnnotationCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed) {
        const QPointF moved = event->position() - m_pressPosition;
        if (!m_panning && moved.manhattanLength() > kDragThreshold)
            m_panning = true;
        if (m_panning) {
            setCursor(Qt::ClosedHandCursor);
            m_offset = m_pressOffset + moved;
            m_fit = false;
            update();
        }
        return;
    }
    const QString hovered = objectAt(event->position());
    if (hovered != m_hovered) {
        m_hovered = hovered;
        setCursor(hovered.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
        update();
    }
}

void AnnotationCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const bool wasPanning = m_panning;
    m_pressed = false;
    m_panning = false;
    unsetCursor();
    if (!wasPanning && event->button() == Qt::LeftButton && m_hasContent) {
        const QString hash = objectAt(event->position());
        setHighlightedObject(hash);
        Q_EMIT objectClicked(hash);
    }
    event->accept();
}

void AnnotationCanvas::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        fitToWindow();
        break;
    case Qt::Key_BracketRight:
        goToNextChangedFrame();
        break;
    case Qt::Key_BracketLeft:
        goToPreviousChangedFrame();
        break;
    case Qt::Key_Period:
        setFrame(m_frame + 1);
        break;
    case Qt::Key_Comma:
        setFrame(m_frame - 1);
        break;
    case Qt::Key_Escape:
        if (m_highlighted.isEmpty()) {
            QWidget::keyPressEvent(event);
            return;
        }
        setHighlightedObject(QString());
        Q_EMIT objectClicked(QString());
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void AnnotationCanvas::leaveEvent(QEvent *event)
{
    if (!m_hovered.isEmpty()) {
        m_hovered.clear();
        update();
    }
    QWidget::leaveEvent(event);
}

bool AnnotationCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString hash = objectAt(help->pos());
        if (hash.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tooltipFor(hash), this);
        return true;
    }
    return QWidget::event(event);
}

QString AnnotationCanvas::tooltipFor(const QString &objectHash) const
{
    const auto it = m_frameIndex.constFind(m_frame);
    if (it == m_frameIndex.constEnd())
        return QString();
    for (const ObjectChange &change : m_diff.frames.at(it.value()).objects) {
        if (change.objectHash != objectHash)
            continue;
        QString text = QStringLiteral("<b>%1</b> — %2")
                           .arg(m_ontology.nameOf(change.featureHash).toHtmlEscaped(),
                                changeKindDisplay(change.kind).toLower());
        if (change.reasons)
            text += QStringLiteral(" (%1)").arg(editReasonNames(change.reasons).join(QStringLiteral(", ")));
        text += QStringLiteral("<br>") + tr("Object %1").arg(change.objectHash.toHtmlEscaped());
        auto side = [&text](const QString &label, const QString &branch,
                            const std::optional<ObjectAnnotation> &a) {
            if (!a)
                return;
            const QString author = a->lastEditedBy.isEmpty() ? a->createdBy : a->lastEditedBy;
            text += QStringLiteral("<br>") +
                    tr("%1 <i>%2</i>: confidence %3, by %4")
                        .arg(label, branch.toHtmlEscaped(), QString::number(a->confidence, 'f', 2),
                             author.isEmpty() ? tr("unknown") : author.toHtmlEscaped());
        };
        side(tr("Source"), m_sourceBranch, change.source);
        side(tr("Target"), m_targetBranch, change.target);
        return text;
    }
    return QString();
}

} // namespace lb
