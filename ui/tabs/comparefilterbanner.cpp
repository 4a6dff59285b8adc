#include "tabs/comparefilterbanner.h"

#include "items/branchdiffmodel.h"
#include "widgets/noticestyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace lb {

CompareFilterBanner::CompareFilterBanner(BranchDiffModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("compareFilterBanner"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("compareFilterText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    notice::setBoxStyle(m_label, notice::Kind::Info, notice::kCompactBoxPadding);

    m_clearAction = new QAction(tr("Show Every Data Unit"), this);
    m_clearAction->setObjectName(QStringLiteral("clearCompareFilterAction"));
    m_clearAction->setIconText(QStringLiteral("\u2715")); // the chip's button; menus show the text
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    m_clearAction->setShortcutContext(Qt::WindowShortcut);
    m_clearAction->setToolTip(tr("Clear the filter and show every data unit of the compare (%1)")
                                  .arg(m_clearAction->shortcut().toString(QKeySequence::NativeText)));
    addAction(m_clearAction);
    connect(m_clearAction, &QAction::triggered, m_model, &BranchDiffModel::clearUnitRestriction);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("compareFilterClear"));
    m_clear->setDefaultAction(m_clearAction);
    m_clear->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_clear->setAccessibleName(tr("Clear the filter"));
    m_clear->setFocusPolicy(Qt::StrongFocus);
    m_clear->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_clear);

    connect(m_model, &BranchDiffModel::unitRestrictionChanged, this, &CompareFilterBanner::update);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CompareFilterBanner::update);
    update();
}

QString CompareFilterBanner::text() const
{
    return m_label->text();
}

void CompareFilterBanner::update()
{
    const bool on = m_model->hasUnitRestriction();
    m_clearAction->setEnabled(on);
    m_label->setText(on ? m_model->unitRestrictionLabel() : QString());
    setVisible(on);
}

} // namespace lb
