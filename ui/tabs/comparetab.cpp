#include "tabs/comparetab.h"

#include "delegates/diffcelldelegate.h"
#include "items/branchdiffmodel.h"
#include "tabs/branchpairpicker.h"
#include "tabs/diffsummarybar.h"
#include "tabs/drilldownpane.h"
#include "widgets/icons.h"
#include "widgets/noticestyle.h"

#include <algorithm>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

CompareTab::CompareTab(BranchDiffModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("compareTab"));

    QHBoxLayout *pairRow = createPairRow();

    m_summary = new DiffSummaryBar(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    QHBoxLayout *filterRow = createFilterRow();

    createView();

    // The table above, the selected data unit's overlay and objects below; both stay usable at any split.
    m_drillDown = new DrillDownPane(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("compareSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_drillDown);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->restoreState(QSettings().value(QStringLiteral("compare/splitter")).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(QStringLiteral("compare/splitter"), m_splitter->saveState()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(pairRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_pair->swapButton(), m_compareButton);
    setTabOrder(m_compareButton, m_onlyDifferences);
    setTabOrder(m_onlyDifferences, m_filterEdit);
    setTabOrder(m_filterEdit, m_view);

    connect(m_model, &BranchDiffModel::comparisonChanged, this, &CompareTab::fitColumns);
    // A new order or filter keeps the data unit the reviewer is on, wherever it moved.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_currentUnit = m_model->unitAt(m_view->currentIndex().row()); });
    connect(m_model, &BranchDiffModel::rowsReplaced, this, &CompareTab::keepCurrentUnit);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                const QString dataHash = index.data(BranchDiffModel::DataHashRole).toString();
                showDrillDown(dataHash);
                Q_EMIT currentDataUnitChanged(dataHash);
            });
    // A new diff replaces the rows: whatever the drill-down showed belongs to the old one.
    connect(m_model, &BranchDiffModel::comparisonChanged, m_drillDown, &DrillDownPane::clear);
    clear();
}

QHBoxLayout *CompareTab::createPairRow()
{
    m_pair = new BranchPairPicker(QStringLiteral("compare"), QStringLiteral("swapButton"),
                                  tr("Deltas are target − source"), this);
    connect(m_pair, &BranchPairPicker::swapClicked, this, &CompareTab::swap);
    connect(m_pair, &BranchPairPicker::pairEdited, this, &CompareTab::compareNow);
    m_compareButton = new QPushButton(icons::compare(), tr("&Compare"), this);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    connect(m_compareButton, &QPushButton::clicked, this, &CompareTab::compareNow);

    auto *pairRow = new QHBoxLayout;
    pairRow->addWidget(m_pair);
    pairRow->addWidget(m_compareButton);
    pairRow->addStretch(1);
    return pairRow;
}

QHBoxLayout *CompareTab::createFilterRow()
{
    m_onlyDifferences = new QCheckBox(tr("Only &differences"), this);
    m_onlyDifferences->setObjectName(QStringLiteral("onlyDifferencesCheck"));
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("compareFilter"));
    m_filterEdit->setPlaceholderText(tr("data title or hash"));
    m_filterEdit->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filterEdit);
    auto *previousButton = new QToolButton(this);
    previousButton->setText(tr("◀ &Previous"));
    previousButton->setToolTip(tr("Previous difference (p, Shift+F7)"));
    auto *nextButton = new QToolButton(this);
    nextButton->setText(tr("&Next ▶"));
    nextButton->setToolTip(tr("Next difference (n, F7)"));
    connect(previousButton, &QToolButton::clicked, this, &CompareTab::goToPreviousDifference);
    connect(nextButton, &QToolButton::clicked, this, &CompareTab::goToNextDifference);
    connect(m_onlyDifferences, &QCheckBox::toggled, m_model, &BranchDiffModel::setOnlyDifferences);
    // A chip of a status that is no difference shows nothing while only differences are listed.
    connect(m_summary, &DiffSummaryBar::statusesChosen, this, [this](const QList<DiffStatus> &statuses) {
        if (std::any_of(statuses.cbegin(), statuses.cend(),
                        [](DiffStatus status) { return !diffStatusIsDifference(status); }))
            m_onlyDifferences->setChecked(false);
        m_model->setStatusFilter(statuses);
    });
    connect(m_onlyDifferences, &QCheckBox::toggled, this, [this](bool only) {
        QList<DiffStatus> chosen = m_summary->chosenStatuses();
        if (only && chosen.removeIf([](DiffStatus status) { return !diffStatusIsDifference(status); }) > 0) {
            m_summary->setChosenStatuses(chosen);
            m_model->setStatusFilter(chosen);
        }
    });
    connect(m_filterEdit, &QLineEdit::textChanged, m_model, &BranchDiffModel::setTextFilter);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_onlyDifferences);
    filterRow->addSpacing(12);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addSpacing(12);
    filterRow->addWidget(previousButton);
    filterRow->addWidget(nextButton);
    return filterRow;
}

void CompareTab::createView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("compareView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new DiffCellDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setAccessibleName(tr("Differences per data unit"));
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the diff's own order (by title) until the user sorts

    // n / p only while the table has focus, so they can still be typed into the filter field.
    auto *next = new QShortcut(QKeySequence(Qt::Key_N), m_view, nullptr, nullptr, Qt::WidgetShortcut);
    auto *previous = new QShortcut(QKeySequence(Qt::Key_P), m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(next, &QShortcut::activated, this, &CompareTab::goToNextDifference);
    connect(previous, &QShortcut::activated, this, &CompareTab::goToPreviousDifference);
}

void CompareTab::keepCurrentUnit()
{
    const int row = m_currentUnit != 0 ? m_model->rowOfUnit(m_currentUnit) : -1;
    if (row < 0) {
        m_drillDown->clear();
        return;
    }
    const QModelIndex index = m_model->index(row, BranchDiffModel::TitleColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void CompareTab::setJobManager(JobManager *jobs)
{
    m_drillDown->setJobManager(jobs);
}

void CompareTab::showDrillDown(const QString &dataHash)
{
    const int row = dataHash.isEmpty() ? -1 : m_model->rowOfDataHash(dataHash);
    const DiffEntry *entry = row >= 0 ? m_model->entryAt(row) : nullptr;
    if (!entry) {
        m_drillDown->clear();
        return;
    }
    m_drillDown->showDataUnit(*entry, m_model->sourceBranch(), m_model->targetBranch());
}

void CompareTab::setBranches(const QStringList &branches)
{
    m_pair->setBranches(branches, BranchPairPicker::Fallback::PickTwo);
}

void CompareTab::setPair(const QString &source, const QString &target)
{
    m_pair->setPair(source, target);
    compareNow();
}

QString CompareTab::source() const
{
    return m_pair->source();
}

QString CompareTab::target() const
{
    return m_pair->target();
}

void CompareTab::swap()
{
    setPair(target(), source());
}

void CompareTab::compareNow()
{
    if (source().isEmpty() || target().isEmpty())
        return;
    if (source() == target()) {
        showError(tr("Choose two different branches to compare."));
        return;
    }
    Q_EMIT compareRequested(source(), target());
}

void CompareTab::showRunning()
{
    notice::setTextStyle(m_status, notice::Kind::Info);
    m_status->setText(tr("Comparing %1 → %2…").arg(source(), target()));
}

void CompareTab::showDiff()
{
    const DiffSummary &summary = m_model->summary();
    m_summary->setSummary(summary);
    notice::setTextStyle(m_status, notice::Kind::Info);
    m_status->setText(
        tr("Deltas are target − source: green = more objects on %1, red = fewer, amber = same count "
           "but different labels.")
            .arg(m_model->targetBranch()));
}

void CompareTab::showError(const QString &message)
{
    notice::setTextStyle(m_status, notice::Kind::Error);
    m_status->setText(message);
}

void CompareTab::clear()
{
    m_drillDown->clear();
    m_summary->clear();
    notice::setTextStyle(m_status, notice::Kind::Info);
    m_status->setText(QString());
}

QString CompareTab::statusText() const
{
    return m_status->text();
}

void CompareTab::goToNextDifference()
{
    goToDifference(true);
}

void CompareTab::goToPreviousDifference()
{
    goToDifference(false);
}

void CompareTab::goToDifference(bool next)
{
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    const int row = next ? m_model->nextDifferenceRow(from) : m_model->previousDifferenceRow(from);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, BranchDiffModel::TitleColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
    m_view->setFocus();
}

void CompareTab::fitColumns()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(BranchDiffModel::TitleColumn,
                           metrics.horizontalAdvance(QStringLiteral("drive-07/cam-front/000123.jpg")) + 24);
    for (int column = BranchDiffModel::SourceCountColumn; column <= BranchDiffModel::DeltaColumn; ++column) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(metrics.horizontalAdvance(header) + 30, 70));
    }
    m_view->setColumnWidth(BranchDiffModel::StatusColumn,
                           metrics.horizontalAdvance(diffStatusDisplay(DiffStatus::UninitialisedOnBoth)) +
                               24);
    for (int column = BranchDiffModel::FirstClassColumn; column < m_model->columnCount(); ++column) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(metrics.horizontalAdvance(header) + 24, 56));
    }
}

} // namespace lb
