#include "tabs/drilldownpane.h"

#include "canvas/annotationcanvas.h"
#include "canvas/canvasframeslider.h"
#include "canvas/canvaslegend.h"
#include "canvas/canvasmedia.h"
#include "canvas/groupchildrenview.h"
#include "canvas/rangetimeline.h"
#include "items/objectdifflistmodel.h"
#include "tabs/objectlistview.h"

#include <algorithm>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

namespace {

// Pause before loading, so holding an arrow key in the compare table does not start a load per row.
constexpr int kLoadDelayMs = 60;

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    return button;
}

} // namespace

DrillDownPane::DrillDownPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("drillDownPane"));
    m_model = new ObjectDiffListModel(this);
    m_loadTimer = new QTimer(this);
    m_loadTimer->setSingleShot(true);
    m_loadTimer->setInterval(kLoadDelayMs);
    connect(m_loadTimer, &QTimer::timeout, this, &DrillDownPane::load);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("drillDownHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(false);
    // A long title never widens the window: the headline is cut instead.
    m_headline->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    // The object list is a panel of its own: the workspace places it (docs/product.md §4.4).
    m_objectPanel = createObjectPanel();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_headline);
    layout->addWidget(createCanvasPanel(), 1);

    connect(m_list, &ObjectListView::currentObjectChanged, this, &DrillDownPane::onObjectSelectedInList);
    connect(m_canvas, &AnnotationCanvas::objectClicked, this, &DrillDownPane::onObjectClickedOnCanvas);
    connect(m_timeline, &RangeTimeline::objectClicked, this, &DrillDownPane::onObjectClickedOnCanvas);
    connect(m_canvas, &AnnotationCanvas::frameChanged, this, [this](int frame) {
        m_model->setFrame(frame);
        updateFrameBar();
    });
    clear();
}

QWidget *DrillDownPane::createCanvasPanel()
{
    auto *panel = new QWidget(this);
    // One of the three is shown, in the same place (showView()).
    m_canvas = new AnnotationCanvas(panel);
    m_timeline = new RangeTimeline(panel);
    m_groupView = new GroupChildrenView(panel);
    m_timeline->hide();
    m_groupView->hide();

    m_zoomTools = new QWidget(panel);
    auto *fit = toolButton(tr("Fit"), tr("Fit the labels in the view (0)"), m_zoomTools);
    auto *zoomOut = toolButton(tr("−"), tr("Zoom out (-, mouse wheel)"), m_zoomTools);
    auto *zoomIn = toolButton(tr("+"), tr("Zoom in (+, mouse wheel); drag to pan"), m_zoomTools);
    fit->setObjectName(QStringLiteral("fitButton"));
    // The buttons act on the view shown, as the workspace's actions do.
    connect(fit, &QToolButton::clicked, this, &DrillDownPane::fitToWindow);
    connect(zoomOut, &QToolButton::clicked, this, &DrillDownPane::zoomOut);
    connect(zoomIn, &QToolButton::clicked, this, &DrillDownPane::zoomIn);
    auto *zoomLayout = new QHBoxLayout(m_zoomTools);
    zoomLayout->setContentsMargins(0, 0, 0, 0);
    zoomLayout->setSpacing(2);
    zoomLayout->addWidget(fit);
    zoomLayout->addWidget(zoomOut);
    zoomLayout->addWidget(zoomIn);

    m_classMenu = new QMenu(this);
    m_classMenu->setObjectName(QStringLiteral("classMenu"));
    m_classButton = toolButton(tr("Classes ▾"), tr("Show or hide the objects of each class"), panel);
    m_classButton->setObjectName(QStringLiteral("classButton"));
    m_classButton->setMenu(m_classMenu);
    m_classButton->setPopupMode(QToolButton::InstantPopup);

    m_unchangedCheck = new QCheckBox(tr("Show &unchanged"), panel);
    m_unchangedCheck->setObjectName(QStringLiteral("showUnchangedCheck"));
    m_unchangedCheck->setToolTip(tr("Also draw and list the objects that are the same on both branches"));
    m_unchangedCheck->setChecked(true);
    connect(m_unchangedCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_canvas->setUnchangedVisible(on);
        m_timeline->setUnchangedVisible(on);
        m_list->setUnchangedVisible(on);
    });

    m_mediaButton = toolButton(tr("Media folder…"), QString(), panel);
    m_mediaButton->setObjectName(QStringLiteral("mediaFolderButton"));
    connect(m_mediaButton, &QToolButton::clicked, this, &DrillDownPane::chooseMediaFolder);

    auto *tools = new QHBoxLayout;
    tools->setSpacing(2);
    tools->addWidget(m_zoomTools);
    tools->addSpacing(10);
    tools->addWidget(m_classButton);
    tools->addSpacing(6);
    tools->addWidget(m_unchangedCheck);
    tools->addStretch(1);
    tools->addWidget(m_mediaButton);

    createFrameBar(panel);

    m_legend = new CanvasLegend(panel);
    connect(m_legend->sourceCheck(), &QCheckBox::toggled, this, [this](bool on) {
        m_canvas->setBranchVisible(AnnotationCanvas::Side::Source, on);
        m_timeline->setBranchVisible(RangeTimeline::Side::Source, on);
    });
    connect(m_legend->targetCheck(), &QCheckBox::toggled, this, [this](bool on) {
        m_canvas->setBranchVisible(AnnotationCanvas::Side::Target, on);
        m_timeline->setBranchVisible(RangeTimeline::Side::Target, on);
    });

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(tools);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_groupView, 1);
    layout->addWidget(m_frameBar);
    layout->addWidget(m_legend);
    return panel;
}

// The video frame controls under the canvas; hidden for images.
void DrillDownPane::createFrameBar(QWidget *panel)
{
    m_frameBar = new QWidget(panel);
    m_frameBar->setObjectName(QStringLiteral("frameBar"));
    m_previousChangeButton = toolButton(tr("◀◀ Changed"), tr("Previous frame with a change ([)"), m_frameBar);
    m_previousChangeButton->setObjectName(QStringLiteral("previousChangedFrameButton"));
    m_previousFrameButton = toolButton(tr("◀"), tr("Previous frame (,)"), m_frameBar);
    m_frameSlider = new CanvasFrameSlider(m_frameBar);
    m_frameSlider->setObjectName(QStringLiteral("frameSlider"));
    m_frameSlider->setAccessibleName(tr("Video frame"));
    m_nextFrameButton = toolButton(tr("▶"), tr("Next frame (.)"), m_frameBar);
    m_nextChangeButton = toolButton(tr("Changed ▶▶"), tr("Next frame with a change (])"), m_frameBar);
    m_nextChangeButton->setObjectName(QStringLiteral("nextChangedFrameButton"));
    m_frameLabel = new QLabel(m_frameBar);
    m_frameLabel->setObjectName(QStringLiteral("frameLabel"));
    m_frameLabel->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Frame 8888 of 8888 · changed")) + 8);
    connect(m_previousChangeButton, &QToolButton::clicked, this, &DrillDownPane::goToPreviousChangedFrame);
    connect(m_nextChangeButton, &QToolButton::clicked, this, &DrillDownPane::goToNextChangedFrame);
    connect(m_previousFrameButton, &QToolButton::clicked, this, &DrillDownPane::goToPreviousFrame);
    connect(m_nextFrameButton, &QToolButton::clicked, this, &DrillDownPane::goToNextFrame);
    connect(m_frameSlider, &QSlider::valueChanged, m_canvas, &AnnotationCanvas::setFrame);
    auto *frameLayout = new QHBoxLayout(m_frameBar);
    frameLayout->setContentsMargins(0, 0, 0, 0);
    frameLayout->addWidget(m_previousChangeButton);
    frameLayout->addWidget(m_previousFrameButton);
    frameLayout->addWidget(m_frameSlider, 1);
    frameLayout->addWidget(m_nextFrameButton);
    frameLayout->addWidget(m_nextChangeButton);
    frameLayout->addWidget(m_frameLabel);
}

QWidget *DrillDownPane::createObjectPanel()
{
    auto *panel = new QWidget(this);
    m_list = new ObjectListView(m_model, panel);
    // Status and class stay readable however the splitter is dragged.
    panel->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("Unchanged Drivable area → Traffic")) + 60);
    m_listSummary = new QLabel(panel);
    m_listSummary->setObjectName(QStringLiteral("objectListSummary"));
    m_listSummary->setWordWrap(true);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_listSummary);
    layout->addWidget(m_list, 1);
    return panel;
}

void DrillDownPane::showDataUnit(const DiffEntry &entry, const QString &sourceBranch,
                                 const QString &targetBranch)
{
    if (entry.dataHash.isEmpty()) {
        clear();
        return;
    }
    m_requested = Request{entry, entry.dataHash, sourceBranch, targetBranch};
    m_loading = true;
    m_headline->setText(tr("<b>%1</b> — loading the labels of %2 and %3…")
                            .arg(entry.dataTitle.toHtmlEscaped(), sourceBranch.toHtmlEscaped(),
                                 targetBranch.toHtmlEscaped()));
    if (!m_canvas->hasContent())
        m_canvas->showPlaceholder(tr("Loading the labels of %1…").arg(entry.dataTitle));
    m_loadTimer->start();
}

void DrillDownPane::clear()
{
    m_loadTimer->stop();
    cancelLoad();
    m_requested = Request();
    m_content = DrillDownContent();
    m_loading = false;
    m_model->clear();
    rebuildClassMenu();
    m_frameBar->hide();
    m_listSummary->clear();
    m_headline->setText(
        tr("Select a data unit in the list: its labels on both branches are drawn here and its objects "
           "are listed beside the list."));
    m_canvas->showPlaceholder(tr("No data unit selected"));
    m_timeline->clear();
    showView(m_canvas);
    m_legend->setBranchNames(tr("source"), tr("target"));
    m_mediaButton->setToolTip(
        mediaFolder().isEmpty() ? tr("Choose a folder with the project's images, to draw the labels on them")
                                : tr("Images are read from %1").arg(QDir::toNativeSeparators(mediaFolder())));
}

QString DrillDownPane::headline() const
{
    return m_headline->text();
}

void DrillDownPane::showMessage(const QString &text)
{
    m_loading = false;
    m_model->clear();
    m_frameBar->hide();
    m_listSummary->clear();
    m_headline->setText(text.toHtmlEscaped());
    m_canvas->showPlaceholder(text);
    m_timeline->clear();
    showView(m_canvas);
    Q_EMIT loaded(m_requested.dataHash);
}

void DrillDownPane::apply(const DrillDownContent &content)
{
    const QString previousHighlight = m_content.dataHash != content.dataHash ? QString()
                                      : currentView() == m_timeline ? m_timeline->highlightedObjectHash()
                                                                    : m_canvas->highlightedObjectHash();
    m_content = content;
    m_legend->setBranchNames(content.sourceBranch, content.targetBranch);
    m_canvas->setBranchNames(content.sourceBranch, content.targetBranch);
    m_canvas->setDiff(content.diff, content.ontology, content.imageSize, content.frameCount);
    m_canvas->setBackgroundImage(content.image);
    m_model->setDiff(content.diff, content.ontology, content.imageSize);
    m_model->setFrame(m_canvas->frame());
    // The row's own type when there is a row, else the data unit's.
    const DataType type =
        content.diff.sourcePresent || content.diff.targetPresent ? content.diff.dataType : content.dataType;
    if (type.isContainer()) {
        m_groupView->setChildren(content.children, type, content.sourceBranch, content.targetBranch);
        showView(m_groupView);
    } else if (type.objectsInAnswers()) {
        m_timeline->setDiff(content.diff, content.ontology, content.sourceBranch, content.targetBranch);
        showView(m_timeline);
    } else {
        showView(m_canvas);
    }
    rebuildClassMenu();
    updateFrameBar();

    const ObjectDiff &diff = content.diff;
    QString state;
    if (!diff.sourcePresent)
        state = tr("only on %1").arg(content.targetBranch.toHtmlEscaped());
    else if (!diff.targetPresent)
        state = tr("only on %1").arg(content.sourceBranch.toHtmlEscaped());
    else if (diff.isIdentical())
        state = tr("identical on both branches");
    else
        state = tr("%1 → %2").arg(content.sourceBranch.toHtmlEscaped(), content.targetBranch.toHtmlEscaped());
    const QString image =
        content.imagePath.isEmpty() ? tr("no local image") : tr("image from the media folder");
    QString where;
    if (currentView() == m_timeline)
        where = m_timeline->isAudio() ? tr("ranges in time") : tr("ranges of characters");
    else if (currentView() == m_groupView)
        where = tr("%n child(ren)", nullptr, int(content.children.size()));
    else
        where = tr("%1 × %2, %3")
                    .arg(m_canvas->imageSize().width())
                    .arg(m_canvas->imageSize().height())
                    .arg(image);
    m_headline->setText(tr("<b>%1</b> — %2 · %3 · %4")
                            .arg(content.dataTitle.toHtmlEscaped(), dataTypeDisplayName(type), state, where));
    QString summary = m_model->summaryText();
    if (diff.classificationsAdded + diff.classificationsRemoved + diff.classificationsChanged > 0)
        summary += tr("; classifications: %1 added, %2 removed, %3 changed")
                       .arg(diff.classificationsAdded)
                       .arg(diff.classificationsRemoved)
                       .arg(diff.classificationsChanged);
    m_listSummary->setText(summary);
    if (!previousHighlight.isEmpty() && m_model->rowOfObject(previousHighlight) >= 0) {
        m_canvas->setHighlightedObject(previousHighlight);
        m_timeline->setHighlightedObject(previousHighlight);
        m_list->selectObject(previousHighlight);
    }
    Q_EMIT loaded(content.dataHash);
}

void DrillDownPane::rebuildClassMenu()
{
    m_classMenu->clear();
    QStringList classes;
    for (const ObjectInstanceChange &instance : m_content.diff.instances) {
        for (const QString &hash : {instance.sourceFeatureHash, instance.targetFeatureHash}) {
            if (!hash.isEmpty() && !classes.contains(hash))
                classes.append(hash);
        }
    }
    const Ontology &ontology = m_content.ontology;
    std::sort(classes.begin(), classes.end(), [&ontology](const QString &a, const QString &b) {
        return ontology.nameOf(a).localeAwareCompare(ontology.nameOf(b)) < 0;
    });
    for (const QString &hash : classes) {
        QAction *action = m_classMenu->addAction(ontology.nameOf(hash));
        action->setCheckable(true);
        action->setChecked(m_canvas->isClassVisible(hash));
        action->setData(hash);
        connect(action, &QAction::toggled, this, [this, hash](bool on) {
            m_canvas->setClassVisible(hash, on);
            m_timeline->setClassVisible(hash, on);
        });
    }
    if (!classes.isEmpty()) {
        m_classMenu->addSeparator();
        m_classMenu->addAction(tr("Show all classes"), this, [this] {
            const QList<QAction *> actions = m_classMenu->actions();
            for (QAction *action : actions) {
                if (action->isCheckable())
                    action->setChecked(true);
            }
        });
    }
    m_classButton->setEnabled(!classes.isEmpty());
}

void DrillDownPane::updateFrameBar()
{
    const bool frames = canStepFrames();
    m_frameBar->setVisible(frames);
    updateViewTools();
    if (!frames)
        return;
    const int frame = m_canvas->frame();
    {
        const QSignalBlocker blocker(m_frameSlider);
        m_frameSlider->setRange(0, m_canvas->frameCount() - 1);
        m_frameSlider->setValue(frame);
    }
    m_frameSlider->setMarkedFrames(m_canvas->changedFrames());
    const bool changed =
        std::binary_search(m_canvas->changedFrames().cbegin(), m_canvas->changedFrames().cend(), frame);
    const QString word = m_content.diff.dataType.frameWord();
    const QString text = m_canvas->frameCount() > 1 ? m_canvas->frameText()
                                                    : tr("%1 0 of 0").arg(word.at(0).toUpper() + word.mid(1));
    m_frameLabel->setText(changed ? tr("%1 · changed").arg(text) : text);
    m_previousChangeButton->setEnabled(m_canvas->previousChangedFrame() >= 0);
    m_nextChangeButton->setEnabled(m_canvas->nextChangedFrame() >= 0);
    m_previousChangeButton->setToolTip(tr("Previous %1 with a change ([)").arg(word));
    m_nextChangeButton->setToolTip(tr("Next %1 with a change (])").arg(word));
    m_previousFrameButton->setToolTip(tr("Previous %1 (,)").arg(word));
    m_nextFrameButton->setToolTip(tr("Next %1 (.)").arg(word));
    m_frameSlider->setAccessibleName(word);
    m_frameSlider->setToolTip(tr("%1 of %2 %3s have changes (marked below the slider)")
                                  .arg(m_canvas->changedFrames().size())
                                  .arg(m_canvas->frameCount())
                                  .arg(word));
}

bool DrillDownPane::canZoom() const
{
    const QWidget *view = currentView();
    return view == m_timeline || (view == m_canvas && m_canvas->hasContent());
}

bool DrillDownPane::canStepFrames() const
{
    // Frames, slices and pages step alike; only the canvas has them.
    return currentView() == m_canvas && m_canvas->hasContent() &&
           (m_content.diff.dataType.labelsByFrame() || m_content.dataType.labelsByFrame() ||
            m_canvas->frameCount() > 1);
}

void DrillDownPane::updateViewTools()
{
    const bool zoom = canZoom(), frames = canStepFrames();
    m_zoomTools->setEnabled(zoom);
    if (zoom == m_canZoom && frames == m_canStepFrames)
        return;
    m_canZoom = zoom;
    m_canStepFrames = frames;
    Q_EMIT viewToolsChanged();
}

void DrillDownPane::zoomIn()
{
    if (currentView() == m_timeline)
        m_timeline->zoomIn();
    else if (canZoom())
        m_canvas->zoomIn();
}

void DrillDownPane::zoomOut()
{
    if (currentView() == m_timeline)
        m_timeline->zoomOut();
    else if (canZoom())
        m_canvas->zoomOut();
}

void DrillDownPane::fitToWindow()
{
    if (currentView() == m_timeline)
        m_timeline->fitToWindow();
    else if (canZoom())
        m_canvas->fitToWindow();
}

void DrillDownPane::goToNextFrame()
{
    if (canStepFrames())
        m_canvas->setFrame(m_canvas->frame() + 1);
}

void DrillDownPane::goToPreviousFrame()
{
    if (canStepFrames())
        m_canvas->setFrame(m_canvas->frame() - 1);
}

void DrillDownPane::goToNextChangedFrame()
{
    if (canStepFrames())
        m_canvas->goToNextChangedFrame();
}

void DrillDownPane::goToPreviousChangedFrame()
{
    if (canStepFrames())
        m_canvas->goToPreviousChangedFrame();
}

QWidget *DrillDownPane::currentView() const
{
    if (!m_timeline->isHidden())
        return m_timeline;
    return m_groupView->isHidden() ? static_cast<QWidget *>(m_canvas) : m_groupView;
}

// The canvas, the timeline or the group's children, with the tools that act on it.
void DrillDownPane::showView(QWidget *view)
{
    m_canvas->setVisible(view == m_canvas);
    m_timeline->setVisible(view == m_timeline);
    m_groupView->setVisible(view == m_groupView);
    const bool labels = view != m_groupView;
    m_zoomTools->setVisible(labels);
    m_classButton->setVisible(labels);
    m_unchangedCheck->setVisible(labels);
    m_legend->setVisible(labels);
    m_mediaButton->setVisible(view == m_canvas);
    updateViewTools();
}

QString DrillDownPane::mediaFolder() const
{
    return canvasmedia::mediaFolder();
}

void DrillDownPane::setMediaFolder(const QString &folder)
{
    canvasmedia::setMediaFolder(folder);
    m_mediaButton->setToolTip(tr("Images are read from %1").arg(QDir::toNativeSeparators(folder)));
    if (!m_requested.dataHash.isEmpty()) {
        m_loading = true;
        load();
    }
}

void DrillDownPane::chooseMediaFolder()
{
    // Opened without a nested event loop, like the window's other dialogs.
    auto *dialog = new QFileDialog(this, tr("Folder with the project's images"), mediaFolder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &DrillDownPane::setMediaFolder);
    dialog->open();
}

void DrillDownPane::onObjectSelectedInList(const QString &objectHash)
{
    // A video object may not be on the shown frame: go to its first frame so the highlight is visible.
    const int row = m_model->rowOfObject(objectHash);
    if (row >= 0 && !m_model->index(row, 0).data(ObjectDiffListModel::OnFrameRole).toBool())
        m_canvas->setFrame(m_model->index(row, 0).data(ObjectDiffListModel::FirstFrameRole).toInt());
    m_canvas->setHighlightedObject(objectHash);
    m_canvas->ensureObjectVisible(objectHash);
    m_timeline->setHighlightedObject(objectHash);
    m_timeline->ensureObjectVisible(objectHash);
}

void DrillDownPane::highlightObjects(const QStringList &objectHashes)
{
    QSet<QString> shown;
    for (const QString &objectHash : objectHashes) {
        if (m_model->rowOfObject(objectHash) >= 0)
            shown.insert(objectHash);
    }
    m_canvas->setMarkedObjects(shown);
    for (const QString &objectHash : objectHashes) {
        if (shown.contains(objectHash)) {
            m_list->selectObject(objectHash);
            onObjectSelectedInList(objectHash);
            return;
        }
    }
}

void DrillDownPane::onObjectClickedOnCanvas(const QString &objectHash)
{
    m_list->selectObject(objectHash);
}

} // namespace lb
