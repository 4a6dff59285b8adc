#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace lb {

// Asks for the name of a snapshot branch of `source`. Starts from the engine's proposal (a unique
// export-YYYY-MM-DD) and re-validates on every keystroke; OK stays disabled, with the reason shown, while the
// name cannot be used.
class SnapshotDialog : public QDialog
{
    Q_OBJECT
public:
    SnapshotDialog(const QString &source, const QString &proposedName, const QStringList &existingBranches,
                   QWidget *parent = nullptr);

    QString source() const { return m_source; }
    QString name() const;
    QString problem() const; // empty while the name is valid

private:
    void revalidate();

    QString m_source;
    QStringList m_existing;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lb
