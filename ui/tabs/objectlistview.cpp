#include "tabs/objectlistview.h"

#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>

namespace lb {

namespace {

// Puts the overlay's colour in front of the status, so the list and the canvas read the same way.
class StatusChipDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != ObjectDiffListModel::StatusColumn)
            return;
        const auto kind = ChangeKind(index.data(ObjectDiffListModel::ChangeKindRole).toInt());
        QPixmap chip(12, 12);
        chip.fill(Qt::transparent);
        QPainter painter(&chip);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 1.2));
        painter.setBrush(canvaspalette::colorOf(kind));
        painter.drawRoundedRect(QRectF(1, 1, 10, 10), 2.5, 2.5);
        painter.end();
        option->icon = QIcon(chip);
        option->decorationSize = QSize(12, 12);
        option->features |= QStyleOptionViewItem::HasDecoration;
        // Objects not on the shown video frame are greyed, the others read normally.
        if (!index.data(ObjectDiffListModel::OnFrameRole).toBool())
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Disabled, QPalette::Text));
    }
};

} // namespace

ObjectListView::ObjectListView(ObjectDiffListModel *model, QWidget *parent)
    : QTableView(parent), m_model(model)
{
    setObjectName(QStringLiteral("objectListView"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ObjectDiffListModel::SortRole);
    m_proxy->setFilterRole(ObjectDiffListModel::ChangeKindRole);
    m_proxy->setFilterKeyColumn(ObjectDiffListModel::StatusColumn);
    setModel(m_proxy);
    setItemDelegate(new StatusChipDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setSortingEnabled(true);
    sortByColumn(ObjectDiffListModel::StatusColumn, Qt::AscendingOrder);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    setAccessibleName(tr("Objects of the data unit"));
    connect(m_model, &QAbstractItemModel::modelReset, this, &ObjectListView::fitColumns);
    // Selection, not the current index: focusing the list makes a row current without the user choosing it.
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_selecting)
            Q_EMIT currentObjectChanged(currentObjectHash());
    });
    fitColumns();
}

void ObjectListView::setUnchangedVisible(bool visible)
{
    const QString current = currentObjectHash();
    // ChangeKind::Unchanged is 2: the filter keeps added (0), removed (1) and edited (3).
    m_proxy->setFilterRegularExpression(visible ? QString() : QStringLiteral("^[013]$"));
    selectObject(current);
}

int ObjectListView::rowOfObject(const QString &objectHash) const
{
    const int sourceRow = m_model->rowOfObject(objectHash);
    if (sourceRow < 0)
        return -1;
    return m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row();
}

void ObjectListView::selectObject(const QString &objectHash)
{
    m_selecting = true;
    const int row = objectHash.isEmpty() ? -1 : rowOfObject(objectHash);
    if (row < 0) {
        selectionModel()->clearSelection();
        selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    } else {
        const QModelIndex index = m_proxy->index(row, ObjectDiffListModel::StatusColumn);
        selectionModel()->setCurrentIndex(index,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        scrollTo(index, QAbstractItemView::EnsureVisible);
    }
    m_selecting = false;
}

QString ObjectListView::currentObjectHash() const
{
    const QModelIndexList rows = selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : rows.constFirst().data(ObjectDiffListModel::ObjectHashRole).toString();
}

void ObjectListView::fitColumns()
{
    const QFontMetrics metrics = fontMetrics();
    setColumnWidth(ObjectDiffListModel::StatusColumn,
                   metrics.horizontalAdvance(QStringLiteral("Unchanged")) + 34);
    setColumnWidth(ObjectDiffListModel::MergeColumn, metrics.horizontalAdvance(QStringLiteral("keep target")) + 16);
    setColumnWidth(ObjectDiffListModel::ClassColumn,
                   metrics.horizontalAdvance(QStringLiteral("Traffic light")) + 20);
    setColumnWidth(ObjectDiffListModel::ShapeColumn,
                   metrics.horizontalAdvance(QStringLiteral("rotated box")) + 20);
    setColumnWidth(ObjectDiffListModel::SourceColumn,
                   metrics.horizontalAdvance(QStringLiteral("1234, 567 · 123 × 456")) + 16);
    setColumnWidth(ObjectDiffListModel::TargetColumn,
                   metrics.horizontalAdvance(QStringLiteral("1234, 567 · 123 × 456")) + 16);
    setColumnWidth(ObjectDiffListModel::ChangesColumn,
                   metrics.horizontalAdvance(QStringLiteral("moved, resized")) + 20);
}

} // namespace lb
