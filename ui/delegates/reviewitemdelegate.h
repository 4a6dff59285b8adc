#pragma once

#include <QStyledItemDelegate>

namespace lb {

// Colours of the review table: the decision cell green (approved), red (rejected), amber and italic (stale),
// grey (undecided); the since-copy cell red for conflicts and amber when the target changed.
class ReviewItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace lb
