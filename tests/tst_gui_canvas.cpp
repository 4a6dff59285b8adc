#include "canvas/annotationcanvas.h"
#include "canvas/canvasframeslider.h"
#include "canvas/canvaslegend.h"
#include "demo/demogenerator.h"
#include "diff/objectdiff.h"
#include "forwardingstore.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/objectdifflistmodel.h"
#include "jobs/job.h"
#include "jobs/jobmanager.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectlistview.h"
#include "window/mainwindow.h"

#include <atomic>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QToolTip>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// A project store whose label contents arrive slowly, as from a remote project: the drill-down must stay
// responsive and show only the newest selection. Everything else is passed straight through.
class SlowContentStore final : public test::ForwardingStore
{
public:
    SlowContentStore(std::unique_ptr<Store> inner, int delayMs, std::atomic<int> *fetches)
        : ForwardingStore(std::move(inner)), m_delayMs(delayMs), m_fetches(fetches)
    {
    }

    Result<QList<LabelRowDocument>> fetchContents(const QString &branch, const QStringList &hashes) override
    {
        ++*m_fetches;
        QThread::msleep(m_delayMs);
        return inner().fetchContents(branch, hashes);
    }

private:
    int m_delayMs;
    std::atomic<int> *m_fetches;
};

// Gives the drill-down most of the Compare tab's height, as a user looking at the overlay would.
void enlargeDrillDown(CompareTab *tab)
{
    tab->splitter()->setSizes({120, 2000});
    tab->drillDown()->canvas()->fitToWindow();
    QApplication::processEvents();
}

// A stand-in photo for a data unit: sky, road and lane lines, so the screenshot shows the overlay on an
// image.
QImage streetImage(const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, size.height() * 0.5);
    sky.setColorAt(0, QColor(0x6C, 0x8F, 0xB5));
    sky.setColorAt(1, QColor(0xC9, 0xD6, 0xE0));
    painter.fillRect(QRectF(0, 0, size.width(), size.height() * 0.5), sky);
    painter.fillRect(QRectF(0, size.height() * 0.5, size.width(), size.height() * 0.5),
                     QColor(0x5B, 0x6B, 0x4A));
    const double w = size.width(), h = size.height();
    QPolygonF road;
    road << QPointF(w * 0.46, h * 0.5) << QPointF(w * 0.54, h * 0.5) << QPointF(w * 0.95, h)
         << QPointF(w * 0.05, h);
    painter.setBrush(QColor(0x4A, 0x4A, 0x4E));
    painter.setPen(Qt::NoPen);
    painter.drawPolygon(road);
    painter.setPen(QPen(QColor(0xEE, 0xEE, 0xEE), h * 0.006, Qt::DashLine));
    painter.drawLine(QPointF(w * 0.5, h * 0.52), QPointF(w * 0.5, h));
    return image;
}

} // namespace

class TestGuiCanvas : public QObject, protected test::GuiFixture
{
    Q_OBJECT

private:
    MainWindow *openComparedWindow()
    {
        if (!openWindow(m_demoPath, QSize(1500, 1000)))
            return nullptr;
        m_window->compareBranches(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        if (!m_window->jobManager()->waitForDone(60000))
            return nullptr;
        QApplication::processEvents();
        if (m_window->diffModel()->targetBranch() != DemoGenerator::preLabelsBranch())
            return nullptr;
        return m_window.get();
    }

    // The data unit of the given type whose object counts differ most between the branches (so added and
    // removed objects are on screen), or one that changed with the same count.
    const DiffEntry *entryWithChanges(MainWindow *window, DataType type)
    {
        const BranchDiffModel *model = window->diffModel();
        const DiffEntry *best = nullptr;
        for (int row = 0; row < model->rowCount(); ++row) {
            const DiffEntry *entry = model->entryAt(row);
            if (entry->dataType != type || entry->sourceLabelHash.isEmpty() ||
                entry->targetLabelHash.isEmpty() ||
                (entry->status != DiffStatus::ChangedSameCount && entry->status != DiffStatus::CountDiffers))
                continue;
            if (!best || std::abs(entry->delta) > std::abs(best->delta))
                best = entry;
        }
        return best;
    }

    ObjectDiff expectedDiff(const DiffEntry &entry)
    {
        auto store = SqliteStore::open(m_demoPath);
        if (!store.ok())
            return ObjectDiff();
        auto source = store.value()->fetchContents(QStringLiteral("main"), {entry.sourceLabelHash});
        auto target = store.value()->fetchContents(DemoGenerator::preLabelsBranch(), {entry.targetLabelHash});
        if (!source.ok() || !target.ok() || source->isEmpty() || target->isEmpty())
            return ObjectDiff();
        return computeObjectDiff(&source->constFirst(), &target->constFirst());
    }

    // The image whose diff shows the most kinds of change (added, removed, edited), for a telling screenshot.
    const DiffEntry *entryWithEveryKindOfChange(MainWindow *window)
    {
        const BranchDiffModel *model = window->diffModel();
        const DiffEntry *best = nullptr;
        int bestScore = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            const DiffEntry *entry = model->entryAt(row);
            if (entry->dataType != DataType::Image || entry->sourceLabelHash.isEmpty() ||
                entry->targetLabelHash.isEmpty() || !diffStatusIsDifference(entry->status))
                continue;
            const ObjectDiff diff = expectedDiff(*entry);
            const int kinds = (diff.added > 0) + (diff.removed > 0) + (diff.edited > 0);
            const int score = kinds * 1000 + diff.added + diff.removed + diff.edited;
            if (score > bestScore) {
                best = entry;
                bestScore = score;
            }
        }
        return best;
    }

    void waitForDrillDown(MainWindow *window, const QString &dataHash)
    {
        DrillDownPane *pane = window->compareTab()->drillDown();
        QCOMPARE(pane->dataHash(), dataHash);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->isLoading(), 30000);
        QCOMPARE(pane->content().dataHash, dataHash);
        QVERIFY(pane->canvas()->hasContent());
    }

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-canvas-test")); }

    void cleanup() { cleanupFixture(); }

    void drillDownListsTheObjectDiffAndSelectsBothWays()
    {
        MainWindow *window = openComparedWindow();
        QVERIFY(window);
        DrillDownPane *pane = window->compareTab()->drillDown();
        QVERIFY(pane->isVisible());
        QVERIFY(!pane->canvas()->hasContent()); // nothing selected yet: the canvas says so
        const DiffEntry *entry = entryWithEveryKindOfChange(window);
        QVERIFY(entry);
        const ObjectDiff expected = expectedDiff(*entry);
        QVERIFY(!expected.instances.isEmpty());
        QVERIFY(!expected.isIdentical());

        selectDataUnit(window, entry->dataHash);
        waitForDrillDown(window, entry->dataHash);

        if (const Job *job = window->jobManager()->latestForView(QStringLiteral("compare-drilldown")))
            qInfo("drill-down of %s: %d objects loaded in %lld ms", qPrintable(entry->dataTitle),
                  int(expected.instances.size()), job->elapsedMs());

        // A load that worked does not stay in the job list.
        QTRY_VERIFY(std::none_of(
            window->jobManager()->jobs().cbegin(), window->jobManager()->jobs().cend(),
            [](const Job *job) { return job->title().startsWith(QStringLiteral("Load labels")); }));

        // The list holds exactly the object-level diff's instances, in its order.
        ObjectDiffListModel *model = pane->objectModel();
        QCOMPARE(model->rowCount(), int(expected.instances.size()));
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, 0).data(ObjectDiffListModel::ObjectHashRole).toString(),
                     expected.instances.at(row).objectHash);
            QCOMPARE(model->index(row, 0).data(ObjectDiffListModel::ChangeKindRole).toInt(),
                     int(expected.instances.at(row).kind));
        }
        AnnotationCanvas *canvas = pane->canvas();
        QCOMPARE(canvas->imageSize().width() > 0, true);
        QVERIFY(!canvas->hasBackgroundImage());

        // A click on a list row highlights that object on the canvas.
        ObjectListView *list = pane->objectList();
        const QModelIndex firstRow = list->model()->index(0, ObjectDiffListModel::ClassColumn);
        const QString firstHash = firstRow.data(ObjectDiffListModel::ObjectHashRole).toString();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(firstRow).center());
        QCOMPARE(list->currentObjectHash(), firstHash);
        QCOMPARE(canvas->highlightedObjectHash(), firstHash);

        // A click on a drawn object selects its row in the list.
        QString clickable;
        QPointF point;
        for (const QString &hash : canvas->drawnObjects(AnnotationCanvas::Side::Target)) {
            const QPointF candidate = canvas->pointOnObject(hash).toPoint(); // where a mouse can click
            if (hash != firstHash && !candidate.isNull() && canvas->rect().contains(candidate.toPoint()) &&
                canvas->objectAt(candidate) == hash) {
                clickable = hash;
                point = candidate;
                break;
            }
        }
        QVERIFY(!clickable.isEmpty());
        QTest::mouseClick(canvas, Qt::LeftButton, {}, point.toPoint());
        QCOMPARE(canvas->highlightedObjectHash(), clickable);
        QCOMPARE(list->currentObjectHash(), clickable);
        QCOMPARE(list->selectionModel()->selectedRows().size(), 1);

        // Escape on the canvas lets go of the object too.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Escape);
        QVERIFY(canvas->highlightedObjectHash().isEmpty());
        QVERIFY(list->currentObjectHash().isEmpty());
        QTest::mouseClick(canvas, Qt::LeftButton, {}, point.toPoint());
        QCOMPARE(list->currentObjectHash(), clickable);

        // Hovering an object explains it: class, object hash, confidence and author.
        QHelpEvent help(QEvent::ToolTip, point.toPoint(), canvas->mapToGlobal(point.toPoint()));
        QApplication::sendEvent(canvas, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(clickable));
        QVERIFY(QToolTip::text().contains(QStringLiteral("confidence")));

        saveScreenshot(window->compareTab(), QStringLiteral("gui-canvas-compare-drilldown.png"));
        enlargeDrillDown(window->compareTab());
        saveScreenshot(canvas->parentWidget(), QStringLiteral("gui-canvas-overlay.png"));

        // A click on the background clears the highlight and the list selection.
        QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(2, canvas->height() - 2));
        QVERIFY(canvas->highlightedObjectHash().isEmpty());
        QVERIFY(list->currentObjectHash().isEmpty());
    }

    void togglesHideBranchesAndClasses()
    {
        MainWindow *window = openComparedWindow();
        QVERIFY(window);
        const DiffEntry *entry = entryWithChanges(window, DataType::Image);
        QVERIFY(entry);
        const ObjectDiff expected = expectedDiff(*entry);
        selectDataUnit(window, entry->dataHash);
        waitForDrillDown(window, entry->dataHash);
        DrillDownPane *pane = window->compareTab()->drillDown();
        AnnotationCanvas *canvas = pane->canvas();

        QStringList onSource, onTarget;
        for (const ObjectChange &change : expected.objects) {
            if (change.source)
                onSource.append(change.objectHash);
            if (change.target)
                onTarget.append(change.objectHash);
        }
        auto sorted = [](QStringList list) {
            list.sort();
            return list;
        };
        QCOMPARE(sorted(canvas->drawnObjects(AnnotationCanvas::Side::Source)), sorted(onSource));
        QCOMPARE(sorted(canvas->drawnObjects(AnnotationCanvas::Side::Target)), sorted(onTarget));

        // Unticking the target in the legend hides its shapes; the source's stay.
        QCheckBox *target = pane->legend()->targetCheck();
        QTest::mouseClick(target, Qt::LeftButton, {}, QPoint(8, target->height() / 2));
        QVERIFY(!target->isChecked());
        QVERIFY(!canvas->isBranchVisible(AnnotationCanvas::Side::Target));
        QVERIFY(canvas->drawnObjects(AnnotationCanvas::Side::Target).isEmpty());
        QCOMPARE(sorted(canvas->drawnObjects(AnnotationCanvas::Side::Source)), sorted(onSource));
        target->setChecked(true);
        QCOMPARE(sorted(canvas->drawnObjects(AnnotationCanvas::Side::Target)), sorted(onTarget));
        pane->legend()->sourceCheck()->setChecked(false);
        QVERIFY(canvas->drawnObjects(AnnotationCanvas::Side::Source).isEmpty());
        pane->legend()->sourceCheck()->setChecked(true);

        // Unticking a class in the class menu hides its objects on both branches.
        QMenu *menu = pane->classMenu();
        QAction *classAction = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->isCheckable()) {
                classAction = action;
                break;
            }
        }
        QVERIFY(classAction);
        const QString featureHash = classAction->data().toString();
        classAction->setChecked(false);
        for (const ObjectChange &change : expected.objects) {
            const bool ofClass = (change.source && change.source->featureHash == featureHash) ||
                                 (change.target && change.target->featureHash == featureHash);
            if (!ofClass)
                continue;
            if (change.source && change.source->featureHash == featureHash)
                QVERIFY(!canvas->drawnObjects(AnnotationCanvas::Side::Source).contains(change.objectHash));
            if (change.target && change.target->featureHash == featureHash)
                QVERIFY(!canvas->drawnObjects(AnnotationCanvas::Side::Target).contains(change.objectHash));
        }
        classAction->setChecked(true);
        QCOMPARE(sorted(canvas->drawnObjects(AnnotationCanvas::Side::Target)), sorted(onTarget));

        // Hiding unchanged objects hides them on the canvas and in the list.
        auto *unchanged = pane->findChild<QCheckBox *>(QStringLiteral("showUnchangedCheck"));
        QVERIFY(unchanged);
        unchanged->setChecked(false);
        int changedInstances = 0;
        for (const ObjectInstanceChange &instance : expected.instances)
            changedInstances += instance.kind != ChangeKind::Unchanged ? 1 : 0;
        QCOMPARE(pane->objectList()->model()->rowCount(), changedInstances);
        for (const ObjectChange &change : expected.objects) {
            if (change.kind == ChangeKind::Unchanged)
                QVERIFY(!canvas->drawnObjects(AnnotationCanvas::Side::Target).contains(change.objectHash));
        }
        unchanged->setChecked(true);
        QCOMPARE(pane->objectList()->model()->rowCount(), int(expected.instances.size()));

        // Zoom: + zooms in, - out, 0 fits the image again.
        canvas->setFocus();
        const double fitted = canvas->zoom();
        QTest::keyClick(canvas, Qt::Key_Plus);
        QVERIFY(canvas->zoom() > fitted);
        QVERIFY(!canvas->isFitToWindow());
        QTest::keyClick(canvas, Qt::Key_Minus);
        QTest::keyClick(canvas, Qt::Key_Minus);
        QVERIFY(canvas->zoom() < fitted);
        // Zoomed far in, choosing an object in the list brings it into view.
        for (int i = 0; i < 8; ++i)
            QTest::keyClick(canvas, Qt::Key_Plus);
        const QStringList drawn = canvas->drawnObjects(AnnotationCanvas::Side::Source);
        QVERIFY(!drawn.isEmpty());
        for (const QString &hash : {drawn.constFirst(), drawn.constLast()}) {
            pane->objectList()->selectObject(QString());
            const int row = pane->objectList()->rowOfObject(hash);
            QVERIFY(row >= 0);
            const QModelIndex index =
                pane->objectList()->model()->index(row, ObjectDiffListModel::ClassColumn);
            QTest::mouseClick(pane->objectList()->viewport(), Qt::LeftButton, {},
                              pane->objectList()->visualRect(index).center());
            QCOMPARE(canvas->highlightedObjectHash(), hash);
            QVERIFY(canvas->rect().contains(canvas->pointOnObject(hash).toPoint()));
        }
        QTest::keyClick(canvas, Qt::Key_0);
        QVERIFY(canvas->isFitToWindow());
        QCOMPARE(canvas->zoom(), fitted);
        // Dragging pans: the image moves with the pointer.
        const QPointF before = canvas->mapFromImage(QPointF(0.5, 0.5));
        const QPoint from = canvas->rect().center();
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(40, 25)),
                         canvas->mapToGlobal(QPointF(from + QPoint(40, 25))), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, from + QPoint(40, 25));
        QCOMPARE(canvas->mapFromImage(QPointF(0.5, 0.5)), before + QPointF(40, 25));
    }

    void drawsOnTheImageFromTheMediaFolder()
    {
        MainWindow *window = openComparedWindow();
        QVERIFY(window);
        const DiffEntry *entry = entryWithChanges(window, DataType::Image);
        QVERIFY(entry);
        selectDataUnit(window, entry->dataHash);
        waitForDrillDown(window, entry->dataHash);
        DrillDownPane *pane = window->compareTab()->drillDown();
        const QSize size = pane->canvas()->imageSize();
        QVERIFY(!pane->canvas()->hasBackgroundImage());

        // The folder holds the image under the data title's path.
        QTemporaryDir media;
        QVERIFY(media.isValid());
        const QString file = QDir(media.path()).filePath(entry->dataTitle);
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QVERIFY(streetImage(size).save(file));
        pane->setMediaFolder(media.path());
        QCOMPARE(QSettings().value(QStringLiteral("canvas/mediaFolder")).toString(), media.path());
        QTRY_VERIFY_WITH_TIMEOUT(pane->canvas()->hasBackgroundImage(), 30000);
        QCOMPARE(pane->content().imagePath, file);
        QVERIFY(pane->headline().contains(QStringLiteral("media folder")));
        enlargeDrillDown(window->compareTab());
        saveScreenshot(pane->canvas()->parentWidget(), QStringLiteral("gui-canvas-overlay-on-image.png"));

        // Only the file name also matches, when the folder is flat.
        QTemporaryDir flat;
        const QString flatFile = QDir(flat.path()).filePath(QFileInfo(entry->dataTitle).fileName());
        QVERIFY(streetImage(QSize(64, 36)).save(flatFile));
        pane->setMediaFolder(flat.path());
        QTRY_COMPARE_WITH_TIMEOUT(pane->content().imagePath, flatFile, 30000);
    }

    void videoHasAFrameSlider()
    {
        MainWindow *window = openComparedWindow();
        QVERIFY(window);
        const DiffEntry *entry = entryWithChanges(window, DataType::Video);
        QVERIFY(entry);
        const ObjectDiff expected = expectedDiff(*entry);
        QVERIFY(expected.changedFrames.size() >= 2);
        selectDataUnit(window, entry->dataHash);
        waitForDrillDown(window, entry->dataHash);
        DrillDownPane *pane = window->compareTab()->drillDown();
        AnnotationCanvas *canvas = pane->canvas();
        QVERIFY(pane->frameBar()->isVisible());
        QCOMPARE(pane->frameSlider()->maximum(), canvas->frameCount() - 1);
        QCOMPARE(canvas->frame(), expected.changedFrames.constFirst());
        QCOMPARE(pane->frameSlider()->value(), canvas->frame());
        QCOMPARE(pane->frameSlider()->markedFrames(), expected.changedFrames);

        // Next / previous changed frame, by button and by key.
        auto *next = pane->findChild<QToolButton *>(QStringLiteral("nextChangedFrameButton"));
        QVERIFY(next);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(canvas->frame(), expected.changedFrames.at(1));
        QCOMPARE(pane->frameSlider()->value(), expected.changedFrames.at(1));
        QCOMPARE(pane->objectModel()->frame(), expected.changedFrames.at(1));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_BracketLeft);
        QCOMPARE(canvas->frame(), expected.changedFrames.constFirst());
        pane->objectList()->setFocus();
        QTest::keyClick(pane->objectList(), Qt::Key_BracketRight);
        QCOMPARE(canvas->frame(), expected.changedFrames.at(1));

        // The slider moves the canvas, and what is drawn is what that frame holds.
        const int frame = std::min(canvas->frameCount() - 1, expected.changedFrames.at(1) + 3);
        pane->frameSlider()->setValue(frame);
        QCOMPARE(canvas->frame(), frame);
        QStringList onFrame;
        for (const ObjectChange &change : expected.objects) {
            if (change.frame == frame && change.target)
                onFrame.append(change.objectHash);
        }
        QStringList drawn = canvas->drawnObjects(AnnotationCanvas::Side::Target);
        drawn.sort();
        onFrame.sort();
        QCOMPARE(drawn, onFrame);

        pane->frameSlider()->setValue(expected.changedFrames.at(1));
        enlargeDrillDown(window->compareTab());
        saveScreenshot(canvas->parentWidget(), QStringLiteral("gui-canvas-video.png"));
    }

    void slowStoreKeepsTheWindowResponsiveAndShowsTheNewestSelection()
    {
        MainWindow *window = openComparedWindow();
        QVERIFY(window);
        // The window keeps the opener until cleanup(), after this function has returned.
        static std::atomic<int> fetches{0};
        fetches = 0;
        const QString path = m_demoPath;
        window->jobManager()->setStoreOpener([path]() -> Result<std::unique_ptr<Store>> {
            auto store = SqliteStore::open(path);
            if (!store)
                return store.takeError();
            return std::unique_ptr<Store>(
                std::make_unique<SlowContentStore>(std::move(store).value(), 300, &fetches));
        });
        QList<const DiffEntry *> entries;
        for (int row = 0; row < window->diffModel()->rowCount() && entries.size() < 2; ++row) {
            const DiffEntry *entry = window->diffModel()->entryAt(row);
            if (!entry->sourceLabelHash.isEmpty() && !entry->targetLabelHash.isEmpty() &&
                entry->status != DiffStatus::Identical)
                entries.append(entry);
        }
        QCOMPARE(entries.size(), 2);
        DrillDownPane *pane = window->compareTab()->drillDown();

        // The first load is under way on a worker when the user moves on.
        selectDataUnit(window, entries.at(0)->dataHash);
        QTRY_VERIFY(fetches.load() > 0);
        QVERIFY(pane->isLoading());
        selectDataUnit(window, entries.at(1)->dataHash); // returns at once: nothing waits for the store
        QCOMPARE(pane->dataHash(), entries.at(1)->dataHash);
        QVERIFY(pane->isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(!pane->isLoading(), 30000);
        QCOMPARE(pane->content().dataHash, entries.at(1)->dataHash);
        QVERIFY(pane->headline().contains(entries.at(1)->dataTitle.toHtmlEscaped()));
        // The stale load never overwrites the newer one.
        window->jobManager()->waitForDone(30000);
        QApplication::processEvents();
        QCOMPARE(pane->content().dataHash, entries.at(1)->dataHash);
    }
};

QTEST_MAIN(TestGuiCanvas)
#include "tst_gui_canvas.moc"
