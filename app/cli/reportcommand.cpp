#include "reportcommand.h"

#include "clicontext.h"
#include "domain/wording.h"
#include "interruptflag.h"
#include "progressbar.h"
#include "render/reportwriter.h"
#include "report/reportbuilder.h"
#include "report/reportgate.h"

#include <nlohmann/json.hpp>
#include <QDir>

namespace lb::cli {

using json = nlohmann::json;

namespace {

constexpr int kMaxTopUnits = 100;

// What the command line asked for, checked before the project is opened.
struct ReportRequest
{
    ReportOptions options;
    ReportFormat format = ReportFormat::Html;
    QString out;
    QList<ReportGate> gates;
};

Result<ReportRequest> readRequest(const CommandParser &args)
{
    const QStringList positional = args.positional();
    if (positional.size() != 2)
        return fail(ErrorKind::Usage, QStringLiteral("report needs SOURCE and TARGET branches (see "
                                                     "'labelbranch-cli report --help')"));
    ReportRequest request;
    request.options.source = positional.at(0);
    request.options.target = positional.at(1);
    request.out = args.value(QStringLiteral("out"));
    if (request.out.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("report needs --out FILE"));
    const QString format = args.value(QStringLiteral("format"));
    const std::optional<ReportFormat> named =
        format.isEmpty() ? reportFormatOfFile(request.out) : reportFormatNamed(format);
    if (!named && !format.isEmpty())
        return fail(ErrorKind::Usage,
                    QStringLiteral("--format must be md or html, not %1").arg(quoted(format)));
    request.format = named.value_or(ReportFormat::Html);
    const QString side = args.value(QStringLiteral("reference"));
    if (side != QLatin1String("source") && side != QLatin1String("target"))
        return fail(ErrorKind::Usage,
                    QStringLiteral("--reference must be source or target, not %1").arg(quoted(side)));
    request.options.sourceIsReference = side == QLatin1String("source");
    bool numeric = false;
    request.options.iouThreshold = args.value(QStringLiteral("iou")).toDouble(&numeric);
    if (!numeric || request.options.iouThreshold <= 0.0 || request.options.iouThreshold > 1.0)
        return fail(ErrorKind::Usage, QStringLiteral("--iou must be a number above 0 and at most 1, not %1")
                                          .arg(quoted(args.value(QStringLiteral("iou")))));
    Result<int> top = args.intValue(QStringLiteral("top"), 10);
    if (!top)
        return top.takeError();
    if (top.value() < 0 || top.value() > kMaxTopUnits)
        return fail(ErrorKind::Usage, QStringLiteral("--top must be from 0 to %1").arg(kMaxTopUnits));
    request.options.topUnits = top.value();
    for (const QString &text : args.values(QStringLiteral("fail-if"))) {
        Result<ReportGate> gate = parseReportGate(text);
        if (!gate)
            return gate.takeError();
        request.gates.append(std::move(gate).value());
    }
    return request;
}

json gateJson(const GateOutcome &outcome, const ReportData &report)
{
    return {{"gate", outcome.gate.text.toStdString()},
            {"metric", ReportGate::metricName(outcome.gate.metric).toStdString()},
            {"class", outcome.gate.featureHash.isEmpty() ? json(nullptr)
                                                         : json(outcome.gate.featureHash.toStdString())},
            {"actual", outcome.actual ? json(*outcome.actual) : json(nullptr)},
            {"failed", outcome.failed},
            {"message", outcome.describe(report).toStdString()}};
}

void printOutcome(CliContext &ctx, const ReportRequest &request, const ReportData &report,
                  const QList<GateOutcome> &outcomes)
{
    if (ctx.json()) {
        json gates = json::array();
        for (const GateOutcome &outcome : outcomes)
            gates.push_back(gateJson(outcome, report));
        ctx.printJson({{"file", QDir::toNativeSeparators(request.out).toStdString()},
                       {"format", request.format == ReportFormat::Html ? "html" : "md"},
                       {"units_compared", report.unitsCompared()},
                       {"changed", report.changedUnits()},
                       {"added", report.addedUnits()},
                       {"removed", report.removedUnits()},
                       {"edited", report.editedUnits()},
                       {"top_units", report.topUnits.size()},
                       {"gates", std::move(gates)}});
        return;
    }
    ctx.printLine(QStringLiteral("Report written to %1: %2 data units compared, %3 changed, %4 shown with "
                                 "their overlays")
                      .arg(QDir::toNativeSeparators(request.out))
                      .arg(report.unitsCompared())
                      .arg(report.changedUnits())
                      .arg(report.topUnits.size()));
    for (const GateOutcome &outcome : outcomes)
        ctx.printLine(QStringLiteral("gate %1 %2")
                          .arg(outcome.failed ? QStringLiteral("FAILED") : QStringLiteral("passed"),
                               outcome.describe(report)));
}

} // namespace

QList<CommandSpec> ReportCommand::specs()
{
    CommandSpec spec{
        QStringLiteral("report"),
        QStringLiteral("Write a Markdown or HTML report of two branches; gates for automation"),
        QStringLiteral("SOURCE TARGET --out FILE [--format md|html] [--fail-if GATE]... [--top N]"),
        [](CommandParser &p) {
            p.addValueOption(QStringLiteral("out"), QStringLiteral("FILE"),
                             QStringLiteral("The report file to write (one file: images are embedded)."));
            p.addValueOption(QStringLiteral("format"), QStringLiteral("FORMAT"),
                             QStringLiteral("md or html (default: from the file name, else html)."));
            p.addValueOption(
                QStringLiteral("fail-if"), QStringLiteral("GATE"),
                QStringLiteral("Exit 3 when the gate holds, e.g. 'changed>5%', 'added>0', "
                               "'recall<0.9', 'f1[Car]<0.8' (changed, added, removed, edited: data "
                               "units, or % of those compared; precision, recall, f1, iou: ratios, "
                               "overall or [class]; < <= > >= ==); repeatable."));
            p.addValueOption(QStringLiteral("top"), QStringLiteral("N"),
                             QStringLiteral("Data units with the most changed objects to draw (default 10)."),
                             QStringLiteral("10"));
            p.addValueOption(QStringLiteral("reference"), QStringLiteral("SIDE"),
                             QStringLiteral("The metrics' truth: source or target (default)."),
                             QStringLiteral("target"));
            p.addValueOption(
                QStringLiteral("iou"), QStringLiteral("X"),
                QStringLiteral("Least overlap (0 to 1) that pairs objects for the metrics (default "
                               "0.5)."),
                QStringLiteral("0.5"));
        },
        &ReportCommand::report};
    spec.paints = true;
    return {spec};
}

int ReportCommand::report(CliContext &ctx, const CommandParser &args)
{
    Result<ReportRequest> request = readRequest(args);
    if (!request)
        return ctx.failure(request.takeError());
    for (const QString &name : {request->options.source, request->options.target})
        if (auto exists = ctx.requireBranch(name); !exists)
            return ctx.failure(exists.takeError());
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    auto ontology = ctx.ontology();
    if (!ontology)
        return ctx.failure(ontology.takeError());
    if (Result<void> resolved = resolveGateClasses(request->gates, ontology.value()); !resolved)
        return ctx.failure(resolved.takeError());

    ProgressBar bar(QStringLiteral("data units"));
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    const Result<ReportData> built = ReportBuilder::run(*store.value(), request->options, control);
    bar.finish();
    if (!built)
        return interrupt.isSet() ? ctx.failure(built.error(), kExitCancelled)
                                 : ctx.failure(built.takeError());
    const ReportData &report = built.value();
    QList<GateOutcome> outcomes;
    QStringList failed;
    for (const ReportGate &gate : std::as_const(request->gates)) {
        outcomes.append(evaluateGate(gate, report));
        if (outcomes.constLast().failed)
            failed.append(QStringLiteral("gate failed: ") + outcomes.constLast().describe(report));
    }
    if (Result<void> written = writeReport(report, request->format, request->out, outcomes); !written)
        return ctx.failure(written.error());
    printOutcome(ctx, request.value(), report, outcomes);
    if (!failed.isEmpty())
        return ctx.failure(failed.join(QStringLiteral("\nlabelbranch-cli: ")), kExitGateFailed);
    return kExitOk;
}

} // namespace lb::cli
