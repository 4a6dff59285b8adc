#include "canvas/rangetimeline.h"

#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

namespace lb {

namespace {

constexpr double kMinBarWidth = 3.0;
constexpr double kZoomStep = 1.25;
constexpr double kDragThreshold = 4.0;

int rank(ChangeKind kind)
{
    return kind == ChangeKind::Unchanged ? 1 : 0;
}

} // namespace

RangeTimeline::RangeTimeline(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rangeTimeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Range timeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize RangeTimeline::sizeHint() const
{
    return QSize(640, 400);
}

QSize RangeTimeline::minimumSizeHint() const
{
    return QSize(int(kLabelWidth) + 120, int(kAxisHeight + 2 * kLaneHeight));
}

QString RangeTimeline::formatTime(double milliseconds)
{
    const qint64 ms = qRound64(std::max(0.0, milliseconds));
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

void RangeTimeline::setDiff(const ObjectDiff &diff, const Ontology &ontology, const QString &sourceBranch,
                            const QString &targetBranch)
{
    m_diff = diff;
    m_ontology = ontology;
    m_sourceBranch = sourceBranch;
    m_targetBranch = targetBranch;
    m_audio = diff.dataType.kind() == DataType::Audio;
    m_hasContent = true;
    m_highlighted.clear();
    m_hovered.clear();
    m_scroll = 0.0;
    m_lanes.clear();
    QHash<QString, int> laneOf;
    for (const ObjectInstanceChange &instance : m_diff.instances) {
        laneOf.insert(instance.objectHash, int(m_lanes.size()));
        m_lanes.append(Lane{&instance, {}, {}, false, false, false});
    }
    for (const ObjectChange &change : m_diff.objects) {
        const auto it = laneOf.constFind(change.objectHash);
        if (it == laneOf.constEnd())
            continue;
        Lane &lane = m_lanes[it.value()];
        for (const auto &[annotation, ranges, present] :
             {std::tuple{&change.source, &lane.source, &lane.sourcePresent},
              std::tuple{&change.target, &lane.target, &lane.targetPresent}}) {
            if (!annotation->has_value())
                continue;
            *present = true;
            ranges->append((*annotation)->geometry.ranges);
            if ((*annotation)->geometry.ranges.isEmpty() && !(*annotation)->geometry.htmlRange.is_null())
                lane.html = true;
        }
    }
    // In time (or reading) order, the changes before what stayed the same at the same place.
    const auto firstStart = [](const Lane &lane) {
        double start = std::numeric_limits<double>::max();
        for (const QList<LabelRange> *ranges : {&lane.source, &lane.target}) {
            for (const LabelRange &range : *ranges)
                start = std::min(start, range.start);
        }
        return start;
    };
    std::stable_sort(m_lanes.begin(), m_lanes.end(), [&](const Lane &a, const Lane &b) {
        const double sa = firstStart(a), sb = firstStart(b);
        if (sa != sb)
            return sa < sb;
        return rank(a.instance->kind) < rank(b.instance->kind);
    });
    m_dataStart = std::numeric_limits<double>::max();
    m_dataEnd = std::numeric_limits<double>::lowest();
    for (const Lane &lane : m_lanes) {
        for (const QList<LabelRange> *ranges : {&lane.source, &lane.target}) {
            for (const LabelRange &range : *ranges) {
                m_dataStart = std::min(m_dataStart, std::min(range.start, range.end));
                m_dataEnd = std::max(m_dataEnd, std::max(range.start, range.end) + (m_audio ? 0.0 : 1.0));
            }
        }
    }
    if (m_dataStart > m_dataEnd) {
        m_dataStart = 0.0;
        m_dataEnd = m_audio ? 1000.0 : 100.0;
    }
    fitToWindow();
}

void RangeTimeline::clear()
{
    m_diff = ObjectDiff();
    m_lanes.clear();
    m_hasContent = false;
    m_highlighted.clear();
    m_hovered.clear();
    update();
}

QList<const RangeTimeline::Lane *> RangeTimeline::visibleLanes() const
{
    QList<const Lane *> lanes;
    for (const Lane &lane : m_lanes) {
        const ObjectInstanceChange &instance = *lane.instance;
        const bool onShownSide = (lane.sourcePresent && m_showSource) || (lane.targetPresent && m_showTarget);
        const bool hiddenClass = m_hiddenClasses.contains(instance.featureHash);
        const bool hiddenUnchanged = instance.kind == ChangeKind::Unchanged && !m_showUnchanged &&
                                     instance.objectHash != m_highlighted;
        if (onShownSide && !hiddenClass && !hiddenUnchanged)
            lanes.append(&lane);
    }
    return lanes;
}

QStringList RangeTimeline::laneObjects() const
{
    QStringList hashes;
    for (const Lane *lane : visibleLanes())
        hashes.append(lane->instance->objectHash);
    return hashes;
}

QRectF RangeTimeline::plotRect() const
{
    return QRectF(kLabelWidth, kAxisHeight, std::max(1.0, width() - kLabelWidth - kMargin),
                  std::max(1.0, height() - kAxisHeight));
}

QRectF RangeTimeline::laneRect(int lane) const
{
    return QRectF(0, kAxisHeight + lane * kLaneHeight - m_scroll, width(), kLaneHeight);
}

double RangeTimeline::xOf(double value) const
{
    const QRectF plot = plotRect();
    return plot.left() + (value - m_viewStart) / (m_viewEnd - m_viewStart) * plot.width();
}

double RangeTimeline::valueAt(double x) const
{
    const QRectF plot = plotRect();
    return m_viewStart + (x - plot.left()) / plot.width() * (m_viewEnd - m_viewStart);
}

QList<RangeTimeline::Bar> RangeTimeline::bars() const
{
    QList<Bar> out;
    if (!m_hasContent)
        return out;
    const QList<const Lane *> lanes = visibleLanes();
    const QRectF plot = plotRect();
    for (int i = 0; i < lanes.size(); ++i) {
        const Lane &lane = *lanes.at(i);
        const QRectF rect = laneRect(i);
        for (const Side side : {Side::Source, Side::Target}) {
            if (!(side == Side::Source ? m_showSource : m_showTarget))
                continue;
            const QRectF band = bandOf(rect, side);
            for (const LabelRange &range : side == Side::Source ? lane.source : lane.target) {
                const double end = std::max(range.start, range.end) + (m_audio ? 0.0 : 1.0);
                double left = xOf(std::min(range.start, range.end)), right = xOf(end);
                if (right - left < kMinBarWidth) {
                    const double middle = (left + right) / 2;
                    left = middle - kMinBarWidth / 2;
                    right = middle + kMinBarWidth / 2;
                }
                QRectF bar(QPointF(left, band.top()), QPointF(right, band.bottom()));
                bar = bar.intersected(QRectF(plot.left(), band.top(), plot.width(), band.height()));
                if (!bar.isEmpty())
                    out.append(Bar{lane.instance->objectHash, side, lane.instance->kind, range, bar});
            }
        }
    }
    return out;
}

QString RangeTimeline::objectAt(const QPointF &position) const
{
    if (!m_hasContent || position.y() < kAxisHeight)
        return QString();
    const QList<const Lane *> lanes = visibleLanes();
    const int lane = int(std::floor((position.y() - kAxisHeight + m_scroll) / kLaneHeight));
    return lane >= 0 && lane < lanes.size() ? lanes.at(lane)->instance->objectHash : QString();
}

QPointF RangeTimeline::pointOnObject(const QString &objectHash) const
{
    for (const Bar &bar : bars()) {
        if (bar.objectHash == objectHash)
            return bar.rect.center();
    }
    return QPointF();
}

void RangeTimeline::setBranchVisible(Side side, bool visible)
{
    (side == Side::Source ? m_showSource : m_showTarget) = visible;
    update();
}

void RangeTimeline::setClassVisible(const QString &featureHash, bool visible)
{
    if (visible)
        m_hiddenClasses.remove(featureHash);
    else
        m_hiddenClasses.insert(featureHash);
    update();
}

void RangeTimeline::setUnchangedVisible(bool visible)
{
    m_showUnchanged = visible;
    update();
}

void RangeTimeline::setHighlightedObject(const QString &objectHash)
{
    if (objectHash == m_highlighted)
        return;
    m_highlighted = objectHash;
    update();
}

void RangeTimeline::ensureObjectVisible(const QString &objectHash)
{
    const int lane = int(laneObjects().indexOf(objectHash));
    if (lane < 0)
        return;
    const QRectF rect = laneRect(lane);
    if (rect.top() < kAxisHeight)
        m_scroll -= kAxisHeight - rect.top();
    else if (rect.bottom() > height())
        m_scroll += rect.bottom() - height();
    // Zoomed in elsewhere: pan so that the object's first range is in the middle.
    const Lane *shown = visibleLanes().at(lane);
    const QList<LabelRange> &ranges = shown->source.isEmpty() ? shown->target : shown->source;
    if (!ranges.isEmpty()) {
        const double start = ranges.constFirst().start, end = ranges.constFirst().end;
        if (end < m_viewStart || start > m_viewEnd) {
            const double span = m_viewEnd - m_viewStart;
            m_viewStart = (start + end) / 2 - span / 2;
            m_viewEnd = m_viewStart + span;
            m_fit = false;
        }
    }
    update();
}

void RangeTimeline::fitToWindow()
{
    const double span = std::max(m_dataEnd - m_dataStart, m_audio ? 10.0 : 1.0);
    m_viewStart = m_dataStart - span * 0.03;
    m_viewEnd = m_dataStart + span * 1.03;
    m_fit = true;
    update();
}

void RangeTimeline::zoomAt(double factor, double x)
{
    if (!m_hasContent)
        return;
    const double anchor = valueAt(x);
    const double span = std::clamp((m_viewEnd - m_viewStart) / factor, m_audio ? 5.0 : 2.0,
                                   std::max(1.0, (m_dataEnd - m_dataStart) * 50));
    const double before = (anchor - m_viewStart) / (m_viewEnd - m_viewStart);
    m_viewStart = anchor - before * span;
    m_viewEnd = m_viewStart + span;
    m_fit = false;
    update();
}

void RangeTimeline::zoomIn()
{
    zoomAt(kZoomStep, plotRect().center().x());
}

void RangeTimeline::zoomOut()
{
    zoomAt(1.0 / kZoomStep, plotRect().center().x());
}

void RangeTimeline::select(const QString &objectHash)
{
    setHighlightedObject(objectHash);
    if (!objectHash.isEmpty())
        ensureObjectVisible(objectHash);
    Q_EMIT objectClicked(objectHash);
}

// --- interaction --------------------------------------------------------------------------------------

void RangeTimeline::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const double overflow = visibleLanes().size() * kLaneHeight - (height() - kAxisHeight);
    m_scroll = std::clamp(m_scroll, 0.0, std::max(0.0, overflow));
}

void RangeTimeline::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        event->ignore();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) { // scrolls the lanes
        const double overflow = visibleLanes().size() * kLaneHeight - (height() - kAxisHeight);
        m_scroll = std::clamp(m_scroll - steps * kLaneHeight, 0.0, std::max(0.0, overflow));
        update();
    } else {
        zoomAt(std::pow(kZoomStep, steps), event->position().x());
    }
    event->accept();
}

void RangeTimeline::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position();
    m_pressViewStart = m_viewStart;
    event->accept();
}

void RangeTimeline::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed) { // a drag pans along the axis
        const double moved = event->position().x() - m_pressPosition.x();
        if (!m_dragging && std::abs(moved) > kDragThreshold)
            m_dragging = true;
        if (m_dragging) {
            const double span = m_viewEnd - m_viewStart;
            m_viewStart = m_pressViewStart - moved / plotRect().width() * span;
            m_viewEnd = m_viewStart + span;
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

void RangeTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (!m_dragging && event->button() == Qt::LeftButton && m_hasContent) {
        const QString hash = objectAt(event->position());
        setHighlightedObject(hash);
        Q_EMIT objectClicked(hash);
    }
    m_dragging = false;
    event->accept();
}

void RangeTimeline::keyPressEvent(QKeyEvent *event)
{
    const QStringList lanes = laneObjects();
    const int current = int(lanes.indexOf(m_highlighted));
    switch (event->key()) {
    case Qt::Key_Down:
    case Qt::Key_Right:
        if (!lanes.isEmpty())
            select(lanes.at(current < 0 ? 0 : std::min(current + 1, int(lanes.size()) - 1)));
        break;
    case Qt::Key_Up:
    case Qt::Key_Left:
        if (!lanes.isEmpty())
            select(lanes.at(current < 0 ? int(lanes.size()) - 1 : std::max(current - 1, 0)));
        break;
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
    case Qt::Key_Escape:
        if (m_highlighted.isEmpty()) {
            QWidget::keyPressEvent(event);
            return;
        }
        select(QString());
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void RangeTimeline::leaveEvent(QEvent *event)
{
    if (!m_hovered.isEmpty()) {
        m_hovered.clear();
        update();
    }
    QWidget::leaveEvent(event);
}

bool RangeTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // The arrow keys move the selection before any shortcut takes them. The zoom keys are left to the
        // workspace's actions, which act on the timeline when it is shown (DrillDownPane::zoomIn()); alone,
        // it takes them in keyPressEvent().
        switch (static_cast<QKeyEvent *>(event)->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_Left:
        case Qt::Key_Right:
            event->accept();
            return true;
        default:
            break;
        }
    }
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

QString RangeTimeline::rangesText(const QList<LabelRange> &ranges) const
{
    QStringList parts;
    for (const LabelRange &range : ranges) {
        parts << (m_audio ? QStringLiteral("%1–%2").arg(formatTime(range.start), formatTime(range.end))
                          : tr("characters %1–%2").arg(qint64(range.start)).arg(qint64(range.end)));
    }
    return parts.isEmpty() ? tr("no range") : parts.join(QStringLiteral(", "));
}

QString RangeTimeline::tooltipFor(const QString &objectHash) const
{
    for (const Lane &lane : m_lanes) {
        const ObjectInstanceChange &instance = *lane.instance;
        if (instance.objectHash != objectHash)
            continue;
        QString text = QStringLiteral("<b>%1</b> — %2")
                           .arg(m_ontology.nameOf(instance.featureHash).toHtmlEscaped(),
                                changeKindDisplay(instance.kind).toLower());
        if (instance.reasons)
            text += QStringLiteral(" (%1)").arg(editReasonNames(instance.reasons).join(QStringLiteral(", ")));
        text += QStringLiteral("<br>") + tr("Object %1").arg(objectHash.toHtmlEscaped());
        if (lane.sourcePresent)
            text += QStringLiteral("<br>") +
                    tr("Source <i>%1</i>: %2").arg(m_sourceBranch.toHtmlEscaped(), rangesText(lane.source));
        if (lane.targetPresent)
            text += QStringLiteral("<br>") +
                    tr("Target <i>%1</i>: %2").arg(m_targetBranch.toHtmlEscaped(), rangesText(lane.target));
        return text;
    }
    return QString();
}

} // namespace lb
