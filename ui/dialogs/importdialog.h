#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace lb {

// Import an Encord JSON export (an array of label rows) into a branch. Only collects the choices; the file is
// parsed and written by a job so a large export never freezes the window.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const QStringList &branches, const QString &targetBranch, QWidget *parent = nullptr);

    QString filePath() const;
    QString targetBranch() const;
    bool overwrite() const;
    bool addDataUnits() const;
    QString problem() const;

    void setFilePath(const QString &path);
    void setTargetBranch(const QString &branch);
    void setOverwrite(bool overwrite);
    void setAddDataUnits(bool add);

private:
    void browse();
    void revalidate();

    QStringList m_branches;
    QLineEdit *m_fileEdit = nullptr;
    QComboBox *m_targetCombo = nullptr;
    QCheckBox *m_overwriteCheck = nullptr;
    QLabel *m_overwriteWarning = nullptr;
    QCheckBox *m_addUnitsCheck = nullptr;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lb
