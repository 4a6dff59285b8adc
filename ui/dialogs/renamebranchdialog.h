#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace lb {

// Asks for a branch's new name, validated as it is typed (the domain rules and "already exists").
class RenameBranchDialog : public QDialog
{
    Q_OBJECT
public:
    RenameBranchDialog(const QString &branch, const QStringList &existingBranches, QWidget *parent = nullptr);

    QString branch() const { return m_branch; }
    QString newName() const;
    QString problem() const;

private:
    void revalidate();

    QString m_branch;
    QStringList m_existing;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lb
