#include "window/welcomepage.h"

#include "widgets/errorbanner.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *title = new QLabel(tr("labelbranch"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(
        tr("Browse, compare, snapshot and copy the label branches of an annotation project."), this);
    subtitle->setWordWrap(true);

    m_banner = new ErrorBanner(this);

    m_openButton = new QPushButton(tr("&Open Project…"), this);
    m_openButton->setObjectName(QStringLiteral("welcomeOpenButton"));
    m_demoButton = new QPushButton(tr("Open the &Demo Project"), this);
    m_demoButton->setObjectName(QStringLiteral("welcomeDemoButton"));
    m_connectButton = new QPushButton(tr("Connect to &Encord…"), this);
    m_connectButton->setObjectName(QStringLiteral("welcomeConnectButton"));
    m_connectButton->setToolTip(tr("Open a live Encord project with its project ID and your SSH key"));
    connect(m_connectButton, &QPushButton::clicked, this, &WelcomePage::connectEncordRequested);
    connect(m_openButton, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    connect(m_demoButton, &QPushButton::clicked, this, &WelcomePage::createDemoRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_demoButton);
    buttons->addWidget(m_connectButton);
    buttons->addStretch(1);

    m_recentHeading = new QLabel(tr("&Recent projects"), this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("welcomeRecentList"));
    m_recentHeading->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this, &WelcomePage::openItem);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(12);
    column->addWidget(m_banner);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(m_recentHeading);
    column->addWidget(m_recent, 1);
    // Without recent projects nothing in the column grows: keep it together at the top instead of
    // spreading the title, text and buttons over the page.
    for (QWidget *fixedHeight : {static_cast<QWidget *>(title), static_cast<QWidget *>(subtitle),
                                 static_cast<QWidget *>(m_banner), static_cast<QWidget *>(m_recentHeading)})
        fixedHeight->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    column->setAlignment(Qt::AlignTop);

    // Keep the content at a readable width in the middle of a large window.
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 4);
    outer->addStretch(1);
    outer->setContentsMargins(24, 48, 24, 24);
}

void WelcomePage::setRecentProjects(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item =
            new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), path), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    m_recentHeading->setVisible(!paths.isEmpty());
    m_recent->setVisible(!paths.isEmpty());
}

void WelcomePage::showError(const QString &message)
{
    m_banner->showMessage(message, ErrorBanner::Kind::Error);
    m_openButton->setEnabled(true);
    m_demoButton->setEnabled(true);
}

void WelcomePage::showBusy(const QString &message)
{
    m_banner->showMessage(message, ErrorBanner::Kind::Info);
    m_demoButton->setEnabled(false);
}

void WelcomePage::clearMessage()
{
    m_banner->dismiss();
    m_demoButton->setEnabled(true);
}

QString WelcomePage::message() const
{
    return m_banner->text();
}

void WelcomePage::openItem(QListWidgetItem *item)
{
    if (item)
        Q_EMIT openRecentRequested(item->data(Qt::UserRole).toString());
}

} // namespace lb
