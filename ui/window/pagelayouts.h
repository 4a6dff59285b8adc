#pragma once

#include <functional>
#include <QHash>
#include <QObject>
#include <QString>

class QMainWindow;

namespace lb {

// The panel layout of each page of the window (docs/product.md §4.1). The Rows page shows the branches,
// the row details and the jobs; the compare-and-review workspace starts with every panel closed, so the
// canvas and the list get the room. A page's layout (which panels, where, how large) is kept when the user
// leaves it, restored when they come back, and saved across runs.
class PageLayouts : public QObject
{
    Q_OBJECT
public:
    // `applyDefault` lays out a page that has no saved layout yet.
    PageLayouts(QMainWindow *window, std::function<void(const QString &page)> applyDefault);

    // Keeps the layout of the page being left and shows `page`'s.
    void show(const QString &page);
    QString currentPage() const { return m_current; }
    // Into QSettings, with the current page's layout as it is now.
    void save();

private:
    QMainWindow *m_window = nullptr;
    std::function<void(const QString &)> m_applyDefault;
    QHash<QString, QByteArray> m_states;
    QString m_current;
};

} // namespace lb
