#pragma once

#include "dialogs/copydialog.h"
#include "domain/diffquery.h"
#include "domain/labelrowsummary.h"
#include "jobs/job.h"

#include <functional>
#include <memory>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace lb {

class AuditLogDock;
class BranchDiffModel;
class BranchListModel;
class BranchPanel;
class ClassChartDock;
class MetricsDock;
class CompareTab;
class ErrorBanner;
class JobManager;
class JobPanel;
class LabelRowTableModel;
struct MergeRequest;
class PageLayouts;
class ProjectSession;
class ReviewTab;
class RowDetailsPane;
class RowsTab;
class WelcomePage;

// The desktop application's window (docs/product.md §4.1): two pages, Rows (one branch's rows, with the
// branches, row details and jobs panels around them) and the compare-and-review workspace (the canvas gets
// the room; panels open on demand), each page with its own panel layout. Data flows store → engine →
// item models → views; every write and every long read runs as a job, and a finished job refreshes the models
// it affects. Dialogs are opened window-modal without blocking (QDialog::open), so nothing waits in a nested
// event loop.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project file; on failure the current project stays open and the reason is shown in the window.
    bool openProject(const QString &path);
    // Shows an opened project (a file or a live Encord project) in place of the current one.
    bool openSession(std::unique_ptr<ProjectSession> session);
    // Generates the demo project at `path` in the background, then opens it.
    void createDemoProject(const QString &path, int size = 0);
    // Makes a project at `path` from Encord export files in the background, then opens it.
    void createProjectFromExports(const QStringList &files, const QString &path);
    // Writes the report of two branches to `path` (HTML, or Markdown for .md) in the background
    // (mainwindowreport.cpp).
    Job *exportReport(const QString &source, const QString &target, const QString &path);
    void closeProject();

    ProjectSession *session() const { return m_session.get(); }
    JobManager *jobManager() const { return m_jobs; }
    BranchListModel *branchModel() const { return m_branchModel; }
    LabelRowTableModel *rowModel() const { return m_rowModel; }
    BranchDiffModel *diffModel() const { return m_diffModel; }
    BranchPanel *branchPanel() const { return m_branchPanel; }
    RowsTab *rowsTab() const { return m_rowsTab; }
    CompareTab *compareTab() const { return m_compareTab; }
    ClassChartDock *classChartDock() const { return m_classChartDock; }
    MetricsDock *metricsDock() const { return m_metricsDock; }
    AuditLogDock *auditLogDock() const { return m_auditDock; }
    ReviewTab *reviewTab() const { return m_reviewTab; }
    RowDetailsPane *detailsPane() const { return m_details; }
    JobPanel *jobPanel() const { return m_jobPanel; }
    ErrorBanner *banner() const { return m_banner; }
    WelcomePage *welcomePage() const { return m_welcome; }
    QTabWidget *tabs() const { return m_tabs; }
    QString projectStatusText() const;

public Q_SLOTS:
    // File ▸ Connect to Encord; with a saved connection's name, connects with it right away.
    void showConnectDialog(const QString &profileName = QString());
    void showSnapshotDialog(const QString &source = QString());
    void showCopyDialog(lb::CopyDialog::Mode mode, const QString &source, const QString &target,
                        const QStringList &dataHashes);
    void showUndoDialog();
    void showImportDialog();
    void showRenameDialog();
    void confirmDeleteBranch();
    void compareBranches(const QString &source, const QString &target);
    void refresh();
    void showError(const QString &message);

Q_SIGNALS:
    void projectOpened(const QString &path);
    void projectClosed();
    // A write job (copy, sync, snapshot, undo, import, delete) ended and the models were refreshed.
    void writeFinished(lb::Job *job);

protected:
    void closeEvent(QCloseEvent *event) override;
    // Export files dropped on the window become a new project (mainwindowexports.cpp).
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The window's parts are defined in files named after what they hold: mainwindow.cpp (construction,
    // settings, status, details), mainwindowdocks.cpp, mainwindowactions.cpp (actions, menus, tool bar),
    // mainwindowprojects.cpp (open, close, demo, connect), mainwindowjobs.cpp (job wiring, compare) and
    // mainwindowwrites.cpp (the dialogs that write).

    // mainwindow.cpp
    void createCentralArea();
    void createStatusBar();
    void connectViews();
    void restoreSettings();
    void saveSettings();
    void updateStatus();
    QString totalsAge() const;
    void updateRowsTabTitle();
    void showPageControls();
    QString currentBranch() const;
    void onCurrentBranchChanged(const QString &branch);
    void onCurrentRowChanged(const LabelRowSummary &row);
    void loadRowContent();
    void showWorkspaceDetails(const QString &dataHash);
    void showCompareDetails(const QString &dataHash);
    void showReviewDetails(const QString &dataHash);
    void showRowDetails(const QString &branch, const QString &dataHash);

    // mainwindowdocks.cpp
    void createDocks();
    void createChartAndAuditDocks();
    void createReviewPanel();
    void updateCompareTabTitle();
    void applyDefaultLayout(const QString &page);
    // Shows and raises a panel (not while focus mode gives the canvas the window).
    void showPanel(QDockWidget *dock);
    void setFocusMode(bool on);
    void showShortcuts();

    // mainwindowactions.cpp
    QAction *makeAction(const QString &name, const QIcon &icon, const QString &text,
                        const QKeySequence &shortcut);
    void createActions();
    void createFileActions();
    void createBranchActions();
    void createViewActions();
    void createMenus();
    void createToolBar();
    void updateActions();
    void updateRecentMenu();

    // mainwindowprojects.cpp
    void openFileDialog();
    void newDemoProjectDialog();

    // mainwindowexports.cpp
    void newProjectFromExportsDialog(QStringList files = {});
    // mainwindowreport.cpp: File ▸ Export Report… for the Compare page's pair
    void exportReportDialog();
    // Per-object merge from the compare workspace (mainwindowmerge.cpp).
    void mergeObjects(const MergeRequest &request);
    void startObjectMerge(const MergeRequest &request);
    void reloadBranches();
    void readBranchTotals();

    // mainwindowjobs.cpp
    // Starts `work` as a job; `onResult` runs on the GUI thread when it ends and is still wanted.
    Job *startJob(const QString &title, JobWork work, const QString &viewKey,
                  std::function<void(Job *)> onResult, JobListing listing = JobListing::Listed);
    // For writes: refreshes the models of the branches it touched, reports failures in the banner.
    Job *startWrite(const QString &title, JobWork work, QStringList affectedBranches);
    void refreshAfterWrite(const QStringList &affectedBranches);
    void runDiff(const QString &source, const QString &target);
    void readDiffRows(const DiffQuery &query);
    void compareFromSelection();
    QString pairSettingsKey() const;
    void rememberPair(const QString &source, const QString &target);
    void restorePair();
    void compareWithMain();

    // mainwindowwrites.cpp
    void planCopy(QPointer<CopyDialog> dialog, const CopyRequest &request);
    void setPagedPlan(CopyDialog *dialog, const CopyRequest &request, const CopyPlan &plan);
    void startCopy(const CopyRequest &request, CopyDialog::Mode mode);

    std::unique_ptr<ProjectSession> m_session;
    JobManager *m_jobs = nullptr;
    QPointer<Job> m_demoJob; // the demo project being written, while it is
    QPointer<Job> m_initJob; // a project being made from export files, while it is

    BranchListModel *m_branchModel = nullptr;
    LabelRowTableModel *m_rowModel = nullptr;
    BranchDiffModel *m_diffModel = nullptr;

    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    QWidget *m_projectPage = nullptr;
    ErrorBanner *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    RowsTab *m_rowsTab = nullptr;
    CompareTab *m_compareTab = nullptr;
    ClassChartDock *m_classChartDock = nullptr;
    MetricsDock *m_metricsDock = nullptr;
    AuditLogDock *m_auditDock = nullptr;
    ReviewTab *m_reviewTab = nullptr;
    BranchPanel *m_branchPanel = nullptr;
    RowDetailsPane *m_details = nullptr;
    JobPanel *m_jobPanel = nullptr;
    QDockWidget *m_branchDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_jobDock = nullptr;
    QLabel *m_projectLabel = nullptr;
    QLabel *m_jobsLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_branchMenu = nullptr;
    QTimer *m_contentTimer = nullptr;
    PageLayouts *m_layouts = nullptr;
    QByteArray m_stateBeforeFocus;
    LabelRowSummary m_detailsRow;
    bool m_diffShown = false;
    bool m_diffRequested = false;
    bool m_pairRestored = false;

    QAction *m_openAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_newDemoAction = nullptr;
    QAction *m_newFromExportAction = nullptr;
    QAction *m_exportReportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_compareWithMainAction = nullptr;
    QAction *m_snapshotAction = nullptr;
    QAction *m_copyToAction = nullptr;
    QAction *m_syncToAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_rowsTabAction = nullptr;
    QAction *m_compareTabAction = nullptr;
    QAction *m_focusModeAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_focusBranchesAction = nullptr;
    QAction *m_focusJobsAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace lb
