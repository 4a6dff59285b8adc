#pragma once

#include "diff/objectdiff.h"
#include "domain/ontology.h"

#include <QList>
#include <QSet>
#include <QWidget>

namespace lb {

// The object-level diff of an audio file or a text, where objects are ranges and not shapes: one lane per
// object, the source's ranges as solid bars over the target's as translucent bars with a dashed edge (as the
// canvas draws the source solid and the target dashed), coloured by what happened to the object. The axis is
// time (mm:ss.mmm) for audio and character offsets for text. It selects objects like the canvas does: a click
// or the arrow keys, with the same objectClicked signal, so the object list follows.
class RangeTimeline : public QWidget
{
    Q_OBJECT
public:
    enum class Side
    {
        Source,
        Target
    };

    // One range of one object on one branch, where it is drawn (widget coordinates).
    struct Bar
    {
        QString objectHash;
        Side side = Side::Source;
        ChangeKind kind = ChangeKind::Unchanged;
        LabelRange range;
        QRectF rect;
    };

    explicit RangeTimeline(QWidget *parent = nullptr);

    void setDiff(const ObjectDiff &diff, const Ontology &ontology, const QString &sourceBranch,
                 const QString &targetBranch);
    void clear();

    bool isAudio() const { return m_audio; } // time axis; otherwise characters
    QStringList laneObjects() const;         // object hashes, one lane each, top to bottom, after the toggles
    QRectF laneRect(int lane) const;         // widget coordinates, including its label
    QList<Bar> bars() const;                 // every bar drawn now
    QString objectAt(const QPointF &position) const;        // the lane's object under a point, or empty
    QPointF pointOnObject(const QString &objectHash) const; // a point on one of its bars, or null
    QString highlightedObjectHash() const { return m_highlighted; }
    double viewStart() const { return m_viewStart; }
    double viewEnd() const { return m_viewEnd; }
    bool isFitToWindow() const { return m_fit; }

    void setBranchVisible(Side side, bool visible);
    void setClassVisible(const QString &featureHash, bool visible);
    void setUnchangedVisible(bool visible);

    // "01:02.345": minutes, seconds and milliseconds of a time in milliseconds.
    static QString formatTime(double milliseconds);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void setHighlightedObject(const QString &objectHash);
    void ensureObjectVisible(const QString &objectHash); // scrolls its lane and its first range into view
    void zoomIn();
    void zoomOut();
    void fitToWindow();

Q_SIGNALS:
    // A click, or a move with the arrow keys: the object chosen, or empty on the background.
    void objectClicked(const QString &objectHash);

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
    struct Lane
    {
        const ObjectInstanceChange *instance = nullptr;
        QList<LabelRange> source, target; // empty on a side without the object
        bool sourcePresent = false, targetPresent = false;
        bool html = false; // an HTML range: no character offsets to place it by
    };

    // Layout in widget pixels: the labels' column, the axis above the lanes, each lane's height.
    static constexpr double kLabelWidth = 170.0;
    static constexpr double kAxisHeight = 30.0;
    static constexpr double kLaneHeight = 36.0;
    static constexpr double kMargin = 10.0;
    static QRectF bandOf(const QRectF &lane, Side side);

    // Model and interaction (rangetimeline.cpp); painting (rangetimelinepainting.cpp).
    QList<const Lane *> visibleLanes() const;
    QRectF plotRect() const; // where ranges are drawn: right of the labels, below the axis
    double xOf(double value) const;
    double valueAt(double x) const;
    void zoomAt(double factor, double x);
    void select(const QString &objectHash);
    QString tooltipFor(const QString &objectHash) const;
    QString rangesText(const QList<LabelRange> &ranges) const;
    void paintAxis(QPainter &painter);
    void paintLane(QPainter &painter, const Lane &lane, const QRectF &rect, const QList<Bar> &all);

    ObjectDiff m_diff;
    Ontology m_ontology;
    QString m_sourceBranch, m_targetBranch;
    QList<Lane> m_lanes;
    bool m_audio = true;
    bool m_hasContent = false;

    double m_dataStart = 0.0, m_dataEnd = 1.0; // every range, for fitting
    double m_viewStart = 0.0, m_viewEnd = 1.0;
    bool m_fit = true;
    double m_scroll = 0.0; // pixels of lanes scrolled off the top

    bool m_showSource = true, m_showTarget = true, m_showUnchanged = true;
    QSet<QString> m_hiddenClasses;
    QString m_highlighted, m_hovered;

    bool m_pressed = false, m_dragging = false;
    QPointF m_pressPosition;
    double m_pressViewStart = 0.0;
};

} // namespace lb
