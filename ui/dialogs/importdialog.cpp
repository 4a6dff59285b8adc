#include "dialogs/importdialog.h"

#include "dialogs/branchnameproblem.h"
#include "widgets/noticestyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb {

ImportDialog::ImportDialog(const QStringList &branches, const QString &targetBranch, QWidget *parent)
    : QDialog(parent), m_branches(branches)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import Encord JSON"));

    auto *intro = new QLabel(tr("Reads a JSON array of Encord label rows (as Encord's export writes it) and "
                                "writes them into a branch as one operation: either every row is imported or "
                                "none is."),
                             this);
    intro->setWordWrap(true);

    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setPlaceholderText(tr("path of a .json file"));
    m_fileEdit->setMinimumWidth(360);
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(browseButton);

    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetCombo"));
    m_targetCombo->setEditable(true);
    m_targetCombo->setInsertPolicy(QComboBox::NoInsert);
    m_targetCombo->addItems(branches);
    m_targetCombo->setCurrentText(targetBranch);

    m_overwriteCheck = new QCheckBox(tr("&Overwrite rows that already exist on the branch"), this);
    m_overwriteCheck->setObjectName(QStringLiteral("overwriteCheck"));
    m_overwriteWarning =
        new QLabel(tr("<b>Destructive:</b> existing rows for the same data units are replaced by "
                      "the imported content. Undo Last Write restores them."),
                   this);
    m_overwriteWarning->setWordWrap(true);
    notice::setBoxStyle(m_overwriteWarning, notice::Kind::Warning, notice::kCompactBoxPadding);

    m_addUnitsCheck = new QCheckBox(tr("&Add data units the project does not have yet"), this);
    m_addUnitsCheck->setObjectName(QStringLiteral("addUnitsCheck"));
    m_addUnitsCheck->setToolTip(tr("A row whose data unit is not in the project adds it, with the type, "
                                   "title and size the row gives, instead of stopping the import. "
                                   "Undo takes the rows back and keeps the data units."));

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    notice::setTextStyle(m_problemLabel, notice::Kind::Error);

    auto *form = new QFormLayout;
    // A row that is a layout gets no buddy from the form: without one the label would show its "&".
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_fileEdit);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("&Target branch:"), m_targetCombo);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_overwriteCheck);
    layout->addWidget(m_overwriteWarning);
    layout->addWidget(m_addUnitsCheck);
    layout->addWidget(m_problemLabel);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_fileEdit, &QLineEdit::textChanged, this, &ImportDialog::revalidate);
    connect(m_targetCombo, &QComboBox::currentTextChanged, this, &ImportDialog::revalidate);
    connect(m_overwriteCheck, &QCheckBox::toggled, this, &ImportDialog::revalidate);
    revalidate();
}

QString ImportDialog::filePath() const
{
    return m_fileEdit->text().trimmed();
}

QString ImportDialog::targetBranch() const
{
    return m_targetCombo->currentText();
}

bool ImportDialog::overwrite() const
{
    return m_overwriteCheck->isChecked();
}

bool ImportDialog::addDataUnits() const
{
    return m_addUnitsCheck->isChecked();
}

QString ImportDialog::problem() const
{
    const QString path = filePath();
    if (path.isEmpty())
        return tr("Choose the JSON file to import");
    const QFileInfo info(path);
    if (!info.exists())
        return tr("File not found: %1").arg(path);
    if (!info.isFile() || !info.isReadable())
        return tr("Cannot read %1").arg(path);
    const QString branchProblem = branchNameProblem(targetBranch(), m_branches, BranchNameRule::MayExist);
    if (!branchProblem.isEmpty())
        return tr("Target: %1").arg(branchProblem);
    return QString();
}

void ImportDialog::setFilePath(const QString &path)
{
    m_fileEdit->setText(path);
}

void ImportDialog::setTargetBranch(const QString &branch)
{
    m_targetCombo->setCurrentText(branch);
}

void ImportDialog::setOverwrite(bool overwrite)
{
    m_overwriteCheck->setChecked(overwrite);
}

void ImportDialog::setAddDataUnits(bool add)
{
    m_addUnitsCheck->setChecked(add);
}

void ImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Encord JSON"), filePath(),
                                                      tr("Encord JSON export (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_fileEdit->setText(path);
}

void ImportDialog::revalidate()
{
    const QString reason = problem();
    m_problemLabel->setText(reason);
    m_overwriteWarning->setVisible(overwrite());
    const bool isNew = !targetBranch().isEmpty() && !m_branches.contains(targetBranch());
    m_targetCombo->setToolTip(isNew ? tr("A new branch: it will be created") : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reason.isEmpty());
}

} // namespace lb
