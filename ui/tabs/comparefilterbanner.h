#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace lb {

class BranchDiffModel;

// The chip above the Compare table while it shows only some data units (a Metrics view drill-down):
// "Filtered: Car → Truck (12 data units)" and a ✕ that shows every row again, also from the keyboard
// (the button takes focus; Ctrl+Shift+X anywhere in the window while the chip shows).
class CompareFilterBanner : public QWidget
{
    Q_OBJECT
public:
    explicit CompareFilterBanner(BranchDiffModel *model, QWidget *parent = nullptr);

    QString text() const;
    QToolButton *clearButton() const { return m_clear; }
    QAction *clearAction() const { return m_clearAction; }

private:
    void update();

    BranchDiffModel *m_model = nullptr;
    QLabel *m_label = nullptr;
    QToolButton *m_clear = nullptr;
    QAction *m_clearAction = nullptr;
};

} // namespace lb
