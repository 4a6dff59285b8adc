#pragma once

#include "domain/result.h"
#include "project/connectionprofile.h"

#include <memory>
#include <QDialog>
#include <QElapsedTimer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace lb {

class EncordConnector;
class JobManager;
class ProjectSession;

// File ▸ Connect to Encord (docs/product.md §4.6): domain (EU, US or a custom URL), project ID and SSH key
// file, or a saved connection. "Test Connection" opens the project in the background and shows its title and
// branch count or Encord's exact error; Connect opens it the same way (or reuses a tested session) and
// accepts once it is open. Both run as jobs of `jobs` (the window's, so they show in its Jobs panel; the
// dialog's own when none is given). Saved connections keep the key's path, never the key.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    // Preselects the saved connection `profileName` when given.
    explicit ConnectDialog(QWidget *parent = nullptr, const QString &profileName = QString(),
                           JobManager *jobs = nullptr);
    ~ConnectDialog() override;

    ConnectionProfile profile() const;
    void setProfile(const ConnectionProfile &profile);
    QString statusText() const;
    bool isConnecting() const;

    // The opened project after the dialog was accepted; the caller owns it.
    std::unique_ptr<ProjectSession> takeSession();

public Q_SLOTS:
    void testConnection();
    // Opens the project and accepts the dialog when it is open.
    void connectAndAccept();

Q_SIGNALS:
    // A test or a connect attempt ended.
    void connectionChecked(bool ok);

private:
    enum class Status
    {
        None,
        Busy,
        Success,
        Failure
    };
    QFormLayout *createForm();
    void addKeyRows(QFormLayout *form);
    QHBoxLayout *createStatusRow();
    void connectSignals();
    void showStatus(Status status, const QString &text);
    // The busy line with how long the connection has been tried, refreshed every second.
    void showBusy();
    void start(bool acceptWhenOpen);
    void onSucceeded(const QString &title, int branchCount);
    void onFailed(const lb::Error &error);
    void loadProfiles(const QString &select);
    void onProfileChosen(int index);
    void onDomainChoiceChanged();
    void removeChosenProfile();
    void browseForKey();
    void onFieldsEdited();
    void updateButtons();

    EncordConnector *m_connector = nullptr;
    std::unique_ptr<ProjectSession> m_session;
    ConnectionProfile m_sessionProfile; // what m_session was opened with
    bool m_acceptWhenOpen = false;

    QComboBox *m_profileCombo = nullptr;
    QPushButton *m_removeProfileButton = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_domainCombo = nullptr;
    QLineEdit *m_customDomainEdit = nullptr;
    QLineEdit *m_projectEdit = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QLineEdit *m_passphraseEdit = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_statusLabel = nullptr;
    QCheckBox *m_saveCheck = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_busyTimer = nullptr;
    QElapsedTimer m_busyClock;
    QString m_busyText; // rich text
};

} // namespace lb
