#include "dialogs/connectdialog.h"

#include "jobs/jobmanager.h"
#include "project/projectopener.h"
#include "project/projectsession.h"
#include "widgets/noticestyle.h"
#include "window/connectionprofiles.h"
#include "window/encordconnector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

enum DomainChoice
{
    kDomainEu = 0,
    kDomainUs = 1,
    kDomainCustom = 2
};

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent, const QString &profileName, JobManager *jobs) : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Encord"));

    m_connector = new EncordConnector(jobs ? jobs : new JobManager(this), this);

    auto *intro =
        new QLabel(tr("Open a live Encord project: its branches and label rows are read through Encord's "
                      "API, signed with your SSH private key. The key stays on this computer; a saved "
                      "connection keeps only the key file's location."),
                   this);
    intro->setWordWrap(true);
    // Created in the order of the tab chain.
    QFormLayout *form = createForm();
    QHBoxLayout *statusRow = createStatusRow();

    m_saveCheck = new QCheckBox(tr("&Remember this connection (File ▸ Open Recent)"), this);
    m_saveCheck->setObjectName(QStringLiteral("connectSaveCheck"));
    m_saveCheck->setChecked(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addLayout(statusRow);
    layout->addWidget(m_saveCheck);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connectSignals();

    loadProfiles(profileName);
    onDomainChoiceChanged();
    if (!profileName.isEmpty() && m_profileCombo->currentIndex() > 0)
        onProfileChosen(m_profileCombo->currentIndex());
    showStatus(Status::None, tr("Test the connection to see the project's title and branches."));
    updateButtons();
    resize(sizeHint().expandedTo(QSize(640, 0)));
}

QFormLayout *ConnectDialog::createForm()
{
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("connectProfileCombo"));
    m_removeProfileButton = new QPushButton(tr("&Forget"), this);
    m_removeProfileButton->setObjectName(QStringLiteral("connectForgetProfileButton"));
    m_removeProfileButton->setToolTip(tr("Remove this saved connection (the key file is not touched)"));
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(m_removeProfileButton);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("connectNameEdit"));
    m_nameEdit->setPlaceholderText(tr("Optional: the project's title"));

    m_domainCombo = new QComboBox(this);
    m_domainCombo->setObjectName(QStringLiteral("connectDomainCombo"));
    m_domainCombo->insertItem(kDomainEu,
                              tr("Encord (EU) — %1").arg(ConnectionProfile::euDomain().toString()));
    m_domainCombo->insertItem(kDomainUs, tr("Encord US — %1").arg(ConnectionProfile::usDomain().toString()));
    m_domainCombo->insertItem(kDomainCustom, tr("Custom URL (private deployment)…"));
    m_customDomainEdit = new QLineEdit(this);
    m_customDomainEdit->setObjectName(QStringLiteral("connectCustomDomainEdit"));
    m_customDomainEdit->setPlaceholderText(tr("https://api.example.com"));

    m_projectEdit = new QLineEdit(this);
    m_projectEdit->setObjectName(QStringLiteral("connectProjectIdEdit"));
    m_projectEdit->setPlaceholderText(tr("The project hash, e.g. 00000000-0000-4000-8000-000000000001"));
    m_projectEdit->setMinimumWidth(420);

    auto *form = new QFormLayout;
    // Rows that hold a layout get no buddy of their own: without one, "&" would show instead of a shortcut.
    auto *profileLabel = new QLabel(tr("&Saved connection:"), this);
    profileLabel->setBuddy(m_profileCombo);
    form->addRow(profileLabel, profileRow);
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Domain:"), m_domainCombo);
    form->addRow(tr("Custom &URL:"), m_customDomainEdit);
    form->addRow(tr("&Project ID:"), m_projectEdit);
    addKeyRows(form);
    return form;
}

void ConnectDialog::addKeyRows(QFormLayout *form)
{
    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("connectKeyFileEdit"));
    m_keyEdit->setPlaceholderText(
        tr("Empty: $%1 or $%2").arg(ProjectOpener::keyFileVariable(), ProjectOpener::keyVariable()));
    m_browseButton = new QPushButton(tr("&Browse…"), this);
    m_browseButton->setObjectName(QStringLiteral("connectBrowseKeyButton"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_browseButton);

    m_passphraseEdit = new QLineEdit(this);
    m_passphraseEdit->setObjectName(QStringLiteral("connectPassphraseEdit"));
    m_passphraseEdit->setEchoMode(QLineEdit::Password);
    m_passphraseEdit->setPlaceholderText(tr("Only for a key protected by a passphrase; never saved"));

    auto *keyLabel = new QLabel(tr("SSH &key file:"), this);
    keyLabel->setBuddy(m_keyEdit);
    form->addRow(keyLabel, keyRow);
    form->addRow(tr("Key pass&phrase:"), m_passphraseEdit);
}

QHBoxLayout *ConnectDialog::createStatusRow()
{
    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("connectTestButton"));
    m_testButton->setAutoDefault(false);
    m_statusIcon = new QLabel(this);
    m_statusIcon->setFixedSize(20, 20);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("connectStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setMinimumHeight(m_statusLabel->fontMetrics().height() * 3);
    m_statusLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_testButton, 0, Qt::AlignTop);
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    statusRow->addWidget(m_statusLabel, 1);
    return statusRow;
}

void ConnectDialog::connectSignals()
{
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::connectAndAccept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_profileCombo, &QComboBox::activated, this, &ConnectDialog::onProfileChosen);
    connect(m_removeProfileButton, &QPushButton::clicked, this, &ConnectDialog::removeChosenProfile);
    connect(m_domainCombo, &QComboBox::currentIndexChanged, this, &ConnectDialog::onDomainChoiceChanged);
    connect(m_passphraseEdit, &QLineEdit::textChanged, this, &ConnectDialog::onFieldsEdited);
    connect(m_browseButton, &QPushButton::clicked, this, &ConnectDialog::browseForKey);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    for (QLineEdit *edit : {m_customDomainEdit, m_projectEdit, m_keyEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::onFieldsEdited);
    connect(m_connector, &EncordConnector::succeeded, this, &ConnectDialog::onSucceeded);
    connect(m_connector, &EncordConnector::failed, this, &ConnectDialog::onFailed);
    connect(m_connector, &EncordConnector::progressChanged, this, [this](int done, int total) {
        m_busyText = tr("Reading the label rows… bundle %1 of %2").arg(done).arg(total);
        showBusy();
    });
    // While it connects the line says how long it has been trying and what happens next, so a refused or
    // silent server is never a static "Connecting…" (docs/encord-api.md §2.5: retries).
    m_busyTimer = new QTimer(this);
    m_busyTimer->setInterval(1000);
    connect(m_busyTimer, &QTimer::timeout, this, &ConnectDialog::showBusy);
    connect(m_connector, &EncordConnector::runningChanged, this, [this](bool running) {
        if (running) {
            m_busyClock.start();
            m_busyTimer->start();
        } else {
            m_busyTimer->stop();
        }
    });
}

void ConnectDialog::showBusy()
{
    if (!m_connector->isRunning())
        return;
    const qint64 seconds = m_busyClock.isValid() ? m_busyClock.elapsed() / 1000 : 0;
    QString text = m_busyText;
    if (seconds >= 1)
        text += QLatin1Char(' ') + tr("(%n s)", nullptr, int(seconds));
    if (seconds >= 2)
        text += QStringLiteral("<br>") +
                tr("No answer yet: a refused or dropped connection is tried again up to 3 times (after 0, 3 "
                   "and 6 s), as Encord's own SDK does. Cancel stops.");
    showStatus(Status::Busy, text);
}

ConnectDialog::~ConnectDialog() = default;

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_nameEdit->text().trimmed();
    switch (m_domainCombo->currentIndex()) {
    case kDomainUs:
        p.domain = ConnectionProfile::usDomain();
        break;
    case kDomainCustom:
        p.domain = ConnectionProfile::domainFromText(m_customDomainEdit->text());
        break;
    default:
        p.domain = ConnectionProfile::euDomain();
        break;
    }
    p.projectId = m_projectEdit->text().trimmed();
    p.keyPath = m_keyEdit->text().trimmed();
    return p;
}

void ConnectDialog::setProfile(const ConnectionProfile &profile)
{
    m_nameEdit->setText(profile.name);
    const QUrl domain = profile.domain.adjusted(QUrl::StripTrailingSlash);
    if (domain.isEmpty() || domain == ConnectionProfile::euDomain()) {
        m_domainCombo->setCurrentIndex(kDomainEu);
    } else if (domain == ConnectionProfile::usDomain()) {
        m_domainCombo->setCurrentIndex(kDomainUs);
    } else {
        m_domainCombo->setCurrentIndex(kDomainCustom);
        m_customDomainEdit->setText(profile.domain.toString());
    }
    m_projectEdit->setText(profile.projectId);
    m_keyEdit->setText(profile.keyPath);
    m_passphraseEdit->clear();
    updateButtons();
}

QString ConnectDialog::statusText() const
{
    return m_statusLabel->text();
}

bool ConnectDialog::isConnecting() const
{
    return m_connector->isRunning();
}

std::unique_ptr<ProjectSession> ConnectDialog::takeSession()
{
    return std::move(m_session);
}

void ConnectDialog::testConnection()
{
    start(false);
}

void ConnectDialog::connectAndAccept()
{
    // A session tested with exactly these fields is open already: no second round of requests.
    const ConnectionProfile p = profile();
    if (m_session && m_sessionProfile.sameProject(p) && m_sessionProfile.keyPath == p.keyPath) {
        m_acceptWhenOpen = true;
        onSucceeded(m_session->title(), m_session->branchCount());
        return;
    }
    start(true);
}

void ConnectDialog::start(bool acceptWhenOpen)
{
    const ConnectionProfile p = profile();
    if (p.projectId.isEmpty()) {
        showStatus(Status::Failure, tr("Enter the Encord project ID."));
        m_projectEdit->setFocus();
        return;
    }
    m_acceptWhenOpen = acceptWhenOpen;
    m_session.reset();
    m_busyText = tr("Connecting to %1…").arg(p.domain.toString().toHtmlEscaped());
    showStatus(Status::Busy, m_busyText);
    m_connector->start(p, m_passphraseEdit->text().toUtf8());
    updateButtons();
}

void ConnectDialog::onSucceeded(const QString &title, int branchCount)
{
    if (std::unique_ptr<ProjectSession> session = m_connector->takeSession()) {
        m_session = std::move(session);
        m_sessionProfile = m_connector->profile();
    }
    if (!m_session)
        return;
    const QString branches = branchCount == 1 ? tr("1 branch") : tr("%1 branches").arg(branchCount);
    QString text = tr("Connected to “%1”: %2, %3 data units.")
                       .arg(title.toHtmlEscaped(), branches)
                       .arg(m_session->dataUnitCount());
    if (!m_session->keyWarning().isEmpty())
        text += QStringLiteral("<br>") + tr("Note: %1").arg(m_session->keyWarning().toHtmlEscaped());
    showStatus(Status::Success, text);
    if (m_nameEdit->text().trimmed().isEmpty())
        m_nameEdit->setText(title);
    updateButtons();
    Q_EMIT connectionChecked(true);
    if (m_acceptWhenOpen) {
        m_acceptWhenOpen = false;
        if (m_saveCheck->isChecked()) {
            ConnectionProfile saved = profile();
            if (saved.name.isEmpty())
                saved.name = title;
            ConnectionProfiles::save(saved);
        }
        accept();
    }
}

void ConnectDialog::onFailed(const Error &error)
{
    m_acceptWhenOpen = false;
    showStatus(Status::Failure, error.message.toHtmlEscaped());
    if (error.kind == ErrorKind::PassphraseRequired || error.kind == ErrorKind::WrongPassphrase)
        m_passphraseEdit->setFocus();
    updateButtons();
    Q_EMIT connectionChecked(false);
}

void ConnectDialog::showStatus(Status status, const QString &text)
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colour;
    switch (status) {
    case Status::None:
        icon = QStyle::SP_MessageBoxInformation;
        colour = palette().color(QPalette::PlaceholderText).name();
        break;
    case Status::Busy:
        icon = QStyle::SP_BrowserReload;
        break;
    case Status::Success:
        icon = QStyle::SP_DialogApplyButton;
        colour = notice::textColour(notice::Kind::Success);
        break;
    case Status::Failure:
        icon = QStyle::SP_MessageBoxCritical;
        colour = notice::textColour(notice::Kind::Error);
        break;
    }
    m_statusIcon->setPixmap(style()->standardIcon(icon).pixmap(18, 18));
    m_statusLabel->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
    m_statusLabel->setText(text);
}

void ConnectDialog::loadProfiles(const QString &select)
{
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("New connection"));
    const QList<ConnectionProfile> profiles = ConnectionProfiles::list();
    for (const ConnectionProfile &p : profiles) {
        m_profileCombo->addItem(tr("%1 (%2)").arg(p.displayName(), p.domainLabel()), p.displayName());
        m_profileCombo->setItemData(m_profileCombo->count() - 1, p.projectId, Qt::ToolTipRole);
    }
    const int index = select.isEmpty() ? 0 : m_profileCombo->findData(select);
    m_profileCombo->setCurrentIndex(qMax(0, index));
    m_profileCombo->setEnabled(!profiles.isEmpty());
}

void ConnectDialog::onProfileChosen(int index)
{
    if (index <= 0) {
        setProfile(ConnectionProfile());
    } else {
        const QList<ConnectionProfile> profiles = ConnectionProfiles::list();
        if (const ConnectionProfile *p =
                ConnectionProfiles::find(profiles, m_profileCombo->itemData(index).toString()))
            setProfile(*p);
    }
    updateButtons();
}

void ConnectDialog::onDomainChoiceChanged()
{
    const bool custom = m_domainCombo->currentIndex() == kDomainCustom;
    m_customDomainEdit->setEnabled(custom);
    if (custom)
        m_customDomainEdit->setFocus();
    onFieldsEdited();
}

void ConnectDialog::removeChosenProfile()
{
    const int index = m_profileCombo->currentIndex();
    if (index <= 0)
        return;
    ConnectionProfiles::remove(m_profileCombo->itemData(index).toString());
    loadProfiles(QString());
    updateButtons();
}

void ConnectDialog::browseForKey()
{
    const QString current = ProjectOpener::expandKeyPath(m_keyEdit->text().trimmed());
    const QString start = current.isEmpty() ? QDir::home().filePath(QStringLiteral(".ssh")) : current;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose the SSH Private Key"), start, tr("All files (*)"));
    if (!path.isEmpty())
        m_keyEdit->setText(QDir::toNativeSeparators(path));
}

void ConnectDialog::onFieldsEdited()
{
    // A result shown for other fields would be read as this connection's.
    if (m_session || m_connector->isRunning()) {
        const ConnectionProfile p = profile();
        if (m_connector->isRunning() || !m_sessionProfile.sameProject(p) ||
            m_sessionProfile.keyPath != p.keyPath) {
            m_connector->abandon();
            m_session.reset();
            m_acceptWhenOpen = false;
            showStatus(Status::None, tr("Test the connection to see the project's title and branches."));
        }
    }
    updateButtons();
}

void ConnectDialog::updateButtons()
{
    const bool busy = m_connector->isRunning();
    const ConnectionProfile p = profile();
    const bool complete = !p.projectId.isEmpty() && !p.domain.isEmpty();
    m_testButton->setEnabled(!busy && complete);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy && complete);
    m_removeProfileButton->setEnabled(m_profileCombo->currentIndex() > 0);
}

} // namespace lb
