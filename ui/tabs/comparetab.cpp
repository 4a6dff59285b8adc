#include "tabs/comparetab.h"

#include "delegates/diffcelldelegate.h"
#include "items/branchdiffmodel.h"
#include "items/reviewlistmodel.h"
#include "tabs/branchpairpicker.h"
#include "tabs/comparefilterbanner.h"
#include "tabs/diffsummarybar.h"
#include "tabs/drilldownpane.h"
#include "tabs/objectmergecontroller.h"
#include "tabs/reviewtab.h"
#include "widgets/icons.h"
#include "widgets/noticestyle.h"

#include <algorithm>
#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb {

namespace {

const QString kSplitterKey = QStringLiteral("workspace/splitter");
const QString kListSplitterKey = QStringLiteral("workspace/listSplitter");

} // namespace

CompareTab::CompareTab(BranchDiffModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("compareTab"));
    createPairRow();
    m_drillDown = new DrillDownPane(this);

    // The list column on the left (units above, the selected unit's objects below), the canvas on the right.
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("workspaceSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createListColumn());
    m_splitter->addWidget(createCentre());
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_pairRow);
    layout->addWidget(m_splitter, 1);
    createActions();
    restoreSplitters();

    setTabOrder(m_pair->swapButton(), m_compareButton);
    setTabOrder(m_compareButton, m_reviewButton);
    setTabOrder(m_reviewButton, m_onlyDifferences);
    setTabOrder(m_onlyDifferences, m_filterEdit);
    setTabOrder(m_filterEdit, m_view);

    connect(m_model, &BranchDiffModel::comparisonChanged, this, &CompareTab::fitColumns);
    // A new order or filter keeps the data unit the reviewer is on, wherever it moved.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_currentUnit = m_model->unitAt(m_view->currentIndex().row()); });
    connect(m_model, &BranchDiffModel::rowsReplaced, this, &CompareTab::keepCurrentUnit);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                if (isReviewMode())
                    return;
                const QString dataHash = index.data(BranchDiffModel::DataHashRole).toString();
                showDrillDown(dataHash);
                Q_EMIT currentDataUnitChanged(dataHash);
            });
    // A new diff replaces the rows: whatever the drill-down showed belongs to the old one.
    connect(m_model, &BranchDiffModel::comparisonChanged, this, [this] {
        if (!isReviewMode())
            m_drillDown->clear();
    });
    clear();
}

void CompareTab::createPairRow()
{
    m_pairRow = new QWidget(this);
    m_pairRow->setObjectName(QStringLiteral("workspacePairRow"));
    m_pair = new BranchPairPicker(QStringLiteral("compare"), QStringLiteral("swapButton"),
                                  tr("Deltas are target − source; a review applies source onto target"),
                                  m_pairRow);
    connect(m_pair, &BranchPairPicker::swapClicked, this, &CompareTab::swap);
    connect(m_pair, &BranchPairPicker::pairEdited, this, &CompareTab::compareNow);
    m_compareButton = new QPushButton(icons::compare(), tr("&Compare"), m_pairRow);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setToolTip(tr("Compare the two branches again (and list their review in review mode)"));
    connect(m_compareButton, &QPushButton::clicked, this, &CompareTab::compareNow);
    m_reviewButton = new QToolButton(m_pairRow);
    m_reviewButton->setObjectName(QStringLiteral("reviewModeButton"));
    m_reviewButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *row = new QHBoxLayout(m_pairRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_pair);
    row->addWidget(m_compareButton);
    row->addWidget(m_reviewButton);
    row->addStretch(1);
}

QWidget *CompareTab::createListColumn()
{
    m_comparePanel = new QWidget(this);
    m_summary = new DiffSummaryBar(m_comparePanel);
    m_status = new QLabel(m_comparePanel);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    createView();
    auto *compareLayout = new QVBoxLayout(m_comparePanel);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareLayout->setSpacing(2);
    compareLayout->addWidget(m_summary);
    compareLayout->addWidget(m_status);
    compareLayout->addWidget(createFilterRow(m_comparePanel));
    m_filterBanner = new CompareFilterBanner(m_model, m_comparePanel);
    compareLayout->addWidget(m_filterBanner);
    compareLayout->addWidget(m_view, 1);

    // Compare list or review list; both keep their own selection, and switching carries the unit over.
    m_listStack = new QStackedWidget(this);
    m_listStack->addWidget(m_comparePanel);

    m_listSplitter = new QSplitter(Qt::Vertical, this);
    m_listSplitter->setObjectName(QStringLiteral("workspaceListSplitter"));
    m_listSplitter->setChildrenCollapsible(false);
    m_listSplitter->addWidget(m_listStack);
    m_listSplitter->addWidget(m_drillDown->objectPanel());
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 2);
    m_listColumn = m_listSplitter;
    m_listColumn->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 34);
    return m_listColumn;
}

QWidget *CompareTab::createFilterRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_onlyDifferences = new QCheckBox(tr("Only &differences"), row);
    m_onlyDifferences->setObjectName(QStringLiteral("onlyDifferencesCheck"));
    m_filterEdit = new QLineEdit(row);
    m_filterEdit->setObjectName(QStringLiteral("compareFilter"));
    m_filterEdit->setPlaceholderText(tr("data title or hash"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 8);
    auto *filterLabel = new QLabel(tr("F&ilter:"), row);
    filterLabel->setBuddy(m_filterEdit);
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

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_onlyDifferences);
    layout->addSpacing(6);
    layout->addWidget(filterLabel);
    layout->addWidget(m_filterEdit, 1);
    return row;
}

void CompareTab::createView()
{
    m_view = new QTableView(m_comparePanel);
    m_view->setObjectName(QStringLiteral("compareView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new DiffCellDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the list instead of moving the selected unit
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setAccessibleName(tr("Differences per data unit"));
    m_view->setToolTip(tr("Deltas are target − source: green = more objects on the target, red = fewer, "
                          "amber = same count but different labels. n / p: next / previous difference."));
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the diff's own order (by title) until the user sorts
    // In a narrow list what differs comes right after the title; the counts follow.
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->horizontalHeader()->moveSection(BranchDiffModel::StatusColumn, 1);
    m_view->horizontalHeader()->moveSection(BranchDiffModel::DeltaColumn, 2);
}

QWidget *CompareTab::createCentre()
{
    m_centre = new QWidget(this);
    auto *layout = new QVBoxLayout(m_centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_drillDown, 1);
    return m_centre;
}

void CompareTab::setReviewPanel(ReviewTab *review)
{
    m_review = review;
    m_listStack->addWidget(review);
    review->decisionBar()->hide();
    m_centre->layout()->addWidget(review->decisionBar());
    connect(review, &ReviewTab::currentDataUnitChanged, this, [this](const QString &dataHash) {
        if (!isReviewMode())
            return;
        showReviewDrillDown(dataHash);
        // The compare list follows, so what watches it (the class chart) shows the same unit.
        selectCompareRow(dataHash);
        Q_EMIT currentDataUnitChanged(dataHash);
    });
    connect(review, &ReviewTab::decisionsSaved, this, &CompareTab::showObjectVerdicts);
    connect(m_drillDown, &DrillDownPane::loaded, this, &CompareTab::showObjectVerdicts);
    connect(review->model(), &QAbstractItemModel::modelReset, this, &CompareTab::updateReviewActions);
    connect(review->model(), &ReviewListModel::progressChanged, this, &CompareTab::updateReviewActions);
    updateReviewActions();
}

void CompareTab::restoreSplitters()
{
    const QSettings settings;
    const int list = fontMetrics().horizontalAdvance(QLatin1Char('x')) * 46;
    m_splitter->setSizes({list, 4 * list});
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_listSplitter->setSizes({600, 300});
    m_listSplitter->restoreState(settings.value(kListSplitterKey).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(kSplitterKey, m_splitter->saveState()); });
    connect(m_listSplitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(kListSplitterKey, m_listSplitter->saveState()); });
}

void CompareTab::keepCurrentUnit()
{
    const int row = m_currentUnit != 0 ? m_model->rowOfUnit(m_currentUnit) : -1;
    if (row < 0) {
        if (!isReviewMode())
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

void CompareTab::showReviewDrillDown(const QString &dataHash)
{
    const ReviewListModel *model = m_review->model();
    const ReviewItem *item = dataHash.isEmpty() ? nullptr : model->itemAt(model->rowOfDataHash(dataHash));
    if (!item) {
        m_drillDown->clear();
        return;
    }
    m_drillDown->showDataUnit(item->diff, model->sourceBranch(), model->targetBranch());
}

void CompareTab::setBranches(const QStringList &branches)
{
    m_pair->setBranches(branches, BranchPairPicker::Fallback::PickTwo);
    if (m_review)
        m_review->setBranches(branches);
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
    m_objectMerge->setPair(source(), target());
    Q_EMIT compareRequested(source(), target());
    if (isReviewMode())
        m_review->setPair(source(), target());
}

void CompareTab::showRunning()
{
    notice::setTextStyle(m_status, notice::Kind::Info);
    m_status->setText(tr("Comparing %1 → %2…").arg(source(), target()));
    m_status->show();
}

void CompareTab::showDiff()
{
    m_summary->setSummary(m_model->summary());
    m_status->clear();
    m_status->hide();
}

void CompareTab::showError(const QString &message)
{
    notice::setTextStyle(m_status, notice::Kind::Error);
    m_status->setText(message);
    m_status->show();
}

void CompareTab::clear()
{
    m_drillDown->clear();
    m_summary->clear();
    notice::setTextStyle(m_status, notice::Kind::Info);
    m_status->clear();
    m_status->hide();
}

QString CompareTab::statusText() const
{
    return m_status->text();
}

bool CompareTab::isReviewMode() const
{
    return m_review && m_listStack->currentWidget() == m_review;
}

QString CompareTab::currentDataHash() const
{
    if (isReviewMode())
        return m_review->currentDataHash();
    return m_view->currentIndex().data(BranchDiffModel::DataHashRole).toString();
}

void CompareTab::setReviewMode(bool on)
{
    if (!m_review || on == isReviewMode()) {
        m_reviewModeAction->setChecked(isReviewMode());
        return;
    }
    const QString current = currentDataHash();
    m_reviewModeAction->setChecked(on);
    m_listStack->setCurrentWidget(on ? static_cast<QWidget *>(m_review) : m_comparePanel);
    m_review->decisionBar()->setVisible(on);
    if (on) {
        const bool samePair = m_review->source() == source() && m_review->target() == target();
        if (!source().isEmpty() && !target().isEmpty() && source() != target() &&
            (!samePair || !m_review->hasListing()))
            m_review->setPair(source(), target());
        if (!current.isEmpty())
            m_review->selectDataHash(current);
        showReviewDrillDown(m_review->currentDataHash());
        m_review->view()->setFocus();
    } else {
        selectCompareRow(current);
        showDrillDown(currentDataHash());
        m_view->setFocus();
    }
    updateReviewActions();
    Q_EMIT currentDataUnitChanged(currentDataHash());
    Q_EMIT reviewModeChanged(on);
}

void CompareTab::selectCompareRow(const QString &dataHash)
{
    const int row = dataHash.isEmpty() ? -1 : m_model->rowOfDataHash(dataHash);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, BranchDiffModel::TitleColumn);
    // In review mode the views watching the compare list hear of it; back in compare mode the caller
    // shows the unit itself, once.
    const QSignalBlocker quiet(isReviewMode() ? nullptr : m_view->selectionModel());
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->viewport()->update();
    m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

void CompareTab::setFocusMode(bool on)
{
    m_focusMode = on;
    m_listColumn->setVisible(!on);
    m_pairRow->setVisible(!on);
    m_drillDown->currentView()->setFocus(); // the canvas, the timeline or a group's children
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
    if (!m_focusMode)
        m_view->setFocus();
}

void CompareTab::fitColumns()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(BranchDiffModel::TitleColumn,
                           metrics.horizontalAdvance(QStringLiteral("drive-07/…/000123.jpg")) + 24);
    for (int column = BranchDiffModel::SourceCountColumn; column <= BranchDiffModel::DeltaColumn; ++column) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(metrics.horizontalAdvance(header) + 30, 70));
    }
    m_view->setColumnWidth(BranchDiffModel::StatusColumn,
                           metrics.horizontalAdvance(diffStatusDisplay(DiffStatus::ChangedSameCount)) + 24);
    for (int column = BranchDiffModel::FirstClassColumn; column < m_model->columnCount(); ++column) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(metrics.horizontalAdvance(header) + 24, 56));
    }
}

} // namespace lb
