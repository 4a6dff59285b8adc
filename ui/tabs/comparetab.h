#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;

namespace lb {

class BranchDiffModel;
class BranchPairPicker;
class DiffSummaryBar;
class DrillDownPane;
class JobManager;

// The Compare tab: source → target, summary chips, and the per-data-unit table with coloured deltas and
// per-class delta columns. The diff itself runs as a job owned by the window: this tab asks for it
// (compareRequested) and shows what the model holds.
class CompareTab : public QWidget
{
    Q_OBJECT
public:
    explicit CompareTab(BranchDiffModel *model, QWidget *parent = nullptr);

    // The drill-down reads the selected data unit's two label rows as jobs of this manager.
    void setJobManager(JobManager *jobs);

    void setBranches(const QStringList &branches);
    // Selects the pair and asks for its diff.
    void setPair(const QString &source, const QString &target);
    QString source() const;
    QString target() const;

    void showRunning();
    void showDiff(); // the model now holds the diff of source() -> target()
    void showError(const QString &message);
    void clear();

    DiffSummaryBar *summaryBar() const { return m_summary; }
    QTableView *view() const { return m_view; }
    DrillDownPane *drillDown() const { return m_drillDown; }
    QSplitter *splitter() const { return m_splitter; }
    QCheckBox *onlyDifferencesCheck() const { return m_onlyDifferences; }
    QLineEdit *textFilter() const { return m_filterEdit; }
    QString statusText() const;

public Q_SLOTS:
    void goToNextDifference();
    void goToPreviousDifference();
    void swap();
    void compareNow();

Q_SIGNALS:
    void compareRequested(const QString &source, const QString &target);
    void currentDataUnitChanged(const QString &dataHash);

private:
    QHBoxLayout *createPairRow();
    QHBoxLayout *createFilterRow();
    void createView();
    void goToDifference(bool next);
    void fitColumns();
    void showDrillDown(const QString &dataHash);
    void keepCurrentUnit();

    BranchDiffModel *m_model = nullptr;
    BranchPairPicker *m_pair = nullptr;
    QPushButton *m_compareButton = nullptr;
    DiffSummaryBar *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QCheckBox *m_onlyDifferences = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTableView *m_view = nullptr;
    QSplitter *m_splitter = nullptr;
    DrillDownPane *m_drillDown = nullptr;
    qint64 m_currentUnit = 0; // the store's key of the current row's data unit, across a new order
};

} // namespace lb
