#include "docks/auditlogdock.h"
#include "docks/branchpanel.h"
#include "docks/classchartdock.h"
#include "docks/jobpanel.h"
#include "docks/metricsdock.h"
#include "domain/branchname.h"
#include "items/branchlistmodel.h"
#include "project/projectsession.h"
#include "tabs/comparefilterbanner.h"
#include "tabs/comparetab.h"
#include "tabs/objectmergecontroller.h"
#include "tabs/reviewtab.h"
#include "tabs/rowstab.h"
#include "widgets/icons.h"
#include "window/connectionprofiles.h"
#include "window/mainwindow.h"
#include "window/panelaction.h"
#include "window/recentprojects.h"
#include "window/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableView>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>

namespace lb {

// --- actions, menus and the tool bar -------------------------------------------------------------------

QAction *MainWindow::makeAction(const QString &name, const QIcon &icon, const QString &text,
                                const QKeySequence &shortcut)
{
    auto *action = new QAction(icon, text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    return action;
}

void MainWindow::createActions()
{
    createFileActions();
    createBranchActions();
    createViewActions();
}

void MainWindow::createFileActions()
{
    m_openAction =
        makeAction(QStringLiteral("openAction"), icons::open(), tr("&Open Project…"), QKeySequence::Open);
    m_openAction->setToolTip(tr("Open a project file (Ctrl+O)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openFileDialog);
    m_connectAction = makeAction(QStringLiteral("connectAction"), QIcon(), tr("Connect to &Encord…"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_connectAction->setToolTip(
        tr("Open a live Encord project with its project ID and your SSH key (Ctrl+Shift+O)"));
    connect(m_connectAction, &QAction::triggered, this, [this] { showConnectDialog(); });
    m_newDemoAction =
        makeAction(QStringLiteral("newDemoAction"), QIcon(), tr("Create &Demo Project…"), QKeySequence());
    connect(m_newDemoAction, &QAction::triggered, this, &MainWindow::newDemoProjectDialog);
    m_newFromExportAction = makeAction(QStringLiteral("newFromExportAction"), QIcon(),
                                       tr("New Project from Encord &Export…"), QKeySequence());
    m_newFromExportAction->setToolTip(
        tr("Make a project from exported label rows: their data units, branches and classes"));
    connect(m_newFromExportAction, &QAction::triggered, this, [this] { newProjectFromExportsDialog(); });
    m_exportReportAction = makeAction(QStringLiteral("exportReportAction"), QIcon(), tr("Export &Report…"),
                                      QKeySequence());
    m_exportReportAction->setToolTip(tr("Write one HTML or Markdown file about the compared branches: "
                                        "summary, classes, quality metrics, the most changed data units"));
    connect(m_exportReportAction, &QAction::triggered, this, &MainWindow::exportReportDialog);
    m_importAction = makeAction(QStringLiteral("importAction"), icons::importFile(),
                                tr("&Import Encord JSON…"), QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::showImportDialog);
    m_closeAction =
        makeAction(QStringLiteral("closeAction"), QIcon(), tr("&Close Project"), QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeProject);
    m_quitAction = makeAction(QStringLiteral("quitAction"), QIcon(), tr("&Quit"), QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_undoAction =
        makeAction(QStringLiteral("undoAction"), icons::undo(), tr("&Undo Last Write…"), QKeySequence::Undo);
    m_undoAction->setToolTip(tr("Undo the last copy, sync, snapshot or import (Ctrl+Z)"));
    connect(m_undoAction, &QAction::triggered, this, &MainWindow::showUndoDialog);
    m_aboutAction =
        makeAction(QStringLiteral("aboutAction"), QIcon(), tr("&About labelbranch"), QKeySequence());
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About labelbranch"),
            tr("<b>labelbranch</b> %1<br>Browse, compare, snapshot and copy the label branches "
               "of an annotation project.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createBranchActions()
{
    m_compareAction = makeAction(QStringLiteral("compareAction"), icons::compare(), tr("&Compare"),
                                 QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareAction->setToolTip(
        tr("Compare the two selected branches, or the selected branch with main (Ctrl+D)"));
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::compareFromSelection);
    m_compareWithMainAction = makeAction(QStringLiteral("compareWithMainAction"), QIcon(),
                                         tr("Compare with &Main"), QKeySequence());
    connect(m_compareWithMainAction, &QAction::triggered, this, &MainWindow::compareWithMain);
    m_snapshotAction = makeAction(QStringLiteral("snapshotAction"), icons::snapshot(), tr("&Snapshot…"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_snapshotAction->setToolTip(
        tr("Copy every row of the selected branch to a new snapshot branch (Ctrl+Shift+S)"));
    connect(m_snapshotAction, &QAction::triggered, this, [this] { showSnapshotDialog(); });
    m_copyToAction = makeAction(QStringLiteral("copyToAction"), icons::copy(), tr("Cop&y to…"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyToAction, &QAction::triggered, this,
            [this] { showCopyDialog(CopyDialog::Mode::Copy, currentBranch(), QString(), QStringList()); });
    m_syncToAction = makeAction(QStringLiteral("syncToAction"), icons::sync(), tr("Sy&nc to…"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    connect(m_syncToAction, &QAction::triggered, this,
            [this] { showCopyDialog(CopyDialog::Mode::Sync, currentBranch(), QString(), QStringList()); });
    m_renameAction =
        makeAction(QStringLiteral("renameAction"), QIcon(), tr("&Rename…"), QKeySequence(Qt::Key_F2));
    connect(m_renameAction, &QAction::triggered, this, &MainWindow::showRenameDialog);
    m_deleteAction =
        makeAction(QStringLiteral("deleteAction"), QIcon(), tr("&Delete…"), QKeySequence::Delete);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::confirmDeleteBranch);
    // Delete and F2 act on the branch list only; elsewhere those keys belong to the focused widget.
    m_renameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_branchPanel->view()->addAction(m_renameAction);
    m_branchPanel->view()->addAction(m_deleteAction);
}

void MainWindow::createViewActions()
{
    m_refreshAction =
        makeAction(QStringLiteral("refreshAction"), icons::refresh(), tr("&Refresh"), QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    const auto add = [this](const QString &name, const QString &text, const QKeySequence &keys, auto slot) {
        QAction *action = makeAction(name, QIcon(), text, keys);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_rowsTabAction =
        add(QStringLiteral("rowsTabAction"), tr("&Rows"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] {
            m_tabs->setCurrentWidget(m_rowsTab);
            m_rowsTab->view()->setFocus();
        });
    m_compareTabAction =
        add(QStringLiteral("compareTabAction"), tr("C&ompare"), QKeySequence(Qt::CTRL | Qt::Key_2), [this] {
            m_tabs->setCurrentWidget(m_compareTab);
            if (m_compareTab->isReviewMode())
                m_reviewTab->view()->setFocus();
            else
                m_compareTab->view()->setFocus();
        });
    m_focusBranchesAction = add(QStringLiteral("focusBranchesAction"), tr("&Branches"),
                                QKeySequence(Qt::CTRL | Qt::Key_3), [this] {
                                    m_branchDock->show();
                                    m_branchDock->raise();
                                    m_branchPanel->view()->setFocus();
                                });
    m_focusJobsAction =
        add(QStringLiteral("focusJobsAction"), tr("&Jobs"), QKeySequence(Qt::CTRL | Qt::Key_4), [this] {
            m_jobDock->show();
            m_jobDock->raise();
            m_jobPanel->view()->setFocus();
        });
    m_focusModeAction = add(QStringLiteral("focusModeAction"), tr("&Focus on Canvas"),
                            QKeySequence(Qt::Key_F11), [this](bool on) { setFocusMode(on); });
    m_focusModeAction->setCheckable(true);
    m_focusModeAction->setToolTip(tr("Give the canvas the whole window; F11 again brings the rest back"));
    m_shortcutsAction = add(QStringLiteral("shortcutsAction"), tr("&Keyboard Shortcuts"),
                            QKeySequence(Qt::CTRL | Qt::Key_Slash), [this] { showShortcuts(); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_connectAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(m_newFromExportAction);
    file->addAction(m_newDemoAction);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportReportAction);
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);

    m_branchMenu = menuBar()->addMenu(tr("&Branch"));
    m_branchMenu->setObjectName(QStringLiteral("branchMenu"));
    m_branchMenu->addAction(m_compareAction);
    m_branchMenu->addAction(m_compareWithMainAction);
    m_branchMenu->addSeparator();
    m_branchMenu->addAction(m_snapshotAction);
    m_branchMenu->addAction(m_copyToAction);
    m_branchMenu->addAction(m_syncToAction);
    m_branchMenu->addSeparator();
    m_branchMenu->addActions(m_compareTab->objectMerge()->actions());
    m_branchMenu->addSeparator();
    m_branchMenu->addAction(m_renameAction);
    m_branchMenu->addAction(m_deleteAction);
    m_branchPanel->setContextMenu(m_branchMenu);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_rowsTabAction);
    view->addAction(m_compareTabAction);
    view->addAction(m_compareTab->reviewModeAction());
    view->addAction(m_focusModeAction);
    view->addAction(m_focusBranchesAction);
    view->addAction(m_focusJobsAction);
    view->addSeparator();
    view->addActions(m_compareTab->navigationActions());
    view->addAction(m_compareTab->filterBanner()->clearAction()); // a Metrics drill-down's filter
    QMenu *canvas = view->addMenu(tr("&Canvas"));
    canvas->addActions(m_compareTab->canvasActions());
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->addAction(new PanelAction(m_branchDock, QStringLiteral("branchDockAction"), {}));
    panels->addAction(new PanelAction(m_detailsDock, QStringLiteral("detailsDockAction"), {}));
    panels->addAction(new PanelAction(m_jobDock, QStringLiteral("jobDockAction"), {}));
    panels->addAction(new PanelAction(m_classChartDock, QStringLiteral("classChartDockAction"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)));
    panels->addAction(new PanelAction(m_metricsDock, QStringLiteral("metricsDockAction"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)));
    panels->addAction(new PanelAction(m_auditDock, QStringLiteral("auditLogDockAction"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)));

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    review->setObjectName(QStringLiteral("reviewMenu"));
    review->addAction(m_compareTab->reviewModeAction());
    review->addSeparator();
    review->addActions(m_compareTab->reviewActions());
    review->addSeparator();
    review->addAction(m_reviewTab->reviewerNameAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addSeparator();
    help->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_openAction);
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_compareAction);
    bar->addAction(m_compareTab->reviewModeAction());
    bar->addAction(m_snapshotAction);
    bar->addAction(m_copyToAction);
    bar->addAction(m_syncToAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_importAction);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList paths = RecentProjects::list();
    const QStringList names = RecentProjects::labels(paths);
    int number = 1;
    for (const QString &path : paths) {
        QString name = names.at(number - 1);
        name.replace(QLatin1Char('&'), QLatin1String("&&"));
        const QString label = number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(name) : name;
        QAction *action = m_recentMenu->addAction(label, this, [this, path] { openProject(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        ++number;
    }
    const QList<ConnectionProfile> profiles = ConnectionProfiles::list();
    if (!profiles.isEmpty()) {
        m_recentMenu->addSection(tr("Encord projects"));
        for (const ConnectionProfile &profile : profiles) {
            const QString name = profile.displayName();
            QAction *action = m_recentMenu->addAction(tr("%1 (Encord %2)").arg(name, profile.domainLabel()),
                                                      this, [this, name] { showConnectDialog(name); });
            action->setToolTip(tr("Project %1 at %2").arg(profile.projectId, profile.domain.toString()));
            action->setStatusTip(action->toolTip());
        }
    }
    if (!paths.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            RecentProjects::clear();
            updateRecentMenu();
            m_welcome->setRecentProjects(QStringList());
        });
    }
    m_recentMenu->setEnabled(!paths.isEmpty() || !profiles.isEmpty());
}

void MainWindow::updateActions()
{
    const bool open = bool(m_session);
    const bool writable = open && !m_session->isReadOnly();
    const QString branch = currentBranch();
    const bool hasBranch = open && !branch.isEmpty();
    const bool isMain = branch == kMainBranch;
    m_closeAction->setEnabled(open);
    m_importAction->setEnabled(writable);
    m_undoAction->setEnabled(writable);
    m_refreshAction->setEnabled(open);
    m_compareAction->setEnabled(open && m_branchModel->rowCount() > 1);
    m_exportReportAction->setEnabled(open && m_branchModel->rowCount() > 1);
    m_compareTab->reviewModeAction()->setEnabled(open && m_branchModel->rowCount() > 1);
    m_compareWithMainAction->setEnabled(hasBranch && !isMain);
    m_snapshotAction->setEnabled(writable && hasBranch);
    m_copyToAction->setEnabled(writable && hasBranch);
    m_syncToAction->setEnabled(writable && hasBranch);
    // main cannot be renamed or deleted (docs/product.md §1.3).
    m_renameAction->setEnabled(writable && hasBranch && !isMain);
    m_deleteAction->setEnabled(writable && hasBranch && !isMain);
    m_rowsTab->copySelectedAction()->setVisible(writable);
    m_rowsTab->syncSelectedAction()->setVisible(writable);
}

} // namespace lb
