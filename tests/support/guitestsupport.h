#pragma once

// Helpers shared by the GUI tests (tst_gui_*), which link the widgets library.

#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "tabs/comparetab.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QPixmap>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QWidget>

namespace lb::test {

inline QString screenshotDir()
{
    const QString dir = QStringLiteral(LB_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir;
}

// Saves what the widget shows now under LB_SCREENSHOT_DIR, for a person to look at.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QPixmap pixmap = widget->grab();
    QVERIFY(!pixmap.isNull());
    const QString path = QDir(screenshotDir()).filePath(name);
    QVERIFY2(pixmap.save(path), qPrintable(path));
}

// The dialog of type T the window shows now (dialogs are opened without blocking), or nullptr.
template <typename T> T *visibleDialog(QWidget *window)
{
    const QList<T *> dialogs = window->findChildren<T *>();
    for (T *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

inline QAction *action(QWidget *window, const char *name)
{
    return window->findChild<QAction *>(QString::fromLatin1(name));
}

// Waits until the window's jobs have finished and their results have reached the views.
inline void waitForJobs(MainWindow *window)
{
    QVERIFY(window->jobManager()->waitForDone(60000));
    QApplication::processEvents();
    QTRY_COMPARE(window->jobManager()->activeCount(), 0);
    QApplication::processEvents(); // quick reads (the branch totals) leave the job list once they end
}

// Selects the data unit's row in the Compare table, as a click would; fails the test when it is not listed.
inline void selectDataUnit(MainWindow *window, const QString &dataHash)
{
    QTableView *view = window->compareTab()->view();
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, BranchDiffModel::TitleColumn);
        if (index.data(BranchDiffModel::DataHashRole).toString() == dataHash) {
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
            view->scrollTo(index);
            return;
        }
    }
    QFAIL("data unit not in the compare table");
}

// Presses OK as a user would, which only works when the dialog has enabled it.
inline void clickOk(QDialog *dialog)
{
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QVERIFY(ok);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

} // namespace lb::test
