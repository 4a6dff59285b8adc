#include "window/pagelayouts.h"

#include <QMainWindow>
#include <QSettings>

namespace lb {

namespace {

// The format of the saved layouts: a number to bump when the window's panels change.
constexpr int kLayoutVersion = 2;

QString settingsKey(const QString &page)
{
    return QStringLiteral("mainWindow/layout/") + page;
}

} // namespace

PageLayouts::PageLayouts(QMainWindow *window, std::function<void(const QString &)> applyDefault)
    : QObject(window), m_window(window), m_applyDefault(std::move(applyDefault))
{
}

void PageLayouts::show(const QString &page)
{
    if (page == m_current)
        return;
    if (!m_current.isEmpty())
        m_states.insert(m_current, m_window->saveState(kLayoutVersion));
    m_current = page;
    QByteArray state = m_states.value(page);
    if (state.isEmpty())
        state = QSettings().value(settingsKey(page)).toByteArray();
    if (state.isEmpty() || !m_window->restoreState(state, kLayoutVersion))
        m_applyDefault(page);
}

void PageLayouts::save()
{
    if (!m_current.isEmpty())
        m_states.insert(m_current, m_window->saveState(kLayoutVersion));
    QSettings settings;
    for (auto it = m_states.cbegin(); it != m_states.cend(); ++it)
        settings.setValue(settingsKey(it.key()), it.value());
}

} // namespace lb
