#include "dialogs/applyreviewdialog.h"

#include "dialogs/copyplanmodel.h"
#include "dialogs/planview.h"
#include "widgets/noticestyle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lb {

namespace {

// What the apply does, what it leaves alone and how to take it back.
QString applySummary(const ApplyReviewPlan &plan)
{
    const CopyPlan &copy = plan.plan;
    const QString source = copy.request.sourceBranch;
    const QString target = copy.request.targetBranch;
    const int approved = int(plan.dataHashes.size());
    const int byObjects = int(plan.objectMerge.units.size());
    const int leftOut = plan.progress.total - approved - byObjects;
    QString summary;
    if (approved > 0 || byObjects == 0)
        summary = approved == 1
                      ? ApplyReviewDialog::tr(
                            "Sync 1 approved data unit from “%1” to “%2”: %3 to replace, %4 to create.")
                            .arg(source, target)
                            .arg(copy.toReplace)
                            .arg(copy.toCreate)
                      : ApplyReviewDialog::tr(
                            "Sync %1 approved data units from “%2” to “%3”: %4 to replace, %5 to create.")
                            .arg(approved)
                            .arg(source, target)
                            .arg(copy.toReplace)
                            .arg(copy.toCreate);
    if (byObjects > 0) {
        const int objects = plan.objectsApproved();
        summary +=
            QLatin1Char(' ') +
            ApplyReviewDialog::tr("Merge %1 into %2 on “%3”; their other objects stay as they are there.")
                .arg(objects == 1 ? ApplyReviewDialog::tr("1 approved object")
                                  : ApplyReviewDialog::tr("%1 approved objects").arg(objects),
                     byObjects == 1 ? ApplyReviewDialog::tr("1 data unit")
                                    : ApplyReviewDialog::tr("%1 data units").arg(byObjects),
                     target);
    }
    summary = summary.trimmed();
    if (leftOut > 0)
        summary += QLatin1Char(' ') +
                   ApplyReviewDialog::tr("%1 other differing data units (rejected %2, undecided %3, stale "
                                         "%4) stay as they are on “%5”.")
                       .arg(leftOut)
                       .arg(plan.progress.rejected)
                       .arg(plan.progress.undecided() - plan.progress.stale)
                       .arg(plan.progress.stale)
                       .arg(target);
    summary +=
        QLatin1Char(' ') +
        (approved > 0 && byObjects > 0
             ? ApplyReviewDialog::tr("This is two writes, the sync and then the merge: Edit ▸ Undo Last "
                                     "Write takes back the merge, a second undo the sync.")
             : ApplyReviewDialog::tr("Edit ▸ Undo Last Write restores the target afterwards."));
    return summary;
}

// The sync's plan with a line for each data unit whose approved objects are merged, so the table shows every
// data unit the apply writes.
CopyPlan shownPlan(const ApplyReviewPlan &plan)
{
    CopyPlan shown = plan.plan;
    for (const UnitMergePlan &unit : plan.objectPlan.units) {
        CopyPlanItem item;
        item.dataHash = unit.dataHash;
        item.dataTitle = unit.dataTitle;
        item.action = !unit.writes         ? PlanAction::Skip
                      : unit.targetPresent ? PlanAction::Replace
                                           : PlanAction::Create;
        item.reason = unit.writes ? ApplyReviewDialog::tr("approved objects merged")
                                  : ApplyReviewDialog::tr("approved objects already as on the target");
        shown.items.append(item);
    }
    return shown;
}

// The target edits the apply overwrites, naming the first few data units; empty when there are none.
QString overwriteWarning(const ApplyReviewPlan &plan, const QStringList &overwrittenTitles)
{
    const QString target = plan.plan.request.targetBranch;
    if (plan.overwritesTargetEdits <= 0)
        return QString();
    QString text = plan.overwritesTargetEdits == 1
                       ? ApplyReviewDialog::tr(
                             "⚠ 1 approved data unit was changed on “%1” since it was copied: applying "
                             "overwrites the target's changes there.")
                             .arg(target)
                       : ApplyReviewDialog::tr(
                             "⚠ %1 approved data units were changed on “%2” since they were copied: applying "
                             "overwrites the target's changes there.")
                             .arg(plan.overwritesTargetEdits)
                             .arg(target);
    if (!overwrittenTitles.isEmpty()) {
        constexpr int kNamed = 5;
        QString names = overwrittenTitles.mid(0, kNamed).join(QStringLiteral(", "));
        if (overwrittenTitles.size() > kNamed)
            names += ApplyReviewDialog::tr(" and %1 more").arg(overwrittenTitles.size() - kNamed);
        text += QLatin1Char('\n') + names;
    }
    return text;
}

} // namespace

ApplyReviewDialog::ApplyReviewDialog(const ApplyReviewPlan &plan, const QStringList &overwrittenTitles,
                                     QWidget *parent)
    : QDialog(parent), m_plan(plan)
{
    setObjectName(QStringLiteral("applyReviewDialog"));
    setWindowTitle(tr("Apply Approved Decisions"));

    const int approved = int(plan.dataHashes.size() + plan.objectMerge.units.size());

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("applySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(applySummary(plan));

    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("applyWarning"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    notice::setBoxStyle(m_warning, notice::Kind::Error);
    m_warning->setText(overwriteWarning(plan, overwrittenTitles));
    m_warning->setVisible(plan.overwritesTargetEdits > 0);

    m_planModel = new CopyPlanModel(this);
    m_planModel->setPlan(shownPlan(plan));
    m_planModel->setObjectChanges(plan.objectChanges);
    createPlanView();

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

void ApplyReviewDialog::createPlanView()
{
    m_planView = new QTableView(this);
    m_planView->setObjectName(QStringLiteral("applyPlanView"));
    setUpPlanView(m_planView, m_planModel);
    // What a reviewer checks: per unit, the objects that change; label hashes say nothing to a person.
    m_planView->setColumnWidth(CopyPlanModel::TitleColumn, 230);
    m_planView->setColumnWidth(CopyPlanModel::ActionColumn, 80);
    m_planView->setColumnWidth(CopyPlanModel::ObjectChangesColumn, 330);
    m_planView->setColumnHidden(CopyPlanModel::SourceLabelColumn, true);
    m_planView->setColumnHidden(CopyPlanModel::TargetLabelColumn, true);
    m_planView->horizontalHeader()->moveSection(CopyPlanModel::ObjectChangesColumn, 2);
    m_planView->setMinimumHeight(180);
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
