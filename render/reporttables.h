#pragma once

#include "render/classchartsvg.h"
#include "report/reportdata.h"
#include "report/reportgate.h"

#include <optional>
#include <QList>
#include <QStringList>

namespace lb {

// A table of a report as plain text cells, which the HTML and Markdown writers escape and lay out alike.
struct ReportTable
{
    QStringList headers;
    QList<QStringList> rows;
    QStringList rowKeys;  // per row: a feature hash for class rows, else empty
    int firstNumeric = 1; // columns from here on are right-aligned
};

// The sections of a report, shared by its formats (render/reportwriter.h).
namespace reporttables {

QString
ratio(const std::optional<double> &value);      // three decimals, as `metrics` prints them; "-" without cases
QString title(const ReportData &report);        // "Report: pre-labels-v1 → main"
ReportTable summary(const ReportData &report);  // data units per status, objects per branch
ReportTable classes(const ReportData &report);  // objects per class on each branch and the delta
ReportTable metrics(const ReportData &report);  // per class TP, FP, FN, precision, recall, F1, mean IoU
ReportTable topUnits(const ReportData &report); // the most changed data units
ReportTable gates(const QList<GateOutcome> &outcomes, const ReportData &report);
QList<ClassChartBar> chartBars(const ReportData &report);
// "Car · bounding box" lines of what changed in a unit's shown frame, for the image's caption.
QString unitCaption(const ReportUnit &unit);

} // namespace reporttables

} // namespace lb
