#pragma once

#include "diff/objectdiff.h"
#include "diff/objectmerge.h"
#include "domain/ontology.h"
#include "domain/reviewdecision.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPair>
#include <QSize>

namespace lb {

// The drill-down's object list: one row per object instance (objectHash) of an ObjectDiff, in the diff's
// order, with its status, class, shape and the geometry each branch gives it. For videos the geometry columns
// describe one frame (setFrame), because an object moves from frame to frame. Colours are the view's
// business: ChangeKindRole says what happened to the object.
class ObjectDiffListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StatusColumn,
        MergeColumn, // the merge choice made for the object, else the review decision on it, if any
        ClassColumn,
        SourceColumn, // the values first: they are what a reviewer compares
        TargetColumn,
        ShapeColumn,
        ChangesColumn,
        ObjectHashColumn,
        ColumnCount
    };

    enum Role
    {
        ObjectHashRole = Qt::UserRole + 1,
        ChangeKindRole,     // int(ChangeKind) of the instance
        FeatureHashRole,    // the instance's class (the target's, or the source's when removed)
        EditReasonsRole,    // int(EditReasons)
        SortRole,           // status rank (edited, added, removed, unchanged), texts, frame numbers
        OnFrameRole,        // bool: the object is on the current frame, on either branch
        FirstFrameRole,     // int: first frame with the object on either branch
        ChangedOnFrameRole, // bool: the object is added, removed or edited on the current frame
        MergeChoiceRole,    // int(MergeChoice) chosen for the object, or -1
        ReviewVerdictRole   // int(ReviewVerdict) of the review decision on the object, or -1
    };

    explicit ObjectDiffListModel(QObject *parent = nullptr);

    // `imageSize` (pixels) lets geometry read in pixels; an empty size shows normalised coordinates.
    void setDiff(const ObjectDiff &diff, const Ontology &ontology, const QSize &imageSize = QSize());
    void clear();
    const ObjectDiff &diff() const { return m_diff; }

    // The merge choices made for this data unit's objects, by the hash the list names them under.
    void setMergeChoices(const QHash<QString, MergeChoice> &choices);
    // The review decisions taken on this data unit's objects (up to date ones), by object hash.
    void setReviewVerdicts(const QHash<QString, ReviewVerdict> &verdicts);

    void setFrame(int frame);
    int frame() const { return m_frame; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const ObjectInstanceChange *instanceAt(int row) const;
    int rowOfObject(const QString &objectHash) const; // -1 when not listed
    // The object on one frame, or nullptr when neither branch has it there.
    const ObjectChange *changeOnFrame(const QString &objectHash, int frame) const;

    // "12 objects: 2 added, 1 removed, 3 edited, 6 unchanged"
    QString summaryText() const;

private:
    static int firstFrameOf(const ObjectInstanceChange &instance);
    QString shapeText(const ObjectInstanceChange &instance, const ObjectChange *onFrame) const;
    QVariant displayData(const ObjectInstanceChange &instance, const ObjectChange *onFrame, int column) const;
    QString geometryText(const std::optional<ObjectAnnotation> &annotation) const;
    QString sideText(const ObjectInstanceChange &instance, bool source) const;
    QString tooltip(const ObjectInstanceChange &instance) const;
    QString changesText(const ObjectInstanceChange &instance) const;

    ObjectDiff m_diff;
    QHash<QString, MergeChoice> m_choices;
    QHash<QString, ReviewVerdict> m_verdicts;
    Ontology m_ontology;
    QSize m_imageSize;
    int m_frame = 0;
    QHash<QString, int> m_rowOfObject;
    QHash<QPair<int, QString>, int> m_changeIndex; // (frame, objectHash) -> index in m_diff.objects
};

QString changeKindDisplay(ChangeKind kind);     // "Added", "Removed", "Edited", "Unchanged"
QString shapeTypeDisplay(ShapeType shape);      // "box", "rotated box", "polygon", ...
QString mergeChoiceDisplay(MergeChoice choice); // "take source", "keep target", "three-way"

} // namespace lb
