#pragma once

#include "dialogs/copyplanmodel.h"
#include "domain/copyrequest.h"
#include "domain/result.h"

#include <QDialog>
#include <QStringList>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace lb {

class CopyPlanModel;

// Copy or sync label rows between branches (docs/product.md §2.3, §4.4). The user picks source, target
// (existing or new), overwrite, scope and batch size; the dialog asks its owner for a dry-run plan whenever
// these change (planRequested) and shows it before the write can be confirmed. The owner answers with setPlan
// / setPlanError; answers for parameters that have changed since are ignored.
class CopyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Copy,
        Sync
    };
    enum class Scope
    {
        AllRows,
        SelectedRows,
        DataHashes,
        LabelHashes
    };

    CopyDialog(Mode mode, const QStringList &branches, const QString &source, const QString &target,
               const QStringList &selectedDataHashes, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    // The copy described by the fields; only meaningful while problem() is empty.
    CopyRequest request() const;
    QString problem() const; // why the request cannot run yet; empty when it can
    bool hasCurrentPlan() const { return m_planCurrent; }
    const CopyPlan &plan() const;

    // Programmatic access for the keyboard-less paths (tests, context menus).
    void setTarget(const QString &target);
    void setOverwrite(bool overwrite);
    void setScope(Scope scope);
    void setPastedHashes(const QString &text);
    void setBatchSize(int size);

public Q_SLOTS:
    // `reader` reads the items of a plan whose items are paged (CopyPlanModel::PageReader).
    void setPlan(const lb::CopyRequest &request, const lb::CopyPlan &plan,
                 lb::CopyPlanModel::PageReader reader = {});
    void setPlanError(const lb::CopyRequest &request, const QString &message);
    // Sends planRequested for the current fields right away instead of after the typing pause.
    void requestPlanNow();

Q_SIGNALS:
    void planRequested(const lb::CopyRequest &request);

private:
    QFormLayout *createBranchFields(const QString &source, const QString &target);
    void createOverwriteFields();
    QGroupBox *createScopeBox();
    QGroupBox *createPlanBox();
    void connectFields();
    void parametersChanged();
    void updateState();
    Result<QStringList> parsedHashes() const;
    QStringList pastedHashes() const;
    Scope scope() const;

    Mode m_mode;
    QStringList m_branches;
    QStringList m_selectedDataHashes;

    QComboBox *m_sourceCombo = nullptr;
    QComboBox *m_targetCombo = nullptr;
    QLabel *m_targetNote = nullptr;
    QCheckBox *m_overwriteCheck = nullptr;
    QLabel *m_overwriteWarning = nullptr;
    QButtonGroup *m_scopeGroup = nullptr;
    QRadioButton *m_allRadio = nullptr;
    QRadioButton *m_selectedRadio = nullptr;
    QRadioButton *m_dataHashRadio = nullptr;
    QRadioButton *m_labelHashRadio = nullptr;
    QPlainTextEdit *m_hashEdit = nullptr;
    QSpinBox *m_batchSpin = nullptr;
    QLabel *m_planSummary = nullptr;
    QTableView *m_planView = nullptr;
    CopyPlanModel *m_planModel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_planTimer = nullptr;

    CopyRequest m_pendingRequest;
    bool m_planPending = false;
    bool m_planCurrent = false;
    QString m_planError;
};

} // namespace lb
