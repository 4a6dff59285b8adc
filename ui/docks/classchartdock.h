#pragma once

#include "items/classchartmodel.h"

#include <functional>
#include <QDockWidget>
#include <QList>

class QAbstractItemView;
class QLabel;
class QStackedWidget;
class QTimer;

namespace lb {

class BranchDiffModel;
class ClassChartView;
class JobManager;
class ProjectSession;

// The "Classes" dock: objects per class on the source and the target of the compare the window shows, for
// every data unit or, when rows are selected in the Compare table, for those data units only. The whole
// compare is charted from the comparison's own totals at once; a selection is counted by the store over the
// selected data units, as a job, so the GUI never waits for the store.
class ClassChartDock : public QDockWidget
{
    Q_OBJECT
public:
    using SessionProvider = std::function<ProjectSession *()>;

    ClassChartDock(BranchDiffModel *diffModel, QAbstractItemView *compareView, JobManager *jobs,
                   SessionProvider session, QWidget *parent = nullptr);

    ClassChartView *chartView() const { return m_chartView; }
    const ClassChartModel &counts() const;
    bool showsSelection() const { return m_showsSelection; }
    bool isCounting() const { return m_counting; }
    bool hasChart() const; // false while no compare is shown
    QString titleText() const;
    QString totalsText() const;

public Q_SLOTS:
    // Charts the current compare and selection without waiting for the selection to settle.
    void updateNow();

Q_SIGNALS:
    // The chart shows new numbers (the whole compare or a finished count of a selection).
    void countsShown();

private:
    void scheduleUpdate();
    QList<qint64> selectedUnits() const; // the store's keys of the selected rows' data units
    void countSelection(const QList<qint64> &units);
    void showCounts(const ClassChartModel &counts, bool selection);
    void showPlaceholder(const QString &text);

    BranchDiffModel *m_diffModel = nullptr;
    QAbstractItemView *m_compareView = nullptr;
    JobManager *m_jobs = nullptr;
    SessionProvider m_session;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_chartPage = nullptr;
    QLabel *m_title = nullptr;
    ClassChartView *m_chartView = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_hint = nullptr;
    QTimer *m_selectionDelay = nullptr;
    bool m_showsSelection = false;
    bool m_counting = false;           // a selection is being counted
    quint64 m_selectionGeneration = 0; // a count of an older selection is dropped
};

} // namespace lb
