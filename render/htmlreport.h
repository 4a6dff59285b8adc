#pragma once

#include "render/reportassets.h"
#include "report/reportgate.h"

#include <QByteArray>

namespace lb {

// A report as one HTML file: inline CSS, the chart as inline SVG, the overlays as PNG data: URIs, every
// name from the project escaped. Opens in a browser with nothing beside it.
QByteArray htmlReport(const ReportData &report, const ReportAssets &assets, const QList<GateOutcome> &gates);

} // namespace lb
