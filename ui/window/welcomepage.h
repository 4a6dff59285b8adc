#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace lb {

class ErrorBanner;

// Shown instead of the project view while no project is open: why (a failed open says so here, not on a
// console), the recent projects, and the ways to open one.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentProjects(const QStringList &paths);
    void showError(const QString &message);
    void showBusy(const QString &message); // e.g. while the demo project is being generated
    void clearMessage();
    QString message() const;

Q_SIGNALS:
    void openFileRequested();
    void openRecentRequested(const QString &path);
    void createDemoRequested();
    void connectEncordRequested();

private:
    void openItem(QListWidgetItem *item);

    ErrorBanner *m_banner = nullptr;
    QListWidget *m_recent = nullptr;
    QLabel *m_recentHeading = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_demoButton = nullptr;
    QPushButton *m_connectButton = nullptr;
};

} // namespace lb
