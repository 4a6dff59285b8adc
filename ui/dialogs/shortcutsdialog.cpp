#include "dialogs/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb {

namespace {

// The action's name as a list shows it: Qt's icon text drops the mnemonic marks.
QString plainText(const QAction *action)
{
    return action->iconText().remove(QStringLiteral("…"));
}

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        keys.append(key.toString(QKeySequence::NativeText));
    return keys.join(QStringLiteral(", "));
}

// Adds the actions of `menu` with a key under `parent`, submenus as their own groups; returns how many.
int addMenu(const QMenu *menu, QTreeWidgetItem *parent, QSet<const QAction *> &seen)
{
    int added = 0;
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (const QMenu *sub = action->menu()) {
            auto *group = new QTreeWidgetItem(parent, {plainText(sub->menuAction())});
            if (addMenu(sub, group, seen) == 0)
                delete group;
            else
                ++added;
            continue;
        }
        if (action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        new QTreeWidgetItem(parent, {plainText(action), keysText(action)});
        ++added;
    }
    return added;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *note =
        new QLabel(tr("Single keys act in the compare-and-review workspace, except while typing in a "
                      "text field. Alt with an underlined letter opens a menu or moves to a field."),
                   this);
    note->setWordWrap(true);
    auto *filterEdit = new QLineEdit(this);
    filterEdit->setObjectName(QStringLiteral("shortcutsFilter"));
    filterEdit->setPlaceholderText(tr("Filter by name or key"));
    filterEdit->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcutsTree"));
    m_tree->setHeaderLabels({tr("Action"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);

    QSet<const QAction *> seen;
    const QList<QAction *> menus = menuBar->actions();
    for (const QAction *menuAction : menus) {
        if (!menuAction->menu())
            continue;
        auto *group = new QTreeWidgetItem(m_tree, {plainText(menuAction)});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        if (addMenu(menuAction->menu(), group, seen) == 0)
            delete group;
    }
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(filterEdit, &QLineEdit::textChanged, this, &ShortcutsDialog::filter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(filterEdit);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(520, 560);
}

QHash<QString, QString> ShortcutsDialog::listedShortcuts() const
{
    QHash<QString, QString> listed;
    const std::function<void(const QTreeWidgetItem *, const QString &)> walk =
        [&](const QTreeWidgetItem *item, const QString &path) {
            for (int i = 0; i < item->childCount(); ++i) {
                const QTreeWidgetItem *child = item->child(i);
                const QString name =
                    path.isEmpty() ? child->text(0) : path + QStringLiteral(" ▸ ") + child->text(0);
                if (child->childCount() > 0)
                    walk(child, name);
                else
                    listed.insert(name, child->text(1));
            }
        };
    walk(m_tree->invisibleRootItem(), QString());
    return listed;
}

void ShortcutsDialog::filter(const QString &text)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = m_tree->topLevelItem(i);
        bool any = false;
        const std::function<bool(QTreeWidgetItem *)> apply = [&](QTreeWidgetItem *item) {
            bool shown = false;
            for (int c = 0; c < item->childCount(); ++c) {
                QTreeWidgetItem *child = item->child(c);
                const bool match = child->childCount() > 0
                                       ? apply(child)
                                       : child->text(0).contains(text, Qt::CaseInsensitive) ||
                                             child->text(1).contains(text, Qt::CaseInsensitive);
                child->setHidden(!match);
                shown = shown || match;
            }
            return shown;
        };
        any = apply(group);
        group->setHidden(!any);
    }
}

} // namespace lb
