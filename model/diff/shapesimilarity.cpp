#include "diff/shapesimilarity.h"

#include "domain/bitmaskrle.h"

#include <algorithm>
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

std::optional<double> overlap(const Geometry &a, const Geometry &b)
{
    if (a.shape != b.shape)
        return std::nullopt;
    switch (a.shape) {
    case ShapeType::BoundingBox:
        return boxIoU(a, b);
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
    default:
        return std::nullopt;
    }
}

} // namespace lb::shapesimilarity
