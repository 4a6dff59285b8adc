#include "delegates/jobprogressdelegate.h"

#include "items/jobsmodel.h"
#include "jobs/job.h"

#include <QApplication>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionButton>
#include <QStyleOptionProgressBar>

namespace lb {

namespace {

constexpr int kMargin = 3;

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

} // namespace

JobProgressDelegate::JobProgressDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QString JobProgressDelegate::barText(const QModelIndex &index)
{
    const QLocale locale;
    const int percent = index.data(JobsModel::PercentRole).toInt();
    const qint64 done = index.data(JobsModel::DoneRole).toLongLong();
    const qint64 total = index.data(JobsModel::TotalRole).toLongLong();
    const auto state = JobState(index.data(JobsModel::StateRole).toInt());
    if (total <= 0)
        return state == JobState::Queued ? JobProgressDelegate::tr("waiting") : QString();
    return QStringLiteral("%1% · %2 / %3")
        .arg(percent < 0 ? 0 : percent)
        .arg(locale.toString(done), locale.toString(total));
}

int JobProgressDelegate::buttonWidth(const QStyleOptionViewItem &option) const
{
    return option.fontMetrics.horizontalAdvance(tr("Cancel")) + 18;
}

QRect JobProgressDelegate::cancelButtonRect(const QStyleOptionViewItem &option,
                                            const QModelIndex &index) const
{
    if (!index.data(JobsModel::CanCancelRole).toBool())
        return QRect();
    const int width = buttonWidth(option);
    const QRect cell = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    return QRect(cell.right() - width + 1, cell.top(), width, cell.height());
}

QRect JobProgressDelegate::barRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QRect bar = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    // The bar keeps its width whether or not the button shows, so bars of finished jobs line up.
    bar.setRight(bar.right() - buttonWidth(option) - kMargin);
    Q_UNUSED(index);
    return bar;
}

void JobProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem itemOption = option;
    initStyleOption(&itemOption, index);
    itemOption.text.clear();
    QStyle *style = styleOf(option);
    style->drawControl(QStyle::CE_ItemViewItem, &itemOption, painter, option.widget);

    const auto state = JobState(index.data(JobsModel::StateRole).toInt());
    const qint64 total = index.data(JobsModel::TotalRole).toLongLong();
    const int percent = index.data(JobsModel::PercentRole).toInt();

    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    // Qt 6 takes the orientation from the state; without State_Horizontal the bar is drawn vertically.
    bar.state = (option.state & ~QStyle::State_HasFocus) | QStyle::State_Horizontal;
    bar.rect = barRect(option, index);
    bar.minimum = 0;
    bar.maximum = 100;
    if (state == JobState::Running && total <= 0) {
        // Total not known yet: a busy bar instead of a misleading 0%.
        bar.minimum = 0;
        bar.maximum = 0;
    }
    bar.progress = percent < 0 ? 0 : percent;
    if (state == JobState::Finished && total <= 0)
        bar.progress = 100;
    bar.text = barText(index);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);

    const QRect buttonRect = cancelButtonRect(option, index);
    if (buttonRect.isValid()) {
        QStyleOptionButton button;
        button.initFrom(option.widget);
        button.rect = buttonRect;
        button.text = tr("Cancel");
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        if (m_pressed == index)
            button.state |= QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }
}

QSize JobProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const int textWidth =
        option.fontMetrics.horizontalAdvance(QStringLiteral("100% · 100,000 / 100,000")) + 24;
    size.setWidth(std::max(size.width(), textWidth + buttonWidth(option) + 3 * kMargin));
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 12));
    return size;
}

bool JobProgressDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                      const QStyleOptionViewItem &option, const QModelIndex &index)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton &&
            cancelButtonRect(option, index).contains(mouse->position().toPoint())) {
            m_pressed = index;
            return true;
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const bool wasPressed = m_pressed == index;
        m_pressed = QPersistentModelIndex();
        if (wasPressed && cancelButtonRect(option, index).contains(mouse->position().toPoint())) {
            Q_EMIT cancelRequested(index.data(JobsModel::JobIdRole).toLongLong());
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace lb
