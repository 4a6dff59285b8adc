#pragma once

#include "diff/branchdiff.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QToolButton;

namespace lb {

// The row of coloured count chips at the top of the compare view: one per diff status, plus totals. A chip
// is also a filter: a click shows only its status (a second click shows all again), Ctrl+click adds or
// removes its status to those shown.
class DiffSummaryBar : public QWidget
{
    Q_OBJECT
public:
    explicit DiffSummaryBar(QWidget *parent = nullptr);

    void setSummary(const DiffSummary &summary);
    void clear();
    // The count a chip shows; -1 when no summary is shown.
    int shownCount(DiffStatus status) const;
    QString chipText(DiffStatus status) const;
    QToolButton *chip(DiffStatus status) const { return m_chips.value(int(status)); }

    // The statuses whose chips are pressed; empty when every status is shown.
    QList<DiffStatus> chosenStatuses() const;
    // Presses exactly the chips of `statuses`, without emitting statusesChosen().
    void setChosenStatuses(const QList<DiffStatus> &statuses);

Q_SIGNALS:
    // The user pressed or released a chip; `statuses` is what the list should show (empty: all).
    void statusesChosen(const QList<DiffStatus> &statuses);

private:
    void chipClicked(DiffStatus status);

    QHash<int, QToolButton *> m_chips;
    QHash<int, int> m_counts;
    QLabel *m_totals = nullptr;
};

} // namespace lb
