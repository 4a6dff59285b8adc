#include "dialogs/connectdialog.h"
#include "dialogs/copydialog.h"
#include "dialogs/snapshotdialog.h"
#include "docks/branchpanel.h"
#include "encord/ssh/sshkey.h"
#include "fakeencordserver.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "testsupport.h"
#include "window/connectionprofiles.h"
#include "window/mainwindow.h"

#include <algorithm>
#include <memory>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using lb::test::FakeEncordServer;
using lb::test::FakeMatch;
using lb::test::FakeObject;

namespace {

const QByteArray RegisteredSeed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QByteArray OtherSeed =
    QByteArray::fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
const QString ProjectTitle = QStringLiteral("Orchard inspection 2026");
const QString Apple = QStringLiteral("qWm5E3j4");
const QString Pear = QStringLiteral("no8RyWRY");
constexpr int DataUnits = 12;
constexpr int ConnectTimeoutMs = 60000;

// ssh-keygen, passphrase "correct horse", aes256-ctr.
const QByteArray EncryptedKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDJw6Fxvj\n"
                      "EIBjRpmVyPqMnXAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIC+X8OS7gQxFVdZP\n"
                      "Z7JnrFvl8d/QxntBQPwlvGTdTt3LAAAAkO5f82vY9ixco3YS4HvZaYbnQnGDS2JAyh3Nx9\n"
                      "bruc7KRmG9TQDYc9UXw+Vk3h9SMQFPAUv4ab/qbi4AWODsHlzn+azb0aNyC37qbEA9TNo9\n"
                      "u2Cp99Uzf8iuQivW8vmLHWdWMP89N51qhBWEbTI2EwRgBXNiIxJojuK4BQygfTnadEV4L8\n"
                      "0HC2dqNu7oJDsLIg==\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QByteArray EncryptedKeyPassphrase = "correct horse";

// An Ed25519 private key as PKCS#8 PEM: the fixed DER prefix of RFC 8410 followed by the 32-byte seed.
QByteArray pemFromSeed(const QByteArray &seed)
{
    const QByteArray der = QByteArray::fromHex("302e020100300506032b657004220420") + seed;
    return "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
}

QString dataHash(int i)
{
    return QStringLiteral("%1-0000-4000-8000-0000000000e1").arg(i, 8, 16, QLatin1Char('0'));
}

template <typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestGuiEncord : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeEncordServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    QString m_keyPath;
    QString m_otherKeyPath;

    QString writeKey(const QString &name, const QByteArray &seed)
    {
        const QString path = m_dir.filePath(name);
        if (!lb::test::writeFile(path, pemFromSeed(seed)))
            return QString();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return path;
    }

    // A small project like the demo: main with most data units labelled, pre-labels from a model with extra
    // and moved objects, and a review branch with a few rows.
    void seedProject()
    {
        m_server->setProject(FakeEncordServer::defaultProjectHash(), ProjectTitle,
                             QStringLiteral("11111111-0000-4000-8000-0000000000aa"));
        for (int i = 0; i < DataUnits; ++i)
            m_server->addDataUnit(dataHash(i),
                                  QStringLiteral("orchard/row-%1/tree-%2.jpg").arg(i / 4 + 1).arg(i + 1),
                                  QStringLiteral("image"), 1920, 1080);
        for (int i = 0; i < DataUnits - 2; ++i) {
            QList<FakeObject> objects;
            for (int k = 0; k < 1 + i % 4; ++k)
                objects.append(FakeObject{QStringLiteral("m%1k%2").arg(i).arg(k), k % 2 ? Pear : Apple, 0,
                                          0.1 + 0.05 * k, 0.2, 0.1, 0.15});
            m_server->putRow(QStringLiteral("main"), dataHash(i), objects,
                             i % 3 ? QStringLiteral("LABELLED") : QStringLiteral("LABEL_IN_PROGRESS"));
        }
        for (int i = 0; i < 8; ++i) {
            QList<FakeObject> objects;
            for (int k = 0; k < 2 + i % 3; ++k)
                objects.append(FakeObject{QStringLiteral("p%1k%2").arg(i).arg(k), k % 3 ? Apple : Pear, 0,
                                          0.12 + 0.04 * k, 0.25, 0.1, 0.15});
            m_server->putRow(QStringLiteral("pre-labels"), dataHash(i), objects);
        }
        for (int i = 0; i < 4; ++i)
            m_server->putRow(QStringLiteral("review"), dataHash(i),
                             {FakeObject{QStringLiteral("r%1").arg(i)}}, QStringLiteral("REVIEWED"));
    }

    MainWindow *newWindow()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        return m_window.get();
    }

    ConnectDialog *openConnectDialog(MainWindow *window)
    {
        QAction *connectAction = window->findChild<QAction *>(QStringLiteral("connectAction"));
        if (!connectAction || !connectAction->isEnabled())
            return nullptr;
        connectAction->trigger();
        const QList<ConnectDialog *> dialogs = window->findChildren<ConnectDialog *>();
        for (ConnectDialog *dialog : dialogs)
            if (dialog->isVisible())
                return dialog;
        return nullptr;
    }

    void fillDialog(ConnectDialog *dialog, const QString &keyPath)
    {
        auto *domain = child<QComboBox>(dialog, "connectDomainCombo");
        QVERIFY(domain);
        domain->setCurrentIndex(2); // custom URL
        auto *custom = child<QLineEdit>(dialog, "connectCustomDomainEdit");
        QVERIFY(custom && custom->isEnabled());
        custom->setText(m_server->domain().toString());
        child<QLineEdit>(dialog, "connectProjectIdEdit")->setText(FakeEncordServer::defaultProjectHash());
        child<QLineEdit>(dialog, "connectKeyFileEdit")->setText(keyPath);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("labelbranch-gui-encord-test"));
        QApplication::setOrganizationName(QStringLiteral("labelbranch-test"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_keyPath = writeKey(QStringLiteral("orchard-key.pem"), RegisteredSeed);
        m_otherKeyPath = writeKey(QStringLiteral("unregistered-key.pem"), OtherSeed);
        QVERIFY(!m_keyPath.isEmpty() && !m_otherKeyPath.isEmpty());
    }

    void init()
    {
        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        auto key = SshKey::fromSeed(RegisteredSeed);
        QVERIFY(key.ok());
        m_server->registerPublicKey(key->publicKey());
        seedProject();
    }

    void cleanup()
    {
        if (m_window) {
            m_window->jobManager()->cancelAll();
            m_window->jobManager()->waitForDone(60000);
            m_window.reset();
        }
        m_server.reset();
        QSettings().clear();
    }

    void defaultsToEncordsEuDomain()
    {
        ConnectDialog dialog;
        QCOMPARE(dialog.profile().domain, QUrl(QStringLiteral("https://api.encord.com")));
        auto *domain = child<QComboBox>(&dialog, "connectDomainCombo");
        QVERIFY(domain->itemText(1).contains(QStringLiteral("https://api.us.encord.com")));
        QVERIFY(!child<QLineEdit>(&dialog, "connectCustomDomainEdit")->isEnabled());
        // Nothing to test without a project ID.
        QVERIFY(!child<QPushButton>(&dialog, "connectTestButton")->isEnabled());
    }

    void welcomePageOffersEncord()
    {
        MainWindow *window = newWindow();
        auto *button = window->findChild<QPushButton *>(QStringLiteral("welcomeConnectButton"));
        QVERIFY(button && button->isVisible());
        saveScreenshot(window, QStringLiteral("encord-welcome-page.png"));
        QTest::mouseClick(button, Qt::LeftButton);
        ConnectDialog *dialog = nullptr;
        for (ConnectDialog *d : window->findChildren<ConnectDialog *>())
            if (d->isVisible())
                dialog = d;
        QVERIFY(dialog);
        dialog->reject();
    }

    void connectsThroughTheDialog()
    {
        MainWindow *window = newWindow();
        ConnectDialog *dialog = openConnectDialog(window);
        QVERIFY(dialog);
        fillDialog(dialog, m_keyPath);
        auto *test = child<QPushButton>(dialog, "connectTestButton");
        QVERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(dialog->isConnecting());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isConnecting(), ConnectTimeoutMs);

        // The title and the branch count, as Encord has them.
        const QString status = dialog->statusText();
        QVERIFY2(status.contains(ProjectTitle), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("%1 branches").arg(m_server->branches().size())),
                 qPrintable(status));
        QCOMPARE(child<QLineEdit>(dialog, "connectNameEdit")->text(), ProjectTitle);
        saveScreenshot(dialog, QStringLiteral("encord-connect-dialog-tested.png"));
        // The attempt ran as a store-less job of the window, so the Jobs panel listed it.
        const QList<Job *> jobs = window->jobManager()->jobs();
        QVERIFY(std::any_of(jobs.cbegin(), jobs.cend(), [](const Job *job) {
            return !job->needsStore() && job->title().startsWith(QStringLiteral("Connect to")) &&
                   job->state() == JobState::Finished;
        }));

        // Connect opens the tested project in the window.
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QPushButton *connectButton = buttons->button(QDialogButtonBox::Ok);
        QVERIFY(connectButton && connectButton->isEnabled());
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->session() && window->session()->isRemote(), ConnectTimeoutMs);

        // Its branches and the rows of main.
        QStringList expected = m_server->branches();
        QStringList names = window->branchModel()->branchNames();
        QCOMPARE(names.first(), QStringLiteral("main"));
        std::sort(expected.begin(), expected.end());
        std::sort(names.begin(), names.end());
        QCOMPARE(names, expected);
        QCOMPARE(window->rowModel()->branch(), QStringLiteral("main"));
        QTRY_COMPARE_WITH_TIMEOUT(window->rowModel()->totalCount(),
                                  m_server->rowCount(QStringLiteral("main")), ConnectTimeoutMs);
        QVERIFY(window->rowModel()->rowCount() > 0);

        // The window says which Encord project is open.
        QVERIFY2(window->windowTitle().contains(ProjectTitle), qPrintable(window->windowTitle()));
        QVERIFY2(window->projectStatusText().contains(QStringLiteral("Encord")),
                 qPrintable(window->projectStatusText()));
        QVERIFY2(window->projectStatusText().contains(FakeEncordServer::defaultProjectHash()),
                 qPrintable(window->projectStatusText()));

        // Another branch's rows come from Encord too.
        window->branchPanel()->selectBranch(QStringLiteral("pre-labels"));
        QTRY_COMPARE_WITH_TIMEOUT(window->rowModel()->branch(), QStringLiteral("pre-labels"),
                                  ConnectTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(window->rowModel()->totalCount(),
                                  m_server->rowCount(QStringLiteral("pre-labels")), ConnectTimeoutMs);
        saveScreenshot(window, QStringLiteral("encord-main-window-connected.png"));

        // The connection is saved (without the key) and listed under File ▸ Open Recent.
        const QList<ConnectionProfile> profiles = ConnectionProfiles::list();
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.first().name, ProjectTitle);
        QCOMPARE(profiles.first().keyPath, m_keyPath);
        QCOMPARE(profiles.first().projectId, FakeEncordServer::defaultProjectHash());
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("PRIVATE KEY")),
                     qPrintable(key));
        auto *recent = window->findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(recent);
        bool listed = false;
        for (QAction *a : recent->actions())
            listed = listed || a->text().contains(ProjectTitle);
        QVERIFY(listed);
    }

    void compareAndSnapshotRunAsJobsOnEncord()
    {
        MainWindow *window = newWindow();
        ConnectionProfile profile;
        profile.domain = m_server->domain();
        profile.projectId = FakeEncordServer::defaultProjectHash();
        profile.keyPath = m_keyPath;
        // Opening directly is fine here: the fake server answers on its own thread.
        auto session = ProjectSession::openEncord(profile);
        QVERIFY2(session.ok(), qPrintable(session.error()));
        QVERIFY(window->openSession(std::move(session).value()));

        // The comparison runs as a job with its own connection to Encord.
        window->compareBranches(QStringLiteral("main"), QStringLiteral("pre-labels"));
        QTRY_COMPARE_WITH_TIMEOUT(window->diffModel()->targetBranch(), QStringLiteral("pre-labels"),
                                  ConnectTimeoutMs);
        const DiffSummary &summary = window->diffModel()->summary();
        QCOMPARE(summary.total, DataUnits);
        QCOMPARE(summary.onlyInSource, m_server->rowCount(QStringLiteral("main")) - 8);
        QCOMPARE(summary.uninitialisedOnBoth, 2);
        QVERIFY(summary.differences() > 0);
        QCOMPARE(window->diffModel()->rowCount(), DataUnits);
        saveScreenshot(window, QStringLiteral("encord-main-window-compare.png"));

        // A snapshot of main writes its rows to Encord.
        window->branchPanel()->selectBranch(QStringLiteral("main"));
        QAction *snapshot = window->findChild<QAction *>(QStringLiteral("snapshotAction"));
        QVERIFY(snapshot && snapshot->isEnabled());
        snapshot->trigger();
        SnapshotDialog *dialog = nullptr;
        for (SnapshotDialog *d : window->findChildren<SnapshotDialog *>())
            if (d->isVisible())
                dialog = d;
        QVERIFY(dialog);
        const QString name = dialog->name();
        QVERIFY(dialog->problem().isEmpty());
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!window->jobManager()->jobs().isEmpty() &&
                                     window->jobManager()->activeCount() == 0,
                                 ConnectTimeoutMs);
        Job *job = window->jobManager()->jobs().constLast();
        QVERIFY2(job->state() == JobState::Finished, qPrintable(job->errorMessage()));
        QCOMPARE(m_server->rowCount(name), m_server->rowCount(QStringLiteral("main")));
        QTRY_VERIFY_WITH_TIMEOUT(window->branchModel()->rowOf(name) >= 0, ConnectTimeoutMs);

        // The copy dialog's dry run asks Encord in a job, not on the window's thread; then the copy writes.
        QSignalSpy jobsAdded(window->jobManager(), &JobManager::jobAdded);
        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("pre-labels"), QStringLiteral("review"),
                               QStringList());
        CopyDialog *copy = nullptr;
        for (CopyDialog *d : window->findChildren<CopyDialog *>())
            if (d->isVisible())
                copy = d;
        QVERIFY(copy);
        copy->requestPlanNow();
        QTRY_VERIFY_WITH_TIMEOUT(copy->hasCurrentPlan(), ConnectTimeoutMs);
        QVERIFY(jobsAdded.count() > 0);
        QCOMPARE(copy->plan().toCreate, m_server->rowCount(QStringLiteral("pre-labels")) - 4);
        QCOMPARE(copy->plan().toReplace, 0);
        auto *buttons = copy->findChild<QDialogButtonBox *>();
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Ok)->isEnabled());
        buttons->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            window->jobManager()->activeCount() == 0 &&
                window->jobManager()->jobs().constLast()->title().startsWith(QStringLiteral("Copy")),
            ConnectTimeoutMs);
        Job *copyJob = window->jobManager()->jobs().constLast();
        QVERIFY2(copyJob->state() == JobState::Finished, qPrintable(copyJob->errorMessage()));
        // The job panel says which way the rows went.
        QVERIFY2(copyJob->resultSummary().contains(QStringLiteral("copied by Encord's copy endpoint")),
                 qPrintable(copyJob->resultSummary()));
        saveScreenshot(window, QStringLiteral("encord-copy-done.png"));
        QCOMPARE(m_server->rowCount(QStringLiteral("review")),
                 m_server->rowCount(QStringLiteral("pre-labels")));
    }

    void cancellingACompareStopsWaitingForEncord()
    {
        MainWindow *window = newWindow();
        ConnectionProfile profile;
        profile.domain = m_server->domain();
        profile.projectId = FakeEncordServer::defaultProjectHash();
        profile.keyPath = m_keyPath;
        auto session = ProjectSession::openEncord(profile);
        QVERIFY2(session.ok(), qPrintable(session.error()));
        QVERIFY(window->openSession(std::move(session).value()));
        // The branch totals are listed by a job of their own first.
        QTRY_VERIFY_WITH_TIMEOUT(window->jobManager()->activeCount() == 0, ConnectTimeoutMs);

        // Encord holds the compare's listing far longer than this test waits for the cancel to land.
        const auto listings = [this] {
            return m_server->v1Requests(QStringLiteral("labelrowmetadata"), QStringLiteral("GET")).size();
        };
        const qsizetype before = listings();
        m_server->delayNext(1, 10 * ConnectTimeoutMs,
                            FakeMatch{QStringLiteral("labelrowmetadata"), {}, {}, 0});
        window->compareBranches(QStringLiteral("main"), QStringLiteral("review"));
        QTRY_VERIFY_WITH_TIMEOUT(!window->jobManager()->jobs().isEmpty(), ConnectTimeoutMs);
        Job *job = window->jobManager()->jobs().constLast();
        QTRY_VERIFY_WITH_TIMEOUT(listings() > before, ConnectTimeoutMs);
        QVERIFY(job->isActive());
        QVERIFY(window->jobManager()->cancel(job->id()));
        QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), ConnectTimeoutMs);
        QCOMPARE(job->state(), JobState::Cancelled);
    }

    void savedProfileIsSelectable()
    {
        ConnectionProfile saved;
        saved.name = QStringLiteral("Orchard (fake)");
        saved.domain = m_server->domain();
        saved.projectId = FakeEncordServer::defaultProjectHash();
        saved.keyPath = m_keyPath;
        ConnectionProfiles::save(saved);

        ConnectDialog dialog(nullptr, saved.name);
        QCOMPARE(dialog.profile().projectId, saved.projectId);
        QCOMPARE(dialog.profile().domain, saved.domain);
        QCOMPARE(dialog.profile().keyPath, saved.keyPath);
        QVERIFY(child<QLineEdit>(&dialog, "connectCustomDomainEdit")->isEnabled());

        // A fresh dialog starts empty and offers the profile in its list.
        ConnectDialog fresh;
        QVERIFY(fresh.profile().projectId.isEmpty());
        auto *profiles = child<QComboBox>(&fresh, "connectProfileCombo");
        QCOMPARE(profiles->count(), 2);
        profiles->setCurrentIndex(1);
        Q_EMIT profiles->activated(1);
        QCOMPARE(fresh.profile().projectId, saved.projectId);
        fresh.resize(fresh.sizeHint().expandedTo(QSize(640, 0)));
        fresh.show();
        saveScreenshot(&fresh, QStringLiteral("encord-connect-dialog-profile.png"));

        // Forget removes the saved connection, not the key file.
        auto *forget = child<QPushButton>(&fresh, "connectForgetProfileButton");
        QVERIFY(forget && forget->isEnabled());
        QTest::mouseClick(forget, Qt::LeftButton);
        QVERIFY(ConnectionProfiles::list().isEmpty());
        QCOMPARE(profiles->count(), 1);
        QVERIFY(QFileInfo::exists(m_keyPath));
    }

    void recentConnectionOpensTheProject()
    {
        ConnectionProfile saved;
        saved.name = QStringLiteral("Orchard (recent)");
        saved.domain = m_server->domain();
        saved.projectId = FakeEncordServer::defaultProjectHash();
        saved.keyPath = m_keyPath;
        ConnectionProfiles::save(saved);

        MainWindow *window = newWindow();
        auto *recent = window->findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(recent && recent->isEnabled());
        QAction *entry = nullptr;
        for (QAction *a : recent->actions())
            if (a->text().contains(saved.name))
                entry = a;
        QVERIFY(entry);
        // The dialog opens on the saved connection and connects at once.
        entry->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window->session() && window->session()->isRemote(), ConnectTimeoutMs);
        QCOMPARE(window->session()->encordProfile().name, saved.name);
        QCOMPARE(window->branchModel()->rowCount(), int(m_server->branches().size()));
        for (ConnectDialog *d : window->findChildren<ConnectDialog *>())
            QVERIFY(!d->isVisible());
    }

    void editingAfterATestClearsItsResult()
    {
        ConnectDialog dialog;
        dialog.show();
        fillDialog(&dialog, m_keyPath);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), ConnectTimeoutMs);
        QVERIFY(dialog.statusText().contains(ProjectTitle));
        child<QLineEdit>(&dialog, "connectProjectIdEdit")->setText(QStringLiteral("another-project"));
        QVERIFY(!dialog.statusText().contains(ProjectTitle));
        QVERIFY(!dialog.takeSession());
    }

    void wrongKeyShowsTheExactError()
    {
        ConnectDialog dialog;
        dialog.show();
        fillDialog(&dialog, m_otherKeyPath);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), ConnectTimeoutMs);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("not registered with Encord")),
                 qPrintable(dialog.statusText()));
        QVERIFY(!dialog.takeSession());
        saveScreenshot(&dialog, QStringLiteral("encord-connect-dialog-wrong-key.png"));
    }

    void protectedKeyTakesAPassphrase()
    {
        const QString path = m_dir.filePath(QStringLiteral("protected-key"));
        QVERIFY(lb::test::writeFile(path, EncryptedKey));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto key = SshKey::fromText(EncryptedKey, EncryptedKeyPassphrase);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        m_server->registerPublicKey(key->publicKey());

        ConnectDialog dialog;
        dialog.show();
        fillDialog(&dialog, path);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), ConnectTimeoutMs);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("passphrase required")),
                 qPrintable(dialog.statusText()));

        // The error's kind, not its wording, points the user at the passphrase field.
        auto *passphrase = child<QLineEdit>(&dialog, "connectPassphraseEdit");
        QVERIFY(passphrase);
        QCOMPARE(dialog.focusWidget(), passphrase);
        QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
        passphrase->setText(QString::fromLatin1(EncryptedKeyPassphrase));
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), ConnectTimeoutMs);
        QVERIFY2(dialog.statusText().contains(ProjectTitle), qPrintable(dialog.statusText()));
        saveScreenshot(&dialog, QStringLiteral("encord-connect-dialog-passphrase.png"));

        // A saved connection never holds the passphrase.
        dialog.connectAndAccept();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QSettings settings;
        for (const QString &k : settings.allKeys())
            QVERIFY2(!settings.value(k).toString().contains(QString::fromLatin1(EncryptedKeyPassphrase)),
                     qPrintable(k));
        QCOMPARE(ConnectionProfiles::list().size(), 1);
    }

    void stoppedServerShowsTheExactError()
    {
        ConnectDialog dialog;
        dialog.show();
        fillDialog(&dialog, m_keyPath);
        const quint16 port = m_server->port();
        m_server.reset();
        dialog.testConnection();
        // While the refused connection is tried again, the line counts the seconds and says what happens.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(QStringLiteral("tried again")), 5000);
        QVERIFY2(dialog.statusText().contains(QStringLiteral(" s)")), qPrintable(dialog.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isConnecting(), ConnectTimeoutMs);
        const QString status = dialog.statusText();
        QVERIFY2(status.contains(QString::number(port)) || status.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(status));
        QVERIFY(!status.contains(ProjectTitle));
        QVERIFY(!dialog.takeSession());
        saveScreenshot(&dialog, QStringLiteral("encord-connect-dialog-server-down.png"));
    }

    void connectFailureKeepsTheDialogOpen()
    {
        MainWindow *window = newWindow();
        ConnectDialog *dialog = openConnectDialog(window);
        QVERIFY(dialog);
        fillDialog(dialog, m_dir.filePath(QStringLiteral("missing-key")));
        dialog->connectAndAccept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isConnecting(), ConnectTimeoutMs);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->statusText().contains(QStringLiteral("missing-key")),
                 qPrintable(dialog->statusText()));
        QVERIFY(!window->session());
        QVERIFY(ConnectionProfiles::list().isEmpty());
        dialog->reject();
    }
};

QTEST_MAIN(TestGuiEncord)
#include "tst_gui_encord.moc"
