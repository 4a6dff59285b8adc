#pragma once

#include "render/reportassets.h"
#include "report/reportgate.h"

#include <QByteArray>

namespace lb {

// A report as one Markdown file: tables, and the chart and overlays embedded as data: URIs (SVG and PNG), so
// the file is whole on its own; names from the project are escaped for Markdown and HTML.
QByteArray markdownReport(const ReportData &report, const ReportAssets &assets,
                          const QList<GateOutcome> &gates);

} // namespace lb
