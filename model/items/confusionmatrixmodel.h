#pragma once

#include "diff/qualitycell.h"
#include "diff/qualitymetrics.h"
#include "domain/ontology.h"
#include "items/metricstablemodel.h"

#include <QAbstractTableModel>
#include <QList>

namespace lb {

// The Metrics view's confusion matrix (diff/qualitymetrics.h): a row per reference class and a last row
// "extra" (predictions no reference object matched), a column per predicted class and a last column
// "missed" (reference objects no prediction matched). Each cell counts objects; ShareRole is the cell's
// part of its row, for the view's heat map. Every cell but the corner is a cell to drill into (cellAt()).
class ConfusionMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        CountRole = Qt::UserRole + 1, // int
        ShareRole,                    // double 0..1: count / the row's objects; 0 in an empty row
        DiagonalRole,                 // bool: a class predicted as itself
        ColorRole                     // header data: the class's "#RRGGBB"
    };

    explicit ConfusionMatrixModel(QObject *parent = nullptr);

    void setMetrics(const QualityMetrics &metrics, const Ontology &ontology);
    void clear();
    const QList<MetricsClass> &classes() const { return m_classes; }

    // The class of a row or column; QualityMetrics::none() for the extra row and the missed column.
    QString referenceClassOf(int row) const;
    QString predictedClassOf(int column) const;
    int count(int row, int column) const;
    // None for the corner (extra and missed at once is no pair).
    std::optional<QualityCell> cellAt(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &reference, const QString &predicted) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString toolTip(int row, int column) const;

    QList<MetricsClass> m_classes;
    QMap<QString, QMap<QString, int>> m_confusion;
    QList<int> m_rowTotals;
    Ontology m_ontology;
};

} // namespace lb
