#include "domain/bitmaskrle.h"

#include <algorithm>
#include <cstdlib>

namespace lb {

namespace {

constexpr int kFirstCharacter = 48; // '0': the group 0
constexpr int kGroupBits = 5;
constexpr int kMaxGroups = 12;              // 60 bits: more than any image has pixels
constexpr qint64 kMaxRun = qint64(1) << 48; // a run longer than this is no mask

} // namespace

bool DecodedBitmask::contains(int x, int y) const
{
    if (x < 0 || y < 0 || x >= width || y >= height)
        return false;
    const qint64 offset = qint64(y) * width + x;
    // The last run that starts at or before the pixel.
    const auto after = std::upper_bound(
        runs.cbegin(), runs.cend(), offset,
        [](qint64 value, const std::pair<qint64, qint64> &run) { return value < run.first; });
    if (after == runs.cbegin())
        return false;
    const auto &run = *std::prev(after);
    return offset < run.first + run.second;
}

QByteArray DecodedBitmask::pixels() const
{
    QByteArray out(qsizetype(width) * height, '\0');
    for (const auto &[start, length] : runs)
        std::fill_n(out.data() + start, length, '\1');
    return out;
}

Result<QList<qint64>> decodeRleCounts(const QByteArray &text)
{
    QList<qint64> counts;
    qsizetype p = 0;
    while (p < text.size()) {
        quint64 bits = 0;
        int groups = 0;
        bool more = true;
        while (more) {
            if (p >= text.size())
                return fail(QStringLiteral("the bitmask's RLE ends in the middle of a number"));
            const int c = static_cast<unsigned char>(text.at(p)) - kFirstCharacter;
            if (c < 0 || c > 0x3f)
                return fail(QStringLiteral("the bitmask's RLE has a character outside its alphabet at %1")
                                .arg(p + 1));
            if (groups == kMaxGroups)
                return fail(QStringLiteral("the bitmask's RLE has a number too long at %1").arg(p + 1));
            bits |= quint64(c & 0x1f) << (kGroupBits * groups);
            more = (c & 0x20) != 0;
            ++p;
            ++groups;
            if (!more && (c & 0x10)) // negative: extend the sign bit of the last group
                bits |= ~quint64(0) << (kGroupBits * groups);
        }
        qint64 value = static_cast<qint64>(bits);
        if (counts.size() > 2)
            value += counts.at(counts.size() - 2);
        if (value < 0)
            return fail(
                QStringLiteral("the bitmask's RLE has a negative run (number %1)").arg(counts.size() + 1));
        if (value > kMaxRun)
            return fail(
                QStringLiteral("the bitmask's RLE has a run too long (number %1)").arg(counts.size() + 1));
        counts.append(value);
    }
    return counts;
}

QByteArray encodeRleCounts(const QList<qint64> &counts)
{
    QByteArray out;
    for (qsizetype i = 0; i < counts.size(); ++i) {
        qint64 x = counts.at(i);
        if (i > 2)
            x -= counts.at(i - 2);
        bool more = true;
        while (more) {
            int c = static_cast<int>(x & 0x1f);
            x >>= kGroupBits; // arithmetic in C++20: a negative number stays negative
            more = (c & 0x10) ? x != -1 : x != 0;
            if (more)
                c |= 0x20;
            out.append(static_cast<char>(c + kFirstCharacter));
        }
    }
    return out;
}

Result<DecodedBitmask> decodeBitmask(const BitmaskGeometry &mask)
{
    Result<QList<qint64>> counts = decodeRleCounts(mask.rle);
    if (!counts)
        return counts.takeError();
    DecodedBitmask out;
    out.width = std::max(0, mask.width);
    out.height = std::max(0, mask.height);
    out.inside = QPoint(-1, -1);
    const qint64 total = qint64(out.width) * out.height;
    qint64 offset = 0;
    int minX = out.width, minY = out.height, maxX = -1, maxY = -1;
    for (qsizetype i = 0; i < counts->size(); ++i) {
        const qint64 length = counts->at(i);
        if (length > total - offset)
            return fail(QStringLiteral("the bitmask's RLE covers more than its %1 × %2 pixels")
                            .arg(out.width)
                            .arg(out.height));
        if (i % 2 == 1 && length > 0) {
            if (!out.runs.isEmpty() && out.runs.constLast().first + out.runs.constLast().second == offset)
                out.runs.last().second += length; // a zero-length background run between two runs
            else
                out.runs.append({offset, length});
            out.area += length;
            const qint64 last = offset + length - 1;
            const int firstRow = int(offset / out.width), lastRow = int(last / out.width);
            minY = std::min(minY, firstRow);
            maxY = std::max(maxY, lastRow);
            minX = std::min(minX, firstRow == lastRow ? int(offset % out.width) : 0);
            maxX = std::max(maxX, firstRow == lastRow ? int(last % out.width) : out.width - 1);
        }
        offset += length;
    }
    if (out.area == 0)
        return out;
    out.bounds = QRect(QPoint(minX, minY), QPoint(maxX, maxY));
    // The set pixel nearest the middle of the bounds: a place to point at that is surely on the mask.
    const QPoint centre = out.bounds.center();
    qint64 best = -1;
    for (const auto &[start, length] : out.runs) {
        const qint64 last = start + length - 1;
        const int firstRow = int(start / out.width), lastRow = int(last / out.width);
        const int row = std::clamp(centre.y(), firstRow, lastRow);
        const int from = row == firstRow ? int(start % out.width) : 0;
        const int to = row == lastRow ? int(last % out.width) : out.width - 1;
        const QPoint candidate(std::clamp(centre.x(), from, to), row);
        const qint64 dx = candidate.x() - centre.x(), dy = candidate.y() - centre.y();
        if (best < 0 || dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            out.inside = candidate;
        }
    }
    return out;
}

QByteArray encodeBitmask(const QByteArray &pixels)
{
    QList<qint64> counts;
    bool set = false; // the first run is background
    qint64 run = 0;
    for (const char pixel : pixels) {
        if ((pixel != 0) != set) {
            counts.append(run);
            run = 0;
            set = !set;
        }
        ++run;
    }
    counts.append(run);
    return encodeRleCounts(counts);
}

} // namespace lb
