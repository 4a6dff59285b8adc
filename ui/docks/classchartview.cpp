#include "docks/classchartview.h"

#include "items/branchdiffmodel.h"

#include <algorithm>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QLegend>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

namespace lb {

namespace {

// Room a category label needs beyond its text before it is drawn upright rather than slanted.
constexpr int kLabelPadding = 12;

} // namespace

ClassChartView::ClassChartView(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("classChartView"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 200);

    auto *chart = new QChart;
    // Follow a dark desktop, where a white plot would glare next to the other panels.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation); // a new selection should show at once, not grow
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.1);
    chart->setTitleFont(titleFont);
    // QChartView starts with a chart of its own, which setChart() hands back to the caller, not deletes.
    QChart *initial = QChartView::chart();
    setChart(chart);
    delete initial;

    m_series = new QBarSeries(chart);
    m_sourceSet = new QBarSet(QString(), m_series);
    m_targetSet = new QBarSet(QString(), m_series);
    for (QBarSet *set : {m_sourceSet, m_targetSet}) {
        set->setColor(set == m_sourceSet ? sourceColor() : targetColor());
        set->setBorderColor(set->color().darker(130));
        set->setLabelColor(dark ? Qt::white : QColor(0x20, 0x20, 0x20));
        m_series->append(set);
    }
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_series->setLabelsFormat(QStringLiteral("@value"));
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);

    m_categoryAxis = new QBarCategoryAxis(chart);
    m_valueAxis = new QValueAxis(chart);
    m_valueAxis->setLabelFormat(QStringLiteral("%d"));
    m_valueAxis->setTitleText(tr("Objects"));
    m_valueAxis->setMin(0);
    chart->addAxis(m_categoryAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_categoryAxis);
    m_series->attachAxis(m_valueAxis);

    connect(m_series, &QBarSeries::hovered, this, &ClassChartView::showTooltip);
}

QColor ClassChartView::sourceColor()
{
    return QColor(0x2f, 0x6f, 0xb0); // blue
}

QColor ClassChartView::targetColor()
{
    return QColor(0xf0, 0x8a, 0x24); // orange: apart from the blue for every common colour blindness
}

QString ClassChartView::categoryLabel(const ClassChartEntry &entry, bool twoLines)
{
    const int delta = entry.delta();
    const QString change = delta == 0 ? QStringLiteral("±0") : BranchDiffModel::formatDelta(delta);
    // Axis labels are rich text: upright, the change goes on its own line so the label stays narrow.
    const QString pattern = twoLines ? QStringLiteral("%1<br>(%2)") : QStringLiteral("%1 (%2)");
    return pattern.arg(entry.name.toHtmlEscaped(), change);
}

void ClassChartView::showCounts(const ClassChartModel &counts, const QString &title)
{
    m_counts = counts;
    chart()->setTitle(title);
    // Branch names alone: the title already says which is the source, and the legend must fit a narrow dock.
    m_sourceSet->setLabel(counts.sourceBranch());
    m_targetSet->setLabel(counts.targetBranch());

    QList<qreal> sourceValues, targetValues;
    for (const ClassChartEntry &entry : counts.entries()) {
        sourceValues.append(entry.source);
        targetValues.append(entry.target);
    }
    m_sourceSet->remove(0, m_sourceSet->count());
    m_targetSet->remove(0, m_targetSet->count());
    m_sourceSet->append(sourceValues);
    m_targetSet->append(targetValues);
    m_categoryAxis->clear();
    m_uprightLabels = true;
    QStringList categories;
    for (const ClassChartEntry &entry : counts.entries())
        categories.append(categoryLabel(entry, m_uprightLabels));
    m_categoryAxis->append(categories);

    // Head room above the tallest bar for its value label.
    const int most = std::max(counts.maxCount(), 1);
    m_valueAxis->setRange(0, most * 1.12);
    m_valueAxis->applyNiceNumbers();
    m_valueAxis->setLabelFormat(QStringLiteral("%d"));
    fitCategoryLabels();
}

void ClassChartView::clearCounts()
{
    showCounts(ClassChartModel(), QString());
    m_sourceSet->setLabel(tr("Source"));
    m_targetSet->setLabel(tr("Target"));
}

void ClassChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    fitCategoryLabels();
}

void ClassChartView::fitCategoryLabels()
{
    const int categories = int(m_categoryAxis->count());
    if (categories == 0)
        return;
    const QFontMetrics metrics(m_categoryAxis->labelsFont());
    int widest = 0;
    for (const ClassChartEntry &entry : m_counts.entries())
        widest = std::max(widest, metrics.horizontalAdvance(entry.name));
    // The plot area is known only after a layout; the view's width is a close enough upper bound before that.
    const qreal plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : width() * 0.85;
    const bool fits = widest + kLabelPadding <= plotWidth / categories;
    if (fits != m_uprightLabels) {
        m_uprightLabels = fits;
        QStringList labels;
        for (const ClassChartEntry &entry : m_counts.entries())
            labels.append(categoryLabel(entry, m_uprightLabels));
        m_categoryAxis->clear();
        m_categoryAxis->append(labels);
    }
    m_categoryAxis->setLabelsAngle(fits ? 0 : -90);
    // Value labels over narrow bars would overlap each other; the tooltip still has the numbers.
    m_series->setLabelsVisible(plotWidth / (categories * 2) >=
                               metrics.horizontalAdvance(QStringLiteral("0000")));
}

void ClassChartView::showTooltip(bool hovering, int index, QBarSet *set)
{
    Q_UNUSED(set);
    if (!hovering || index < 0 || index >= m_counts.entries().size()) {
        QToolTip::hideText();
        return;
    }
    const ClassChartEntry &entry = m_counts.entries().at(index);
    const QLocale locale;
    QToolTip::showText(QCursor::pos(),
                       tr("<b>%1</b><br>%2: %3<br>%4: %5<br>Change: %6")
                           .arg(entry.name.toHtmlEscaped(), m_counts.sourceBranch().toHtmlEscaped(),
                                locale.toString(entry.source), m_counts.targetBranch().toHtmlEscaped(),
                                locale.toString(entry.target), BranchDiffModel::formatDelta(entry.delta())),
                       this);
}

} // namespace lb
