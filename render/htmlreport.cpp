#include "render/htmlreport.h"

#include "render/reporttables.h"

namespace lb {

namespace {

const char *const kStyle =
    R"(body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em}
th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.failed{color:#b00020;font-weight:bold}.passed{color:#1b7a1b}.meta{color:#666}
figure{margin:1em 0}figcaption{color:#444;margin-top:.3em}img{max-width:100%;border:1px solid #ccc}
.legend span{display:inline-block;margin-right:1.2em}.sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
)";

QString e(const QString &text)
{
    return text.toHtmlEscaped();
}

QString tableHtml(const ReportTable &table, const QString &id)
{
    QString html = QStringLiteral("<table id=\"%1\">\n<tr>").arg(id);
    for (const QString &header : table.headers)
        html += QStringLiteral("<th>%1</th>").arg(e(header));
    html += QStringLiteral("</tr>\n");
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        const QString key = table.rowKeys.value(r);
        html += key.isEmpty() ? QStringLiteral("<tr>") : QStringLiteral("<tr data-key=\"%1\">").arg(e(key));
        const QStringList &cells = table.rows.at(r);
        for (qsizetype c = 0; c < cells.size(); ++c) {
            QString cls;
            if (c >= table.firstNumeric)
                cls = QStringLiteral(" class=\"n\"");
            if (cells.at(c) == QLatin1String("FAILED"))
                cls = QStringLiteral(" class=\"failed\"");
            else if (cells.at(c) == QLatin1String("passed"))
                cls = QStringLiteral(" class=\"passed\"");
            html += QStringLiteral("<td%1>%2</td>").arg(cls, e(cells.at(c)));
        }
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString legend()
{
    return QStringLiteral("<p class=\"legend\">Source solid, target dashed. "
                          "<span><i class=\"sw\" style=\"background:#56B4E9\"></i>added</span>"
                          "<span><i class=\"sw\" style=\"background:#D55E00\"></i>removed</span>"
                          "<span><i class=\"sw\" style=\"background:#F0E442\"></i>edited</span>"
                          "<span><i class=\"sw\" style=\"background:#C8C8C8\"></i>unchanged</span></p>\n");
}

QString unitsHtml(const ReportData &report, const ReportAssets &assets)
{
    if (report.topUnits.isEmpty())
        return QStringLiteral("<p>No data unit has changed objects.</p>\n");
    QString html = tableHtml(reporttables::topUnits(report), QStringLiteral("units")) + legend();
    for (qsizetype i = 0; i < report.topUnits.size(); ++i) {
        const ReportUnit &unit = report.topUnits.at(i);
        const QString caption = reporttables::unitCaption(unit);
        html += QStringLiteral("<figure><img alt=\"%1\" src=\"data:image/png;base64,%2\">"
                               "<figcaption>%3. %1</figcaption></figure>\n")
                    .arg(e(caption), QString::fromLatin1(assets.overlayPngs.value(i).toBase64()))
                    .arg(i + 1);
    }
    return html;
}

} // namespace

QByteArray htmlReport(const ReportData &report, const ReportAssets &assets, const QList<GateOutcome> &gates)
{
    const QString title = reporttables::title(report);
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n<h1>%1</h1>\n")
                       .arg(e(title), QString::fromUtf8(kStyle));
    html += QStringLiteral(
                "<p class=\"meta\">Source <b>%1</b>, target <b>%2</b>. Quality of <b>%3</b> against the "
                "reference <b>%4</b> (objects paired at IoU ≥ %5). Made %6 UTC by labelbranch.</p>\n")
                .arg(e(report.options.source), e(report.options.target), e(report.prediction()),
                     e(report.reference()))
                .arg(report.options.iouThreshold)
                .arg(report.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!gates.isEmpty())
        html += QStringLiteral("<h2>Gates</h2>\n") +
                tableHtml(reporttables::gates(gates, report), QStringLiteral("gates"));
    html += QStringLiteral("<h2>Summary</h2>\n") +
            tableHtml(reporttables::summary(report), QStringLiteral("summary"));
    html += QStringLiteral("<h2>Objects per class</h2>\n<figure>\n") + assets.chartSvg +
            QStringLiteral("</figure>\n");
    html += tableHtml(reporttables::classes(report), QStringLiteral("classes"));
    html += QStringLiteral("<h2>Quality metrics</h2>\n") +
            tableHtml(reporttables::metrics(report), QStringLiteral("metrics"));
    html += QStringLiteral("<h2>Most changed data units</h2>\n") + unitsHtml(report, assets);
    html += QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

} // namespace lb
