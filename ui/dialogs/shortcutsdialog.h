#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;

namespace lb {

// Help ▸ Keyboard Shortcuts: every action of the window's menus that has a key, grouped by menu, read from
// the menus themselves, so the list is always the one the actions are built with. A filter field narrows
// it by name or key.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    // "Review ▸ Approve" → "A" for every listed action.
    QHash<QString, QString> listedShortcuts() const;

private:
    void filter(const QString &text);

    QTreeWidget *m_tree = nullptr;
};

} // namespace lb
