#include "widgets/icons.h"

#include <functional>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace lb::icons {

namespace {

const QColor kInk(0x32, 0x31, 0x30);
const QColor kBlue(0x0f, 0x6c, 0xbd);
const QColor kGreen(0x10, 0x7c, 0x10);
const QColor kAmber(0xb3, 0x6b, 0x00);

// Draws on a 32x32 canvas and renders the common sizes from it.
QIcon drawn(const std::function<void(QPainter &)> &draw)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 32.0, size / 32.0);
        draw(painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void drawBranchGlyph(QPainter &p, const QColor &color)
{
    p.setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(10, 7), QPointF(10, 25));
    QPainterPath arc;
    arc.moveTo(22, 9);
    arc.cubicTo(22, 17, 10, 15, 10, 21);
    p.setBrush(Qt::NoBrush);
    p.drawPath(arc);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QPointF(10, 6), 3.5, 3.5);
    p.drawEllipse(QPointF(10, 26), 3.5, 3.5);
    p.drawEllipse(QPointF(22, 8), 3.5, 3.5);
}

} // namespace

QIcon branch()
{
    return drawn([](QPainter &p) { drawBranchGlyph(p, QColor(0x60, 0x5e, 0x5c)); });
}

QIcon mainBranch()
{
    return drawn([](QPainter &p) {
        drawBranchGlyph(p, kBlue);
        // A pin: main is pinned at the top and cannot be renamed or deleted.
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd1, 0x34, 0x38));
        p.drawEllipse(QPointF(24, 22), 5, 5);
        p.setPen(QPen(kInk, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(24, 27), QPointF(24, 31));
    });
}

QIcon snapshot()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(kInk, 2));
        p.setBrush(QColor(0xe1, 0xdf, 0xdd));
        p.drawRoundedRect(QRectF(3, 9, 26, 18), 3, 3);
        p.drawRect(QRectF(10, 5, 10, 5));
        p.setBrush(kBlue);
        p.drawEllipse(QPointF(16, 18), 6, 6);
    });
}

QIcon compare()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(kBlue, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(QPointF(4, 11), QPointF(26, 11));
        p.drawPolyline(QPolygonF({QPointF(21, 6), QPointF(27, 11), QPointF(21, 16)}));
        p.setPen(QPen(kAmber, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(QPointF(28, 22), QPointF(6, 22));
        p.drawPolyline(QPolygonF({QPointF(11, 17), QPointF(5, 22), QPointF(11, 27)}));
    });
}

QIcon copy()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(kInk, 2));
        p.setBrush(QColor(0xf3, 0xf2, 0xf1));
        p.drawRoundedRect(QRectF(4, 4, 16, 20), 2, 2);
        p.setBrush(QColor(0xde, 0xec, 0xf9));
        p.drawRoundedRect(QRectF(12, 9, 16, 20), 2, 2);
    });
}

QIcon sync()
{
    return drawn([](QPainter &p) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(kGreen, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawArc(QRectF(6, 6, 20, 20), 30 * 16, 150 * 16);
        p.drawArc(QRectF(6, 6, 20, 20), 210 * 16, 150 * 16);
        p.drawPolyline(QPolygonF({QPointF(25, 4), QPointF(25, 11), QPointF(18, 11)}));
        p.drawPolyline(QPolygonF({QPointF(7, 28), QPointF(7, 21), QPointF(14, 21)}));
    });
}

QIcon undo()
{
    return drawn([](QPainter &p) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(kInk, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath path;
        path.moveTo(8, 13);
        path.lineTo(20, 13);
        path.cubicTo(30, 13, 30, 27, 20, 27);
        path.lineTo(12, 27);
        p.drawPath(path);
        p.drawPolyline(QPolygonF({QPointF(13, 7), QPointF(7, 13), QPointF(13, 19)}));
    });
}

QIcon refresh()
{
    return drawn([](QPainter &p) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(kBlue, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawArc(QRectF(5, 5, 22, 22), 60 * 16, 290 * 16);
        p.drawPolyline(QPolygonF({QPointF(17, 3), QPointF(22, 7), QPointF(17, 11)}));
    });
}

QIcon open()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(kAmber.darker(130), 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(QColor(0xff, 0xd6, 0x79));
        p.drawPolygon(QPolygonF({QPointF(3, 8), QPointF(12, 8), QPointF(15, 11), QPointF(29, 11),
                                 QPointF(29, 26), QPointF(3, 26)}));
    });
}

QIcon importFile()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(kInk, 2));
        p.setBrush(QColor(0xf3, 0xf2, 0xf1));
        p.drawRoundedRect(QRectF(9, 3, 18, 26), 2, 2);
        p.setPen(QPen(kGreen, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(QPointF(3, 16), QPointF(18, 16));
        p.drawPolyline(QPolygonF({QPointF(13, 11), QPointF(18, 16), QPointF(13, 21)}));
    });
}

} // namespace lb::icons
