// The drill-down shows each Encord data type the way it fits: DICOM slices (and NIfTI slices, PDF pages) step
// like video frames on the canvas, bitmasks are drawn from their RLE, audio and text ranges lie on a
// timeline, and a data group lists its children. Screenshots go to $LB_SCREENSHOT_DIR (or the test's
// temporary folder) for a person to look at.

#include "canvas/annotationcanvas.h"
#include "canvas/canvasframeslider.h"
#include "canvas/canvaslegend.h"
#include "canvas/canvaspalette.h"
#include "canvas/groupchildrenview.h"
#include "canvas/rangetimeline.h"
#include "engine/engine.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "items/objectdifflistmodel.h"
#include "modalityrows.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectlistview.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

const QString kSource = QStringLiteral("main");
const QString kTarget = QStringLiteral("review");

LabelRowDocument parsed(const json &row)
{
    Result<LabelRowDocument> document = LabelRowDocument::fromJson(row);
    if (!document)
        qFatal("test row does not parse: %s", qPrintable(document.error()));
    return std::move(document).value();
}

// Channels within `tolerance` of each other.
bool near(const QColor &a, const QColor &b, int tolerance = 3)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// `color` at `alpha` over `under`, as the timeline paints a target's bar.
QColor over(const QColor &color, int alpha, const QColor &under)
{
    const auto mix = [alpha](int top, int bottom) { return (top * alpha + bottom * (255 - alpha)) / 255; };
    return QColor(mix(color.red(), under.red()), mix(color.green(), under.green()),
                  mix(color.blue(), under.blue()));
}

} // namespace

class TestGuiModalities : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_screens;
    QHash<QString, ModalityPair> m_pairs;
    std::unique_ptr<MainWindow> m_window;

    void screenshot(QWidget *widget, const QString &name)
    {
        QApplication::processEvents();
        const QPixmap pixmap = widget->grab();
        QVERIFY(!pixmap.isNull());
        const QString path = QDir(m_screens).filePath(name);
        QVERIFY2(pixmap.save(path), qPrintable(path));
    }

    // The window on the project, comparing main with review, with `name`'s data unit drilled into.
    DrillDownPane *drillInto(const QString &name)
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1500, 1000);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get()) || !m_window->openProject(m_path))
            return nullptr;
        m_window->compareBranches(kSource, kTarget);
        if (!m_window->jobManager()->waitForDone(60000))
            return nullptr;
        QApplication::processEvents();
        const QString dataHash = m_pairs.value(name).dataHash;
        QTableView *view = m_window->compareTab()->view();
        QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, BranchDiffModel::TitleColumn);
            if (index.data(BranchDiffModel::DataHashRole).toString() != dataHash)
                continue;
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
            DrillDownPane *pane = m_window->compareTab()->drillDown();
            if (!QTest::qWaitFor([&] { return pane->content().dataHash == dataHash && !pane->isLoading(); },
                                 30000))
                return nullptr;
            m_window->compareTab()->splitter()->setSizes({120, 2000});
            QApplication::processEvents();
            return pane;
        }
        return nullptr;
    }

    QAction *tabAction(const char *name) const
    {
        return m_window->compareTab()->findChild<QAction *>(QString::fromLatin1(name));
    }

    static constexpr const char *kZoomActions[] = {"zoomInAction", "zoomOutAction", "fitAction"};
    static constexpr const char *kFrameActions[] = {"nextFrameAction", "previousFrameAction",
                                                    "nextChangedFrameAction", "previousChangedFrameAction"};

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariableIsEmpty("LABELBRANCH_REVIEWER"))
            qputenv("LABELBRANCH_REVIEWER", "gui-tester");
        QApplication::setApplicationName(QStringLiteral("labelbranch-modalities-test"));
        QApplication::setOrganizationName(QStringLiteral("labelbranch-test"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_screens = qEnvironmentVariable("LB_SCREENSHOT_DIR", m_dir.filePath(QStringLiteral("screenshots")));
        QVERIFY(QDir().mkpath(m_screens));

        QList<DataUnit> units;
        QList<LabelRowDocument> sources, targets;
        for (const ModalityPair &pair : changedModalityPairs()) {
            m_pairs.insert(pair.name, pair);
            DataUnit unit;
            unit.dataHash = pair.dataHash;
            unit.dataTitle = QString::fromStdString(pair.source.at("data_title").get<std::string>());
            unit.dataType = pair.unitType;
            units.append(unit);
            sources.append(parsed(pair.source));
            targets.append(parsed(pair.target));
        }
        ProjectInfo info;
        info.projectHash = QStringLiteral("aaaaaaaa-0000-4000-8000-0000000000cc");
        info.title = QStringLiteral("Every modality, changed");
        m_path = m_dir.filePath(QStringLiteral("modalities.lbproj"));
        auto store = SqliteStore::create(m_path, info, everyModalityOntology(), units);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        Engine engine(*store.value(), QStringLiteral("tester"));
        const Result<CopyResult> source = engine.importRows(kSource, sources, false);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        const Result<CopyResult> target = engine.importRows(kTarget, targets, false);
        QVERIFY2(target.ok(), qPrintable(target.error()));
    }

    void cleanup()
    {
        if (m_window) {
            m_window->jobManager()->cancelAll();
            m_window->jobManager()->waitForDone(60000);
            m_window.reset();
        }
    }

    void dicomSlicesStepLikeFrames()
    {
        DrillDownPane *pane = drillInto(QStringLiteral("dicom"));
        QVERIFY(pane);
        AnnotationCanvas *canvas = pane->canvas();
        QCOMPARE(pane->currentView(), canvas);
        QVERIFY(canvas->isVisible());
        QVERIFY(!pane->timeline()->isVisible());
        QVERIFY(pane->frameBar()->isVisible());
        QCOMPARE(canvas->frameCount(), 12);
        QCOMPARE(pane->frameSlider()->maximum(), 11);
        QCOMPARE(pane->frameSlider()->markedFrames(), (QList<int>{3, 7, 9}));
        // It opens on the first changed slice, and says "slice" rather than "frame".
        QCOMPARE(canvas->frame(), 3);
        auto *label = pane->findChild<QLabel *>(QStringLiteral("frameLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Slice 3 of 11 · changed"));
        QCOMPARE(canvas->frameText(), QStringLiteral("Slice 3 of 11"));
        QVERIFY(pane->headline().contains(QStringLiteral("DICOM")));
        QCOMPARE(canvas->drawnObjects(AnnotationCanvas::Side::Source), QStringList{QStringLiteral("d-les2")});
        QCOMPARE(canvas->drawnObjects(AnnotationCanvas::Side::Target), QStringList{QStringLiteral("d-les2")});
        screenshot(canvas->parentWidget(), QStringLiteral("modalities-dicom-slice3.png"));

        // Next and previous changed slice, by button and by key; the list follows the slice.
        auto *next = pane->findChild<QToolButton *>(QStringLiteral("nextChangedFrameButton"));
        QVERIFY(next);
        QVERIFY(next->toolTip().contains(QStringLiteral("slice")));
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(canvas->frame(), 7);
        QCOMPARE(pane->objectModel()->frame(), 7);
        QCOMPARE(canvas->drawnObjects(AnnotationCanvas::Side::Source),
                 (QStringList{QStringLiteral("d-car1"), QStringLiteral("d-les1")}));
        QCOMPARE(canvas->drawnObjects(AnnotationCanvas::Side::Target), QStringList{QStringLiteral("d-les1")});
        screenshot(canvas->parentWidget(), QStringLiteral("modalities-dicom-slice7.png"));
        screenshot(m_window->compareTab(), QStringLiteral("modalities-dicom-workspace.png"));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_BracketRight);
        QCOMPARE(canvas->frame(), 9);
        QCOMPARE(canvas->drawnObjects(AnnotationCanvas::Side::Target), QStringList{QStringLiteral("d-les3")});
        QVERIFY(canvas->drawnObjects(AnnotationCanvas::Side::Source).isEmpty());
        QVERIFY(canvas->nextChangedFrame() < 0);
        QTest::keyClick(canvas, Qt::Key_BracketLeft);
        QCOMPARE(canvas->frame(), 7);
        // Unchanged slices step one at a time too.
        QTest::keyClick(canvas, Qt::Key_Period);
        QCOMPARE(canvas->frame(), 8);
        QCOMPARE(label->text(), QStringLiteral("Slice 8 of 11"));
        pane->frameSlider()->setValue(11);
        QCOMPARE(canvas->frame(), 11);
        // The window's canvas actions all act on the slices.
        for (const char *name : kZoomActions)
            QVERIFY2(tabAction(name) && tabAction(name)->isEnabled(), name);
        for (const char *name : kFrameActions)
            QVERIFY2(tabAction(name) && tabAction(name)->isEnabled(), name);
        tabAction("previousChangedFrameAction")->trigger();
        QCOMPARE(canvas->frame(), 9);
        tabAction("previousFrameAction")->trigger();
        QCOMPARE(canvas->frame(), 8);
        const double fitted = canvas->zoom();
        tabAction("zoomInAction")->trigger();
        QVERIFY(canvas->zoom() > fitted);
        tabAction("fitAction")->trigger();
        QCOMPARE(canvas->zoom(), fitted);
    }

    void niftiAndPdfSayWhatTheirFramesAre()
    {
        QCOMPARE(DataType(DataType::Dicom).frameWord(), QStringLiteral("slice"));
        QCOMPARE(DataType(DataType::Nifti).frameWord(), QStringLiteral("slice"));
        QCOMPARE(DataType(DataType::Pdf).frameWord(), QStringLiteral("page"));
        QCOMPARE(DataType(DataType::Video).frameWord(), QStringLiteral("frame"));
        for (const ModalityCase &c : modalityCases()) {
            if (c.name != QStringLiteral("pdf") && c.name != QStringLiteral("nifti"))
                continue;
            const LabelRowDocument row = parsed(c.row);
            const ObjectDiff diff = computeObjectDiff(&row, &row);
            AnnotationCanvas canvas;
            canvas.resize(400, 300);
            canvas.setDiff(diff, everyModalityOntology(), QSize(512, 512), row.frameCount());
            QCOMPARE(canvas.frameCount(), 6);
            canvas.setFrame(2);
            QCOMPARE(canvas.frameText(), c.name == QStringLiteral("pdf") ? QStringLiteral("Page 2 of 5")
                                                                         : QStringLiteral("Slice 2 of 5"));
        }
    }

    void audioRangesLieOnATimeline()
    {
        DrillDownPane *pane = drillInto(QStringLiteral("audio"));
        QVERIFY(pane);
        RangeTimeline *timeline = pane->timeline();
        QCOMPARE(pane->currentView(), timeline);
        QVERIFY(timeline->isVisible());
        QVERIFY(!pane->canvas()->isVisible());
        QVERIFY(!pane->frameBar()->isVisible());
        QVERIFY(timeline->isAudio());
        // One lane per object, in time order.
        QCOMPARE(timeline->laneObjects(), (QStringList{QStringLiteral("au1"), QStringLiteral("au2"),
                                                       QStringLiteral("au3"), QStringLiteral("au4")}));
        const QList<RangeTimeline::Bar> bars = timeline->bars();
        QCOMPARE(bars.size(), 2 + 4 + 1 + 1);
        const auto kindOf = [&](const QString &hash) {
            for (const RangeTimeline::Bar &bar : bars) {
                if (bar.objectHash == hash)
                    return bar.kind;
            }
            return ChangeKind::Unchanged;
        };
        QCOMPARE(kindOf(QStringLiteral("au1")), ChangeKind::Unchanged);
        QCOMPARE(kindOf(QStringLiteral("au2")), ChangeKind::Edited);
        QCOMPARE(kindOf(QStringLiteral("au3")), ChangeKind::Removed);
        QCOMPARE(kindOf(QStringLiteral("au4")), ChangeKind::Added);
        // Later ranges are further right; the source's bars are above the target's.
        QVERIFY(bars.at(0).rect.left() < timeline->width() / 4);
        // The bars are painted in the canvas's colours: solid for the source, translucent for the target.
        const QImage image = timeline->grab().toImage();
        for (const RangeTimeline::Bar &bar : bars) {
            const QColor pixel = image.pixelColor(bar.rect.center().toPoint());
            const QColor color = canvaspalette::colorOf(bar.kind);
            const QColor expected =
                bar.side == RangeTimeline::Side::Source ? color : over(color, 110, canvaspalette::surround());
            QVERIFY2(near(pixel, expected),
                     qPrintable(QStringLiteral("%1 %2: %3, expected %4")
                                    .arg(bar.objectHash,
                                         bar.side == RangeTimeline::Side::Source ? QStringLiteral("source")
                                                                                 : QStringLiteral("target"),
                                         pixel.name(), expected.name())));
        }
        screenshot(timeline->parentWidget(), QStringLiteral("modalities-audio-timeline.png"));

        // A click on a bar selects its object, and the object list follows.
        QPointF removed;
        for (const RangeTimeline::Bar &bar : bars) {
            if (bar.objectHash == QStringLiteral("au3"))
                removed = bar.rect.center();
        }
        QTest::mouseClick(timeline, Qt::LeftButton, {}, removed.toPoint());
        QCOMPARE(timeline->highlightedObjectHash(), QStringLiteral("au3"));
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("au3"));
        // The arrow keys move the selection from lane to lane.
        QTest::keyClick(timeline, Qt::Key_Down);
        QCOMPARE(timeline->highlightedObjectHash(), QStringLiteral("au4"));
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("au4"));
        QTest::keyClick(timeline, Qt::Key_Up);
        QTest::keyClick(timeline, Qt::Key_Up);
        QCOMPARE(timeline->highlightedObjectHash(), QStringLiteral("au2"));
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("au2"));
        // Choosing in the list highlights on the timeline.
        ObjectListView *list = pane->objectList();
        const QModelIndex first =
            list->model()->index(list->rowOfObject(QStringLiteral("au1")), ObjectDiffListModel::ClassColumn);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
        QCOMPARE(list->currentObjectHash(), QStringLiteral("au1"));
        QCOMPARE(timeline->highlightedObjectHash(), QStringLiteral("au1"));

        // Hovering explains the object: class, change and both ranges in mm:ss.mmm.
        const QPoint edited = timeline->pointOnObject(QStringLiteral("au2")).toPoint();
        QHelpEvent help(QEvent::ToolTip, edited, timeline->mapToGlobal(edited));
        QApplication::sendEvent(timeline, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Speech")), qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(QStringLiteral("00:02.000–00:02.900")),
                 qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(QStringLiteral("00:02.000–00:02.500")),
                 qPrintable(QToolTip::text()));
        QToolTip::hideText();
        screenshot(timeline->parentWidget(), QStringLiteral("modalities-audio-selected.png"));

        // Zoom in, then back to fit.
        const double span = timeline->viewEnd() - timeline->viewStart();
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Plus);
        QVERIFY(timeline->viewEnd() - timeline->viewStart() < span);
        QVERIFY(!timeline->isFitToWindow());
        auto *fit = pane->findChild<QToolButton *>(QStringLiteral("fitButton"));
        QTest::mouseClick(fit, Qt::LeftButton);
        QVERIFY(timeline->isFitToWindow());
        QCOMPARE(timeline->viewEnd() - timeline->viewStart(), span);

        // The window's Zoom In, Zoom Out and Fit in View (View ▸ Canvas, + - 0) act on the timeline; the
        // frame actions have nothing to step.
        for (const char *name : kZoomActions)
            QVERIFY2(tabAction(name) && tabAction(name)->isEnabled(), name);
        for (const char *name : kFrameActions)
            QVERIFY2(tabAction(name) && !tabAction(name)->isEnabled(), name);
        tabAction("zoomInAction")->trigger();
        const double zoomed = timeline->viewEnd() - timeline->viewStart();
        QVERIFY(zoomed < span);
        QVERIFY(!timeline->isFitToWindow());
        tabAction("zoomInAction")->trigger();
        const double twice = timeline->viewEnd() - timeline->viewStart();
        QVERIFY(twice < zoomed);
        tabAction("zoomOutAction")->trigger();
        QVERIFY(timeline->viewEnd() - timeline->viewStart() > twice);
        tabAction("fitAction")->trigger();
        QVERIFY(timeline->isFitToWindow());
        QCOMPARE(timeline->viewEnd() - timeline->viewStart(), span);
        // Their keys too, with the focus elsewhere in the workspace.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTableView *units = m_window->compareTab()->view();
        units->setFocus();
        QTest::keyClick(units, Qt::Key_Plus);
        QVERIFY(timeline->viewEnd() - timeline->viewStart() < span);
        QTest::keyClick(units, Qt::Key_0);
        QVERIFY(timeline->isFitToWindow());
        QCOMPARE(timeline->viewEnd() - timeline->viewStart(), span);
        // The frame keys do not reach the hidden canvas.
        const int frame = pane->canvas()->frame();
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Period);
        QCOMPARE(pane->canvas()->frame(), frame);

        // A click on the background lets go.
        QTest::mouseClick(timeline, Qt::LeftButton, {},
                          QPoint(timeline->width() / 2, timeline->height() - 3));
        QVERIFY(timeline->highlightedObjectHash().isEmpty());
        QVERIFY(pane->objectList()->currentObjectHash().isEmpty());
    }

    void textRangesLieOnATimeline()
    {
        DrillDownPane *pane = drillInto(QStringLiteral("plain_text"));
        QVERIFY(pane);
        RangeTimeline *timeline = pane->timeline();
        QCOMPARE(pane->currentView(), timeline);
        QVERIFY(!timeline->isAudio());
        QCOMPARE(timeline->laneObjects(), (QStringList{QStringLiteral("tx1"), QStringLiteral("tx2"),
                                                       QStringLiteral("tx3"), QStringLiteral("tx4")}));
        const QList<RangeTimeline::Bar> bars = timeline->bars();
        QCOMPARE(bars.size(), 6);
        // tx2 moved from 40–60 to 48–70: its target bar starts and ends further right.
        QRectF source, target;
        for (const RangeTimeline::Bar &bar : bars) {
            if (bar.objectHash == QStringLiteral("tx2"))
                (bar.side == RangeTimeline::Side::Source ? source : target) = bar.rect;
        }
        QVERIFY(target.left() > source.left() && target.right() > source.right());
        QVERIFY(target.top() > source.top());
        const QImage image = timeline->grab().toImage();
        QVERIFY(
            near(image.pixelColor(source.center().toPoint()), canvaspalette::colorOf(ChangeKind::Edited)));
        // Unticking a branch in the legend hides its bars.
        pane->legend()->findChild<QCheckBox *>(QStringLiteral("showTargetCheck"))->setChecked(false);
        QCOMPARE(timeline->bars().size(), 3);
        QCOMPARE(timeline->laneObjects().size(), 3); // the added object is only on the target
        pane->legend()->findChild<QCheckBox *>(QStringLiteral("showTargetCheck"))->setChecked(true);
        QTest::mouseClick(timeline, Qt::LeftButton, {}, target.center().toPoint());
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("tx2"));
        screenshot(timeline->parentWidget(), QStringLiteral("modalities-text-timeline.png"));
        screenshot(m_window->compareTab(), QStringLiteral("modalities-text-workspace.png"));
    }

    void bitmasksAreDrawnFromTheirRle()
    {
        DrillDownPane *pane = drillInto(QStringLiteral("bitmask"));
        QVERIFY(pane);
        AnnotationCanvas *canvas = pane->canvas();
        QCOMPARE(pane->currentView(), canvas);
        QCOMPARE(canvas->imageSize(), QSize(320, 240));
        QStringList source = canvas->drawnObjects(AnnotationCanvas::Side::Source);
        QStringList target = canvas->drawnObjects(AnnotationCanvas::Side::Target);
        source.sort();
        target.sort();
        QCOMPARE(source, (QStringList{QStringLiteral("b-box"), QStringLiteral("m1"), QStringLiteral("m2")}));
        QCOMPARE(target, (QStringList{QStringLiteral("b-box"), QStringLiteral("m1"), QStringLiteral("m3")}));

        // The masks are where their pixels are: the centre of m3's ellipse (250, 170) is on it, the corner of
        // its bounds is not.
        const QPointF centre = canvas->mapFromImage(QPointF(250.0 / 320, 170.0 / 240));
        QCOMPARE(canvas->objectAt(centre), QStringLiteral("m3"));
        const QPointF corner = canvas->mapFromImage(QPointF(222.0 / 320, 150.0 / 240));
        QVERIFY(canvas->objectAt(corner) != QStringLiteral("m3"));
        // Painted in the colour of their change: m2 (removed) reddish, m3 (added) bluish.
        const QImage image = canvas->grab().toImage();
        const QColor removed =
            image.pixelColor(canvas->mapFromImage(QPointF(230.0 / 320, 70.0 / 240)).toPoint());
        QVERIFY2(removed.red() > removed.blue() + 40, qPrintable(removed.name()));
        const QColor added = image.pixelColor(centre.toPoint());
        QVERIFY2(added.blue() > added.red() + 20, qPrintable(added.name()));

        // A click inside a mask selects it, in the list too.
        const QPointF point = canvas->pointOnObject(QStringLiteral("m3"));
        QVERIFY(!point.isNull());
        QTest::mouseClick(canvas, Qt::LeftButton, {}, point.toPoint());
        QCOMPARE(canvas->highlightedObjectHash(), QStringLiteral("m3"));
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("m3"));
        QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->pointOnObject(QStringLiteral("m1")).toPoint());
        QCOMPARE(pane->objectList()->currentObjectHash(), QStringLiteral("m1"));
        screenshot(canvas->parentWidget(), QStringLiteral("modalities-bitmask.png"));
    }

    void aDataGroupListsItsChildren()
    {
        DrillDownPane *pane = drillInto(QStringLiteral("group"));
        QVERIFY(pane);
        GroupChildrenView *group = pane->groupView();
        QCOMPARE(pane->currentView(), group);
        QVERIFY(group->isVisible());
        QVERIFY(!pane->canvas()->isVisible());
        QVERIFY(!pane->frameBar()->isVisible());
        QVERIFY(!pane->legend()->isVisible());
        QVERIFY2(group->explanation().contains(
                     QStringLiteral("A data group: its children's labels are in their own "
                                    "spaces")),
                 qPrintable(group->explanation()));
        QTableWidget *table = group->table();
        QCOMPARE(table->rowCount(), 3);
        const auto cell = [table](int row, int column) { return table->item(row, column)->text(); };
        QCOMPARE(cell(0, 1), QStringLiteral("front (child-1)"));
        QCOMPARE(cell(0, 2), QStringLiteral("image"));
        QCOMPARE(cell(0, 3), QStringLiteral("front.jpg"));
        QCOMPARE(cell(0, 4), QStringLiteral("2"));
        QCOMPARE(cell(0, 5), QStringLiteral("1"));
        QCOMPARE(table->item(0, 0)->data(Qt::UserRole).toInt(), int(ChangeKind::Edited));
        QCOMPARE(table->item(1, 0)->data(Qt::UserRole).toInt(), int(ChangeKind::Unchanged));
        QCOMPARE(cell(1, 4), QStringLiteral("1"));
        QCOMPARE(table->item(2, 0)->data(Qt::UserRole).toInt(), int(ChangeKind::Added));
        QCOMPARE(cell(2, 2), QStringLiteral("audio"));
        QCOMPARE(cell(2, 4), QStringLiteral("—"));
        QCOMPARE(cell(2, 5), QStringLiteral("0"));
        screenshot(group->parentWidget(), QStringLiteral("modalities-group.png"));
        // Nothing to zoom or step: the window's canvas actions are off, their keys do nothing.
        QVERIFY(!pane->canZoom());
        QVERIFY(!pane->canStepFrames());
        for (const char *name : kZoomActions)
            QVERIFY2(tabAction(name) && !tabAction(name)->isEnabled(), name);
        for (const char *name : kFrameActions)
            QVERIFY2(tabAction(name) && !tabAction(name)->isEnabled(), name);

        // Back to another type: the canvas returns.
        QTableView *view = m_window->compareTab()->view();
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, BranchDiffModel::TitleColumn);
            if (index.data(BranchDiffModel::DataHashRole).toString() !=
                m_pairs.value(QStringLiteral("dicom")).dataHash)
                continue;
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
        }
        QTRY_COMPARE_WITH_TIMEOUT(pane->content().dataHash, m_pairs.value(QStringLiteral("dicom")).dataHash,
                                  30000);
        QTRY_VERIFY(!pane->isLoading());
        QCOMPARE(pane->currentView(), pane->canvas());
        QVERIFY(pane->legend()->isVisible());
        QVERIFY(pane->frameBar()->isVisible());
        for (const char *name : kZoomActions)
            QVERIFY2(tabAction(name)->isEnabled(), name);
        for (const char *name : kFrameActions)
            QVERIFY2(tabAction(name)->isEnabled(), name);
    }
};

QTEST_MAIN(TestGuiModalities)
#include "tst_gui_modalities.moc"
