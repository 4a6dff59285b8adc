#include "render/reportwriter.h"

#include "domain/wording.h"
#include "render/htmlreport.h"
#include "render/markdownreport.h"

#include <QFileInfo>
#include <QSaveFile>

namespace lb {

std::optional<ReportFormat> reportFormatNamed(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("md") || lower == QLatin1String("markdown"))
        return ReportFormat::Markdown;
    if (lower == QLatin1String("html"))
        return ReportFormat::Html;
    return std::nullopt;
}

std::optional<ReportFormat> reportFormatOfFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.compare(QLatin1String("htm"), Qt::CaseInsensitive) == 0)
        return ReportFormat::Html;
    return reportFormatNamed(suffix);
}

Result<void> writeReport(const ReportData &report, ReportFormat format, const QString &path,
                         const QList<GateOutcome> &gates)
{
    const ReportAssets assets = ReportAssets::render(report);
    const QByteArray bytes = format == ReportFormat::Html ? htmlReport(report, assets, gates)
                                                          : markdownReport(report, assets, gates);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(
            QStringLiteral("could not write the report to %1: %2").arg(quoted(path), file.errorString()));
    return {};
}

} // namespace lb
