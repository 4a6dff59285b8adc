#include "tabs/objectmergecontroller.h"

#include "items/objectdifflistmodel.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectlistview.h"

#include <QAction>
#include <QWidget>

namespace lb {

ObjectMergeController::ObjectMergeController(QWidget *owner, DrillDownPane *drillDown)
    : QObject(owner), m_drillDown(drillDown)
{
    m_takeSource = addAction(owner, QStringLiteral("takeSourceObjectAction"), tr("Take Object from &Source"),
                             QKeySequence(Qt::Key_S));
    m_keepTarget = addAction(owner, QStringLiteral("keepTargetObjectAction"), tr("&Keep Object as on Target"),
                             QKeySequence(Qt::Key_T));
    m_threeWay = addAction(owner, QStringLiteral("threeWayObjectAction"), tr("Resolve Object Three-&Way"),
                           QKeySequence(Qt::Key_W));
    m_merge = addAction(owner, QStringLiteral("mergeObjectsAction"), tr("&Merge Chosen Objects…"),
                        QKeySequence(Qt::CTRL | Qt::Key_M));
    m_takeSource->setToolTip(tr("Merge the source's version of the selected object into the target (s)"));
    m_keepTarget->setToolTip(tr("Leave the selected object as the target has it when merging (t)"));
    m_threeWay->setToolTip(
        tr("Merge the selected object against the content the target row was copied from: the side that "
           "changed since wins (w)"));
    connect(m_takeSource, &QAction::triggered, this, [this] { chooseForSelected(MergeChoice::TakeSource); });
    connect(m_keepTarget, &QAction::triggered, this, [this] { chooseForSelected(MergeChoice::KeepTarget); });
    connect(m_threeWay, &QAction::triggered, this, [this] { chooseForSelected(MergeChoice::ThreeWay); });
    connect(m_merge, &QAction::triggered, this, [this] {
        if (m_choices.isEmpty()) {
            Q_EMIT hint(tr("Choose objects to merge first: select one in the object list, then s (take the "
                           "source's), t (keep the target's) or w (three-way)."));
            return;
        }
        Q_EMIT mergeRequested(m_choices.request());
    });
    connect(m_drillDown, &DrillDownPane::loaded, this, &ObjectMergeController::showChoicesOf);
    updateActions();
}

QAction *ObjectMergeController::addAction(QWidget *owner, const QString &name, const QString &text,
                                          const QKeySequence &key)
{
    auto *action = new QAction(text, owner);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}

void ObjectMergeController::setPair(const QString &source, const QString &target)
{
    const bool had = !m_choices.isEmpty();
    m_choices.setPair(source, target);
    if (had && m_choices.isEmpty()) {
        showChoicesOf(m_drillDown->dataHash());
        Q_EMIT choicesChanged();
    }
}

void ObjectMergeController::clearChoices()
{
    m_choices.clear();
    showChoicesOf(m_drillDown->dataHash());
    updateActions();
    Q_EMIT choicesChanged();
}

void ObjectMergeController::chooseForSelected(MergeChoice choice)
{
    const QString dataHash = m_drillDown->dataHash();
    const QString objectHash = m_drillDown->objectList()->currentObjectHash();
    if (dataHash.isEmpty() || objectHash.isEmpty() || m_drillDown->isLoading()) {
        Q_EMIT hint(tr("Select an object in the object list (or on the canvas) to choose how it merges."));
        return;
    }
    if (m_choices.choiceOf(dataHash, objectHash) == choice)
        m_choices.forget(dataHash, objectHash);
    else
        m_choices.choose(dataHash, objectHash, choice);
    showChoicesOf(dataHash);
    updateActions();
    Q_EMIT choicesChanged();
}

QList<QAction *> ObjectMergeController::actions() const
{
    return {m_takeSource, m_keepTarget, m_threeWay, m_merge};
}

QString ObjectMergeController::summaryText() const
{
    if (m_choices.isEmpty())
        return QString();
    const int objects = m_choices.objectCount();
    const int units = m_choices.unitCount();
    return (objects == 1 ? tr("1 object chosen to merge") : tr("%1 objects chosen to merge").arg(objects)) +
           (units == 1 ? tr(" in 1 data unit") : tr(" in %1 data units").arg(units)) + tr(" — Ctrl+M merges");
}

void ObjectMergeController::showChoicesOf(const QString &dataHash)
{
    if (dataHash == m_drillDown->dataHash())
        m_drillDown->objectModel()->setMergeChoices(m_choices.choicesIn(dataHash));
}

void ObjectMergeController::updateActions()
{
    const int objects = m_choices.objectCount();
    m_merge->setText(objects == 0   ? tr("&Merge Chosen Objects…")
                     : objects == 1 ? tr("&Merge 1 Chosen Object…")
                                    : tr("&Merge %1 Chosen Objects…").arg(objects));
}

} // namespace lb
