#include "items/confusionmatrixmodel.h"

#include <QLocale>

namespace lb {

ConfusionMatrixModel::ConfusionMatrixModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfusionMatrixModel::setMetrics(const QualityMetrics &metrics, const Ontology &ontology)
{
    beginResetModel();
    m_classes = metricsClasses(metrics, ontology);
    m_confusion = metrics.confusion();
    m_ontology = ontology;
    m_rowTotals.clear();
    for (int row = 0; row <= m_classes.size(); ++row) {
        int total = 0;
        for (const int cell : m_confusion.value(referenceClassOf(row)))
            total += cell;
        m_rowTotals.append(total);
    }
    endResetModel();
}

void ConfusionMatrixModel::clear()
{
    beginResetModel();
    m_classes.clear();
    m_confusion.clear();
    m_rowTotals.clear();
    endResetModel();
}

QString ConfusionMatrixModel::referenceClassOf(int row) const
{
    return row >= 0 && row < m_classes.size() ? m_classes.at(row).featureHash : QualityMetrics::none();
}

QString ConfusionMatrixModel::predictedClassOf(int column) const
{
    return column >= 0 && column < m_classes.size() ? m_classes.at(column).featureHash
                                                    : QualityMetrics::none();
}

int ConfusionMatrixModel::count(int row, int column) const
{
    const auto found = m_confusion.constFind(referenceClassOf(row));
    return found == m_confusion.cend() ? 0 : found->value(predictedClassOf(column));
}

std::optional<QualityCell> ConfusionMatrixModel::cellAt(const QModelIndex &index) const
{
    if (!index.isValid() || (index.row() == m_classes.size() && index.column() == m_classes.size()))
        return std::nullopt;
    return QualityCell::confusion(referenceClassOf(index.row()), predictedClassOf(index.column()));
}

QModelIndex ConfusionMatrixModel::indexOf(const QString &reference, const QString &predicted) const
{
    int row = int(m_classes.size()), column = int(m_classes.size());
    for (int i = 0; i < m_classes.size(); ++i) {
        if (m_classes.at(i).featureHash == reference)
            row = i;
        if (m_classes.at(i).featureHash == predicted)
            column = i;
    }
    return index(row, column);
}

int ConfusionMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_classes.isEmpty() ? 0 : int(m_classes.size()) + 1;
}

int ConfusionMatrixModel::columnCount(const QModelIndex &parent) const
{
    return rowCount(parent);
}

QVariant ConfusionMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return QVariant();
    const int cell = count(index.row(), index.column());
    const bool corner = index.row() == m_classes.size() && index.column() == m_classes.size();
    switch (role) {
    case Qt::DisplayRole:
        return corner ? QString() : QLocale().toString(cell);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::ToolTipRole:
        return corner ? QString() : toolTip(index.row(), index.column());
    case CountRole:
        return cell;
    case ShareRole: {
        const int total = m_rowTotals.value(index.row());
        return total > 0 ? double(cell) / total : 0.0;
    }
    case DiagonalRole:
        return index.row() == index.column() && index.row() < m_classes.size();
    default:
        return QVariant();
    }
}

QString ConfusionMatrixModel::toolTip(int row, int column) const
{
    const QLocale locale;
    const QString text =
        qualityCellText(QualityCell::confusion(referenceClassOf(row), predictedClassOf(column)), m_ontology);
    const int total = m_rowTotals.value(row);
    const int cell = count(row, column);
    const QString share = total > 0 ? locale.toString(100.0 * cell / total, 'f', 1) : QStringLiteral("0");
    return tr("%1: %2 objects (%3% of the row). Click to list the data units where it happens.")
        .arg(text, locale.toString(cell), share);
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < 0 || section > m_classes.size())
        return QVariant();
    const bool none = section == m_classes.size();
    switch (role) {
    case Qt::DisplayRole:
        if (none)
            return orientation == Qt::Horizontal ? tr("missed") : tr("extra");
        return m_classes.at(section).name;
    case Qt::ToolTipRole:
        if (none)
            return orientation == Qt::Horizontal ? tr("Reference objects no prediction matched")
                                                 : tr("Predictions no reference object matched");
        return orientation == Qt::Horizontal ? tr("Predicted as %1").arg(m_classes.at(section).name)
                                             : tr("Reference %1").arg(m_classes.at(section).name);
    case ColorRole:
        return none ? QVariant() : QVariant(m_classes.at(section).color);
    default:
        return QVariant();
    }
}

} // namespace lb
