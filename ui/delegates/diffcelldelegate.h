#pragma once

#include <QStyledItemDelegate>

namespace lb {

// Colours the compare table from the model's roles: deltas green (added on the target), red (removed) or
// amber (changed with the same count); the status cell gets its status colour as a light fill.
class DiffCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace lb
