#include "render/markdownreport.h"

#include "render/reporttables.h"

namespace lb {

namespace {

// Markdown's own marks and HTML are shown as text: a name cannot start a link, a table cell or a tag.
QString e(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('<'))
            out += QStringLiteral("&lt;");
        else if (c == QLatin1Char('>'))
            out += QStringLiteral("&gt;");
        else if (c == QLatin1Char('&'))
            out += QStringLiteral("&amp;");
        else if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            out += QLatin1Char(' ');
        else if (QStringLiteral("\\`*_{}[]()#+-.!|~").contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    return out;
}

QString tableMarkdown(const ReportTable &table)
{
    QString md = QStringLiteral("|");
    QString rule = QStringLiteral("|");
    for (qsizetype c = 0; c < table.headers.size(); ++c) {
        md += QStringLiteral(" %1 |").arg(e(table.headers.at(c)));
        rule += c >= table.firstNumeric ? QStringLiteral(" ---: |") : QStringLiteral(" --- |");
    }
    md += QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (const QStringList &cells : table.rows) {
        md += QLatin1Char('|');
        for (const QString &cell : cells)
            md += QStringLiteral(" %1 |").arg(e(cell));
        md += QLatin1Char('\n');
    }
    return md + QLatin1Char('\n');
}

QString unitsMarkdown(const ReportData &report, const ReportAssets &assets)
{
    if (report.topUnits.isEmpty())
        return QStringLiteral("No data unit has changed objects.\n\n");
    QString md = tableMarkdown(reporttables::topUnits(report));
    md += QStringLiteral("Source solid, target dashed; blue added, vermillion removed, yellow edited, grey "
                         "unchanged.\n\n");
    for (qsizetype i = 0; i < report.topUnits.size(); ++i) {
        const QString caption = e(reporttables::unitCaption(report.topUnits.at(i)));
        md += QStringLiteral("%1\\. %2\n\n![%2](data:image/png;base64,%3)\n\n")
                  .arg(i + 1)
                  .arg(caption, QString::fromLatin1(assets.overlayPngs.value(i).toBase64()));
    }
    return md;
}

} // namespace

QByteArray markdownReport(const ReportData &report, const ReportAssets &assets,
                          const QList<GateOutcome> &gates)
{
    QString md = QStringLiteral("# %1\n\n").arg(e(reporttables::title(report)));
    md += QStringLiteral(
              "Source **%1**, target **%2**. Quality of **%3** against the reference **%4** (objects "
              "paired at IoU ≥ %5). Made %6 UTC by labelbranch.\n\n")
              .arg(e(report.options.source), e(report.options.target), e(report.prediction()),
                   e(report.reference()))
              .arg(report.options.iouThreshold)
              .arg(report.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!gates.isEmpty())
        md += QStringLiteral("## Gates\n\n") + tableMarkdown(reporttables::gates(gates, report));
    md += QStringLiteral("## Summary\n\n") + tableMarkdown(reporttables::summary(report));
    md += QStringLiteral("## Objects per class\n\n![Objects per class](data:image/svg+xml;base64,%1)\n\n")
              .arg(QString::fromLatin1(assets.chartSvg.toUtf8().toBase64()));
    md += tableMarkdown(reporttables::classes(report));
    md += QStringLiteral("## Quality metrics\n\n") + tableMarkdown(reporttables::metrics(report));
    md += QStringLiteral("## Most changed data units\n\n") + unitsMarkdown(report, assets);
    return md.toUtf8();
}

} // namespace lb
