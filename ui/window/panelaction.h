#pragma once

#include <QAction>

class QDockWidget;

namespace lb {

// The menu entry and shortcut of a dock panel. Unlike QDockWidget's own toggle, it brings a panel that is
// hidden behind another tab of its group to the front, and hides a panel only when it is in front already.
// Checked while the panel is shown, in front or not.
class PanelAction : public QAction
{
    Q_OBJECT
public:
    PanelAction(QDockWidget *dock, const QString &objectName, const QKeySequence &keys);

    // Whether the panel can be seen: shown and, in a tab group, the current tab (a panel behind another
    // tab counts as visible to Qt, with nothing of it on the screen).
    static bool isInFront(const QDockWidget *dock);

private:
    void activate();

    QDockWidget *m_dock = nullptr;
};

} // namespace lb
