#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QTableView;

namespace lb {

class JobManager;
class JobProgressDelegate;
class JobsModel;

// The bottom panel: every running and finished job with its progress, rate, ETA and outcome.
class JobPanel : public QWidget
{
    Q_OBJECT
public:
    JobPanel(JobManager *manager, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    JobsModel *model() const { return m_model; }
    JobProgressDelegate *progressDelegate() const { return m_delegate; }
    QAction *cancelAction() const { return m_cancelAction; }

private:
    void cancelSelected();
    void updateActions();

    QPointer<JobManager> m_manager;
    JobsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    JobProgressDelegate *m_delegate = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_clearAction = nullptr;
};

} // namespace lb
