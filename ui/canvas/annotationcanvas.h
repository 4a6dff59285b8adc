#pragma once

#include "diff/objectdiff.h"
#include "domain/ontology.h"
#include "render/overlaypainter.h"

#include <memory>
#include <QHash>
#include <QImage>
#include <QPainterPath>
#include <QSet>
#include <QWidget>

namespace lb {

// Draws the labels of one data unit on both branches over its image (or, without local media, over a neutral
// canvas of the image's size): the source with solid lines, the target with dashed lines, coloured by what
// the object-level diff says happened to each object on the shown frame. Geometry is in Encord's normalised
// coordinates, so it is scaled by the image size before zoom and pan apply. The shapes are drawn by the
// widget-free overlay painter (render/overlaypainter.h), which reports use too.
class AnnotationCanvas : public QWidget
{
    Q_OBJECT
public:
    using Side = OverlaySide;

    explicit AnnotationCanvas(QWidget *parent = nullptr);

    void setDiff(const ObjectDiff &diff, const Ontology &ontology, const QSize &imageSize, int frameCount);
    void setBranchNames(const QString &source, const QString &target);
    // A null image draws the neutral canvas; the image is scaled to the data unit's size.
    void setBackgroundImage(const QImage &image);
    // No data unit: the canvas shows `text` instead.
    void showPlaceholder(const QString &text);
    void clear();

    bool hasContent() const { return m_hasContent; }
    bool hasBackgroundImage() const { return !m_image.isNull(); }
    QSize imageSize() const { return m_imageSize; }
    QString placeholderText() const { return m_placeholder; }

    int frame() const { return m_frame; }
    int frameCount() const { return m_frameCount; }
    const QList<int> &changedFrames() const { return m_diff.changedFrames; }
    // "Slice 3 of 5" for the shown frame, in the word of the row's type (DataType::frameWord()); empty for a
    // single frame.
    QString frameText() const;
    int nextChangedFrame() const;     // -1 when there is none after the current frame
    int previousChangedFrame() const; // -1 when there is none before it

    void setBranchVisible(Side side, bool visible);
    bool isBranchVisible(Side side) const;
    void setClassVisible(const QString &featureHash, bool visible);
    bool isClassVisible(const QString &featureHash) const;
    void setUnchangedVisible(bool visible);
    bool isUnchangedVisible() const { return m_showUnchanged; }

    // Object hashes drawn for `side` on the current frame, after the branch, class and unchanged toggles.
    QStringList drawnObjects(Side side) const;

    QString highlightedObjectHash() const { return m_highlighted; }
    // Objects drawn emphasised besides the highlighted one (those of a Metrics cell, say), shown even when
    // unchanged objects are hidden; forgotten when other content is shown.
    void setMarkedObjects(const QSet<QString> &objectHashes);
    QSet<QString> markedObjects() const { return m_marked; }
    // The topmost (smallest) drawn object under a widget position; empty when there is none.
    QString objectAt(const QPointF &position) const;
    // A widget position that lies on the drawn object (inside a box or polygon, on a line or point);
    // a null point when the object is not drawn.
    QPointF pointOnObject(const QString &objectHash) const;
    QPointF mapFromImage(const QPointF &normalised) const;

    double zoom() const { return m_zoom; } // widget pixels per image pixel
    bool isFitToWindow() const { return m_fit; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void setFrame(int frame);
    void goToNextChangedFrame();
    void goToPreviousChangedFrame();
    void setHighlightedObject(const QString &objectHash);
    // Pans (without zooming) so that the object's shape is in view, when it is drawn.
    void ensureObjectVisible(const QString &objectHash);
    void zoomIn();
    void zoomOut();
    void fitToWindow();

Q_SIGNALS:
    // A click on the canvas: the object under the pointer, or empty on the background.
    void objectClicked(const QString &objectHash);
    void frameChanged(int frame);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    using DrawnShape = OverlayShape;

    // Shapes and painting (annotationcanvaspainting.cpp, with render/overlaypainter.h); interaction, zoom and
    // pan (annotationcanvas.cpp).
    QList<DrawnShape> shapesOnFrame() const;
    OverlayView view() const;
    bool isDrawn(const ObjectChange &change, Side side) const;
    const DrawnShape *hit(const QList<DrawnShape> &shapes, const QPointF &position) const;
    QString tooltipFor(const QString &objectHash) const;

    void paintInfo(QPainter &painter);

    QRectF imageRect() const; // widget coordinates of the whole image
    void applyFit();
    void zoomAt(double factor, const QPointF &anchor);

    ObjectDiff m_diff;
    Ontology m_ontology;
    QHash<int, int> m_frameIndex;                                      // frame -> index in m_diff.frames
    mutable OverlayMasks m_masks; // the shown frame's bitmasks, decoded
    QSize m_imageSize;
    QImage m_image;
    int m_frame = 0;
    int m_frameCount = 1;
    bool m_hasContent = false;
    QString m_placeholder;
    QString m_sourceBranch, m_targetBranch;

    bool m_showSource = true;
    bool m_showTarget = true;
    bool m_showUnchanged = true;
    QSet<QString> m_hiddenClasses;
    QString m_highlighted;
    QSet<QString> m_marked;
    QString m_hovered;

    bool m_fit = true;
    double m_zoom = 1.0;
    QPointF m_offset; // widget position of the image's top-left corner
    bool m_pressed = false;
    bool m_panning = false;
    QPointF m_pressPosition;
    QPointF m_pressOffset;
};

} // namespace lb
