#include "docks/confusionmatrixview.h"

#include "items/confusionmatrixmodel.h"

#include <cmath>
#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>

namespace lb {

namespace {

// Paints each cell in its heat colour, with text that stays readable on it.
class HeatDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int count = index.data(ConfusionMatrixModel::CountRole).toInt();
        const bool corner = index.data(Qt::DisplayRole).toString().isEmpty();
        const QColor fill =
            corner ? option.palette.color(QPalette::Window)
                   : ConfusionMatrixView::heatColor(
                         count > 0 ? index.data(ConfusionMatrixModel::ShareRole).toDouble() : 0.0,
                         index.data(ConfusionMatrixModel::DiagonalRole).toBool());
        painter->fillRect(option.rect, fill);
        const QColor ink = fill.lightness() < 140 ? Qt::white : QColor(0x20, 0x20, 0x20);
        painter->save();
        if (option.state & (QStyle::State_Selected | QStyle::State_HasFocus)) {
            painter->setPen(QPen(option.palette.color(QPalette::Highlight), 3));
            painter->drawRect(option.rect.adjusted(1, 1, -2, -2));
        }
        painter->setPen(count > 0 ? ink : QColor(0x90, 0x90, 0x90));
        QFont font = option.font;
        font.setBold(index.data(ConfusionMatrixModel::DiagonalRole).toBool());
        painter->setFont(font);
        painter->drawText(option.rect, Qt::AlignCenter, index.data(Qt::DisplayRole).toString());
        painter->restore();
    }
};

} // namespace

ConfusionMatrixView::ConfusionMatrixView(ConfusionMatrixModel *model, QWidget *parent)
    : QTableView(parent), m_model(model)
{
    setObjectName(QStringLiteral("confusionMatrixView"));
    setAccessibleName(tr("Confusion matrix: reference classes down, predicted classes across"));
    setModel(model);
    setItemDelegate(new HeatDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(true);
    setWordWrap(false);
    horizontalHeader()->setHighlightSections(false);
    verticalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    connect(this, &QAbstractItemView::clicked, this, &ConfusionMatrixView::activate);
    connect(this, &QAbstractItemView::activated, this, &ConfusionMatrixView::activate);
    connect(model, &QAbstractItemModel::modelReset, this, &ConfusionMatrixView::fitSections);
}

QColor ConfusionMatrixView::heatColor(double share, bool diagonal)
{
    // The square root lifts small shares: a confusion of a few percent still shows.
    const double t = std::sqrt(qBound(0.0, share, 1.0));
    // From near-white to a strong green (diagonal) or red (confusions, misses, extras).
    const QColor low(0xf7, 0xf7, 0xf5);
    const QColor high = diagonal ? QColor(0x1f, 0x7a, 0x3d) : QColor(0xc4, 0x32, 0x1f);
    const auto mix = [t](int a, int b) { return int(a + (b - a) * t); };
    return QColor(mix(low.red(), high.red()), mix(low.green(), high.green()), mix(low.blue(), high.blue()));
}

void ConfusionMatrixView::activate(const QModelIndex &index)
{
    if (const std::optional<QualityCell> cell = m_model->cellAt(index))
        Q_EMIT cellActivated(*cell);
}

void ConfusionMatrixView::fitSections()
{
    resizeColumnsToContents();
    const int width = fontMetrics().horizontalAdvance(QStringLiteral("0,000")) + 16;
    for (int column = 0; column < m_model->columnCount(); ++column)
        setColumnWidth(column, qMax(columnWidth(column), width));
}

} // namespace lb
