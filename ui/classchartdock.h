#pragma once

#include "classchartmodel.h"

#include <functional>
#include <QDockWidget>
#include <QSet>

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
// compare is charted from the diff's own totals at once; a selection reads the selected rows' counts from the
// store, on the GUI thread while that is a short query and as a job beyond that.
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

    // Selections up to this many data units are counted on the GUI thread (a short indexed query), larger
    // ones in a job.
    static constexpr int kDefaultInlineSelectionLimit = 2000;
    void setInlineSelectionLimit(int dataUnits) { m_inlineLimit = dataUnits; }

public Q_SLOTS:
    // Charts the current compare and selection without waiting for the selection to settle.
    void updateNow();

Q_SIGNALS:
    // The chart shows new numbers (the whole compare or a finished count of a selection).
    void countsShown();

private:
    void scheduleUpdate();
    QSet<QString> selectedDataHashes() const;
    void countSelectionInJob(const QSet<QString> &dataHashes);
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
    int m_inlineLimit = kDefaultInlineSelectionLimit;
    bool m_showsSelection = false;
    bool m_counting = false;
    quint64 m_request = 0; // a finished count is shown only if no newer update happened since it started
};

} // namespace lb
