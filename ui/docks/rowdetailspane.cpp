#include "docks/rowdetailspane.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPainter>
#include <QPixmap>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lb {

namespace {

QIcon swatch(const QString &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0, 0, 0, 90));
    painter.setBrush(QColor(color.isEmpty() ? QStringLiteral("#999999") : color));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(pixmap);
}

QString shapeDisplay(ShapeType shape)
{
    return shapeTypeName(shape).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

RowDetailsPane::RowDetailsPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rowDetailsPane"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);

    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("detailsFacts"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // A hash has no place to wrap: in a narrow panel its end is cut (and still selectable) rather than the
    // panel, and with it the window, being held wide.
    m_facts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_classes = new QTreeWidget(this);
    m_classes->setObjectName(QStringLiteral("detailsClasses"));
    m_classes->setRootIsDecorated(false);
    m_classes->setColumnCount(2);
    m_classes->setHeaderLabels({tr("Class"), tr("Objects")});
    m_classes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_classes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_classes->header()->setStretchLastSection(false);
    m_classes->setMaximumHeight(200);
    m_classes->setAccessibleName(tr("Objects per class"));

    m_objectsHeading = new QLabel(tr("Objects"), this);
    m_objects = new QTreeWidget(this);
    m_objects->setObjectName(QStringLiteral("detailsObjects"));
    m_objects->setRootIsDecorated(false);
    m_objects->setAlternatingRowColors(true);
    m_objects->setUniformRowHeights(true);
    m_objects->setColumnCount(5);
    m_objects->setHeaderLabels({tr("Class"), tr("Shape"), tr("Conf."), tr("Author"), tr("Frames")});
    m_objects->setSortingEnabled(true);
    m_objects->sortByColumn(0, Qt::AscendingOrder);
    m_objects->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The author (often a long e-mail or model name) takes what is left and is elided, not scrolled to.
    m_objects->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_objects->header()->setStretchLastSection(false);
    m_objects->setTextElideMode(Qt::ElideMiddle);
    m_objects->setAccessibleName(tr("Objects of the row"));

    auto *classesHeading = new QLabel(tr("Object counts per class"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(classesHeading);
    layout->addWidget(m_classes);
    layout->addWidget(m_objectsHeading);
    layout->addWidget(m_objects, 1);
    clear();
}

void RowDetailsPane::setOntology(const Ontology &ontology)
{
    m_ontology = ontology;
}

void RowDetailsPane::clear()
{
    m_labelHash.clear();
    m_title->setText(tr("No row selected"));
    m_facts->setText(tr("Select a label row to see its classes and objects."));
    m_classes->clear();
    m_objects->clear();
    m_objectsHeading->setText(tr("Objects"));
}

void RowDetailsPane::showRow(const LabelRowSummary &row)
{
    m_labelHash = row.labelHash;
    m_title->setText(row.dataTitle);
    const QLocale locale;
    auto line = [](const QString &key, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:8px; color:#605e5c'>%1</td><td>%2</td></tr>")
            .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    if (!row.branchName.isEmpty())
        html += line(tr("Branch"), row.branchName);
    html += line(tr("Type"), dataTypeDisplayName(row.dataType));
    html += line(tr("Data hash"), row.dataHash);
    html += line(tr("Label hash"), row.isInitialised() ? row.labelHash : tr("— (uninitialised)"));
    if (row.isInitialised()) {
        html += line(tr("Status"), row.labelStatus);
        html += line(tr("Objects"), QString::number(row.objectCount));
        html += line(tr("Classifications"), QString::number(row.classificationCount));
        if (row.lastEditedAt.isValid())
            html += line(tr("Last edited"),
                         locale.toString(row.lastEditedAt.toLocalTime(), QLocale::ShortFormat));
        if (!row.provenance.sourceBranch.isEmpty())
            html += line(tr("Copied from"), row.provenance.sourceBranch);
    }
    html += QStringLiteral("</table>");
    m_facts->setText(html);

    m_classes->clear();
    QMap<QString, QPair<int, QString>> byName; // sorted by display name
    for (auto it = row.classCounts.cbegin(); it != row.classCounts.cend(); ++it) {
        const OntologyObject *object = m_ontology.object(it.key());
        byName.insert(m_ontology.nameOf(it.key()), {it.value(), object ? object->color : QString()});
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        auto *item = new QTreeWidgetItem(m_classes, {it.key(), QString::number(it.value().first)});
        item->setIcon(0, swatch(it.value().second));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_objects->clear();
    m_objectsHeading->setText(row.isInitialised() ? tr("Objects (loading…)") : tr("Objects"));
}

void RowDetailsPane::setDocument(const LabelRowDocument &document)
{
    if (document.labelHash() != m_labelHash)
        return; // content of a row that is no longer selected
    struct Instance
    {
        const ObjectAnnotation *first = nullptr;
        int minFrame = 0, maxFrame = 0, frames = 0;
    };
    QHash<QString, Instance> instances;
    QStringList order;
    for (const ObjectAnnotation &object : document.objects()) {
        auto it = instances.find(object.objectHash);
        if (it == instances.end()) {
            instances.insert(object.objectHash, Instance{&object, object.frame, object.frame, 1});
            order.append(object.objectHash);
        } else {
            it->minFrame = std::min(it->minFrame, object.frame);
            it->maxFrame = std::max(it->maxFrame, object.frame);
            ++it->frames;
        }
    }
    m_objects->setSortingEnabled(false);
    m_objects->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(order.size());
    for (const QString &hash : std::as_const(order)) {
        const Instance &instance = instances.value(hash);
        const ObjectAnnotation &object = *instance.first;
        const QString name = object.name.isEmpty() ? m_ontology.nameOf(object.featureHash) : object.name;
        const QString author = object.lastEditedBy.isEmpty() ? object.createdBy : object.lastEditedBy;
        const QString frames =
            document.dataType() == DataType::Image
                ? QStringLiteral("—")
                : (instance.minFrame == instance.maxFrame
                       ? QString::number(instance.minFrame)
                       : QStringLiteral("%1–%2").arg(instance.minFrame).arg(instance.maxFrame));
        auto *item = new QTreeWidgetItem({name, shapeDisplay(object.geometry.shape),
                                          QString::number(object.confidence, 'f', 2), author, frames});
        QString color = object.color;
        if (color.isEmpty()) {
            if (const OntologyObject *o = m_ontology.object(object.featureHash))
                color = o->color;
        }
        item->setIcon(0, swatch(color));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0, tr("Object hash %1").arg(object.objectHash));
        items.append(item);
    }
    m_objects->addTopLevelItems(items);
    m_objects->setColumnHidden(4, document.dataType() == DataType::Image); // frames mean nothing on an image
    m_objects->setSortingEnabled(true);
    m_objectsHeading->setText(tr("Objects (%1)").arg(order.size()));
}

void RowDetailsPane::setContentError(const QString &message)
{
    m_objects->clear();
    m_objectsHeading->setText(tr("Objects: could not load (%1)").arg(message));
}

int RowDetailsPane::classRowCount() const
{
    return m_classes->topLevelItemCount();
}

int RowDetailsPane::objectRowCount() const
{
    return m_objects->topLevelItemCount();
}

} // namespace lb
