#include "canvas/groupchildrenview.h"

#include "canvas/canvaspalette.h"
#include "items/objectdifflistmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPainter>
#include <QPixmap>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lb {

namespace {

using json = nlohmann::json;

enum Column
{
    StatusColumn,
    SpaceColumn,
    TypeColumn,
    TitleColumn,
    SourceColumn,
    TargetColumn,
    ColumnCount
};

QString text(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// Every objectHash in an "objects" list anywhere in a space's labels (keyed by frame or not).
void collectObjects(const json &value, QSet<QString> *hashes, int depth = 0)
{
    if (depth > 6)
        return;
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it.key() == "objects" && it->is_array()) {
                for (const json &entry : *it) {
                    const QString hash = entry.is_object() ? text(entry, "objectHash") : QString();
                    if (!hash.isEmpty())
                        hashes->insert(hash);
                }
            } else {
                collectObjects(*it, hashes, depth + 1);
            }
        }
    } else if (value.is_array()) {
        for (const json &entry : value)
            collectObjects(entry, hashes, depth + 1);
    }
}

const json *spacesOf(const LabelRowDocument *row)
{
    if (!row)
        return nullptr;
    const auto it = row->json().find("spaces");
    return it != row->json().end() && it->is_object() ? &*it : nullptr;
}

QPixmap chip(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 1));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 3, 3);
    return pixmap;
}

} // namespace

QList<GroupChild> groupChildren(const LabelRowDocument *source, const LabelRowDocument *target)
{
    QMap<QString, GroupChild> children;
    const json *spaces[] = {spacesOf(source), spacesOf(target)};
    for (int side = 0; side < 2; ++side) {
        if (!spaces[side])
            continue;
        for (auto it = spaces[side]->begin(); it != spaces[side]->end(); ++it) {
            const QString id = QString::fromStdString(it.key());
            GroupChild &child = children[id];
            child.spaceId = id;
            if (it->is_object()) {
                if (child.type.isEmpty())
                    child.type = text(*it, "space_type");
                const auto info = it->find("child_info");
                if (info != it->end() && info->is_object()) {
                    if (child.title.isEmpty())
                        child.title = text(*info, "file_name");
                    if (child.layoutKey.isEmpty())
                        child.layoutKey = text(*info, "layout_key");
                }
                if (child.title.isEmpty())
                    child.title = text(*it, "title");
            }
            QSet<QString> hashes;
            collectObjects(*it, &hashes);
            (side == 0 ? child.sourceObjects : child.targetObjects) = int(hashes.size());
        }
    }
    for (GroupChild &child : children) {
        if (child.sourceObjects < 0)
            child.kind = ChangeKind::Added;
        else if (child.targetObjects < 0)
            child.kind = ChangeKind::Removed;
        else
            child.kind =
                spaces[0]->at(child.spaceId.toStdString()) == spaces[1]->at(child.spaceId.toStdString())
                    ? ChangeKind::Unchanged
                    : ChangeKind::Edited;
    }
    return children.values();
}

GroupChildrenView::GroupChildrenView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("groupChildrenView"));
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("groupExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setContentsMargins(6, 6, 6, 6);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("groupChildrenTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Status"), tr("Space"), tr("Type"), tr("Title"), tr("Source objects"), tr("Target objects")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_explanation);
    layout->addWidget(m_table, 1);
}

QString GroupChildrenView::explanation() const
{
    return m_explanation->text();
}

void GroupChildrenView::setChildren(const QList<GroupChild> &children, const DataType &type,
                                    const QString &sourceBranch, const QString &targetBranch)
{
    const QString what = type.kind() == DataType::DicomStudy ? tr("A DICOM study") : tr("A data group");
    m_explanation->setText(
        children.isEmpty()
            ? tr("%1: it has no labels of its own, and neither branch lists any of its children.").arg(what)
            : tr("%1: its children's labels are in their own spaces, listed below with the objects each "
                 "branch has on them. The root itself has no labels to draw.")
                  .arg(what));
    m_table->setHorizontalHeaderItem(SourceColumn,
                                     new QTableWidgetItem(tr("Objects on %1").arg(sourceBranch)));
    m_table->setHorizontalHeaderItem(TargetColumn,
                                     new QTableWidgetItem(tr("Objects on %1").arg(targetBranch)));
    m_table->setRowCount(int(children.size()));
    const auto count = [](int n) { return n < 0 ? tr("—") : QString::number(n); };
    for (int row = 0; row < children.size(); ++row) {
        const GroupChild &child = children.at(row);
        auto *status = new QTableWidgetItem(QIcon(chip(canvaspalette::colorOf(child.kind))),
                                            changeKindDisplay(child.kind));
        status->setData(Qt::UserRole, int(child.kind));
        m_table->setItem(row, StatusColumn, status);
        m_table->setItem(row, SpaceColumn,
                         new QTableWidgetItem(child.layoutKey.isEmpty()
                                                  ? child.spaceId
                                                  : tr("%1 (%2)").arg(child.layoutKey, child.spaceId)));
        m_table->setItem(row, TypeColumn,
                         new QTableWidgetItem(child.type.isEmpty() ? tr("unknown") : child.type));
        m_table->setItem(row, TitleColumn, new QTableWidgetItem(child.title));
        for (const auto &[column, n] : {std::pair{int(SourceColumn), child.sourceObjects},
                                        std::pair{int(TargetColumn), child.targetObjects}}) {
            auto *item = new QTableWidgetItem(count(n));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
}

} // namespace lb
