#include "items/metricstablemodel.h"

#include <algorithm>
#include <QLocale>

namespace lb {

namespace {

const QString kNoCases = QStringLiteral("\u2014"); // em dash: 0 / 0

QString nameOf(const QString &featureHash, const Ontology &ontology)
{
    const QString name = ontology.nameOf(featureHash);
    return name.isEmpty() ? featureHash : name;
}

} // namespace

QList<MetricsClass> metricsClasses(const QualityMetrics &metrics, const Ontology &ontology)
{
    QList<MetricsClass> classes;
    for (const OntologyObject &object : ontology.objects) {
        if (metrics.classes().contains(object.featureHash) &&
            std::none_of(classes.cbegin(), classes.cend(),
                         [&object](const MetricsClass &c) { return c.featureHash == object.featureHash; }))
            classes.append(
                {object.featureHash, object.name.isEmpty() ? object.featureHash : object.name, object.color});
    }
    QList<MetricsClass> unknown;
    for (auto it = metrics.classes().cbegin(); it != metrics.classes().cend(); ++it) {
        if (std::none_of(classes.cbegin(), classes.cend(),
                         [&it](const MetricsClass &c) { return c.featureHash == it.key(); }))
            unknown.append({it.key(), it.key(), QString()});
    }
    std::sort(unknown.begin(), unknown.end(),
              [](const MetricsClass &a, const MetricsClass &b) { return a.name < b.name; });
    return classes + unknown;
}

QString qualityCellText(const QualityCell &cell, const Ontology &ontology)
{
    const QString name = cell.referenceClass.isNull() ? QString() : nameOf(cell.referenceClass, ontology);
    switch (cell.kind) {
    case QualityCell::Kind::Confusion:
        if (cell.predictedClass.isNull())
            return MetricsTableModel::tr("%1 missed").arg(name);
        if (cell.referenceClass.isNull())
            return MetricsTableModel::tr("%1 extra").arg(nameOf(cell.predictedClass, ontology));
        return QStringLiteral("%1 \u2192 %2").arg(name, nameOf(cell.predictedClass, ontology));
    case QualityCell::Kind::TruePositives:
        return MetricsTableModel::tr("%1: true positives").arg(name);
    case QualityCell::Kind::FalsePositives:
        return MetricsTableModel::tr("%1: false positives").arg(name);
    case QualityCell::Kind::FalseNegatives:
        return MetricsTableModel::tr("%1: false negatives").arg(name);
    }
    return name;
}

MetricsTableModel::MetricsTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void MetricsTableModel::setMetrics(const QualityMetrics &metrics, const Ontology &ontology)
{
    beginResetModel();
    m_classes = metricsClasses(metrics, ontology);
    m_quality.clear();
    for (const MetricsClass &c : std::as_const(m_classes))
        m_quality.append(metrics.classes().value(c.featureHash));
    m_overall = metrics.overall();
    endResetModel();
}

void MetricsTableModel::clear()
{
    beginResetModel();
    m_classes.clear();
    m_quality.clear();
    m_overall = ClassQuality();
    endResetModel();
}

std::optional<QualityCell> MetricsTableModel::cellAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_classes.size())
        return std::nullopt;
    const QString &feature = m_classes.at(index.row()).featureHash;
    switch (index.column()) {
    case TruePositivesColumn:
        return QualityCell::of(QualityCell::Kind::TruePositives, feature);
    case FalsePositivesColumn:
        return QualityCell::of(QualityCell::Kind::FalsePositives, feature);
    case FalseNegativesColumn:
        return QualityCell::of(QualityCell::Kind::FalseNegatives, feature);
    default:
        return std::nullopt;
    }
}

int MetricsTableModel::rowOfClass(const QString &featureHash) const
{
    for (qsizetype row = 0; row < m_classes.size(); ++row) {
        if (m_classes.at(row).featureHash == featureHash)
            return int(row);
    }
    return -1;
}

QString MetricsTableModel::formatRatio(const std::optional<double> &ratio)
{
    return ratio ? QLocale().toString(*ratio, 'f', 3) : kNoCases;
}

int MetricsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_classes.isEmpty() ? 0 : int(m_classes.size()) + 1;
}

int MetricsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricsTableModel::value(const ClassQuality &quality, int column) const
{
    const auto ratio = [](const std::optional<double> &r) { return r ? QVariant(*r) : QVariant(); };
    switch (column) {
    case TruePositivesColumn:
        return quality.truePositives;
    case FalsePositivesColumn:
        return quality.falsePositives;
    case FalseNegativesColumn:
        return quality.falseNegatives;
    case PrecisionColumn:
        return ratio(quality.precision());
    case RecallColumn:
        return ratio(quality.recall());
    case F1Column:
        return ratio(quality.f1());
    case MeanIoUColumn:
        return ratio(quality.meanIoU());
    default:
        return QVariant();
    }
}

QVariant MetricsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return QVariant();
    const bool overall = index.row() == m_classes.size();
    const ClassQuality &quality = overall ? m_overall : m_quality.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == ClassColumn)
            return overall ? tr("All classes") : m_classes.at(index.row()).name;
        if (column <= FalseNegativesColumn)
            return QLocale().toString(value(quality, column).toInt());
        return formatRatio(value(quality, column).isValid() ? std::optional(value(quality, column).toDouble())
                                                            : std::nullopt);
    case Qt::TextAlignmentRole:
        return column == ClassColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                     : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return toolTip(index.row(), column);
    case ValueRole:
        return column == ClassColumn ? QVariant() : value(quality, column);
    case FeatureHashRole:
        return overall ? QString() : m_classes.at(index.row()).featureHash;
    case ColorRole:
        return overall || column != ClassColumn ? QVariant() : QVariant(m_classes.at(index.row()).color);
    case OverallRole:
        return overall;
    default:
        return QVariant();
    }
}

QString MetricsTableModel::toolTip(int row, int column) const
{
    const bool overall = row == m_classes.size();
    const QString name = overall ? tr("every class") : m_classes.at(row).name;
    switch (column) {
    case TruePositivesColumn:
        return tr("Reference objects of %1 that a prediction of the same class matched").arg(name);
    case FalsePositivesColumn:
        return tr("Predictions of %1 that no reference object of the class matched").arg(name);
    case FalseNegativesColumn:
        return tr("Reference objects of %1 that no prediction of the class matched").arg(name);
    case PrecisionColumn:
        return tr("TP / (TP + FP)");
    case RecallColumn:
        return tr("TP / (TP + FN)");
    case F1Column:
        return tr("2 TP / (2 TP + FP + FN)");
    case MeanIoUColumn:
        return tr("Mean overlap (IoU) of the true positives whose shapes can be compared");
    default:
        return name;
    }
}

QVariant MetricsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    // Short headings keep the table narrow enough for a dock; the tooltips say them in full.
    static const QStringList headers = {tr("Class"), tr("TP"),     tr("FP"), tr("FN"),
                                        tr("Prec."), tr("Recall"), tr("F1"), tr("IoU")};
    static const QStringList full = {
        tr("Class"),     tr("True positives"), tr("False positives"), tr("False negatives"),
        tr("Precision"), tr("Recall"),         tr("F1 score"),        tr("Mean IoU of the true positives")};
    const QStringList &texts = role == Qt::DisplayRole ? headers : full;
    return section >= 0 && section < texts.size() ? texts.at(section) : QVariant();
}

} // namespace lb
