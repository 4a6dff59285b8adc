#include "delegates/branchitemdelegate.h"

#include "items/branchlistmodel.h"
#include "widgets/icons.h"

namespace lb {

void BranchItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != BranchListModel::NameColumn)
        return;
    static const QIcon mainIcon = icons::mainBranch();
    static const QIcon snapshotIcon = icons::snapshot();
    static const QIcon branchIcon = icons::branch();
    option->features |= QStyleOptionViewItem::HasDecoration;
    if (index.data(BranchListModel::IsMainRole).toBool()) {
        option->icon = mainIcon;
        option->font.setBold(true);
    } else if (index.data(BranchListModel::IsSnapshotRole).toBool()) {
        option->icon = snapshotIcon;
        option->font.setItalic(true);
    } else {
        option->icon = branchIcon;
    }
    option->decorationSize = QSize(16, 16);
}

} // namespace lb
