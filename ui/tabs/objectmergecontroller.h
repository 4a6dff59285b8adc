#pragma once

#include "engine/mergeplan.h"
#include "items/objectmergechoices.h"

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace lb {

class DrillDownPane;

// The workspace's per-object merge (docs/product.md §3.7): the keys that choose, for the object selected in
// the drill-down, to take the source's (s), keep the target's (t) or resolve it three-way (w) — the same key
// again takes the choice back — and Merge Chosen Objects (Ctrl+M), which hands the choices, across data
// units, to whoever runs the merge. The choices show in the object list's Merge column and last until the
// pair changes or the merge is written.
class ObjectMergeController : public QObject
{
    Q_OBJECT
public:
    // The actions are added to `owner` (their shortcuts act inside it).
    ObjectMergeController(QWidget *owner, DrillDownPane *drillDown);

    void setPair(const QString &source, const QString &target);
    const ObjectMergeChoices &choices() const { return m_choices; }
    void clearChoices();
    // Sets the choice for the object selected in the drill-down (or takes it back when it is the same).
    void chooseForSelected(MergeChoice choice);

    QList<QAction *> actions() const;
    // "3 objects chosen in 2 data units", or empty.
    QString summaryText() const;

Q_SIGNALS:
    void mergeRequested(const MergeRequest &request);
    void choicesChanged();
    // A choice was asked for with nothing to act on; the text says what to do.
    void hint(const QString &text);

private:
    QAction *addAction(QWidget *owner, const QString &name, const QString &text, const QKeySequence &key);
    void showChoicesOf(const QString &dataHash);
    void updateActions();

    DrillDownPane *m_drillDown;
    ObjectMergeChoices m_choices;
    QAction *m_takeSource = nullptr;
    QAction *m_keepTarget = nullptr;
    QAction *m_threeWay = nullptr;
    QAction *m_merge = nullptr;
};

} // namespace lb
