#include "canvas/annotationcanvas.h"
#include "demo/demogenerator.h"
#include "dialogs/applyreviewdialog.h"
#include "dialogs/copydialog.h"
#include "dialogs/copyplanmodel.h"
#include "dialogs/shortcutsdialog.h"
#include "dialogs/undodialog.h"
#include "engine/engine.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/labelrowtablemodel.h"
#include "items/reviewlistmodel.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/branchpairpicker.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/reviewtab.h"
#include "tabs/rowstab.h"
#include "window/mainwindow.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSet>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kSource = DemoGenerator::preLabelsBranch();
const QString kTarget = QStringLiteral("main");

double areaShare(const QWidget *widget, const QWidget *window)
{
    return double(widget->width()) * widget->height() / (double(window->width()) * window->height());
}

int visibleRows(const QTableView *view)
{
    return view->viewport()->height() / std::max(1, view->verticalHeader()->defaultSectionSize());
}

QString contentOf(const QString &path, const QString &branch, const QString &dataHash)
{
    auto store = SqliteStore::open(path);
    if (!store)
        return QString();
    RowQuery query;
    query.branch = branch;
    query.dataHashes = {dataHash};
    const Result<QList<LabelRowSummary>> rows = store.value()->listRows(query);
    return rows && !rows->isEmpty() ? rows->constFirst().contentHash : QString();
}

// The letter after a single '&' of a label, lower case; a null char when there is none.
QChar mnemonic(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return QChar();
}

// Sends a key to whatever has the keyboard focus, as a keyboard would.
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus, "nothing has the keyboard focus");
    QTest::keyClick(focus, Qt::Key(key), modifiers);
}

void type(const QString &text)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClicks(focus, text);
}

} // namespace

class TestGuiWorkspace : public QObject, protected GuiFixture
{
    Q_OBJECT

private:
    // A 1366 × 768 window on `path`, in front (key events reach it); nullptr when it does not open.
    MainWindow *openActiveWindow(const QString &path)
    {
        MainWindow *window = openWindow(path, QSize(1366, 768));
        if (!window)
            return nullptr;
        window->activateWindow();
        return QTest::qWaitForWindowActive(window) ? window : nullptr;
    }

    // Compares pre-labels → main in the workspace and selects the first unit that differs.
    void compareAndSelect(MainWindow *window)
    {
        window->compareBranches(kSource, kTarget);
        waitForJobs(window);
        CompareTab *tab = window->compareTab();
        QTRY_VERIFY(tab->view()->model()->rowCount() > 0);
        tab->goToNextDifference();
        QTRY_VERIFY(!tab->drillDown()->dataHash().isEmpty());
        waitForJobs(window);
        QTRY_VERIFY(!tab->drillDown()->isLoading());
    }

    // The mnemonic letters of everything the user can see now, with what carries each.
    static QMultiHash<QChar, QString> visibleMnemonics(MainWindow *window)
    {
        QMultiHash<QChar, QString> letters;
        const auto add = [&letters](const QString &text) {
            const QChar letter = mnemonic(text);
            if (!letter.isNull())
                letters.insert(letter, text);
        };
        const QList<QAction *> menus = window->menuBar()->actions();
        for (const QAction *menu : menus)
            add(menu->text());
        const QList<QWidget *> widgets = window->findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            if (!widget->isVisible() || widget->window() != window)
                continue;
            if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
                add(button->text());
            else if (const auto *label = qobject_cast<const QLabel *>(widget); label && label->buddy())
                add(label->text());
            else if (const auto *group = qobject_cast<const QGroupBox *>(widget))
                add(group->title());
            else if (const auto *tabs = qobject_cast<const QTabBar *>(widget)) {
                for (int i = 0; i < tabs->count(); ++i)
                    add(tabs->tabText(i));
            }
        }
        return letters;
    }

    static void verifyUniqueMnemonics(MainWindow *window, const char *where)
    {
        const QMultiHash<QChar, QString> letters = visibleMnemonics(window);
        const QList<QChar> keys = letters.uniqueKeys();
        for (const QChar letter : keys) {
            const QStringList owners = letters.values(letter);
            QVERIFY2(owners.size() == 1, qPrintable(QStringLiteral("%1: Alt+%2 is %3")
                                                        .arg(QLatin1String(where), letter,
                                                             owners.join(QStringLiteral(" and ")))));
        }
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("tst_gui_workspace")); }
    void cleanup() { cleanupFixture(); }

    void fitsEveryCommonScreen_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x640") << QSize(1024, 640);
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void fitsEveryCommonScreen()
    {
        QFETCH(QSize, size);
        MainWindow *window = openWindow(freshProject(QStringLiteral("fits.lbproj")), size);
        QVERIFY(window);
        waitForJobs(window);
        const QSize minimum = window->minimumSizeHint().expandedTo(window->minimumSize());
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 640,
                 qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        compareAndSelect(window);
        QCOMPARE(window->size(), size);

        CompareTab *tab = window->compareTab();
        const double share = areaShare(tab->drillDown()->canvas(), window);
        const int rows = visibleRows(tab->view());
        qInfo("%dx%d compare: canvas %dx%d = %.0f %% of the window, list shows %d rows", size.width(),
              size.height(), tab->drillDown()->canvas()->width(), tab->drillDown()->canvas()->height(),
              share * 100, rows);
        if (size.height() >= 768) {
            QVERIFY2(share >= 0.5, qPrintable(QString::number(share)));
            QVERIFY2(rows >= 10, qPrintable(QString::number(rows)));
        }
        // At 200 % (QT_SCALE_FACTOR=2, a test of its own) the same logical sizes, pictures twice as large.
        const QString scale = window->devicePixelRatio() > 1 ? QStringLiteral("@2x") : QString();
        saveScreenshot(
            window,
            QStringLiteral("workspace-compare-%1x%2%3.png").arg(size.width()).arg(size.height()).arg(scale));

        // Review mode: the same screen with the review list and the decision bar.
        tab->reviewModeAction()->trigger();
        waitForJobs(window);
        QTRY_VERIFY(window->reviewTab()->hasListing());
        QTRY_VERIFY(!window->reviewTab()->currentDataHash().isEmpty());
        QTRY_VERIFY(!tab->drillDown()->isLoading());
        QVERIFY(window->reviewTab()->decisionBar()->isVisible());
        const double reviewShare = areaShare(tab->drillDown()->canvas(), window);
        const int reviewRows = visibleRows(window->reviewTab()->view());
        qInfo("%dx%d review: canvas %.0f %% of the window, list shows %d rows", size.width(), size.height(),
              reviewShare * 100, reviewRows);
        if (size.height() >= 768) {
            QVERIFY2(reviewShare >= 0.45, qPrintable(QString::number(reviewShare)));
            QVERIFY2(reviewRows >= 10, qPrintable(QString::number(reviewRows)));
        }
        saveScreenshot(
            window,
            QStringLiteral("workspace-review-%1x%2%3.png").arg(size.width()).arg(size.height()).arg(scale));
        QCOMPARE(window->size(), size);
    }

    // Selecting units of every type the demo has never raises the window's minimum size.
    void minimumSizeStaysWhenUnitsChange()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("minimum.lbproj")), QSize(1024, 640));
        QVERIFY(window);
        compareAndSelect(window);
        const QSize before = window->minimumSizeHint();
        CompareTab *tab = window->compareTab();
        const QList<int> splitter = tab->splitter()->sizes();
        QSet<int> types;
        for (int step = 0; step < 40; ++step) {
            tab->goToNextDifference();
            QTRY_VERIFY(!tab->drillDown()->isLoading());
            waitForJobs(window);
            types.insert(int(tab->drillDown()->content().dataType.kind()));
            QVERIFY2(window->minimumSizeHint().width() <= std::max(before.width(), 1024) &&
                         window->minimumSizeHint().height() <= std::max(before.height(), 640),
                     qPrintable(tab->drillDown()->content().dataTitle));
            QCOMPARE(window->size(), QSize(1024, 640));
        }
        QVERIFY2(types.size() >= 2, "both images and videos were shown");
        QCOMPARE(tab->splitter()->sizes(), splitter); // the layout does not jump with the selection
    }

    // The whole review journey with key events alone: pair, compare, step, zoom, approve, reject with a
    // comment, apply, undo.
    void keyboardOnlyReview()
    {
        const QString path = freshProject(QStringLiteral("keys.lbproj"));
        MainWindow *window = openActiveWindow(path);
        QVERIFY(window);
        waitForJobs(window);

        press(Qt::Key_2, Qt::ControlModifier); // the workspace
        QCOMPARE(window->tabs()->currentWidget(), window->compareTab());
        CompareTab *tab = window->compareTab();
        press(Qt::Key_S, Qt::AltModifier); // Source
        QCOMPARE(QApplication::focusWidget(), tab->pairPicker()->sourceCombo());
        type(kSource);
        press(Qt::Key_T, Qt::AltModifier); // Target
        QCOMPARE(QApplication::focusWidget(), tab->pairPicker()->targetCombo());
        type(kTarget);
        QCOMPARE(tab->source(), kSource);
        QCOMPARE(tab->target(), kTarget);
        // A mnemonic clicks its button after the click's animation, as a real key press does.
        press(Qt::Key_W, Qt::AltModifier); // Swap, twice: back where it was
        QTRY_COMPARE(tab->source(), kTarget);
        press(Qt::Key_W, Qt::AltModifier);
        QTRY_COMPARE(tab->source(), kSource);
        press(Qt::Key_C, Qt::AltModifier); // Compare
        QTest::qWait(300);
        waitForJobs(window);
        QTRY_COMPARE(window->diffModel()->sourceBranch(), kSource);

        press(Qt::Key_5, Qt::ControlModifier); // review mode
        QVERIFY(tab->isReviewMode());
        waitForJobs(window);
        ReviewTab *review = window->reviewTab();
        QTRY_VERIFY(review->hasListing());
        QTRY_VERIFY(!review->currentDataHash().isEmpty());
        press(Qt::Key_N);
        const QString approved = review->currentDataHash();
        QTRY_VERIFY(!tab->drillDown()->isLoading());
        waitForJobs(window);
        const double zoom = tab->drillDown()->canvas()->zoom();
        press(Qt::Key_Plus);
        QVERIFY(tab->drillDown()->canvas()->zoom() > zoom);
        press(Qt::Key_0);

        press(Qt::Key_A); // approve, and on to the next undecided
        QTRY_COMPARE(review->model()->progress().approved, 1);
        QTRY_VERIFY(review->currentDataHash() != approved);
        const QString rejected = review->currentDataHash();
        press(Qt::Key_C); // the comment field
        QCOMPARE(QApplication::focusWidget(), review->commentEdit());
        type(QStringLiteral("boxes too loose"));
        press(Qt::Key_Return); // back to the list
        QCOMPARE(QApplication::focusWidget(), review->view());
        press(Qt::Key_R);
        QTRY_COMPARE(review->model()->progress().rejected, 1);
        const ReviewItem *item = review->model()->itemAt(review->model()->rowOfDataHash(rejected));
        QVERIFY(item);
        QCOMPARE(item->decision.comment, QStringLiteral("boxes too loose"));

        const QString sourceContent = contentOf(path, kSource, approved);
        const QString targetBefore = contentOf(path, kTarget, approved);
        const QString rejectedBefore = contentOf(path, kTarget, rejected);
        QVERIFY(sourceContent != targetBefore);

        press(Qt::Key_Return, Qt::ControlModifier); // Apply Approved…
        QTRY_VERIFY(visibleDialog<ApplyReviewDialog>(window));
        QTRY_COMPARE(QApplication::activeModalWidget(), visibleDialog<ApplyReviewDialog>(window));
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == visibleDialog<ApplyReviewDialog>(window));
        press(Qt::Key_A, Qt::AltModifier); // Enter would cancel: the safe choice is the default
        QTRY_VERIFY(!visibleDialog<ApplyReviewDialog>(window));
        // What a window manager does when a dialog closes; the offscreen platform needs the nudge.
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTRY_VERIFY(QApplication::focusWidget());
        waitForJobs(window);
        QTRY_COMPARE(contentOf(path, kTarget, approved), sourceContent);
        QCOMPARE(contentOf(path, kTarget, rejected), rejectedBefore);
        // The applied unit leaves the list; the workspace says where it went and how to take it back.
        QTRY_VERIFY(review->appliedText().contains(QStringLiteral("Ctrl+Z")));

        press(Qt::Key_Z, Qt::ControlModifier); // undo the apply
        QTRY_VERIFY(visibleDialog<UndoDialog>(window));
        QTRY_COMPARE(QApplication::activeModalWidget(), visibleDialog<UndoDialog>(window));
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == visibleDialog<UndoDialog>(window));
        press(Qt::Key_U, Qt::AltModifier);
        QTRY_VERIFY(!visibleDialog<UndoDialog>(window));
        waitForJobs(window);
        QTRY_COMPARE(contentOf(path, kTarget, approved), targetBefore);
    }

    // With no name known at all, the first decision asks for one; the name is kept and not asked again.
    void reviewerNameIsAskedOnce()
    {
        const QByteArray reviewer = qgetenv("LABELBRANCH_REVIEWER"), user = qgetenv("USER"),
                         userName = qgetenv("USERNAME");
        qunsetenv("LABELBRANCH_REVIEWER");
        qunsetenv("USER");
        qunsetenv("USERNAME");
        const auto restore = qScopeGuard([&] {
            qputenv("LABELBRANCH_REVIEWER", reviewer);
            if (!user.isEmpty())
                qputenv("USER", user);
            if (!userName.isEmpty())
                qputenv("USERNAME", userName);
        });
        MainWindow *window = openWindow(freshProject(QStringLiteral("name.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        compareAndSelect(window);
        window->compareTab()->setReviewMode(true);
        waitForJobs(window);
        ReviewTab *review = window->reviewTab();
        QTRY_VERIFY(!review->currentDataHash().isEmpty());
        const QString first = review->currentDataHash();
        review->approveSelected();
        auto *dialog = window->findChild<QInputDialog *>(QStringLiteral("reviewerNameDialog"));
        QVERIFY(dialog);
        QCOMPARE(review->model()->progress().approved, 0); // not before the name is known
        dialog->setTextValue(QStringLiteral("erin@example.com"));
        dialog->accept();
        QTRY_COMPARE(review->model()->progress().approved, 1);
        const ReviewItem *item = review->model()->itemAt(review->model()->rowOfDataHash(first));
        QVERIFY(item);
        QCOMPARE(item->decision.reviewer, QStringLiteral("erin@example.com"));
        review->rejectSelected(); // no second question
        QTRY_COMPARE(review->model()->progress().rejected, 1);
        QTRY_VERIFY(!window->findChild<QInputDialog *>(QStringLiteral("reviewerNameDialog")));
    }

    // Syncing a branch onto an identical copy of it replaces nothing, and the dialog says so.
    void syncPlanOntoAnIdenticalCopyReplacesNothing()
    {
        const QString path = freshProject(QStringLiteral("twin.lbproj"));
        int rows = 0;
        {
            auto store = SqliteStore::open(path);
            QVERIFY(store.ok());
            Engine engine(*store.value(), QStringLiteral("tester"));
            CopyRequest copy;
            copy.targetBranch = QStringLiteral("twin");
            const Result<CopyResult> copied = engine.copy(copy);
            QVERIFY2(copied.ok(), qPrintable(copied.error()));
            rows = copied->count;
        }
        MainWindow *window = openWindow(path, QSize(1366, 768));
        QVERIFY(window);
        window->showCopyDialog(CopyDialog::Mode::Sync, kTarget, QStringLiteral("twin"), QStringList());
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QCOMPARE(dialog->plan().toReplace, 0);
        QCOMPARE(dialog->plan().unchanged, rows);
        const QString summary = dialog->findChild<QLabel *>(QStringLiteral("planSummary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("0 to replace")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("%1 unchanged").arg(rows)), qPrintable(summary));
        auto *view = dialog->findChild<QTableView *>();
        QVERIFY(view);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QString action = view->model()->index(row, CopyPlanModel::ActionColumn).data().toString();
            QVERIFY2(action == QStringLiteral("Unchanged") || action == QStringLiteral("Skip"),
                     qPrintable(action));
        }
        saveScreenshot(dialog, QStringLiteral("workspace-sync-identical.png"));
        dialog->reject();
    }

    // A dry run over more data units than the window plans inline runs as a job and keeps none of its
    // items: the table has a row for each, and its last row, read when it is shown, is the branch's last.
    void aLargeDryRunReadsItsRowsWhenTheyAreShown()
    {
        const QString path = m_dir.filePath(QStringLiteral("large-plan.lbproj"));
        const Result<DemoReport> demo = DemoGenerator(5200).writeProject(path);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
        MainWindow *window = openActiveWindow(path);
        QVERIFY(window);
        waitForJobs(window);
        window->showCopyDialog(CopyDialog::Mode::Copy, kTarget, QStringLiteral("every-row"), QStringList());
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->requestPlanNow();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->hasCurrentPlan(), 30000);
        const CopyPlan &plan = dialog->plan();
        QVERIFY(plan.itemsPaged);
        QVERIFY(plan.items.isEmpty());
        QCOMPARE(plan.itemCount(), 5200);
        auto *view = dialog->findChild<QTableView *>();
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), 5200);

        RowQuery last;
        last.branch = kTarget;
        last.includeUninitialised = true;
        last.order = RowQuery::Order::Title;
        last.descending = true;
        last.limit = 1;
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        const Result<QList<LabelRowSummary>> lastRow = store.value()->listRows(last);
        QVERIFY(lastRow.ok() && lastRow->size() == 1);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view->currentIndex().row(), 5199);
        QCOMPARE(view->model()->index(5199, CopyPlanModel::TitleColumn).data().toString(),
                 lastRow->constFirst().dataTitle);
        const QString action = view->model()->index(5199, CopyPlanModel::ActionColumn).data().toString();
        QVERIFY2(action == QStringLiteral("Create") || action == QStringLiteral("Skip"), qPrintable(action));
        saveScreenshot(dialog, QStringLiteral("workspace-large-dry-run.png"));
        dialog->reject();
    }

    // Ctrl+End on the Rows page goes to the branch's last row, however many pages it is away.
    void ctrlEndReachesTheLastRow()
    {
        const QString path = freshProject(QStringLiteral("end.lbproj"));
        MainWindow *window = openActiveWindow(path);
        QVERIFY(window);
        waitForJobs(window);
        window->rowModel()->setPageSize(50);
        const int total = window->rowModel()->totalCount();
        QVERIFY(total > 200);
        QTableView *view = window->rowsTab()->view();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view->currentIndex().row(), total - 1);
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
        RowQuery query = window->rowModel()->query();
        const Result<QList<LabelRowSummary>> rows = store.value()->listRows(query);
        QVERIFY(rows.ok());
        QCOMPARE(view->currentIndex().data(LabelRowTableModel::DataHashRole).toString(),
                 rows->constLast().dataHash);
        QVERIFY(window->rowModel()->loadedCount() <= 2 * 50); // the first page and the last, nothing between
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(view->currentIndex().row(), 0);
    }

    void mnemonicsDoNotCollide()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("mnemonics.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        waitForJobs(window);
        verifyUniqueMnemonics(window, "Rows page");
        compareAndSelect(window);
        verifyUniqueMnemonics(window, "compare mode");
        window->compareTab()->reviewModeAction()->trigger();
        waitForJobs(window);
        verifyUniqueMnemonics(window, "review mode");
    }

    void tabLeavesTheList()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("tab.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        compareAndSelect(window);
        QTableView *view = window->compareTab()->view();
        view->setFocus();
        const int row = view->currentIndex().row();
        press(Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != view);
        QCOMPARE(view->currentIndex().row(), row);
    }

    void helpListsEveryShortcut()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("help.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        action(window, "shortcutsAction")->trigger();
        auto *dialog = visibleDialog<ShortcutsDialog>(window);
        QVERIFY(dialog);
        const QHash<QString, QString> listed = dialog->listedShortcuts();
        QCOMPARE(listed.value(QStringLiteral("Review ▸ Approve")), QStringLiteral("A"));
        QCOMPARE(listed.value(QStringLiteral("Review ▸ Reject")), QStringLiteral("R"));
        QCOMPARE(listed.value(QStringLiteral("View ▸ Focus on Canvas")), QStringLiteral("F11"));
        QVERIFY(listed.value(QStringLiteral("View ▸ Canvas ▸ Zoom In")).startsWith(QStringLiteral("+")));
        // Every action of the window that has a key is in the list.
        QSet<QString> keys;
        for (const QString &value : listed)
            keys.insert(value);
        const QList<QAction *> actions = window->findChildren<QAction *>();
        for (const QAction *candidate : actions) {
            if (candidate->shortcut().isEmpty() || candidate->associatedObjects().size() < 2)
                continue; // keys of a single view (a table's own copy) are not the window's
            bool found = false;
            for (const QString &value : keys)
                found = found || value.contains(candidate->shortcut().toString(QKeySequence::NativeText));
            QVERIFY2(found, qPrintable(candidate->text()));
        }
        saveScreenshot(dialog, QStringLiteral("workspace-shortcuts.png"));
    }

    void focusModeGivesTheCanvasTheWindow()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("focus.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        compareAndSelect(window);
        const double before = areaShare(window->compareTab()->drillDown()->canvas(), window);
        action(window, "focusModeAction")->trigger();
        QApplication::processEvents();
        QTRY_VERIFY(areaShare(window->compareTab()->drillDown()->canvas(), window) >= 0.8);
        saveScreenshot(window, QStringLiteral("workspace-focus-mode.png"));
        action(window, "focusModeAction")->trigger();
        QTRY_VERIFY(qAbs(areaShare(window->compareTab()->drillDown()->canvas(), window) - before) < 0.02);
        QVERIFY(window->tabs()->tabBar()->isVisible());
    }

    // The workspace starts without panels; a panel opened there stays with the workspace, not the Rows page.
    void eachPageKeepsItsPanels()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("pages.lbproj")), QSize(1366, 768));
        QVERIFY(window);
        auto *branches = window->findChild<QDockWidget *>(QStringLiteral("branchDock"));
        auto *audit = window->findChild<QDockWidget *>(QStringLiteral("auditLogDock"));
        QVERIFY(branches && audit);
        QTRY_VERIFY(branches->isVisible());
        window->tabs()->setCurrentWidget(window->compareTab());
        QTRY_VERIFY(!branches->isVisible());
        action(window, "auditLogDockAction")->trigger();
        QTRY_VERIFY(audit->isVisible());
        window->tabs()->setCurrentWidget(window->rowsTab());
        QTRY_VERIFY(branches->isVisible());
        QVERIFY(!audit->isVisible() || audit->visibleRegion().isEmpty());
        window->tabs()->setCurrentWidget(window->compareTab());
        QTRY_VERIFY(audit->isVisible());
        QVERIFY(!branches->isVisible());
    }
};

QTEST_MAIN(TestGuiWorkspace)
#include "tst_gui_workspace.moc"
