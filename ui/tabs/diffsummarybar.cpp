#include "tabs/diffsummarybar.h"

#include "widgets/diffpalette.h"
#include "widgets/flowlayout.h"

#include <QApplication>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>
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
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("chip-") + diffStatusName(status));
        chip->setCheckable(true);
        chip->setFocusPolicy(Qt::TabFocus);
        const QColor fg = diffpalette::statusColor(status);
        const QColor bg = diffpalette::statusBackground(status);
        // Pressed, a chip takes its colour as background; focus gets a thicker border.
        chip->setStyleSheet(
            QStringLiteral(
                "QToolButton { color: %1; background: %2; border: 1px solid %1; border-radius: 9px; "
                "padding: 2px 8px; font-weight: 600; }"
                "QToolButton:checked { color: %2; background: %1; }"
                "QToolButton:focus { border: 2px solid palette(highlight); }")
                .arg(fg.name(), bg.name()));
        chip->setToolTip(tr("%1: click to show only these data units, again to show all; Ctrl+click to "
                            "add them to those shown")
                             .arg(diffStatusDisplay(status)));
        chip->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        connect(chip, &QToolButton::clicked, this, [this, status] { chipClicked(status); });
        layout->addWidget(chip);
        m_chips.insert(int(status), chip);
    }
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("diffTotals"));
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setWordWrap(true);
    outer->addWidget(m_totals);
    clear();
}

void DiffSummaryBar::setSummary(const DiffSummary &summary)
{
    for (DiffStatus status : kStatuses) {
        const int count = summary.count(status);
        m_counts.insert(int(status), count);
        m_chips.value(int(status))
            ->setText(QStringLiteral("%1  %2").arg(chipLabel(status), QLocale().toString(count)));
        m_chips.value(int(status))->setVisible(true);
    }
    m_totals->setText(tr("%1 data units compared · %2 differ · objects %3 → %4")
                          .arg(QLocale().toString(summary.total), QLocale().toString(summary.differences()),
                               QLocale().toString(summary.sourceObjects),
                               QLocale().toString(summary.targetObjects)));
}

void DiffSummaryBar::clear()
{
    m_counts.clear();
    for (QToolButton *chip : std::as_const(m_chips))
        chip->setVisible(false);
    m_totals->setText(tr("Choose a source and a target branch, then Compare."));
}

QList<DiffStatus> DiffSummaryBar::chosenStatuses() const
{
    QList<DiffStatus> chosen;
    for (DiffStatus status : kStatuses) {
        if (m_chips.value(int(status))->isChecked())
            chosen.append(status);
    }
    return chosen;
}

void DiffSummaryBar::setChosenStatuses(const QList<DiffStatus> &statuses)
{
    for (DiffStatus status : kStatuses) {
        QToolButton *chip = m_chips.value(int(status));
        const QSignalBlocker quiet(chip);
        chip->setChecked(statuses.contains(status));
    }
}

void DiffSummaryBar::chipClicked(DiffStatus status)
{
    // The click has toggled the chip already. Without Ctrl it stands alone, or, when it alone was
    // pressed, every status is shown again.
    if (!(QApplication::keyboardModifiers() & Qt::ControlModifier)) {
        const bool wasAlone = !m_chips.value(int(status))->isChecked() && chosenStatuses().isEmpty();
        setChosenStatuses(wasAlone ? QList<DiffStatus>{} : QList<DiffStatus>{status});
    }
    Q_EMIT statusesChosen(chosenStatuses());
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
