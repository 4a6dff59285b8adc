#pragma once

#include <QWidget>

class QMenu;
class QTreeView;

namespace lb {

class BranchListModel;

// The left panel: the project's branches with row counts and edit times. Selecting one shows its rows;
// selecting two makes Compare compare them. The context menu is filled by the window, which owns the actions.
class BranchPanel : public QWidget
{
    Q_OBJECT
public:
    BranchPanel(BranchListModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    void setContextMenu(QMenu *menu) { m_menu = menu; }

    QString currentBranch() const;
    // Selected branches in panel order (main first).
    QStringList selectedBranches() const;
    void selectBranch(const QString &name);
    void selectBranches(const QStringList &names);

Q_SIGNALS:
    void currentBranchChanged(const QString &name);
    void selectionChanged();
    void branchActivated(const QString &name);

private:
    void showContextMenu(const QPoint &pos);
    // The header's menu: brings back the columns hidden to save width.
    void showColumnMenu(const QPoint &pos);

    BranchListModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QMenu *m_menu = nullptr;
    QString m_current;
};

} // namespace lb
