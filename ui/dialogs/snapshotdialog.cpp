#include "dialogs/snapshotdialog.h"

#include "dialogs/branchnameproblem.h"
#include "widgets/noticestyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb {

SnapshotDialog::SnapshotDialog(const QString &source, const QString &proposedName,
                               const QStringList &existingBranches, QWidget *parent)
    : QDialog(parent), m_source(source), m_existing(existingBranches)
{
    setObjectName(QStringLiteral("snapshotDialog"));
    setWindowTitle(tr("Take Snapshot"));

    auto *intro = new QLabel(tr("Copies every initialised label row of <b>%1</b> to a new branch. "
                                "The snapshot runs as a job and can be undone.")
                                 .arg(source.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);

    m_nameEdit = new QLineEdit(proposedName, this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setMinimumWidth(320);
    m_nameEdit->selectAll();

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    notice::setTextStyle(m_problemLabel, notice::Kind::Error);

    auto *form = new QFormLayout;
    auto *sourceLabel = new QLabel(source, this);
    sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Source branch:"), sourceLabel);
    form->addRow(tr("Snapshot &name:"), m_nameEdit);
    form->addRow(QString(), m_problemLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Take Snapshot"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &SnapshotDialog::revalidate);
    revalidate();
}

QString SnapshotDialog::name() const
{
    return m_nameEdit->text();
}

QString SnapshotDialog::problem() const
{
    return branchNameProblem(name(), m_existing, BranchNameRule::MustBeNew);
}

void SnapshotDialog::revalidate()
{
    const QString reason = problem();
    m_problemLabel->setText(reason);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reason.isEmpty());
}

} // namespace lb
