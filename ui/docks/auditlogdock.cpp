#include "docks/auditlogdock.h"

#include "items/auditlogmodel.h"
#include "project/projectsession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb {

AuditLogDock::AuditLogDock(SessionProvider session, QWidget *parent)
    : QDockWidget(tr("Audit Log"), parent), m_session(std::move(session))
{
    setObjectName(QStringLiteral("auditLogDock"));
    m_model = new AuditLogModel(this);

    auto *content = new QWidget(this);
    QHBoxLayout *filterRow = createFilterRow(content);
    createView(content);
    QWidget *detailsBox = createDetailsBox(content);

    // Entries on the left, the chosen entry's details on the right: the dock usually sits low and wide.
    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(detailsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(filterRow);
    layout->addWidget(splitter, 1);
    setWidget(content);

    connect(m_textFilter, &QLineEdit::textChanged, m_model, &AuditLogModel::setTextFilter);
    connect(m_actionFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setActionFilter(m_actionFilter->currentData().toString()); });
    connect(m_model, &AuditLogModel::actionsChanged, this, &AuditLogDock::rebuildActionFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        showDetailsOfCurrent();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditLogDock::showDetailsOfCurrent);
    // A dock opened after writes happened shows them.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            reload();
    });

    rebuildActionFilter();
    updateCount();
    showDetailsOfCurrent();
}

QHBoxLayout *AuditLogDock::createFilterRow(QWidget *content)
{
    m_textFilter = new QLineEdit(content);
    m_textFilter->setObjectName(QStringLiteral("auditTextFilter"));
    m_textFilter->setPlaceholderText(tr("branch, user, data unit or any word of the summary"));
    m_textFilter->setClearButtonEnabled(true);
    auto *textLabel = new QLabel(tr("Filter te&xt:"), content);
    textLabel->setBuddy(m_textFilter);
    m_actionFilter = new QComboBox(content);
    m_actionFilter->setObjectName(QStringLiteral("auditActionFilter"));
    m_actionFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *actionLabel = new QLabel(tr("Acti&on:"), content);
    actionLabel->setBuddy(m_actionFilter);
    m_count = new QLabel(content);
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setTextFormat(Qt::PlainText);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(textLabel);
    filterRow->addWidget(m_textFilter, 1);
    filterRow->addSpacing(8);
    filterRow->addWidget(actionLabel);
    filterRow->addWidget(m_actionFilter);
    filterRow->addSpacing(8);
    filterRow->addWidget(m_count);
    return filterRow;
}

void AuditLogDock::createView(QWidget *content)
{
    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(AuditLogModel::TimeColumn,
                           metrics.horizontalAdvance(QStringLiteral("2026-11-30 23:59:59")) + 20);
    m_view->setColumnWidth(
        AuditLogModel::ActionColumn,
        metrics.horizontalAdvance(AuditLogModel::actionDisplay(QStringLiteral("review-approve"))) + 20);
    m_view->setColumnWidth(AuditLogModel::UserColumn,
                           metrics.horizontalAdvance(QStringLiteral("annotator.name")));
    m_view->setAccessibleName(tr("Audit log entries, newest first"));
}

QWidget *AuditLogDock::createDetailsBox(QWidget *content)
{
    m_detailsTitle = new QLabel(content);
    m_detailsTitle->setObjectName(QStringLiteral("auditDetailsTitle"));
    m_detailsTitle->setTextFormat(Qt::PlainText);
    m_detailsTitle->setWordWrap(true);
    QFont titleFont = m_detailsTitle->font();
    titleFont.setBold(true);
    m_detailsTitle->setFont(titleFont);
    m_details = new QTreeWidget(content);
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setColumnCount(2);
    m_details->setHeaderLabels({tr("Field"), tr("Value")});
    m_details->setRootIsDecorated(false);
    m_details->setAlternatingRowColors(true);
    m_details->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_details->setWordWrap(true);
    m_details->header()->setStretchLastSection(true);
    m_details->setAccessibleName(tr("Details of the selected audit entry"));

    auto *detailsBox = new QWidget(content);
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(2);
    detailsLayout->addWidget(m_detailsTitle);
    detailsLayout->addWidget(m_details, 1);
    return detailsBox;
}

QString AuditLogDock::countText() const
{
    return m_count->text();
}

QString AuditLogDock::detailsTitle() const
{
    return m_detailsTitle->text();
}

void AuditLogDock::reload()
{
    ProjectSession *session = m_session();
    if (!session) {
        clear();
        return;
    }
    const QModelIndex current = m_view->currentIndex();
    const qint64 currentId = current.isValid() ? current.data(AuditLogModel::EntryIdRole).toLongLong() : 0;
    if (Result<void> loaded = m_model->reload(session->store()); !loaded) {
        m_count->setText(loaded.error());
        return;
    }
    const int row = currentId != 0 ? m_model->rowOfEntry(currentId) : -1;
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

void AuditLogDock::clear()
{
    m_model->clear();
}

void AuditLogDock::rebuildActionFilter()
{
    const QString chosen = m_model->actionFilter();
    const QSignalBlocker blocker(m_actionFilter);
    m_actionFilter->clear();
    m_actionFilter->addItem(tr("All actions"), QString());
    for (const QString &action : m_model->actions())
        m_actionFilter->addItem(AuditLogModel::actionDisplay(action), action);
    // A filter on an action that left the log (another project) would hide everything without saying why.
    const int index = m_actionFilter->findData(chosen);
    m_actionFilter->setCurrentIndex(index >= 0 ? index : 0);
    m_model->setActionFilter(m_actionFilter->currentData().toString());
}

void AuditLogDock::updateCount()
{
    const QLocale locale;
    if (m_model->rowCount() == m_model->totalCount())
        m_count->setText(m_model->totalCount() == 1
                             ? tr("1 entry")
                             : tr("%1 entries").arg(locale.toString(m_model->totalCount())));
    else
        m_count->setText(
            tr("%1 of %2 entries")
                .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->totalCount())));
}

void AuditLogDock::showDetailsOfCurrent()
{
    m_details->clear();
    const QModelIndex current = m_view->currentIndex();
    const AuditEntry *entry = current.isValid() ? m_model->entryAt(current.row()) : nullptr;
    if (!entry) {
        m_detailsTitle->setText(
            m_model->totalCount() == 0
                ? tr("No entries yet: copies, syncs, snapshots, undos, imports and review "
                     "decisions are recorded here.")
                : tr("Select an entry to see its parameters and counts."));
        return;
    }
    m_detailsTitle->setText(entry->summary);
    const auto add = [this](const QString &field, const QString &value) {
        auto *item = new QTreeWidgetItem(m_details, {field, value});
        item->setToolTip(1, value);
    };
    const QLocale locale;
    add(tr("Action"), AuditLogModel::actionDisplay(entry->action));
    add(tr("Time"),
        tr("%1 (%2 UTC)")
            .arg(locale.toString(entry->time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                 entry->time.toUTC().toString(QStringLiteral("HH:mm:ss"))));
    add(tr("User"), entry->user);
    if (entry->operationId != 0)
        add(tr("Operation"), QStringLiteral("#%1").arg(entry->operationId));
    for (const auto &[field, value] : AuditLogModel::detailFields(entry->details))
        add(field, value);
    m_details->resizeColumnToContents(0);
}

} // namespace lb
