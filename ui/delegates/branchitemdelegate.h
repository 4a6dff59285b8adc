#pragma once

#include <QStyledItemDelegate>

namespace lb {

// Gives branch names their marker: main pinned (bold, pin icon), snapshots with a camera, others a branch
// glyph.
class BranchItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace lb
