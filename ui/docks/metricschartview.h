#pragma once

#include "diff/qualitycell.h"
#include "items/metricstablemodel.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

namespace lb {

// Bars per class of a measurement: true positives, false positives and false negatives side by side, so a
// class that is often missed or over-predicted stands out. Clicking a bar asks to drill into that count of
// that class (cellClicked).
class MetricsChartView : public QChartView
{
    Q_OBJECT
public:
    explicit MetricsChartView(QWidget *parent = nullptr);

    // The classes and counts of the per-class table (its class rows, not the overall one).
    void showMetrics(const MetricsTableModel &table);
    void clearMetrics();

    QBarSet *truePositiveSet() const { return m_sets[0]; }
    QBarSet *falsePositiveSet() const { return m_sets[1]; }
    QBarSet *falseNegativeSet() const { return m_sets[2]; }
    QBarCategoryAxis *categoryAxis() const { return m_categoryAxis; }
    // The cell a bar stands for; what a click on it emits.
    QualityCell cellOf(QBarSet *set, int index) const;

Q_SIGNALS:
    void cellClicked(const lb::QualityCell &cell);

private:
    QBarSeries *m_series = nullptr;
    QBarSet *m_sets[3] = {nullptr, nullptr, nullptr};
    QBarCategoryAxis *m_categoryAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QStringList m_classes; // feature hashes, by category index
};

} // namespace lb
