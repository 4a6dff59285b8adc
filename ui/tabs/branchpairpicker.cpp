#include "tabs/branchpairpicker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace lb {

namespace {

QComboBox *branchCombo(const QString &objectName, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setMinimumContentsLength(14);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    return combo;
}

} // namespace

BranchPairPicker::BranchPairPicker(const QString &objectNamePrefix, const QString &swapObjectName,
                                   const QString &arrowToolTip, QWidget *parent)
    : QWidget(parent)
{
    m_sourceCombo = branchCombo(objectNamePrefix + QStringLiteral("SourceCombo"), this);
    m_targetCombo = branchCombo(objectNamePrefix + QStringLiteral("TargetCombo"), this);
    auto *sourceLabel = new QLabel(tr("&Source:"), this);
    sourceLabel->setBuddy(m_sourceCombo);
    auto *targetLabel = new QLabel(tr("&Target:"), this);
    targetLabel->setBuddy(m_targetCombo);
    auto *arrow = new QLabel(QStringLiteral("→"), this);
    QFont arrowFont = arrow->font();
    arrowFont.setPointSizeF(arrowFont.pointSizeF() * 1.6);
    arrowFont.setBold(true);
    arrow->setFont(arrowFont);
    arrow->setToolTip(arrowToolTip);
    m_swapButton = new QToolButton(this);
    m_swapButton->setObjectName(swapObjectName);
    m_swapButton->setText(tr("S&wap ⇄"));
    m_swapButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_swapButton->setToolTip(tr("Swap source and target"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(sourceLabel);
    layout->addWidget(m_sourceCombo);
    layout->addWidget(arrow);
    layout->addWidget(targetLabel);
    layout->addWidget(m_targetCombo);
    layout->addWidget(m_swapButton);
    setTabOrder(m_sourceCombo, m_targetCombo);
    setTabOrder(m_targetCombo, m_swapButton);

    connect(m_swapButton, &QToolButton::clicked, this, &BranchPairPicker::swapClicked);
    for (QComboBox *combo : {m_sourceCombo, m_targetCombo}) {
        connect(combo, &QComboBox::currentTextChanged, this, [this] {
            if (!m_quiet)
                Q_EMIT pairEdited();
        });
    }
}

QString BranchPairPicker::source() const
{
    return m_sourceCombo->currentText();
}

QString BranchPairPicker::target() const
{
    return m_targetCombo->currentText();
}

void BranchPairPicker::setBranches(const QStringList &branches, Fallback fallback)
{
    const QString source = this->source();
    const QString target = this->target();
    m_quiet = true;
    m_sourceCombo->clear();
    m_targetCombo->clear();
    m_sourceCombo->addItems(branches);
    m_targetCombo->addItems(branches);
    int sourceIndex = int(branches.indexOf(source));
    int targetIndex = int(branches.indexOf(target));
    if (fallback == Fallback::PickTwo) {
        if (sourceIndex < 0)
            sourceIndex = std::max(0, int(branches.indexOf(QStringLiteral("main"))));
        if (targetIndex < 0)
            targetIndex = branches.size() > 1 ? (sourceIndex == 0 ? 1 : 0) : 0;
    }
    m_sourceCombo->setCurrentIndex(sourceIndex);
    m_targetCombo->setCurrentIndex(targetIndex);
    m_quiet = false;
}

void BranchPairPicker::setPair(const QString &source, const QString &target)
{
    m_quiet = true;
    m_sourceCombo->setCurrentText(source);
    m_targetCombo->setCurrentText(target);
    m_quiet = false;
}

} // namespace lb
