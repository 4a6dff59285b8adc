#pragma once

#include <QTableView>

class QSortFilterProxyModel;

namespace lb {

class ObjectDiffListModel;

// The drill-down's object list: the objects of one data unit with their status (a colour chip matching the
// overlay), class, shape and where each branch has them. Sorted with the changes first; unchanged objects can
// be hidden like on the canvas.
class ObjectListView : public QTableView
{
    Q_OBJECT
public:
    explicit ObjectListView(ObjectDiffListModel *model, QWidget *parent = nullptr);

    ObjectDiffListModel *objectModel() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    void setUnchangedVisible(bool visible);
    // Selects the object's row and scrolls to it; an empty or unknown hash clears the selection.
    void selectObject(const QString &objectHash);
    QString currentObjectHash() const;
    int rowOfObject(const QString &objectHash) const; // row in the view (after sorting and filtering), or -1

Q_SIGNALS:
    void currentObjectChanged(const QString &objectHash);

private:
    void fitColumns();

    ObjectDiffListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    bool m_selecting = false;
};

} // namespace lb
