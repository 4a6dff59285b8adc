#include "window/panelaction.h"

#include <QDockWidget>

namespace lb {

PanelAction::PanelAction(QDockWidget *dock, const QString &objectName, const QKeySequence &keys)
    : QAction(dock->windowTitle(), dock), m_dock(dock)
{
    setObjectName(objectName);
    setCheckable(true);
    setChecked(!dock->isHidden());
    setShortcut(keys);
    setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Show the %1 panel, or hide it when it is in front").arg(dock->windowTitle());
    setToolTip(keys.isEmpty() ? tip
                              : QStringLiteral("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
    connect(dock, &QDockWidget::visibilityChanged, this, [this] { setChecked(!m_dock->isHidden()); });
    connect(this, &QAction::triggered, this, &PanelAction::activate);
}

bool PanelAction::isInFront(const QDockWidget *dock)
{
    return dock->isVisible() && !dock->visibleRegion().isEmpty();
}

void PanelAction::activate()
{
    if (isInFront(m_dock)) {
        m_dock->hide();
    } else {
        m_dock->show();
        m_dock->raise();
    }
    setChecked(!m_dock->isHidden());
}

} // namespace lb
