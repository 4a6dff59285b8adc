#pragma once

#include "canvas/groupchildrenview.h"
#include "diff/branchdiff.h"
#include "diff/objectdiff.h"
#include "domain/ontology.h"

#include <QImage>
#include <QPointer>
#include <QSize>
#include <QWidget>

class QCheckBox;
class QLabel;
class QMenu;
class QSlider;
class QTimer;
class QToolButton;

namespace lb {

class AnnotationCanvas;
class CanvasFrameSlider;
class CanvasLegend;
class GroupChildrenView;
class RangeTimeline;
class Job;
class JobManager;
class ObjectDiffListModel;
class ObjectListView;

// What the drill-down shows of one data unit, read on a worker thread: both rows' object-level diff, the
// ontology for names, and the image from the media folder when it is there.
struct DrillDownContent
{
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString sourceBranch;
    QString targetBranch;
    ObjectDiff diff;
    Ontology ontology;
    QSize imageSize;
    int frameCount = 1;
    QImage image;
    QString imagePath;          // empty: no image found, the canvas stands in for it
    QList<GroupChild> children; // a data group's or DICOM study's spaces
};

// The workspace's drill-down for the selected data unit: the annotation overlay of both branches and the
// list of its objects (a separate panel, objectPanel()), each selecting the other. Each data type is shown
// the way it fits: images, frames, slices and pages on the canvas; audio and text ranges on a timeline; the
// root of a data group or DICOM study as the list of its children. The two label rows are
// read by a job (the newest selection wins, older loads are dropped), so a slow store never blocks the
// window.
class DrillDownPane : public QWidget
{
    Q_OBJECT
public:
    explicit DrillDownPane(QWidget *parent = nullptr);

    void setJobManager(JobManager *jobs);
    void showDataUnit(const DiffEntry &entry, const QString &sourceBranch, const QString &targetBranch);
    void clear();

    QString dataHash() const { return m_requested.dataHash; } // shown or being loaded
    bool isLoading() const { return m_loading; }
    const DrillDownContent &content() const { return m_content; }

    QString mediaFolder() const;
    // Remembers the folder (QSettings) and reloads the shown data unit so its image appears.
    void setMediaFolder(const QString &folder);

    AnnotationCanvas *canvas() const { return m_canvas; }
    RangeTimeline *timeline() const { return m_timeline; }
    GroupChildrenView *groupView() const { return m_groupView; }
    QWidget *currentView() const; // the canvas, the timeline or the group's children
    ObjectListView *objectList() const { return m_list; }
    // The object list with its summary line, for the owner to place beside the canvas.
    QWidget *objectPanel() const { return m_objectPanel; }
    ObjectDiffListModel *objectModel() const { return m_model; }
    CanvasLegend *legend() const { return m_legend; }
    CanvasFrameSlider *frameSlider() const { return m_frameSlider; }
    QWidget *frameBar() const { return m_frameBar; }
    QMenu *classMenu() const { return m_classMenu; }
    QString headline() const;

    // What the shown view can do, for the workspace's actions and the pane's own buttons: the canvas (with
    // content) and the timeline zoom, a group's children do not; only the canvas of a row with frames
    // (slices, pages) steps through them. viewToolsChanged() says when either answer changes.
    bool canZoom() const;
    bool canStepFrames() const;

    // Selects and highlights the first of these objects that the shown data unit has (in the list and on the
    // canvas or timeline) and marks every one of them on the canvas. Nothing when none is shown.
    void highlightObjects(const QStringList &objectHashes);

public Q_SLOTS:
    // On the view shown: the canvas or the timeline; nothing when canZoom() is false.
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    // On the canvas; nothing when canStepFrames() is false.
    void goToNextFrame();
    void goToPreviousFrame();
    void goToNextChangedFrame();
    void goToPreviousChangedFrame();

Q_SIGNALS:
    // The content of `dataHash` is on screen.
    void loaded(const QString &dataHash);
    // canZoom() or canStepFrames() changed.
    void viewToolsChanged();

private:
    struct Request
    {
        DiffEntry entry;
        QString dataHash;
        QString sourceBranch;
        QString targetBranch;
    };

    QWidget *createCanvasPanel();
    void createFrameBar(QWidget *panel);
    void showView(QWidget *view);
    QWidget *createObjectPanel();
    // Loading (drilldownloader.cpp); setJobManager() is there too.
    void load();
    void cancelLoad();
    void apply(const DrillDownContent &content);
    void showMessage(const QString &text);
    void rebuildClassMenu();
    void updateFrameBar();
    void updateViewTools();
    void chooseMediaFolder();
    void onObjectSelectedInList(const QString &objectHash);
    void onObjectClickedOnCanvas(const QString &objectHash);

    QPointer<JobManager> m_jobs;
    Request m_requested;
    DrillDownContent m_content;
    bool m_loading = false;
    QTimer *m_loadTimer = nullptr;

    QLabel *m_headline = nullptr;
    QWidget *m_objectPanel = nullptr;
    AnnotationCanvas *m_canvas = nullptr;
    RangeTimeline *m_timeline = nullptr;
    GroupChildrenView *m_groupView = nullptr;
    QWidget *m_zoomTools = nullptr;
    CanvasLegend *m_legend = nullptr;
    QToolButton *m_classButton = nullptr;
    QMenu *m_classMenu = nullptr;
    QCheckBox *m_unchangedCheck = nullptr;
    QToolButton *m_mediaButton = nullptr;
    QWidget *m_frameBar = nullptr;
    CanvasFrameSlider *m_frameSlider = nullptr;
    QLabel *m_frameLabel = nullptr;
    QToolButton *m_previousChangeButton = nullptr;
    QToolButton *m_nextChangeButton = nullptr;
    QToolButton *m_previousFrameButton = nullptr;
    QToolButton *m_nextFrameButton = nullptr;
    bool m_canZoom = false, m_canStepFrames = false; // as last announced by viewToolsChanged()
    ObjectDiffListModel *m_model = nullptr;
    ObjectListView *m_list = nullptr;
    QLabel *m_listSummary = nullptr;
};

} // namespace lb

Q_DECLARE_METATYPE(lb::DrillDownContent)
