#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// report: one self-contained Markdown or HTML file about two branches (summary, per-class chart, quality
// metrics, the most changed data units drawn by the canvas's overlay painter), with gates for automation:
// `--fail-if` exits 3 and names each gate that failed, after writing the report.
class ReportCommand
{
public:
    static QList<CommandSpec> specs();

private:
    static int report(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
