#include "diff/shapesimilarity.h"

#include "domain/bitmaskrle.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lb::shapesimilarity {

namespace {

struct Interval
{
    double start = 0.0;
    double end = 0.0;
};

// The ranges as disjoint, ascending intervals (a range written end first is turned round).
std::vector<Interval> merged(const QList<LabelRange> &ranges)
{
    std::vector<Interval> sorted;
    sorted.reserve(std::size_t(ranges.size()));
    for (const LabelRange &r : ranges) {
        const double from = std::min(r.start, r.end);
        const double to = std::max(r.start, r.end);
        if (to > from)
            sorted.push_back({from, to});
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Interval &a, const Interval &b) { return a.start < b.start; });
    std::vector<Interval> out;
    for (const Interval &i : sorted) {
        if (!out.empty() && i.start <= out.back().end)
            out.back().end = std::max(out.back().end, i.end);
        else
            out.push_back(i);
    }
    return out;
}

double lengthOf(const std::vector<Interval> &intervals)
{
    double total = 0.0;
    for (const Interval &i : intervals)
        total += i.end - i.start;
    return total;
}

// The length two sets of disjoint ascending intervals share.
template <typename T>
T sharedLength(const std::vector<std::pair<T, T>> &a, const std::vector<std::pair<T, T>> &b)
{
    T shared = 0;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const T from = std::max(a[i].first, b[j].first);
        const T to = std::min(a[i].second, b[j].second);
        if (to > from)
            shared += to - from;
        if (a[i].second < b[j].second)
            ++i;
        else
            ++j;
    }
    return shared;
}

// A mask's set pixels as [begin, end) spans of image pixels, row-major over an image as wide as the widest
// mask reaches: each mask run is cut at the ends of its rows and moved by the mask's top and left.
std::vector<std::pair<qint64, qint64>> imageSpans(const DecodedBitmask &mask, int top, int left,
                                                  qint64 imageWidth)
{
    std::vector<std::pair<qint64, qint64>> spans;
    if (mask.width <= 0)
        return spans;
    for (const auto &[offset, length] : mask.runs) {
        qint64 at = offset;
        const qint64 end = offset + length;
        while (at < end) {
            const qint64 row = at / mask.width;
            const qint64 column = at % mask.width;
            const qint64 stop = std::min(end, (row + 1) * mask.width);
            const qint64 base = (row + top) * imageWidth + left;
            spans.push_back({base + column, base + column + (stop - at)});
            at = stop;
        }
    }
    // Rows of a mask placed to the right may interleave with another's: keep the spans ascending.
    std::sort(spans.begin(), spans.end());
    return spans;
}

// A normalised point in pixels.
QPointF pixels(const NormalizedPoint &p, const QSizeF &imageSize)
{
    return {p.x * imageSize.width(), p.y * imageSize.height()};
}

QList<QPointF> pixelPoints(const QList<NormalizedPoint> &points, const QSizeF &imageSize)
{
    QList<QPointF> out;
    out.reserve(points.size());
    for (const NormalizedPoint &p : points)
        out.append(pixels(p, imageSize));
    return out;
}

double distance(const QPointF &a, const QPointF &b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

double distanceToSegment(const QPointF &p, const QPointF &from, const QPointF &to)
{
    const QPointF d = to - from;
    const double length2 = d.x() * d.x() + d.y() * d.y();
    if (length2 <= 0.0)
        return distance(p, from);
    const double t =
        std::clamp(((p.x() - from.x()) * d.x() + (p.y() - from.y()) * d.y()) / length2, 0.0, 1.0);
    return distance(p, from + t * d);
}

// The mean distance from each vertex of `points` to the line through `line`'s vertices.
double meanDistanceTo(const QList<QPointF> &points, const QList<QPointF> &line)
{
    double total = 0.0;
    for (const QPointF &p : points) {
        double nearest = distance(p, line.constFirst());
        for (qsizetype i = 1; i < line.size(); ++i)
            nearest = std::min(nearest, distanceToSegment(p, line.at(i - 1), line.at(i)));
        total += nearest;
    }
    return total / double(points.size());
}

// 1 at no distance, 0 at kDistanceScale of the image diagonal and beyond.
double closeness(double pixelDistance, const QSizeF &imageSize)
{
    const double reach = kDistanceScale * std::hypot(imageSize.width(), imageSize.height());
    return reach > 0.0 ? std::max(0.0, 1.0 - pixelDistance / reach) : 0.0;
}

} // namespace

double rangeIoU(const QList<LabelRange> &a, const QList<LabelRange> &b)
{
    const std::vector<Interval> left = merged(a);
    const std::vector<Interval> right = merged(b);
    std::vector<std::pair<double, double>> l, r;
    for (const Interval &i : left)
        l.push_back({i.start, i.end});
    for (const Interval &i : right)
        r.push_back({i.start, i.end});
    const double shared = sharedLength(l, r);
    const double together = lengthOf(left) + lengthOf(right) - shared;
    return together > 0.0 ? shared / together : 0.0;
}

double boxIoU(const Geometry &a, const Geometry &b)
{
    const double areaA = a.w * a.h;
    const double areaB = b.w * b.h;
    if (areaA <= 0.0 || areaB <= 0.0)
        return 0.0;
    const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    const double shared = w > 0.0 && h > 0.0 ? w * h : 0.0;
    return shared / (areaA + areaB - shared);
}

Result<double> maskIoU(const BitmaskGeometry &a, const BitmaskGeometry &b)
{
    const Result<DecodedBitmask> left = decodeBitmask(a);
    if (!left)
        return left.takeError();
    const Result<DecodedBitmask> right = decodeBitmask(b);
    if (!right)
        return right.takeError();
    const qint64 width = std::max(qint64(a.left) + a.width, qint64(b.left) + b.width);
    const auto l = imageSpans(left.value(), a.top, a.left, width);
    const auto r = imageSpans(right.value(), b.top, b.left, width);
    const qint64 shared = sharedLength(l, r);
    const qint64 together = left->area + right->area - shared;
    return together > 0 ? double(shared) / double(together) : 0.0;
}

QList<QPointF> rotatedBoxCorners(const Geometry &box, const QSizeF &imageSize)
{
    const double w = box.w * imageSize.width();
    const double h = box.h * imageSize.height();
    const QPointF centre((box.x + box.w / 2) * imageSize.width(), (box.y + box.h / 2) * imageSize.height());
    const double radians = box.theta * 3.14159265358979323846 / 180.0;
    const double c = std::cos(radians);
    const double s = std::sin(radians);
    QList<QPointF> corners;
    for (const auto &[dx, dy] : {std::pair{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}}) {
        const double x = dx * w;
        const double y = dy * h;
        corners.append(centre + QPointF(x * c - y * s, x * s + y * c));
    }
    return corners;
}

double pointSimilarity(const QList<NormalizedPoint> &a, const QList<NormalizedPoint> &b,
                       const QSizeF &imageSize)
{
    if (a.isEmpty() || a.size() != b.size())
        return 0.0;
    const bool named =
        std::all_of(a.cbegin(), a.cend(), [](const NormalizedPoint &p) { return !p.name.isEmpty(); });
    double total = 0.0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const NormalizedPoint *other = &b.at(i);
        if (named) {
            const auto it = std::find_if(b.cbegin(), b.cend(),
                                         [&](const NormalizedPoint &p) { return p.name == a.at(i).name; });
            if (it == b.cend())
                return 0.0;
            other = &*it;
        }
        total += closeness(distance(pixels(a.at(i), imageSize), pixels(*other, imageSize)), imageSize);
    }
    return total / double(a.size());
}

double polylineSimilarity(const QList<NormalizedPoint> &a, const QList<NormalizedPoint> &b,
                          const QSizeF &imageSize)
{
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    const QList<QPointF> left = pixelPoints(a, imageSize);
    const QList<QPointF> right = pixelPoints(b, imageSize);
    const double mean = (meanDistanceTo(left, right) + meanDistanceTo(right, left)) / 2.0;
    return closeness(mean, imageSize);
}

namespace {

bool isBox(ShapeType shape)
{
    return shape == ShapeType::BoundingBox || shape == ShapeType::RotatableBoundingBox;
}

} // namespace

std::optional<double> similarity(const Geometry &a, const Geometry &b, const QSizeF &imageSize)
{
    if (isBox(a.shape) && isBox(b.shape) && a.shape != b.shape) // a car relabelled as a truck
        return polygonIoU(rotatedBoxCorners(a, imageSize), rotatedBoxCorners(b, imageSize));
    if (a.shape != b.shape)
        return std::nullopt;
    switch (a.shape) {
    case ShapeType::BoundingBox:
        return boxIoU(a, b);
    case ShapeType::RotatableBoundingBox:
        return polygonIoU(rotatedBoxCorners(a, imageSize), rotatedBoxCorners(b, imageSize));
    case ShapeType::Polygon:
    case ShapeType::Cuboid2D:
        return polygonIoU(pixelPoints(a.points, imageSize), pixelPoints(b.points, imageSize));
    case ShapeType::Point:
    case ShapeType::Skeleton:
        return pointSimilarity(a.points, b.points, imageSize);
    case ShapeType::Polyline:
        return polylineSimilarity(a.points, b.points, imageSize);
    case ShapeType::Bitmask: {
        const Result<double> iou = maskIoU(a.bitmask, b.bitmask);
        return iou ? std::optional<double>(iou.value()) : std::nullopt;
    }
    case ShapeType::Audio:
    case ShapeType::Text:
        // A range given only as HTML nodes has no numbers to compare.
        if (a.ranges.isEmpty() || b.ranges.isEmpty())
            return std::nullopt;
        return rangeIoU(a.ranges, b.ranges);
    case ShapeType::Cuboid:
    case ShapeType::Other:
        break;
    }
    return std::nullopt;
}

} // namespace lb::shapesimilarity
