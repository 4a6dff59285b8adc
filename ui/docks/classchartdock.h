#pragma once

#include "items/classchartmodel.h"

#include <functional>
#include <optional>
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
// compare is charted from the diff's own totals at once. The first selection starts a job that reads the
// per-class counts of both branches into a ClassCountIndex; from then on every selection is a sum in memory,
// so the GUI never waits for the store.
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
    QList<int> selectedDiffRows() const; // rows of the diff model, through the table's proxy
    void loadIndex();
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
    bool m_counting = false;                // the job reading the index is running
    std::optional<ClassCountIndex> m_index; // of the diff shown; read on the first selection
    quint64 m_diffGeneration = 0;           // an index read for an older diff is dropped
};

} // namespace lb
