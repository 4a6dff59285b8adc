#pragma once

#include <QStyledItemDelegate>

namespace lb {

// Paints a job's progress cell as a progress bar ("45% · 4,500 / 10,000") with a Cancel button beside it
// while the job can still be cancelled. A click on the button emits cancelRequested; keyboard users cancel
// through the job panel's Cancel Job action instead.
class JobProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit JobProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Where the Cancel button sits in a cell (empty when the job cannot be cancelled). Public for tests.
    QRect cancelButtonRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QString barText(const QModelIndex &index);

Q_SIGNALS:
    void cancelRequested(qint64 jobId);

private:
    QRect barRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    int buttonWidth(const QStyleOptionViewItem &option) const;

    QPersistentModelIndex m_pressed;
};

} // namespace lb
