#pragma once

#include "items/classchartmodel.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

namespace lb {

// Bars of object counts per class: one set for the source branch, one for the target, side by side per class.
// The category label carries the class's change (Car over "+12") so the deltas read without hovering;
// hovering a bar shows both counts in a tooltip.
class ClassChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ClassChartView(QWidget *parent = nullptr);

    void showCounts(const ClassChartModel &counts, const QString &title);
    void clearCounts();

    const ClassChartModel &counts() const { return m_counts; }
    QBarSeries *series() const { return m_series; }
    QBarSet *sourceSet() const { return m_sourceSet; }
    QBarSet *targetSet() const { return m_targetSet; }
    QBarCategoryAxis *categoryAxis() const { return m_categoryAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }

    // "Car<br>(+12)", "Truck<br>(−3)", "Cyclist<br>(±0)": the class name over its change; on one line
    // ("Car (+12)") for labels turned sideways because the categories are too narrow.
    static QString categoryLabel(const ClassChartEntry &entry, bool twoLines = true);
    static QColor sourceColor();
    static QColor targetColor();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showTooltip(bool hovering, int index, QBarSet *set);
    void fitCategoryLabels();

    ClassChartModel m_counts;
    bool m_uprightLabels = true;
    QBarSeries *m_series = nullptr;
    QBarSet *m_sourceSet = nullptr;
    QBarSet *m_targetSet = nullptr;
    QBarCategoryAxis *m_categoryAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
};

} // namespace lb
