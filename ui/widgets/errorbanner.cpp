#include "widgets/errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace lb {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_icon = new QLabel(this);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("errorBannerText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss (Esc)"));
    m_close->setAccessibleName(tr("Dismiss message"));
    connect(m_close, &QToolButton::clicked, this, &ErrorBanner::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    hide();
}

void ErrorBanner::showMessage(const QString &text, Kind kind)
{
    m_kind = kind;
    m_label->setText(text);
    applyKindStyle();
    show();
}

QString ErrorBanner::text() const
{
    return isVisible() ? m_label->text() : QString();
}

void ErrorBanner::dismiss()
{
    if (isHidden())
        return;
    hide();
    m_label->clear();
    Q_EMIT dismissed();
}

void ErrorBanner::applyKindStyle()
{
    // Fixed light backgrounds with dark text stay readable under both light and dark system palettes.
    QString background, border;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxCritical;
    switch (m_kind) {
    case Kind::Error:
        background = QStringLiteral("#fde7e9");
        border = QStringLiteral("#d13438");
        icon = QStyle::SP_MessageBoxCritical;
        break;
    case Kind::Warning:
        background = QStringLiteral("#fff4ce");
        border = QStringLiteral("#c19c00");
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Info:
        background = QStringLiteral("#e5f1fb");
        border = QStringLiteral("#0f6cbd");
        icon = QStyle::SP_MessageBoxInformation;
        break;
    }
    setStyleSheet(
        QStringLiteral("QFrame#errorBanner { background: %1; border: 1px solid %2; border-radius: 3px; }"
                       "QFrame#errorBanner QLabel { color: #201f1e; background: transparent; }")
            .arg(background, border));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
}

} // namespace lb
