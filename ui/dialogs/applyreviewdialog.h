#pragma once

#include "engine/reviewitem.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QTableView;

namespace lb {

class CopyPlanModel;

// Confirms "apply approved" of a review: the dry-run plan of the sync of exactly the approved, up-to-date
// data units, what is left out (rejected, undecided, stale) and a warning when the sync overwrites edits made
// on the target since a copy. Accepting it is the go-ahead; the owner runs the apply.
class ApplyReviewDialog : public QDialog
{
    Q_OBJECT
public:
    // `overwrittenTitles` names the approved units whose target rows changed since a copy (shown in the
    // warning).
    explicit ApplyReviewDialog(const ApplyReviewPlan &plan,
                               const QStringList &overwrittenTitles = QStringList(),
                               QWidget *parent = nullptr);

    const ApplyReviewPlan &plan() const { return m_plan; }
    QString summaryText() const;
    QString warningText() const; // empty when nothing of the target's own edits is overwritten
    int planRowCount() const;

private:
    void createPlanView();

    ApplyReviewPlan m_plan;
    QLabel *m_summary = nullptr;
    QLabel *m_warning = nullptr;
    CopyPlanModel *m_planModel = nullptr;
    QTableView *m_planView = nullptr;
};

} // namespace lb
