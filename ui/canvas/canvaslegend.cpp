#include "canvas/canvaslegend.h"

#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"
#include "widgets/flowlayout.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace lb {

namespace {

// A short stretch of line as the overlay draws it: dark halo, light line, solid or dashed.
QPixmap lineSample(bool dashed, qreal devicePixelRatio)
{
    const QSize size(40, 16);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    auto pen = [dashed](const QColor &color, double width) {
        QPen p(color, width);
        p.setCapStyle(Qt::FlatCap);
        if (dashed)
            p.setDashPattern({8.0 / width, 5.0 / width});
        return p;
    };
    painter.setPen(Qt::NoPen);
    painter.setBrush(canvaspalette::neutralCanvas());
    painter.drawRoundedRect(QRectF(0, 0, size.width(), size.height()), 3, 3);
    const QLineF line(5, size.height() / 2.0, size.width() - 5, size.height() / 2.0);
    painter.setPen(pen(canvaspalette::halo(), 5.0));
    painter.drawLine(line);
    painter.setPen(pen(canvaspalette::colorOf(ChangeKind::Unchanged), 2.0));
    painter.drawLine(line);
    return pixmap;
}

QPixmap colourChip(const QColor &color, qreal devicePixelRatio)
{
    const QSize size(14, 14);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 1.5));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    return pixmap;
}

} // namespace

CanvasLegend::CanvasLegend(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("canvasLegend"));
    const qreal ratio = devicePixelRatioF();
    m_source = new QCheckBox(this);
    m_source->setObjectName(QStringLiteral("showSourceCheck"));
    m_source->setChecked(true);
    m_source->setIcon(QIcon(lineSample(false, ratio)));
    m_source->setIconSize(QSize(40, 16));
    m_target = new QCheckBox(this);
    m_target->setObjectName(QStringLiteral("showTargetCheck"));
    m_target->setChecked(true);
    m_target->setIcon(QIcon(lineSample(true, ratio)));
    m_target->setIconSize(QSize(40, 16));

    // Wraps onto a second line in a narrow compare view instead of forcing the whole window wider.
    auto *layout = new FlowLayout(this, 14, 2);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_source);
    layout->addWidget(m_target);
    const struct
    {
        ChangeKind kind;
        QString text;
        QString tip;
    } kinds[] = {
        {ChangeKind::Added, tr("added"), tr("Only on the target branch")},
        {ChangeKind::Removed, tr("removed"), tr("Only on the source branch")},
        {ChangeKind::Edited, tr("edited"),
         tr("On both branches, but moved, resized, reshaped, reclassified or re-attributed")},
        {ChangeKind::Unchanged, tr("unchanged"), tr("The same on both branches")},
    };
    for (const auto &k : kinds) {
        // Chip and word stay together when the legend wraps.
        auto *item = new QWidget(this);
        item->setToolTip(k.tip);
        auto *itemLayout = new QHBoxLayout(item);
        itemLayout->setContentsMargins(0, 0, 0, 0);
        itemLayout->setSpacing(4);
        auto *chip = new QLabel(item);
        chip->setPixmap(colourChip(canvaspalette::colorOf(k.kind), ratio));
        itemLayout->addWidget(chip);
        itemLayout->addWidget(new QLabel(k.text, item));
        layout->addWidget(item);
    }
    setBranchNames(tr("source"), tr("target"));
}

void CanvasLegend::setBranchNames(const QString &source, const QString &target)
{
    m_source->setText(tr("Source: %1").arg(source));
    m_source->setToolTip(tr("Show the labels of %1 (solid lines, filled dots)").arg(source));
    m_target->setText(tr("Target: %1").arg(target));
    m_target->setToolTip(tr("Show the labels of %1 (dashed lines, rings)").arg(target));
}

} // namespace lb
