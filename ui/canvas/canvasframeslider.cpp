#include "canvas/canvasframeslider.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>

namespace lb {

namespace {
constexpr int kMarkHeight = 5;
}

CanvasFrameSlider::CanvasFrameSlider(QWidget *parent) : QSlider(Qt::Horizontal, parent) {}

void CanvasFrameSlider::setMarkedFrames(const QList<int> &frames)
{
    m_marked = frames;
    update();
}

QSize CanvasFrameSlider::sizeHint() const
{
    QSize size = QSlider::sizeHint();
    size.setHeight(size.height() + kMarkHeight + 1);
    return size;
}

void CanvasFrameSlider::paintEvent(QPaintEvent *event)
{
    QSlider::paintEvent(event);
    if (m_marked.isEmpty() || maximum() <= minimum())
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    // The handle's centre travels from half a handle in from each end of the groove.
    const int span = groove.width() - handle.width();
    const int left = groove.left() + handle.width() / 2;
    QPainter painter(this);
    // Not a change colour: a mark says "something differs here", whatever the kind.
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    for (int frame : m_marked) {
        const int x = left + QStyle::sliderPositionFromValue(minimum(), maximum(), frame, span);
        painter.drawLine(x, height() - kMarkHeight, x, height() - 1);
    }
}

} // namespace lb
