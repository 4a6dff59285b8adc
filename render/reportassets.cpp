#include "render/reportassets.h"

#include "render/classchartsvg.h"
#include "render/overlayimage.h"
#include "render/reporttables.h"

#include <QBuffer>
#include <QGuiApplication>

namespace lb {

namespace {

const QSize kOverlaySize(720, 480);

} // namespace

ReportAssets ReportAssets::render(const ReportData &report)
{
    ReportAssets assets;
    assets.chartSvg =
        classChartSvg(reporttables::chartBars(report), report.options.source, report.options.target);
    const QFont font = QGuiApplication::font();
    for (const ReportUnit &unit : report.topUnits) {
        const QImage image = renderOverlayImage(unit.diff, unit.shownFrame(), unit.imageSize, report.ontology,
                                                kOverlaySize, font);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        assets.overlayPngs.append(png);
    }
    return assets;
}

} // namespace lb
