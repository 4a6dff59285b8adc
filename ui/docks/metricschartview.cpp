#include "docks/metricschartview.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QValueAxis>

namespace lb {

MetricsChartView::MetricsChartView(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("metricsChartView"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 160);
    auto *chart = new QChart;
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QChart *initial = QChartView::chart();
    setChart(chart);
    delete initial;

    m_series = new QBarSeries(chart);
    const QStringList names = {tr("True positives"), tr("False positives"), tr("False negatives")};
    const QList<QColor> colors = {QColor(0x2e, 0x8b, 0x57), QColor(0xe0, 0x8a, 0x1e),
                                  QColor(0xc4, 0x32, 0x1f)};
    for (int i = 0; i < 3; ++i) {
        m_sets[i] = new QBarSet(names.at(i), m_series);
        m_sets[i]->setColor(colors.at(i));
        m_sets[i]->setBorderColor(colors.at(i).darker(130));
        m_series->append(m_sets[i]);
        QBarSet *set = m_sets[i];
        connect(set, &QBarSet::clicked, this,
                [this, set](int index) { Q_EMIT cellClicked(cellOf(set, index)); });
    }
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);
    m_categoryAxis = new QBarCategoryAxis(chart);
    m_valueAxis = new QValueAxis(chart);
    m_valueAxis->setLabelFormat(QStringLiteral("%d"));
    m_valueAxis->setTitleText(tr("Objects"));
    chart->addAxis(m_categoryAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_categoryAxis);
    m_series->attachAxis(m_valueAxis);
}

void MetricsChartView::showMetrics(const MetricsTableModel &table)
{
    clearMetrics();
    QStringList categories;
    int top = 0;
    for (int row = 0; row < table.classes().size(); ++row) {
        categories.append(table.classes().at(row).name.toHtmlEscaped()); // axis labels read rich text
        m_classes.append(table.classes().at(row).featureHash);
        const int columns[3] = {MetricsTableModel::TruePositivesColumn,
                                MetricsTableModel::FalsePositivesColumn,
                                MetricsTableModel::FalseNegativesColumn};
        for (int i = 0; i < 3; ++i) {
            const int value = table.index(row, columns[i]).data(MetricsTableModel::ValueRole).toInt();
            m_sets[i]->append(value);
            top = qMax(top, value);
        }
    }
    m_categoryAxis->append(categories);
    m_valueAxis->setRange(0, qMax(1, top) * 1.1);
    m_valueAxis->applyNiceNumbers();
}

void MetricsChartView::clearMetrics()
{
    for (QBarSet *set : m_sets)
        set->remove(0, set->count());
    m_categoryAxis->clear();
    m_classes.clear();
}

QualityCell MetricsChartView::cellOf(QBarSet *set, int index) const
{
    const QString feature = m_classes.value(index);
    const QualityCell::Kind kind = set == m_sets[0]   ? QualityCell::Kind::TruePositives
                                   : set == m_sets[1] ? QualityCell::Kind::FalsePositives
                                                      : QualityCell::Kind::FalseNegatives;
    return QualityCell::of(kind, feature);
}

} // namespace lb
