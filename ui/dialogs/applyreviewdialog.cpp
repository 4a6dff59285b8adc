#include "dialogs/applyreviewdialog.h"

#include "dialogs/copyplanmodel.h"
#include "widgets/noticestyle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lb {

ApplyReviewDialog::ApplyReviewDialog(const ApplyReviewPlan &plan, const QStringList &overwrittenTitles,
                                     QWidget *parent)
    : QDialog(parent), m_plan(plan)
{
    setObjectName(QStringLiteral("applyReviewDialog"));
    setWindowTitle(tr("Apply Approved Decisions"));

    const CopyPlan &copy = plan.plan;
    const QString source = copy.request.sourceBranch;
    const QString target = copy.request.targetBranch;
    const int approved = int(plan.dataHashes.size());
    const int leftOut = plan.progress.total - approved;

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("applySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    QString summary = approved == 1
                          ? tr("Sync 1 approved data unit from “%1” to “%2”: %3 to replace, %4 to create.")
                                .arg(source, target)
                                .arg(copy.toReplace)
                                .arg(copy.toCreate)
                          : tr("Sync %1 approved data units from “%2” to “%3”: %4 to replace, %5 to create.")
                                .arg(approved)
                                .arg(source, target)
                                .arg(copy.toReplace)
                                .arg(copy.toCreate);
    if (leftOut > 0)
        summary += QLatin1Char(' ') + tr("%1 other differing data units (rejected %2, undecided %3, stale "
                                         "%4) stay as they are on “%5”.")
                                          .arg(leftOut)
                                          .arg(plan.progress.rejected)
                                          .arg(plan.progress.undecided() - plan.progress.stale)
                                          .arg(plan.progress.stale)
                                          .arg(target);
    summary += QLatin1Char(' ') + tr("Edit ▸ Undo Last Write restores the target afterwards.");
    m_summary->setText(summary);

    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("applyWarning"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    notice::setBoxStyle(m_warning, notice::Kind::Error);
    if (plan.overwritesTargetEdits > 0) {
        m_warning->setText(
            plan.overwritesTargetEdits == 1
                ? tr("⚠ 1 approved data unit was changed on “%1” since it was copied: applying "
                     "overwrites the target's changes there.")
                      .arg(target)
                : tr("⚠ %1 approved data units were changed on “%2” since they were copied: applying "
                     "overwrites the target's changes there.")
                      .arg(plan.overwritesTargetEdits)
                      .arg(target));
    }
    if (plan.overwritesTargetEdits > 0 && !overwrittenTitles.isEmpty()) {
        constexpr int kNamed = 5;
        QString names = overwrittenTitles.mid(0, kNamed).join(QStringLiteral(", "));
        if (overwrittenTitles.size() > kNamed)
            names += tr(" and %1 more").arg(overwrittenTitles.size() - kNamed);
        m_warning->setText(m_warning->text() + QLatin1Char('\n') + names);
    }
    m_warning->setVisible(plan.overwritesTargetEdits > 0);

    m_planModel = new CopyPlanModel(this);
    m_planModel->setPlan(copy);
    m_planView = new QTableView(this);
    m_planView->setObjectName(QStringLiteral("applyPlanView"));
    m_planView->setModel(m_planModel);
    m_planView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_planView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_planView->setAlternatingRowColors(true);
    m_planView->setWordWrap(false);
    m_planView->verticalHeader()->hide();
    m_planView->verticalHeader()->setDefaultSectionSize(m_planView->fontMetrics().height() + 6);
    m_planView->horizontalHeader()->setStretchLastSection(true);
    m_planView->setColumnWidth(CopyPlanModel::TitleColumn, 250);
    m_planView->setColumnWidth(CopyPlanModel::ActionColumn, 80);
    m_planView->setColumnWidth(CopyPlanModel::ReasonColumn, 220);
    m_planView->setColumnWidth(CopyPlanModel::SourceLabelColumn, 140);
    m_planView->setMinimumHeight(180);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(approved == 1 ? tr("&Apply 1 Approved") : tr("&Apply %1 Approved").arg(approved));
    ok->setEnabled(approved > 0);
    // Applying overwrites target rows; the safe choice is the one Enter picks.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_warning);
    layout->addWidget(m_planView, 1);
    layout->addWidget(buttons);
    resize(880, 520);
}

QString ApplyReviewDialog::summaryText() const
{
    return m_summary->text();
}

QString ApplyReviewDialog::warningText() const
{
    return m_plan.overwritesTargetEdits > 0 ? m_warning->text() : QString();
}

int ApplyReviewDialog::planRowCount() const
{
    return m_planModel->rowCount();
}

} // namespace lb
