#include "render/classchartsvg.h"

#include <algorithm>

namespace lb {

namespace {

// The colours of the window's class chart (ui/docks/classchartview.cpp): blue source, orange target.
const char *const kSourceColor = "#2f6fb0";
const char *const kTargetColor = "#f08a24";
constexpr int kWidth = 760;
constexpr int kLabelWidth = 200;
constexpr int kLabelChars = 28; // of a class name, at 12 px in the label column
constexpr int kCountWidth = 70;
constexpr int kBarHeight = 14;
constexpr int kRowGap = 10;
constexpr int kTop = 34;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// At most `length` characters, the last an ellipsis when cut.
QString clipped(const QString &text, int length)
{
    return text.size() > length ? QString(text.left(length - 1) + QChar(0x2026)) : text;
}

QString bar(int y, int length, const char *color, int count)
{
    return QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>"
                          "<text x=\"%6\" y=\"%7\" class=\"n\">%8</text>\n")
        .arg(kLabelWidth)
        .arg(y)
        .arg(length)
        .arg(kBarHeight)
        .arg(QLatin1String(color))
        .arg(kLabelWidth + length + 4)
        .arg(y + kBarHeight - 3)
        .arg(count);
}

} // namespace

QString classChartSvg(const QList<ClassChartBar> &bars, const QString &sourceName, const QString &targetName)
{
    int largest = 1;
    for (const ClassChartBar &b : bars)
        largest = std::max({largest, b.source, b.target});
    const int rowHeight = 2 * kBarHeight + kRowGap;
    const int height = kTop + std::max<int>(1, bars.size()) * rowHeight + 4;
    const int room = kWidth - kLabelWidth - kCountWidth;
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                                 "viewBox=\"0 0 %1 %2\" role=\"img\" aria-label=\"Objects per class\">\n"
                                 "<style>text{font:12px sans-serif;fill:#222}.n{fill:#555}</style>\n")
                      .arg(kWidth)
                      .arg(height);
    // The legend: which colour is which branch.
    svg += QStringLiteral("<rect x=\"%1\" y=\"8\" width=\"12\" height=\"12\" fill=\"%2\"/>"
                          "<text x=\"%3\" y=\"18\">%4</text>\n")
               .arg(kLabelWidth)
               .arg(QLatin1String(kSourceColor))
               .arg(kLabelWidth + 16)
               .arg(escaped(clipped(sourceName, 32)));
    const int second = kLabelWidth + 16 + 8 * int(std::min<qsizetype>(32, sourceName.size())) + 24;
    svg += QStringLiteral("<rect x=\"%1\" y=\"8\" width=\"12\" height=\"12\" fill=\"%2\"/>"
                          "<text x=\"%3\" y=\"18\">%4</text>\n")
               .arg(second)
               .arg(QLatin1String(kTargetColor))
               .arg(second + 16)
               .arg(escaped(clipped(targetName, 32)));
    if (bars.isEmpty())
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\">No objects on either branch.</text>\n")
                   .arg(kLabelWidth)
                   .arg(kTop + kBarHeight);
    int y = kTop;
    for (const ClassChartBar &b : bars) {
        // A long name is cut to the label column; the whole name is its tooltip.
        const QString shown = clipped(b.name, kLabelChars);
        svg +=
            QStringLiteral("<g><title>%3</title><text x=\"%1\" y=\"%2\" text-anchor=\"end\">%4</text></g>\n")
                .arg(kLabelWidth - 8)
                .arg(y + kBarHeight + 4)
                .arg(escaped(b.name), escaped(shown));
        svg += bar(y, qRound(double(b.source) / largest * room), kSourceColor, b.source);
        svg += bar(y + kBarHeight, qRound(double(b.target) / largest * room), kTargetColor, b.target);
        y += rowHeight;
    }
    svg += QStringLiteral("</svg>\n");
    return svg;
}

} // namespace lb
