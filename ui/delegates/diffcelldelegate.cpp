#include "delegates/diffcelldelegate.h"

#include "items/branchdiffmodel.h"
#include "widgets/diffpalette.h"

namespace lb {

void DiffCellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto status = DiffStatus(index.data(BranchDiffModel::DiffStatusRole).toInt());
    const bool selected = option->state & QStyle::State_Selected;

    if (index.column() == BranchDiffModel::StatusColumn) {
        if (!selected)
            option->backgroundBrush = diffpalette::statusBackground(status);
        option->palette.setColor(QPalette::Text, diffpalette::statusColor(status));
        return;
    }
    if (index.column() != BranchDiffModel::DeltaColumn && index.column() < BranchDiffModel::FirstClassColumn)
        return;

    QColor color;
    switch (BranchDiffModel::ChangeKind(index.data(BranchDiffModel::ChangeKindRole).toInt())) {
    case BranchDiffModel::ChangeKind::Added:
        color = diffpalette::added();
        break;
    case BranchDiffModel::ChangeKind::Removed:
        color = diffpalette::removed();
        break;
    case BranchDiffModel::ChangeKind::Changed:
        color = diffpalette::changed();
        break;
    case BranchDiffModel::ChangeKind::None:
        color = diffpalette::neutral();
        break;
    }
    option->palette.setColor(QPalette::Text, color);
    if (BranchDiffModel::ChangeKind(index.data(BranchDiffModel::ChangeKindRole).toInt()) !=
        BranchDiffModel::ChangeKind::None)
        option->font.setBold(true);
}

} // namespace lb
