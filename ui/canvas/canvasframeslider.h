#pragma once

#include <QList>
#include <QSlider>

namespace lb {

// The video frame slider of the overlay, with a mark under every frame that has a change, so the user sees
// where in the video the branches differ before scrubbing.
class CanvasFrameSlider : public QSlider
{
    Q_OBJECT
public:
    explicit CanvasFrameSlider(QWidget *parent = nullptr);

    void setMarkedFrames(const QList<int> &frames);
    const QList<int> &markedFrames() const { return m_marked; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_marked;
};

} // namespace lb
