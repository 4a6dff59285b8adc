#include "items/objectdifflistmodel.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectlistview.h"
#include "tabs/objectmergecontroller.h"
#include "tabs/reviewtab.h"
#include "widgets/noticestyle.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>

namespace lb {

// --- the workspace's actions ---------------------------------------------------------------------------
//
// Each key of the review journey is a QAction: the window lists them in its menus (and so in Help ▸
// Keyboard Shortcuts), and they act wherever the focus is inside the workspace. A focused text field takes
// printable keys before any shortcut, so typing a comment or a filter is never taken for a decision.

QAction *CompareTab::addKeyAction(const QString &name, const QString &text, const QList<QKeySequence> &keys)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    return action;
}

void CompareTab::createActions()
{
    m_reviewModeAction = new QAction(tr("&Review Mode"), this);
    m_reviewModeAction->setObjectName(QStringLiteral("reviewModeAction"));
    m_reviewModeAction->setCheckable(true);
    m_reviewModeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    m_reviewModeAction->setToolTip(
        tr("Approve or reject the differences of this comparison, one key each (Ctrl+5)"));
    connect(m_reviewModeAction, &QAction::triggered, this, &CompareTab::setReviewMode);
    m_reviewButton->setDefaultAction(m_reviewModeAction);
    m_reviewButton->setText(tr("Review mode")); // no mnemonic: Alt+R opens the Review menu

    // n / p walk the differences in compare mode and the undecided units in review mode.
    m_nextAction = addKeyAction(QStringLiteral("nextDifferenceAction"), tr("&Next Difference"),
                                {QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_F7)});
    m_previousAction = addKeyAction(QStringLiteral("previousDifferenceAction"), tr("&Previous Difference"),
                                    {QKeySequence(Qt::Key_P), QKeySequence(Qt::SHIFT | Qt::Key_F7)});
    connect(m_nextAction, &QAction::triggered, this, [this] { goNext(true); });
    connect(m_previousAction, &QAction::triggered, this, [this] { goNext(false); });

    m_approveAction =
        addKeyAction(QStringLiteral("approveAction"), tr("&Approve"), {QKeySequence(Qt::Key_A)});
    m_rejectAction = addKeyAction(QStringLiteral("rejectAction"), tr("Re&ject"), {QKeySequence(Qt::Key_R)});
    m_clearAction =
        addKeyAction(QStringLiteral("clearDecisionAction"), tr("&Clear Decision"), {QKeySequence(Qt::Key_U)});
    connect(m_approveAction, &QAction::triggered, this, [this] { decide(&ReviewTab::approveSelected); });
    connect(m_rejectAction, &QAction::triggered, this, [this] { decide(&ReviewTab::rejectSelected); });
    connect(m_clearAction, &QAction::triggered, this, [this] { decide(&ReviewTab::clearSelected); });
    // Shift with the same keys decides on the object selected in the drill-down instead of the whole unit.
    m_approveObjectAction = addKeyAction(QStringLiteral("approveObjectAction"), tr("Approve &Object"),
                                         {QKeySequence(Qt::SHIFT | Qt::Key_A)});
    m_rejectObjectAction = addKeyAction(QStringLiteral("rejectObjectAction"), tr("Reject O&bject"),
                                        {QKeySequence(Qt::SHIFT | Qt::Key_R)});
    m_approveObjectAction->setToolTip(tr(
        "Approve only the object selected in the object list: apply takes it from the source and keeps the "
        "unit's other objects as on the target (Shift+A)"));
    m_rejectObjectAction->setToolTip(
        tr("Reject only the object selected in the object list: apply leaves it as on the target (Shift+R)"));
    connect(m_approveObjectAction, &QAction::triggered, this,
            [this] { decideObject(ReviewVerdict::Approved); });
    connect(m_rejectObjectAction, &QAction::triggered, this,
            [this] { decideObject(ReviewVerdict::Rejected); });
    m_commentAction =
        addKeyAction(QStringLiteral("commentAction"), tr("Co&mment…"), {QKeySequence(Qt::Key_C)});
    connect(m_commentAction, &QAction::triggered, this, [this] {
        setReviewMode(true);
        m_review->commentEdit()->setFocus(Qt::ShortcutFocusReason);
        m_review->commentEdit()->selectAll();
    });
    m_applyAction =
        addKeyAction(QStringLiteral("applyApprovedAction"), tr("Apply A&pproved…"),
                     {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_applyAction, &QAction::triggered, this, [this] {
        setReviewMode(true);
        m_review->requestApply();
    });

    // The drill-down decides what they act on: the canvas or the range timeline; a group's children list
    // disables them, as do rows without frames the frame keys (DrillDownPane::canZoom(), canStepFrames()).
    const auto canvasAction = [this](const QString &name, const QString &text,
                                     const QList<QKeySequence> &keys, void (DrillDownPane::*slot)(),
                                     QList<QAction *> &group) {
        QAction *action = addKeyAction(name, text, keys);
        connect(action, &QAction::triggered, m_drillDown, slot);
        m_canvasActions.append(action);
        group.append(action);
    };
    canvasAction(QStringLiteral("zoomInAction"), tr("Zoom &In"),
                 {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, &DrillDownPane::zoomIn,
                 m_zoomActions);
    canvasAction(QStringLiteral("zoomOutAction"), tr("Zoom &Out"), {QKeySequence(Qt::Key_Minus)},
                 &DrillDownPane::zoomOut, m_zoomActions);
    canvasAction(QStringLiteral("fitAction"), tr("&Fit in View"), {QKeySequence(Qt::Key_0)},
                 &DrillDownPane::fitToWindow, m_zoomActions);
    canvasAction(QStringLiteral("nextFrameAction"), tr("Next F&rame"), {QKeySequence(Qt::Key_Period)},
                 &DrillDownPane::goToNextFrame, m_frameActions);
    canvasAction(QStringLiteral("previousFrameAction"), tr("Pre&vious Frame"), {QKeySequence(Qt::Key_Comma)},
                 &DrillDownPane::goToPreviousFrame, m_frameActions);
    canvasAction(QStringLiteral("nextChangedFrameAction"), tr("Next &Changed Frame"),
                 {QKeySequence(Qt::Key_BracketRight)}, &DrillDownPane::goToNextChangedFrame, m_frameActions);
    canvasAction(QStringLiteral("previousChangedFrameAction"), tr("Previous C&hanged Frame"),
                 {QKeySequence(Qt::Key_BracketLeft)}, &DrillDownPane::goToPreviousChangedFrame,
                 m_frameActions);
    connect(m_drillDown, &DrillDownPane::viewToolsChanged, this, &CompareTab::updateCanvasActions);

    m_objectMerge = new ObjectMergeController(this, m_drillDown);
    connect(m_objectMerge, &ObjectMergeController::hint, this, [this](const QString &text) {
        notice::setTextStyle(m_status, notice::Kind::Info);
        m_status->setText(text);
        m_status->show();
    });
    connect(m_objectMerge, &ObjectMergeController::choicesChanged, this, [this] {
        const QString text = m_objectMerge->summaryText();
        notice::setTextStyle(m_status, notice::Kind::Info);
        m_status->setText(text);
        m_status->setVisible(!text.isEmpty());
    });
    updateCanvasActions();
}

void CompareTab::updateCanvasActions()
{
    for (QAction *action : std::as_const(m_zoomActions))
        action->setEnabled(m_drillDown->canZoom());
    for (QAction *action : std::as_const(m_frameActions))
        action->setEnabled(m_drillDown->canStepFrames());
}

QList<QAction *> CompareTab::reviewActions() const
{
    return {m_approveAction, m_rejectAction,  m_approveObjectAction, m_rejectObjectAction,
            m_clearAction,   m_commentAction, m_applyAction};
}

QList<QAction *> CompareTab::navigationActions() const
{
    return {m_nextAction, m_previousAction};
}

QList<QAction *> CompareTab::canvasActions() const
{
    return m_canvasActions;
}

void CompareTab::goNext(bool next)
{
    if (!isReviewMode()) {
        goToDifference(next);
        return;
    }
    if (next)
        m_review->goToNextUndecided();
    else
        m_review->goToPreviousUndecided();
}

void CompareTab::decide(void (ReviewTab::*slot)())
{
    if (!isReviewMode()) {
        // Out of review mode the key says where decisions are taken instead of doing nothing.
        showError(tr("Decisions are taken in review mode: press Ctrl+5, then a to approve or r to reject."));
        return;
    }
    (m_review->*slot)();
}

void CompareTab::decideObject(ReviewVerdict verdict)
{
    if (!isReviewMode()) {
        showError(tr("Decisions are taken in review mode: press Ctrl+5, select an object, then Shift+A to "
                     "approve or Shift+R to reject it."));
        return;
    }
    const QString dataHash = m_drillDown->dataHash();
    const QString objectHash = m_drillDown->objectList()->currentObjectHash();
    if (dataHash.isEmpty() || objectHash.isEmpty() || m_drillDown->isLoading()) {
        notice::setTextStyle(m_status, notice::Kind::Info);
        m_status->setText(
            tr("Select an object in the object list (or on the canvas) to decide on it alone."));
        m_status->show();
        return;
    }
    m_review->decideObject(dataHash, objectHash, verdict);
}

void CompareTab::showObjectVerdicts()
{
    const QString dataHash = m_drillDown->dataHash();
    m_drillDown->objectModel()->setReviewVerdicts(isReviewMode() && !dataHash.isEmpty()
                                                      ? m_review->objectVerdicts(dataHash)
                                                      : QHash<QString, ReviewVerdict>());
}

void CompareTab::updateReviewActions()
{
    const bool review = isReviewMode();
    m_nextAction->setText(review ? tr("&Next Undecided") : tr("&Next Difference"));
    m_previousAction->setText(review ? tr("&Previous Undecided") : tr("&Previous Difference"));
}

} // namespace lb
