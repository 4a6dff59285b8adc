#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace lb {

// "Source: [branch] → Target: [branch] [Swap]" as the Compare and Review tabs show it. Choices made in code
// (setBranches, setPair) are quiet; only the user's choice of another branch emits pairEdited.
class BranchPairPicker : public QWidget
{
    Q_OBJECT
public:
    // What a side shows when its branch is gone after setBranches.
    enum class Fallback
    {
        LeaveEmpty, // nothing: the caller decides what to show
        PickTwo,    // main (or the first branch) as source, another branch as target
    };

    // `objectNamePrefix` names the combo boxes (e.g. "compare" gives compareSourceCombo, compareTargetCombo).
    BranchPairPicker(const QString &objectNamePrefix, const QString &swapObjectName,
                     const QString &arrowToolTip, QWidget *parent = nullptr);

    QString source() const;
    QString target() const;
    void setBranches(const QStringList &branches, Fallback fallback);
    void setPair(const QString &source, const QString &target);

    QComboBox *sourceCombo() const { return m_sourceCombo; }
    QComboBox *targetCombo() const { return m_targetCombo; }
    QToolButton *swapButton() const { return m_swapButton; }

Q_SIGNALS:
    void pairEdited();
    void swapClicked();

private:
    QComboBox *m_sourceCombo = nullptr;
    QComboBox *m_targetCombo = nullptr;
    QToolButton *m_swapButton = nullptr;
    bool m_quiet = false;
};

} // namespace lb
