#include "render/reporttables.h"

#include "diff/branchdiff.h"

namespace lb::reporttables {

namespace {

QString count(qint64 value)
{
    return QString::number(value);
}

QString signedCount(int value)
{
    return value > 0 ? QStringLiteral("+%1").arg(value) : QString::number(value);
}

QStringList qualityCells(const QString &name, const ClassQuality &quality)
{
    return {name,
            count(quality.truePositives),
            count(quality.falsePositives),
            count(quality.falseNegatives),
            ratio(quality.precision()),
            ratio(quality.recall()),
            ratio(quality.f1()),
            ratio(quality.meanIoU())};
}

} // namespace

QString ratio(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("-");
}

QString title(const ReportData &report)
{
    return QStringLiteral("Report: %1 → %2").arg(report.options.source, report.options.target);
}

ReportTable summary(const ReportData &report)
{
    const DiffSummary &s = report.summary;
    ReportTable table;
    table.headers = {QStringLiteral("Data units"), QStringLiteral("Count")};
    const auto row = [&table](const QString &name, qint64 value) {
        table.rows.append({name, count(value)});
        table.rowKeys.append(QString());
    };
    row(QStringLiteral("Compared"), s.total);
    row(QStringLiteral("Changed (any difference)"), s.differences());
    for (const DiffStatus status :
         {DiffStatus::Identical, DiffStatus::ChangedSameCount, DiffStatus::CountDiffers,
          DiffStatus::OnlyInSource, DiffStatus::OnlyInTarget, DiffStatus::UninitialisedOnBoth})
        row(diffStatusDisplay(status), s.count(status));
    row(QStringLiteral("Objects on %1").arg(report.options.source), s.sourceObjects);
    row(QStringLiteral("Objects on %1").arg(report.options.target), s.targetObjects);
    return table;
}

ReportTable classes(const ReportData &report)
{
    ReportTable table;
    table.headers = {QStringLiteral("Class"), report.options.source, report.options.target,
                     QStringLiteral("Delta")};
    for (const QString &hash : report.classes()) {
        const int source = report.summary.sourceClassTotals.value(hash);
        const int target = report.summary.targetClassTotals.value(hash);
        if (source == 0 && target == 0)
            continue;
        table.rows.append(
            {report.className(hash), count(source), count(target), signedCount(target - source)});
        table.rowKeys.append(hash);
    }
    return table;
}

ReportTable metrics(const ReportData &report)
{
    ReportTable table;
    table.headers = {QStringLiteral("Class"), QStringLiteral("TP"),        QStringLiteral("FP"),
                     QStringLiteral("FN"),    QStringLiteral("Precision"), QStringLiteral("Recall"),
                     QStringLiteral("F1"),    QStringLiteral("Mean IoU")};
    for (const QString &hash : report.classes()) {
        if (!report.metrics.classes().contains(hash))
            continue;
        table.rows.append(qualityCells(report.className(hash), report.metrics.classes().value(hash)));
        table.rowKeys.append(hash);
    }
    table.rows.append(qualityCells(QStringLiteral("All classes"), report.metrics.overall()));
    table.rowKeys.append(QStringLiteral("*"));
    return table;
}

ReportTable topUnits(const ReportData &report)
{
    ReportTable table;
    table.headers = {QStringLiteral("#"),
                     QStringLiteral("Data unit"),
                     QStringLiteral("Status"),
                     QStringLiteral("Added"),
                     QStringLiteral("Removed"),
                     QStringLiteral("Edited"),
                     QStringLiteral("Classifications changed")};
    table.firstNumeric = 3;
    int rank = 0;
    for (const ReportUnit &unit : report.topUnits) {
        table.rows.append({count(++rank), unit.entry.dataTitle, diffStatusDisplay(unit.entry.status),
                           count(unit.diff.added), count(unit.diff.removed), count(unit.diff.edited),
                           count(unit.changedClassifications())});
        table.rowKeys.append(unit.entry.dataHash);
    }
    return table;
}

ReportTable gates(const QList<GateOutcome> &outcomes, const ReportData &report)
{
    ReportTable table;
    table.headers = {QStringLiteral("Gate"), QStringLiteral("Result"), QStringLiteral("Why")};
    table.firstNumeric = 3;
    for (const GateOutcome &outcome : outcomes) {
        table.rows.append({outcome.gate.text,
                           outcome.failed ? QStringLiteral("FAILED") : QStringLiteral("passed"),
                           outcome.describe(report)});
        table.rowKeys.append(QString());
    }
    return table;
}

QList<ClassChartBar> chartBars(const ReportData &report)
{
    QList<ClassChartBar> bars;
    for (const QString &hash : report.classes()) {
        const ClassChartBar bar{report.className(hash), report.summary.sourceClassTotals.value(hash),
                                report.summary.targetClassTotals.value(hash)};
        if (bar.source > 0 || bar.target > 0)
            bars.append(bar);
    }
    return bars;
}

QString unitCaption(const ReportUnit &unit)
{
    QString text = QStringLiteral("%1 (%2)").arg(unit.entry.dataTitle, diffStatusDisplay(unit.entry.status));
    if (unit.frameCount > 1) {
        QString word = unit.diff.dataType.frameWord();
        text += QStringLiteral(", %1 %2 of %3").arg(word).arg(unit.shownFrame()).arg(unit.frameCount - 1);
    }
    return text;
}

} // namespace lb::reporttables
