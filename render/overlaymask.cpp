#include "render/overlaymask.h"

namespace lb {

namespace {

constexpr int kFillAlpha = 115;   // inside the mask
constexpr int kStripeAlpha = 190; // the target's stripes
constexpr int kLightAlpha = 45;   // between the target's stripes
constexpr int kStripePeriod = 6;  // mask pixels

QRgb premultiplied(const QColor &color, int alpha)
{
    return qPremultiply(qRgba(color.red(), color.green(), color.blue(), alpha));
}

} // namespace

OverlayMask renderOverlayMask(const BitmaskGeometry &geometry, const QColor &color, bool striped)
{
    OverlayMask mask;
    mask.origin = QPoint(geometry.left, geometry.top);
    Result<DecodedBitmask> decoded = decodeBitmask(geometry);
    if (!decoded) {
        mask.error = decoded.error();
        return mask;
    }
    mask.decoded = std::move(decoded).value();
    const int width = mask.decoded.width, height = mask.decoded.height;
    if (width <= 0 || height <= 0) {
        mask.error = QStringLiteral("the bitmask has no pixels");
        return mask;
    }
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        mask.error = QStringLiteral("the bitmask is too large to draw");
        return mask;
    }
    image.fill(Qt::transparent);
    const QByteArray pixels = mask.decoded.pixels();
    const auto set = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && pixels.at(qsizetype(y) * width + x) != 0;
    };
    const QRgb edge = premultiplied(color, 255);
    const QRgb fill = premultiplied(color, kFillAlpha);
    const QRgb stripe = premultiplied(color, kStripeAlpha);
    const QRgb light = premultiplied(color, kLightAlpha);
    const QRect bounds = mask.decoded.bounds;
    for (int y = bounds.top(); y <= bounds.bottom() && !bounds.isNull(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = bounds.left(); x <= bounds.right(); ++x) {
            if (!set(x, y))
                continue;
            const bool onEdge = !set(x - 1, y) || !set(x + 1, y) || !set(x, y - 1) || !set(x, y + 1);
            if (onEdge)
                line[x] = edge;
            else if (striped)
                line[x] = (x + y) % kStripePeriod < 2 ? stripe : light;
            else
                line[x] = fill;
        }
    }
    mask.image = std::move(image);
    return mask;
}

} // namespace lb
