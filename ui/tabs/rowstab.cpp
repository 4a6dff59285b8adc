#include "tabs/rowstab.h"

#include "items/labelrowtablemodel.h"
#include "widgets/icons.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace lb {

namespace {

// Encord's label statuses (docs/encord-api.md §4.1), in workflow order.
const char *const kStatuses[] = {"NOT_LABELLED",       "LABEL_IN_PROGRESS", "LABELLED",
                                 "REVIEW_IN_PROGRESS", "REVIEWED",          "REVIEWED_TWICE"};

constexpr int kFilterDelayMs = 250;

} // namespace

RowsTab::RowsTab(LabelRowTableModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("rowsTab"));

    QHBoxLayout *filterBar = createFilterBar();
    createView();
    m_copyAction = new QAction(icons::copy(), tr("&Copy Selected Rows to Branch…"), this);
    m_copyAction->setObjectName(QStringLiteral("copySelectedAction"));
    m_syncAction = new QAction(icons::sync(), tr("S&ync Selected Rows to Branch…"), this);
    m_syncAction->setObjectName(QStringLiteral("syncSelectedAction"));
    connect(m_copyAction, &QAction::triggered, this,
            [this] { Q_EMIT copySelectedRequested(selectedDataHashes()); });
    connect(m_syncAction, &QAction::triggered, this,
            [this] { Q_EMIT syncSelectedRequested(selectedDataHashes()); });
    m_view->addAction(m_copyAction);
    m_view->addAction(m_syncAction);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterBar);
    layout->addWidget(m_view, 1);

    connectSignals();
    updateCount();
    updateActions();
}

QHBoxLayout *RowsTab::createFilterBar()
{
    m_titleEdit = new QLineEdit(this);
    m_titleEdit->setObjectName(QStringLiteral("titleFilter"));
    m_titleEdit->setPlaceholderText(tr("part of a data title"));
    m_titleEdit->setClearButtonEnabled(true);
    auto *titleLabel = new QLabel(tr("T&itle:"), this);
    titleLabel->setBuddy(m_titleEdit);

    m_statusCombo = new QComboBox(this);
    m_statusCombo->setObjectName(QStringLiteral("statusFilter"));
    m_statusCombo->addItem(tr("Any status"), QString());
    for (const char *status : kStatuses) {
        const QString raw = QString::fromLatin1(status);
        m_statusCombo->addItem(LabelRowTableModel::statusDisplay(raw), raw);
    }
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_statusCombo);

    m_hashEdit = new QLineEdit(this);
    m_hashEdit->setObjectName(QStringLiteral("hashFilter"));
    m_hashEdit->setPlaceholderText(tr("data or label hash(es)"));
    m_hashEdit->setClearButtonEnabled(true);
    auto *hashLabel = new QLabel(tr("H&ash:"), this);
    hashLabel->setBuddy(m_hashEdit);

    m_onlyInitialised = new QCheckBox(tr("Only i&nitialised"), this);
    m_onlyInitialised->setObjectName(QStringLiteral("onlyInitialisedCheck"));
    m_onlyInitialised->setChecked(true);
    m_onlyInitialised->setToolTip(
        tr("Unchecked, data units without a label row on this branch are listed too"));

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("rowCountLabel"));

    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(titleLabel);
    filterBar->addWidget(m_titleEdit, 2);
    filterBar->addWidget(statusLabel);
    filterBar->addWidget(m_statusCombo, 1);
    filterBar->addWidget(hashLabel);
    filterBar->addWidget(m_hashEdit, 2);
    filterBar->addWidget(m_onlyInitialised);
    filterBar->addSpacing(8);
    filterBar->addWidget(m_countLabel);
    return filterBar;
}

void RowsTab::createView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("rowsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LabelRowTableModel::TitleColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setAccessibleName(tr("Label rows"));
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    const QFontMetrics metrics = m_view->fontMetrics();
    // Hashes are elided in the middle (both ends stay recognisable); the tooltip has them in full.
    m_view->setTextElideMode(Qt::ElideMiddle);
    const int hashWidth = metrics.horizontalAdvance(QStringLiteral("00000000-0000-00…0000000000")) + 16;
    m_view->setColumnWidth(LabelRowTableModel::TitleColumn,
                           metrics.horizontalAdvance(QStringLiteral("drive-07/cam-front/000123.jpg")) + 24);
    m_view->setColumnWidth(LabelRowTableModel::TypeColumn,
                           metrics.horizontalAdvance(QStringLiteral("image group")) + 20);
    m_view->setColumnWidth(LabelRowTableModel::DataHashColumn, hashWidth);
    m_view->setColumnWidth(LabelRowTableModel::LabelHashColumn, hashWidth);
    m_view->setColumnWidth(LabelRowTableModel::StatusColumn,
                           metrics.horizontalAdvance(QStringLiteral("Review in progress")) + 20);
    m_view->setColumnWidth(LabelRowTableModel::ObjectCountColumn,
                           metrics.horizontalAdvance(QStringLiteral("Objects")) + 28);
    m_view->setColumnWidth(LabelRowTableModel::ClassificationCountColumn,
                           metrics.horizontalAdvance(QStringLiteral("Classifications")) + 28);
    m_view->setColumnWidth(LabelRowTableModel::LastEditedColumn,
                           metrics.horizontalAdvance(QStringLiteral("2026-12-31 23:59")) + 28);
    // What a reader scans first leads; the hashes, for copying and matching, come last.
    for (const int column : {LabelRowTableModel::DataHashColumn, LabelRowTableModel::LabelHashColumn})
        header->moveSection(header->visualIndex(column), LabelRowTableModel::ColumnCount - 1);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder) {
        // Columns the store cannot order by leave the order alone; put the indicator back where it is true.
        if (LabelRowTableModel::isSortableColumn(column))
            return;
        const RowQuery &query = m_model->query();
        QSignalBlocker blocker(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(LabelRowTableModel::columnForOrder(query.order),
                                                     query.descending ? Qt::DescendingOrder
                                                                      : Qt::AscendingOrder);
    });
}

void RowsTab::connectSignals()
{
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &RowsTab::applyFilterNow);
    connect(m_titleEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_hashEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_titleEdit, &QLineEdit::returnPressed, this, &RowsTab::applyFilterNow);
    connect(m_hashEdit, &QLineEdit::returnPressed, this, &RowsTab::applyFilterNow);
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, &RowsTab::applyFilterNow);
    connect(m_onlyInitialised, &QCheckBox::toggled, this, &RowsTab::applyFilterNow);

    connect(m_model, &LabelRowTableModel::totalCountChanged, this, &RowsTab::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RowsTab::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        updateActions();
        emitCurrent();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RowsTab::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RowsTab::emitCurrent);
}

QStringList RowsTab::selectedDataHashes() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    return m_model->dataHashesOf(rows);
}

void RowsTab::applyFilterNow()
{
    m_filterTimer->stop();
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    LabelRowFilter filter;
    filter.titleContains = m_titleEdit->text().trimmed();
    const QString status = m_statusCombo->currentData().toString();
    if (!status.isEmpty())
        filter.statuses = {status};
    filter.hashes = m_hashEdit->text().split(separators, Qt::SkipEmptyParts);
    filter.includeUninitialised = !m_onlyInitialised->isChecked();
    m_model->applyFilter(filter);
}

void RowsTab::resetFilter()
{
    const QSignalBlocker a(m_titleEdit), b(m_statusCombo), c(m_hashEdit), d(m_onlyInitialised);
    m_titleEdit->clear();
    m_statusCombo->setCurrentIndex(0);
    m_hashEdit->clear();
    m_onlyInitialised->setChecked(true);
}

void RowsTab::updateCount()
{
    const QLocale locale;
    const int total = m_model->totalCount();
    if (!m_model->lastError().isEmpty())
        m_countLabel->setText(tr("error"));
    else
        m_countLabel->setText(total == 1 ? tr("1 row") : tr("%1 rows").arg(locale.toString(total)));
}

void RowsTab::updateActions()
{
    const bool any = m_view->selectionModel()->hasSelection();
    m_copyAction->setEnabled(any);
    m_syncAction->setEnabled(any);
}

void RowsTab::emitCurrent()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const LabelRowSummary *row = current.isValid() ? m_model->rowAt(current.row()) : nullptr;
    Q_EMIT currentRowChanged(row ? *row : LabelRowSummary());
}

} // namespace lb
