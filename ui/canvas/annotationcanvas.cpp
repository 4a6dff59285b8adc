#include "canvas/annotationcanvas.h"

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
constexpr double kHitTolerance = 6.0;
constexpr double kDragThreshold = 4.0;

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
    m_masks.clear();
    for (int i = 0; i < m_diff.frames.size(); ++i)
        m_frameIndex.insert(m_diff.frames.at(i).frame, i);
    // Without a size in the row (some exports leave it out) a common aspect keeps shapes in proportion.
    m_imageSize = imageSize.isValid() && !imageSize.isEmpty() ? imageSize : QSize(1280, 720);
    m_frameCount = std::max(1, frameCount);
    m_hasContent = true;
    m_placeholder.clear();
    m_highlighted.clear();
    m_marked.clear();
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
    m_masks.clear();
    m_image = QImage();
    m_hasContent = false;
    m_placeholder.clear();
    m_highlighted.clear();
    m_marked.clear();
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

QString AnnotationCanvas::frameText() const
{
    if (m_frameCount <= 1)
        return QString();
    QString word = m_diff.dataType.frameWord();
    word[0] = word.at(0).toUpper();
    // Numbered as the row keys them (from 0), like the object list and the slider.
    return tr("%1 %2 of %3").arg(word).arg(m_frame).arg(m_frameCount - 1);
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

void AnnotationCanvas::setMarkedObjects(const QSet<QString> &objectHashes)
{
    if (objectHashes == m_marked)
        return;
    m_marked = objectHashes;
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
    if (change.kind == ChangeKind::Unchanged && !m_showUnchanged && change.objectHash != m_highlighted &&
        !m_marked.contains(change.objectHash))
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
    return view().map(normalised);
}

OverlayView AnnotationCanvas::view() const
{
    return OverlayView{m_imageSize, m_zoom, m_offset};
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
        bool inside = false;
        if (shape.mask)
            inside = overlay::hitsMask(shape, position, m_zoom); // only a set pixel of a mask is on it
        else
            inside = (shape.area && shape.path.contains(position)) ||
                     stroker.createStroke(shape.path).contains(position);
        for (const QPointF &node : shape.nodes) {
            if (!inside && QLineF(node, position).length() <= overlay::kPointRadius + kHitTolerance)
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
        if (shape.mask && shape.mask->decoded.inside.x() >= 0)
            return shape.maskRect.topLeft() +
                   (QPointF(shape.mask->decoded.inside) + QPointF(0.5, 0.5)) * m_zoom;
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
