#include "dialogs/renamebranchdialog.h"

#include "dialogs/branchnameproblem.h"
#include "widgets/noticestyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb {

RenameBranchDialog::RenameBranchDialog(const QString &branch, const QStringList &existingBranches,
                                       QWidget *parent)
    : QDialog(parent), m_branch(branch), m_existing(existingBranches)
{
    setObjectName(QStringLiteral("renameBranchDialog"));
    setWindowTitle(tr("Rename Branch"));

    m_nameEdit = new QLineEdit(branch, this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setMinimumWidth(320);
    m_nameEdit->selectAll();
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    notice::setTextStyle(m_problemLabel, notice::Kind::Error);

    auto *form = new QFormLayout;
    auto *current = new QLabel(branch, this);
    current->setTextFormat(Qt::PlainText);
    form->addRow(tr("Branch:"), current);
    form->addRow(tr("&New name:"), m_nameEdit);
    form->addRow(QString(), m_problemLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Rename"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &RenameBranchDialog::revalidate);
    revalidate();
}

QString RenameBranchDialog::newName() const
{
    return m_nameEdit->text();
}

QString RenameBranchDialog::problem() const
{
    if (newName() == m_branch)
        return tr("Type a new name");
    return branchNameProblem(newName(), m_existing, BranchNameRule::MustBeNew);
}

void RenameBranchDialog::revalidate()
{
    const QString reason = problem();
    m_problemLabel->setText(reason);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reason.isEmpty());
}

} // namespace lb
