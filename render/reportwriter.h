#pragma once

#include "domain/result.h"
#include "report/reportdata.h"
#include "report/reportgate.h"

#include <optional>
#include <QString>

namespace lb {

enum class ReportFormat
{
    Markdown,
    Html
};

// "md" or "markdown", "html"; none for anything else.
std::optional<ReportFormat> reportFormatNamed(const QString &name);
// The format a file name's suffix says (.md, .markdown, .html, .htm), or none.
std::optional<ReportFormat> reportFormatOfFile(const QString &path);

// Renders a report's pictures and writes it as one file (render/htmlreport.h, render/markdownreport.h),
// replacing `path` only once the whole file is written. Needs a QGuiApplication.
Result<void> writeReport(const ReportData &report, ReportFormat format, const QString &path,
                         const QList<GateOutcome> &gates = {});

} // namespace lb
