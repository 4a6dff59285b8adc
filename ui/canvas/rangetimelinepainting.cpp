#include "canvas/canvaspalette.h"
#include "canvas/rangetimeline.h"
#include "items/objectdifflistmodel.h"

#include <cmath>
#include <QPainter>

// The range timeline's painting: the axis, the lanes' labels and the bars.

namespace lb {

namespace {

constexpr int kTargetFillAlpha = 110;

// 1, 2 or 5 times a power of ten, the smallest step that keeps ticks `minimum` apart or more.
double niceStep(double minimum)
{
    if (minimum <= 0)
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(minimum)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= minimum)
            return factor * power;
    }
    return 10.0 * power;
}

} // namespace

// The bars' place in a lane: the source above, the target below.
QRectF RangeTimeline::bandOf(const QRectF &lane, Side side)
{
    return QRectF(lane.left(), lane.top() + (side == Side::Source ? 5 : 19), lane.width(), 12);
}

void RangeTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), canvaspalette::surround());
    if (!m_hasContent)
        return;
    const QList<const Lane *> lanes = visibleLanes();
    const QList<Bar> all = bars();
    paintAxis(painter); // first: the lanes and their bars cover its grid lines
    painter.save();
    painter.setClipRect(QRectF(0, kAxisHeight, width(), height() - kAxisHeight));
    for (int i = 0; i < lanes.size(); ++i) {
        const QRectF rect = laneRect(i);
        if (rect.bottom() >= kAxisHeight && rect.top() <= height())
            paintLane(painter, *lanes.at(i), rect, all);
    }
    if (lanes.isEmpty()) {
        painter.setPen(canvaspalette::text());
        painter.drawText(rect().adjusted(24, int(kAxisHeight) + 12, -24, -12),
                         Qt::AlignHCenter | Qt::TextWordWrap,
                         m_lanes.isEmpty() ? tr("No objects on either branch.")
                                           : tr("Every object is hidden by the toggles above."));
    }
    painter.restore();
}

void RangeTimeline::paintAxis(QPainter &painter)
{
    const QRectF plot = plotRect();
    painter.fillRect(QRectF(0, 0, width(), kAxisHeight), canvaspalette::surround());
    painter.setPen(canvaspalette::text());
    const QFontMetricsF metrics(font());
    painter.drawText(QRectF(8, 0, kLabelWidth - 16, kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     m_audio ? tr("time (mm:ss.mmm)") : tr("characters"));
    const double labelWidth =
        metrics.horizontalAdvance(m_audio ? QStringLiteral("00:00.000 ") : QStringLiteral("000000 "));
    const double perPixel = (m_viewEnd - m_viewStart) / plot.width();
    const double step = std::max(niceStep(perPixel * (labelWidth + 24)), 1.0); // whole ms or characters
    painter.setPen(QPen(canvaspalette::canvasGrid(), 1));
    painter.drawLine(QPointF(plot.left(), kAxisHeight - 0.5), QPointF(plot.right(), kAxisHeight - 0.5));
    for (double value = std::ceil(m_viewStart / step) * step; value <= m_viewEnd; value += step) {
        const double x = xOf(value);
        painter.setPen(QPen(canvaspalette::canvasGrid(), 1));
        painter.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, height()));
        painter.setPen(canvaspalette::text());
        const QString text = m_audio ? formatTime(value) : QString::number(qint64(value));
        painter.drawText(QRectF(x - labelWidth, 2, 2 * labelWidth, kAxisHeight - 10), Qt::AlignCenter, text);
    }
}

void RangeTimeline::paintLane(QPainter &painter, const Lane &lane, const QRectF &rect, const QList<Bar> &all)
{
    const ObjectInstanceChange &instance = *lane.instance;
    const QString &hash = instance.objectHash;
    const bool emphasised = hash == m_highlighted || hash == m_hovered;
    if (hash == m_highlighted)
        painter.fillRect(rect, QColor(255, 255, 255, 34));
    else if (hash == m_hovered)
        painter.fillRect(rect, QColor(255, 255, 255, 16));
    painter.setPen(QPen(canvaspalette::canvasGrid(), 1));
    painter.drawLine(rect.bottomLeft() - QPointF(0, 0.5), rect.bottomRight() - QPointF(0, 0.5));

    const QColor color = canvaspalette::colorOf(instance.kind);
    // The label: a chip in the change's colour, the class and what happened.
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(canvaspalette::halo(), 1));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(8, rect.center().y() - 6, 12, 12), 3, 3);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(canvaspalette::text());
    const QFontMetricsF metrics(font());
    const QString label = tr("%1 · %2").arg(m_ontology.nameOf(instance.featureHash),
                                            changeKindDisplay(instance.kind).toLower());
    painter.drawText(QRectF(26, rect.top(), kLabelWidth - 32, rect.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(label, Qt::ElideRight, kLabelWidth - 32));

    if (lane.html && lane.source.isEmpty() && lane.target.isEmpty()) {
        painter.setPen(color);
        painter.drawText(QRectF(kLabelWidth, rect.top(), width() - kLabelWidth - kMargin, rect.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("an HTML range, placed by document nodes rather than characters"));
        return;
    }
    for (const Bar &bar : all) {
        if (bar.objectHash != hash)
            continue;
        if (bar.side == Side::Source) {
            painter.setPen(QPen(canvaspalette::halo(), emphasised ? 2.5 : 1.0));
            painter.setBrush(color);
            painter.drawRect(bar.rect);
        } else {
            QColor fill = color;
            fill.setAlpha(kTargetFillAlpha);
            painter.setPen(Qt::NoPen);
            painter.setBrush(fill);
            painter.drawRect(bar.rect);
            QPen edge(color, emphasised ? 2.5 : 1.5);
            edge.setDashPattern({3.0, 2.0});
            painter.setPen(edge);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(bar.rect.adjusted(0.75, 0.75, -0.75, -0.75));
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

} // namespace lb
