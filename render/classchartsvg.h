#pragma once

#include <QList>
#include <QString>

namespace lb {

// One class of the chart: its objects on the source branch and on the target branch.
struct ClassChartBar
{
    QString name;
    int source = 0;
    int target = 0;
};

// The per-class chart of a report as an SVG document (horizontal bars, the source above the target, in the
// Compare page's chart colours), written as text so it needs no font and no window; names are escaped.
QString classChartSvg(const QList<ClassChartBar> &bars, const QString &sourceName, const QString &targetName);

} // namespace lb
