#pragma once

#include "diff/qualitycell.h"
#include "diff/qualitymetrics.h"
#include "domain/ontology.h"

#include <optional>
#include <QAbstractTableModel>
#include <QList>

namespace lb {

// A class of the metrics as the Metrics view names it.
struct MetricsClass
{
    QString featureHash;
    QString name;  // from the ontology; the feature hash when it does not know the class
    QString color; // "#RRGGBB" from the ontology, empty when unknown
};

// The classes of a measurement in ontology order, then those the ontology does not know, by name.
QList<MetricsClass> metricsClasses(const QualityMetrics &metrics, const Ontology &ontology);
// "Car → Truck", "Car missed", "Truck extra", "Car: true positives", … for the drill-down's banner.
QString qualityCellText(const QualityCell &cell, const Ontology &ontology);

// The Metrics view's per-class table: one row per class of a measurement (diff/qualitymetrics.h) with its
// true and false positives, false negatives, precision, recall, F1 and mean IoU, then an overall row (the
// sums, micro-averaged). The count cells of a class are cells of the metrics to drill into (cellAt()).
class MetricsTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ClassColumn,
        TruePositivesColumn,
        FalsePositivesColumn,
        FalseNegativesColumn,
        PrecisionColumn,
        RecallColumn,
        F1Column,
        MeanIoUColumn,
        ColumnCount
    };

    enum Role
    {
        FeatureHashRole = Qt::UserRole + 1, // empty on the overall row
        ValueRole,                          // int counts, double ratios, invalid where a ratio has no cases
        ColorRole,                          // the class's "#RRGGBB" on the class column
        OverallRole                         // bool
    };

    explicit MetricsTableModel(QObject *parent = nullptr);

    void setMetrics(const QualityMetrics &metrics, const Ontology &ontology);
    void clear();
    bool isEmpty() const { return m_classes.isEmpty(); }
    const QList<MetricsClass> &classes() const { return m_classes; }

    // The cell a count of a class stands for; none for the ratios, the class names and the overall row.
    std::optional<QualityCell> cellAt(const QModelIndex &index) const;
    int rowOfClass(const QString &featureHash) const; // -1 when not shown

    // "0.873"; an em dash where the ratio has no cases.
    static QString formatRatio(const std::optional<double> &ratio);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const ClassQuality &quality, int column) const;
    QString toolTip(int row, int column) const;

    QList<MetricsClass> m_classes;
    QList<ClassQuality> m_quality; // per class row
    ClassQuality m_overall;
};

} // namespace lb
