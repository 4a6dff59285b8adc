#pragma once

#include "domain/reviewdecision.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace lb {

class BranchDiffModel;
class BranchPairPicker;
class CompareFilterBanner;
class DiffSummaryBar;
class DrillDownPane;
class JobManager;
class ObjectMergeController;
class ReviewTab;

// The compare-and-review workspace (docs/product.md §4.4): one pair of branches, the list of data units on
// the left with the selected unit's objects under it, and the canvas taking the rest. Review mode is a
// toggle of the same screen: the list becomes the review list (with decisions) and a decision bar appears
// under the canvas; the selection carries over. The diff itself runs as a job owned by the window: the
// workspace asks for it (compareRequested) and shows what the model holds. Its single-key actions (n, p,
// a, r, Shift+A and Shift+R for the selected object, c, + - 0, frame keys) act wherever the focus is inside
// it, except in a text field.
class CompareTab : public QWidget
{
    Q_OBJECT
public:
    explicit CompareTab(BranchDiffModel *model, QWidget *parent = nullptr);

    // The drill-down reads the selected data unit's two label rows as jobs of this manager.
    void setJobManager(JobManager *jobs);
    // Takes the review list and its decision bar into the workspace (once, right after construction).
    void setReviewPanel(ReviewTab *review);

    void setBranches(const QStringList &branches);
    // Selects the pair and asks for its diff (and, in review mode, lists its review).
    void setPair(const QString &source, const QString &target);
    QString source() const;
    QString target() const;

    void showRunning();
    void showDiff(); // the model now holds the diff of source() -> target()
    void showError(const QString &message);
    void clear();

    bool isReviewMode() const;
    // The canvas alone: the list column and the pair row go out of the way.
    void setFocusMode(bool on);
    bool isFocusMode() const { return m_focusMode; }
    // The data unit selected in the list that is showing.
    QString currentDataHash() const;

    // The workspace's actions, for the window's menus (and so for Help ▸ Keyboard Shortcuts).
    QAction *reviewModeAction() const { return m_reviewModeAction; }
    QList<QAction *> reviewActions() const;
    QList<QAction *> navigationActions() const;
    QList<QAction *> canvasActions() const;
    // Per-object merge choices (s, t, w) and Merge Chosen Objects (Ctrl+M).
    ObjectMergeController *objectMerge() const { return m_objectMerge; }

    BranchPairPicker *pairPicker() const { return m_pair; }
    QWidget *pairRow() const { return m_pairRow; }
    DiffSummaryBar *summaryBar() const { return m_summary; }
    QTableView *view() const { return m_view; }
    DrillDownPane *drillDown() const { return m_drillDown; }
    QSplitter *splitter() const { return m_splitter; }
    QWidget *listColumn() const { return m_listColumn; }
    QCheckBox *onlyDifferencesCheck() const { return m_onlyDifferences; }
    QLineEdit *textFilter() const { return m_filterEdit; }
    // Shown while the table lists only some data units (a Metrics view drill-down).
    CompareFilterBanner *filterBanner() const { return m_filterBanner; }
    QString statusText() const;

public Q_SLOTS:
    void goToNextDifference();
    void goToPreviousDifference();
    void swap();
    void compareNow();
    void setReviewMode(bool on);

Q_SIGNALS:
    void compareRequested(const QString &source, const QString &target);
    void currentDataUnitChanged(const QString &dataHash);
    void reviewModeChanged(bool on);

private:
    // Construction (comparetab.cpp).
    void createPairRow();
    QWidget *createListColumn();
    QWidget *createFilterRow(QWidget *parent);
    void createView();
    QWidget *createCentre();
    void restoreSplitters();
    void fitColumns();
    // Actions (comparetabactions.cpp).
    void createActions();
    QAction *addKeyAction(const QString &name, const QString &text, const QList<QKeySequence> &keys);
    void goNext(bool next);
    void decide(void (ReviewTab::*slot)());
    // Shift+A / Shift+R: the decision on the object selected in the drill-down.
    void decideObject(ReviewVerdict verdict);
    // The review decisions on the shown unit's objects into the object list (review mode only).
    void showObjectVerdicts();
    void updateReviewActions();
    void updateCanvasActions();

    void goToDifference(bool next);
    void showDrillDown(const QString &dataHash);
    void showReviewDrillDown(const QString &dataHash);
    void keepCurrentUnit();
    void selectCompareRow(const QString &dataHash);

    BranchDiffModel *m_model = nullptr;
    ReviewTab *m_review = nullptr;
    QWidget *m_pairRow = nullptr;
    BranchPairPicker *m_pair = nullptr;
    QPushButton *m_compareButton = nullptr;
    QToolButton *m_reviewButton = nullptr;
    DiffSummaryBar *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QCheckBox *m_onlyDifferences = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    CompareFilterBanner *m_filterBanner = nullptr;
    QTableView *m_view = nullptr;
    QWidget *m_comparePanel = nullptr;
    QStackedWidget *m_listStack = nullptr;
    QWidget *m_listColumn = nullptr;
    QSplitter *m_listSplitter = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_centre = nullptr;
    DrillDownPane *m_drillDown = nullptr;
    ObjectMergeController *m_objectMerge = nullptr;
    bool m_focusMode = false;
    qint64 m_currentUnit = 0; // the store's key of the current row's data unit, across a new order

    QAction *m_reviewModeAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_approveAction = nullptr;
    QAction *m_approveObjectAction = nullptr;
    QAction *m_rejectObjectAction = nullptr;
    QAction *m_rejectAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_commentAction = nullptr;
    QAction *m_applyAction = nullptr;
    QList<QAction *> m_canvasActions; // the next two together, for the window's Canvas menu
    QList<QAction *> m_zoomActions;
    QList<QAction *> m_frameActions;
};

} // namespace lb
