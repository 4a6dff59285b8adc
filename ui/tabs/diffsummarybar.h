#pragma once

#include "diff/branchdiff.h"

#include <QHash>
#include <QWidget>

class QLabel;

namespace lb {

// The row of coloured count chips at the top of the compare view: one per diff status, plus totals.
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

private:
    QHash<int, QLabel *> m_chips;
    QHash<int, int> m_counts;
    QLabel *m_totals = nullptr;
};

} // namespace lb
