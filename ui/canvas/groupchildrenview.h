#pragma once

#include "diff/objectdiff.h"
#include "domain/labelrowdocument.h"

#include <QList>
#include <QMetaType>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace lb {

// One child of a data group or a DICOM study, as the root row's "spaces" list it (docs/encord-api.md §4.1):
// its key, type, file name and the objects each branch has on it.
struct GroupChild
{
    QString spaceId;
    QString layoutKey;
    QString type;           // "image", "video", ... as the space says
    QString title;          // the child's file name, when given
    int sourceObjects = -1; // distinct objects on the source's space; -1 when the source has no such space
    int targetObjects = -1;
    ChangeKind kind = ChangeKind::Unchanged; // added, removed, edited (its labels differ) or unchanged
};

// Pure: the children of the rows' spaces, in the order of their keys. No widget is touched, so it runs on the
// drill-down's worker thread.
QList<GroupChild> groupChildren(const LabelRowDocument *source, const LabelRowDocument *target);

// Stands in for the canvas on the root of a data group or DICOM study, which has no labels of its own: a
// sentence saying so and a table of its children with the objects each branch has on them.
class GroupChildrenView : public QWidget
{
    Q_OBJECT
public:
    explicit GroupChildrenView(QWidget *parent = nullptr);

    void setChildren(const QList<GroupChild> &children, const DataType &type, const QString &sourceBranch,
                     const QString &targetBranch);
    QTableWidget *table() const { return m_table; }
    QString explanation() const;

private:
    QLabel *m_explanation = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace lb
