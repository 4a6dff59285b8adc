#include "dialogs/copydialog.h"

#include "dialogs/branchnameproblem.h"
#include "dialogs/copyplanmodel.h"
#include "dialogs/planview.h"
#include "domain/hashlistreader.h"
#include "engine/engine.h"
#include "widgets/noticestyle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

bool sameRequest(const CopyRequest &a, const CopyRequest &b)
{
    return a.sourceBranch == b.sourceBranch && a.targetBranch == b.targetBranch &&
           a.overwrite == b.overwrite && a.dataHashes == b.dataHashes && a.labelHashes == b.labelHashes &&
           a.batchSize == b.batchSize;
}

// A pause long enough that typing a branch name or pasting hashes does not start a plan per keystroke.
constexpr int kPlanDelayMs = 300;

} // namespace

CopyDialog::CopyDialog(Mode mode, const QStringList &branches, const QString &source, const QString &target,
                       const QStringList &selectedDataHashes, QWidget *parent)
    : QDialog(parent), m_mode(mode), m_branches(branches), m_selectedDataHashes(selectedDataHashes)
{
    setObjectName(QStringLiteral("copyDialog"));
    setWindowTitle(mode == Mode::Sync ? tr("Sync Label Rows") : tr("Copy Label Rows"));

    // Created in the order of the form, which is also the tab chain's.
    QFormLayout *branchForm = createBranchFields(source, target);
    createOverwriteFields();
    QGroupBox *scopeBox = createScopeBox();
    m_batchSpin = new QSpinBox(this);
    m_batchSpin->setObjectName(QStringLiteral("batchSpin"));
    m_batchSpin->setRange(Engine::kMinBatchSize, Engine::kMaxBatchSize);
    m_batchSpin->setValue(50);
    m_batchSpin->setToolTip(tr("Rows written per atomic batch; cancelling stops between batches"));
    auto *batchForm = new QFormLayout;
    batchForm->addRow(tr("Batch si&ze:"), m_batchSpin);
    QGroupBox *planBox = createPlanBox();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Sync ? tr("S&ync") : tr("&Copy"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty() && m_planCurrent)
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(branchForm);
    layout->addWidget(m_overwriteCheck);
    layout->addWidget(m_overwriteWarning);
    layout->addWidget(scopeBox);
    layout->addLayout(batchForm);
    layout->addWidget(planBox, 1);
    layout->addWidget(m_buttons);

    setTabOrder(m_sourceCombo, m_targetCombo);
    setTabOrder(m_targetCombo, m_overwriteCheck);
    setTabOrder(m_overwriteCheck, m_allRadio);
    setTabOrder(m_allRadio, m_hashEdit);
    setTabOrder(m_hashEdit, m_batchSpin);
    setTabOrder(m_batchSpin, m_planView);

    connectFields();

    resize(880, 720);
    if (target.isEmpty())
        m_targetCombo->setFocus();
    parametersChanged();
}

void CopyDialog::connectFields()
{
    m_planTimer = new QTimer(this);
    m_planTimer->setSingleShot(true);
    m_planTimer->setInterval(kPlanDelayMs);
    connect(m_planTimer, &QTimer::timeout, this, &CopyDialog::requestPlanNow);

    connect(m_sourceCombo, &QComboBox::currentTextChanged, this, &CopyDialog::parametersChanged);
    connect(m_targetCombo, &QComboBox::currentTextChanged, this, &CopyDialog::parametersChanged);
    connect(m_overwriteCheck, &QCheckBox::toggled, this, &CopyDialog::parametersChanged);
    connect(m_scopeGroup, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            parametersChanged();
    });
    connect(m_hashEdit, &QPlainTextEdit::textChanged, this, &CopyDialog::parametersChanged);
    connect(m_batchSpin, &QSpinBox::valueChanged, this, &CopyDialog::parametersChanged);
}

QFormLayout *CopyDialog::createBranchFields(const QString &source, const QString &target)
{
    m_sourceCombo = new QComboBox(this);
    m_sourceCombo->setObjectName(QStringLiteral("sourceCombo"));
    m_sourceCombo->addItems(m_branches);
    m_sourceCombo->setCurrentText(source.isEmpty() ? QStringLiteral("main") : source);

    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetCombo"));
    m_targetCombo->setEditable(true);
    m_targetCombo->setInsertPolicy(QComboBox::NoInsert);
    m_targetCombo->addItems(m_branches);
    m_targetCombo->setCurrentText(target);
    m_targetCombo->setMinimumContentsLength(24);
    m_targetCombo->lineEdit()->setPlaceholderText(tr("existing branch or a new name"));

    m_targetNote = new QLabel(this);
    m_targetNote->setObjectName(QStringLiteral("targetNote"));
    m_targetNote->setWordWrap(true);

    auto *branchForm = new QFormLayout;
    branchForm->addRow(tr("&Source branch:"), m_sourceCombo);
    branchForm->addRow(tr("&Target branch:"), m_targetCombo);
    branchForm->addRow(QString(), m_targetNote);
    return branchForm;
}

void CopyDialog::createOverwriteFields()
{
    m_overwriteCheck = new QCheckBox(tr("&Overwrite rows that already exist on the target"), this);
    m_overwriteCheck->setObjectName(QStringLiteral("overwriteCheck"));
    m_overwriteWarning = new QLabel(
        tr("<b>Destructive:</b> target rows for the same data units are replaced by the source content "
           "(source wins, no merge). The replaced rows are kept in the journal, so "
           "<i>Edit ▸ Undo Last Write</i> restores them."),
        this);
    m_overwriteWarning->setObjectName(QStringLiteral("overwriteWarning"));
    m_overwriteWarning->setWordWrap(true);
    notice::setBoxStyle(m_overwriteWarning, notice::Kind::Warning, notice::kCompactBoxPadding);
    if (m_mode == Mode::Sync) {
        // A sync is by definition a copy with overwrite; offering to switch it off would make it a copy.
        m_overwriteCheck->setChecked(true);
        m_overwriteCheck->setEnabled(false);
    }
}

QGroupBox *CopyDialog::createScopeBox()
{
    auto *scopeBox = new QGroupBox(tr("Scope"), this);
    m_allRadio = new QRadioButton(tr("&All rows of the source branch"), scopeBox);
    m_selectedRadio = new QRadioButton(tr("Se&lected rows (%1)").arg(m_selectedDataHashes.size()), scopeBox);
    m_dataHashRadio = new QRadioButton(tr("Pasted &data hashes"), scopeBox);
    m_labelHashRadio = new QRadioButton(tr("Pasted la&bel hashes"), scopeBox);
    m_allRadio->setObjectName(QStringLiteral("scopeAll"));
    m_selectedRadio->setObjectName(QStringLiteral("scopeSelected"));
    m_dataHashRadio->setObjectName(QStringLiteral("scopeDataHashes"));
    m_labelHashRadio->setObjectName(QStringLiteral("scopeLabelHashes"));
    m_selectedRadio->setEnabled(!m_selectedDataHashes.isEmpty());
    m_scopeGroup = new QButtonGroup(this);
    m_scopeGroup->addButton(m_allRadio, int(Scope::AllRows));
    m_scopeGroup->addButton(m_selectedRadio, int(Scope::SelectedRows));
    m_scopeGroup->addButton(m_dataHashRadio, int(Scope::DataHashes));
    m_scopeGroup->addButton(m_labelHashRadio, int(Scope::LabelHashes));
    (m_selectedDataHashes.isEmpty() ? m_allRadio : m_selectedRadio)->setChecked(true);

    m_hashEdit = new QPlainTextEdit(scopeBox);
    m_hashEdit->setObjectName(QStringLiteral("hashEdit"));
    m_hashEdit->setPlaceholderText(tr("One hash per line (commas and spaces also separate)"));
    m_hashEdit->setTabChangesFocus(true);
    m_hashEdit->setFixedHeight(m_hashEdit->fontMetrics().lineSpacing() * 4 + 12);

    auto *scopeLayout = new QGridLayout(scopeBox);
    scopeLayout->addWidget(m_allRadio, 0, 0);
    scopeLayout->addWidget(m_selectedRadio, 1, 0);
    scopeLayout->addWidget(m_dataHashRadio, 2, 0);
    scopeLayout->addWidget(m_labelHashRadio, 3, 0);
    scopeLayout->addWidget(m_hashEdit, 0, 1, 4, 1);
    scopeLayout->setColumnStretch(1, 1);
    return scopeBox;
}

QGroupBox *CopyDialog::createPlanBox()
{
    auto *planBox = new QGroupBox(tr("Dry run: what will happen"), this);
    m_planSummary = new QLabel(planBox);
    m_planSummary->setObjectName(QStringLiteral("planSummary"));
    m_planSummary->setWordWrap(true);
    m_planSummary->setTextFormat(Qt::PlainText);
    m_planModel = new CopyPlanModel(this);
    m_planView = new QTableView(planBox);
    m_planView->setObjectName(QStringLiteral("planView"));
    setUpPlanView(m_planView, m_planModel);
    m_planView->setColumnWidth(CopyPlanModel::TitleColumn, 280);
    m_planView->setColumnWidth(CopyPlanModel::ActionColumn, 80);
    m_planView->setColumnWidth(CopyPlanModel::ReasonColumn, 240);
    m_planView->setColumnWidth(CopyPlanModel::SourceLabelColumn, 160);
    m_planView->setColumnHidden(CopyPlanModel::ObjectChangesColumn, true);
    m_planView->setMinimumHeight(180);
    auto *planLayout = new QVBoxLayout(planBox);
    planLayout->addWidget(m_planSummary);
    planLayout->addWidget(m_planView, 1);
    return planBox;
}

CopyDialog::Scope CopyDialog::scope() const
{
    return Scope(m_scopeGroup->checkedId());
}

Result<QStringList> CopyDialog::parsedHashes() const
{
    return HashListReader::fromText(m_hashEdit->toPlainText(), tr("The pasted list"));
}

QStringList CopyDialog::pastedHashes() const
{
    const Result<QStringList> parsed = parsedHashes();
    QStringList hashes;
    if (!parsed)
        return hashes;
    for (const QString &hash : parsed.value()) {
        if (!hashes.contains(hash))
            hashes.append(hash);
    }
    return hashes;
}

CopyRequest CopyDialog::request() const
{
    CopyRequest request;
    request.sourceBranch = m_sourceCombo->currentText();
    request.targetBranch = m_targetCombo->currentText();
    request.overwrite = m_overwriteCheck->isChecked();
    request.batchSize = m_batchSpin->value();
    switch (scope()) {
    case Scope::AllRows:
        break;
    case Scope::SelectedRows:
        request.dataHashes = m_selectedDataHashes;
        break;
    case Scope::DataHashes:
        request.dataHashes = pastedHashes();
        break;
    case Scope::LabelHashes:
        request.labelHashes = pastedHashes();
        break;
    }
    return request;
}

QString CopyDialog::problem() const
{
    const CopyRequest r = request();
    if (r.sourceBranch.isEmpty())
        return tr("Choose a source branch");
    const QString targetProblem = branchNameProblem(r.targetBranch, m_branches, BranchNameRule::MayExist);
    if (!targetProblem.isEmpty())
        return tr("Target: %1").arg(targetProblem);
    if (r.sourceBranch == r.targetBranch)
        return tr("Source and target branch must be different");
    if (scope() == Scope::SelectedRows && m_selectedDataHashes.isEmpty())
        return tr("No rows are selected");
    if (scope() == Scope::DataHashes || scope() == Scope::LabelHashes) {
        if (const Result<QStringList> parsed = parsedHashes(); !parsed)
            return parsed.error();
    }
    if ((scope() == Scope::DataHashes || scope() == Scope::LabelHashes) && pastedHashes().isEmpty())
        return scope() == Scope::DataHashes ? tr("Paste at least one data hash")
                                            : tr("Paste at least one label hash");
    return QString();
}

const CopyPlan &CopyDialog::plan() const
{
    return m_planModel->plan();
}

void CopyDialog::setTarget(const QString &target)
{
    m_targetCombo->setCurrentText(target);
}

void CopyDialog::setOverwrite(bool overwrite)
{
    if (m_overwriteCheck->isEnabled())
        m_overwriteCheck->setChecked(overwrite);
}

void CopyDialog::setScope(Scope scope)
{
    if (QAbstractButton *button = m_scopeGroup->button(int(scope)); button && button->isEnabled())
        button->setChecked(true);
}

void CopyDialog::setPastedHashes(const QString &text)
{
    m_hashEdit->setPlainText(text);
}

void CopyDialog::setBatchSize(int size)
{
    m_batchSpin->setValue(size);
}

void CopyDialog::parametersChanged()
{
    m_hashEdit->setEnabled(scope() == Scope::DataHashes || scope() == Scope::LabelHashes);
    m_overwriteWarning->setVisible(m_overwriteCheck->isChecked());

    const QString target = m_targetCombo->currentText();
    if (target.isEmpty())
        m_targetNote->clear();
    else if (m_branches.contains(target))
        m_targetNote->setText(tr("Existing branch"));
    else
        m_targetNote->setText(tr("New branch: it will be created by the copy"));

    m_planCurrent = false;
    m_planError.clear();
    m_planPending = false;
    if (problem().isEmpty())
        m_planTimer->start();
    else
        m_planTimer->stop();
    updateState();
}

void CopyDialog::requestPlanNow()
{
    m_planTimer->stop();
    if (!problem().isEmpty())
        return;
    m_pendingRequest = request();
    m_planPending = true;
    updateState();
    Q_EMIT planRequested(m_pendingRequest);
}

void CopyDialog::setPlan(const CopyRequest &request, const CopyPlan &plan, CopyPlanModel::PageReader reader)
{
    if (!m_planPending || !sameRequest(request, m_pendingRequest) || !sameRequest(request, this->request()))
        return; // an answer for parameters the user has changed since
    m_planPending = false;
    m_planCurrent = true;
    m_planError.clear();
    m_planModel->setPlan(plan, std::move(reader));
    updateState();
}

void CopyDialog::setPlanError(const CopyRequest &request, const QString &message)
{
    if (!m_planPending || !sameRequest(request, m_pendingRequest))
        return;
    m_planPending = false;
    m_planCurrent = false;
    m_planError = message;
    m_planModel->clear();
    updateState();
}

void CopyDialog::updateState()
{
    const QString reason = problem();
    bool canRun = false;
    QString summary;
    notice::Kind kind = notice::Kind::Error;
    if (!reason.isEmpty()) {
        summary = reason;
    } else if (!m_planError.isEmpty()) {
        summary = tr("The dry run failed: %1").arg(m_planError);
    } else if (!m_planCurrent) {
        summary = tr("Working out the plan…");
        kind = notice::Kind::Info;
    } else {
        const CopyPlan &p = m_planModel->plan();
        const int writes = p.writeCount();
        summary = tr("%1 to create, %2 to replace (content differs), %3 unchanged (identical content), %4 to "
                     "skip")
                      .arg(p.toCreate)
                      .arg(p.toReplace)
                      .arg(p.unchanged)
                      .arg(p.toSkip);
        if (!p.targetExists)
            summary += tr("; branch “%1” will be created").arg(p.request.targetBranch);
        if (writes == 0) {
            summary = tr("Nothing to write: %1").arg(summary);
        } else {
            canRun = true;
            kind = notice::Kind::Info;
        }
        if (const QStringList unknown = unknownHashesText(p.unknown, p.request.sourceBranch);
            !unknown.isEmpty()) {
            summary += QLatin1Char('\n') + unknown.join(QLatin1Char('\n'));
            if (canRun)
                kind = notice::Kind::Warning;
        }
    }
    if (!m_planCurrent && m_planModel->rowCount() > 0)
        m_planModel->clear();
    m_planSummary->setText(summary);
    notice::setTextStyle(m_planSummary, kind);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canRun);
}

} // namespace lb
