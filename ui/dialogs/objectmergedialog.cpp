#include "dialogs/objectmergedialog.h"

#include "widgets/noticestyle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb {

ObjectMergeDialog::ObjectMergeDialog(const MergeRequest &request, const MergePlan &plan, QWidget *parent)
    : QDialog(parent), m_request(request), m_plan(plan)
{
    setObjectName(QStringLiteral("objectMergeDialog"));
    setWindowTitle(tr("Merge Chosen Objects"));
    m_summary = new QLabel(summaryText(), this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    if (plan.hasConflicts())
        notice::setTextStyle(m_summary, notice::Kind::Error);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("objectMergePlan"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Data unit / object"), tr("What the merge does")});
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    fillTree();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_mergeButton =
        buttons->addButton(tr("&Merge into “%1”").arg(plan.targetBranch), QDialogButtonBox::AcceptRole);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_mergeButton->setEnabled(!plan.hasConflicts() && plan.toWrite > 0);
    m_mergeButton->setDefault(m_mergeButton->isEnabled());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(760, 420);
}

QString ObjectMergeDialog::summaryText() const
{
    if (m_plan.hasConflicts())
        return (m_plan.conflicts == 1 ? tr("1 object changed")
                                      : tr("%1 objects changed").arg(m_plan.conflicts)) +
               tr(" on both branches since the copy, differently: choose the source's (s) or the target's "
                  "(t), "
                  "then merge again.");
    if (m_plan.toWrite == 0)
        return tr("Nothing to merge: the chosen objects are already as “%1” has them.")
            .arg(m_plan.targetBranch);
    const QString units =
        m_plan.toWrite == 1 ? tr("1 data unit rewritten") : tr("%1 data units rewritten").arg(m_plan.toWrite);
    return tr("Merge the chosen objects of “%1” into “%2”: %3, every other object as the target has it. "
              "Edit ▸ Undo Last Write restores the target afterwards.")
        .arg(m_plan.sourceBranch, m_plan.targetBranch, units);
}

void ObjectMergeDialog::fillTree()
{
    const QColor conflict(notice::textColour(notice::Kind::Error));
    for (const UnitMergePlan &unit : m_plan.units) {
        auto *unitItem = new QTreeWidgetItem(m_tree);
        unitItem->setText(0, unit.dataTitle.isEmpty() ? unit.dataHash : unit.dataTitle);
        unitItem->setToolTip(0, unit.dataHash);
        unitItem->setText(1, unit.writes ? tr("rewritten on the target") : tr("stays as it is"));
        for (const MergeEntry &entry : unit.entries) {
            auto *item = new QTreeWidgetItem(unitItem);
            const QString name = entry.classification ? tr("classification %1").arg(entry.hash)
                                                      : tr("object %1").arg(entry.hash);
            item->setText(0, entry.sourceHash.isEmpty() || entry.sourceHash == entry.hash
                                 ? name
                                 : tr("%1 (source %2)").arg(name, entry.sourceHash));
            item->setText(1, entry.describe());
            if (entry.outcome == MergeOutcome::Conflict) {
                item->setForeground(0, conflict);
                item->setForeground(1, conflict);
            }
        }
        unitItem->setExpanded(true);
    }
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

} // namespace lb
