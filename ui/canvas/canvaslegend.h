#pragma once

#include <QWidget>

class QCheckBox;

namespace lb {

// The key to the annotation overlay, below the canvas: which line style is which branch (each with a check
// box that shows or hides that branch) and which colour is which kind of change.
class CanvasLegend : public QWidget
{
    Q_OBJECT
public:
    explicit CanvasLegend(QWidget *parent = nullptr);

    void setBranchNames(const QString &source, const QString &target);
    QCheckBox *sourceCheck() const { return m_source; }
    QCheckBox *targetCheck() const { return m_target; }

private:
    QCheckBox *m_source = nullptr;
    QCheckBox *m_target = nullptr;
};

} // namespace lb
