#include "tabs/diffsummarybar.h"

#include "widgets/diffpalette.h"
#include "widgets/flowlayout.h"

#include <QLabel>
#include <QVBoxLayout>

namespace lb {

namespace {

const DiffStatus kStatuses[] = {DiffStatus::Identical,    DiffStatus::ChangedSameCount,
                                DiffStatus::CountDiffers, DiffStatus::OnlyInSource,
                                DiffStatus::OnlyInTarget, DiffStatus::UninitialisedOnBoth};

// Short names; the tooltip has the full one.
QString chipLabel(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Identical:
        return DiffSummaryBar::tr("Identical");
    case DiffStatus::ChangedSameCount:
        return DiffSummaryBar::tr("Changed");
    case DiffStatus::CountDiffers:
        return DiffSummaryBar::tr("Count differs");
    case DiffStatus::OnlyInSource:
        return DiffSummaryBar::tr("Only source");
    case DiffStatus::OnlyInTarget:
        return DiffSummaryBar::tr("Only target");
    case DiffStatus::UninitialisedOnBoth:
        return DiffSummaryBar::tr("Uninit. both");
    }
    return QString();
}

} // namespace

DiffSummaryBar::DiffSummaryBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("diffSummaryBar"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(4);
    // Chips wrap onto a second line in a narrow window rather than being squeezed.
    auto *layout = new FlowLayout(nullptr, 6, 4);
    outer->addLayout(layout);
    for (DiffStatus status : kStatuses) {
        auto *chip = new QLabel(this);
        chip->setObjectName(QStringLiteral("chip-") + diffStatusName(status));
        chip->setTextFormat(Qt::PlainText);
        const QColor fg = diffpalette::statusColor(status);
        const QColor bg = diffpalette::statusBackground(status);
        chip->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid %1; "
                                           "border-radius: 9px; padding: 2px 8px; font-weight: 600; }")
                                .arg(fg.name(), bg.name()));
        chip->setToolTip(diffStatusDisplay(status));
        chip->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        layout->addWidget(chip);
        m_chips.insert(int(status), chip);
    }
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("diffTotals"));
    m_totals->setTextFormat(Qt::PlainText);
    outer->addWidget(m_totals);
    clear();
}

void DiffSummaryBar::setSummary(const DiffSummary &summary)
{
    for (DiffStatus status : kStatuses) {
        const int count = summary.count(status);
        m_counts.insert(int(status), count);
        m_chips.value(int(status))->setText(QStringLiteral("%1  %2").arg(chipLabel(status)).arg(count));
        m_chips.value(int(status))->setVisible(true);
    }
    m_totals->setText(tr("%1 data units compared · %2 differ · objects %3 → %4")
                          .arg(summary.total)
                          .arg(summary.differences())
                          .arg(summary.sourceObjects)
                          .arg(summary.targetObjects));
}

void DiffSummaryBar::clear()
{
    m_counts.clear();
    for (QLabel *chip : std::as_const(m_chips))
        chip->setVisible(false);
    m_totals->setText(tr("Choose a source and a target branch, then Compare."));
}

int DiffSummaryBar::shownCount(DiffStatus status) const
{
    return m_counts.value(int(status), -1);
}

QString DiffSummaryBar::chipText(DiffStatus status) const
{
    return m_chips.value(int(status))->text();
}

} // namespace lb
