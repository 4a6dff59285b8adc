#include "delegates/reviewitemdelegate.h"

#include "items/reviewlistmodel.h"
#include "widgets/diffpalette.h"

namespace lb {

namespace {

QColor tint(const QColor &color)
{
    QColor light = color;
    light.setAlpha(38);
    return light;
}

} // namespace

void ReviewItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool selected = option->state & QStyle::State_Selected;
    QColor color;
    bool strong = false;

    if (index.column() == ReviewListModel::DecisionColumn) {
        switch (ReviewListModel::DecisionState(index.data(ReviewListModel::DecisionStateRole).toInt())) {
        case ReviewListModel::DecisionState::Undecided:
            color = diffpalette::neutral();
            break;
        case ReviewListModel::DecisionState::Approved:
            color = diffpalette::added();
            strong = true;
            break;
        case ReviewListModel::DecisionState::Rejected:
            color = diffpalette::removed();
            strong = true;
            break;
        case ReviewListModel::DecisionState::StaleApproved:
        case ReviewListModel::DecisionState::StaleRejected:
            color = diffpalette::changed();
            option->font.setItalic(true);
            strong = true;
            break;
        }
    } else if (index.column() == ReviewListModel::ThreeWayColumn) {
        switch (ThreeWayStatus(index.data(ReviewListModel::ThreeWayRole).toInt())) {
        case ThreeWayStatus::Conflict:
            color = diffpalette::removed();
            strong = true;
            break;
        case ThreeWayStatus::TargetChanged:
            color = diffpalette::changed();
            strong = true;
            break;
        case ThreeWayStatus::SourceChanged:
        case ThreeWayStatus::Unchanged:
        case ThreeWayStatus::NotCopied:
            return;
        }
    } else if (index.column() == ReviewListModel::DeltaColumn) {
        const int delta = index.data(ReviewListModel::DeltaRole).toInt();
        color = delta > 0   ? diffpalette::added()
                : delta < 0 ? diffpalette::removed()
                            : diffpalette::changed();
    } else {
        return;
    }
    option->palette.setColor(QPalette::Text, color);
    if (strong) {
        option->font.setBold(true);
        if (!selected)
            option->backgroundBrush = tint(color);
    }
}

} // namespace lb
