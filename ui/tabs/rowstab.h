#pragma once

#include "domain/labelrowsummary.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace lb {

class LabelRowTableModel;

// The Rows tab: the label rows of the selected branch with a filter bar. Sorting and filtering are store
// queries run by the model, so they work the same on 100 rows and on 100,000.
class RowsTab : public QWidget
{
    Q_OBJECT
public:
    RowsTab(LabelRowTableModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QAction *copySelectedAction() const { return m_copyAction; }
    QAction *syncSelectedAction() const { return m_syncAction; }

    QStringList selectedDataHashes() const;
    // Applies what the filter bar says now, without waiting for the typing pause.
    void applyFilterNow();
    void resetFilter();

    QLineEdit *titleFilter() const { return m_titleEdit; }
    QComboBox *statusFilter() const { return m_statusCombo; }
    QLineEdit *hashFilter() const { return m_hashEdit; }
    QCheckBox *onlyInitialisedCheck() const { return m_onlyInitialised; }

Q_SIGNALS:
    void currentRowChanged(const lb::LabelRowSummary &row); // an empty summary when nothing is current
    void copySelectedRequested(const QStringList &dataHashes);
    void syncSelectedRequested(const QStringList &dataHashes);

private:
    QHBoxLayout *createFilterBar();
    void createView();
    void connectSignals();
    void updateCount();
    void updateActions();
    void emitCurrent();

    LabelRowTableModel *m_model = nullptr;
    QLineEdit *m_titleEdit = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QLineEdit *m_hashEdit = nullptr;
    QCheckBox *m_onlyInitialised = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_syncAction = nullptr;
    QTimer *m_filterTimer = nullptr;
};

} // namespace lb
