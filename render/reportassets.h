#pragma once

#include "report/reportdata.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace lb {

// The pictures of a report: the per-class chart as SVG text and, per kept data unit, its overlay as PNG.
struct ReportAssets
{
    QString chartSvg;
    QList<QByteArray> overlayPngs; // one per ReportData::topUnits, in that order

    // Renders them with the canvas's overlay painter (render/overlayimage.h); needs a QGuiApplication.
    static ReportAssets render(const ReportData &report);
};

} // namespace lb
