#pragma once

#include <functional>
#include <QDockWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeWidget;

namespace lb {

class AuditLogModel;
class ProjectSession;

// The "Audit Log" dock: every copy, sync, snapshot, undo, import, branch change and review decision of the
// project, newest first, filtered by text and by action, with the selected entry's parameters and counts
// below.
class AuditLogDock : public QDockWidget
{
    Q_OBJECT
public:
    using SessionProvider = std::function<ProjectSession *()>;

    explicit AuditLogDock(SessionProvider session, QWidget *parent = nullptr);

    AuditLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *textFilter() const { return m_textFilter; }
    QComboBox *actionFilter() const { return m_actionFilter; }
    QTreeWidget *detailsView() const { return m_details; }
    QString countText() const;
    QString detailsTitle() const;

public Q_SLOTS:
    // Reads the log again (after a write, on refresh, when a project opens); keeps the selected entry.
    void reload();
    void clear();

private:
    QHBoxLayout *createFilterRow(QWidget *content);
    void createView(QWidget *content);
    QWidget *createDetailsBox(QWidget *content);
    void rebuildActionFilter();
    void showDetailsOfCurrent();
    void updateCount();

    SessionProvider m_session;
    AuditLogModel *m_model = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QComboBox *m_actionFilter = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_detailsTitle = nullptr;
    QTreeWidget *m_details = nullptr;
};

} // namespace lb
