#include "initcommand.h"

#include "clicontext.h"
#include "domain/encordontology.h"
#include "domain/wording.h"
#include "interruptflag.h"
#include "progressbar.h"
#include "project/projectfromexports.h"

#include <nlohmann/json.hpp>
#include <QFile>

namespace lb::cli {

using json = nlohmann::json;

namespace {

Result<Ontology> readOntology(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    json document;
    try {
        document = json::parse(file.readAll().toStdString());
    } catch (const std::exception &e) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("%1 is not JSON: %2").arg(path, QString::fromUtf8(e.what())));
    }
    Result<Ontology> ontology = ontologyFromEncordFile(document);
    if (!ontology)
        return fail(ontology.errorKind(), QStringLiteral("%1: %2").arg(path, ontology.error()));
    return ontology;
}

void printReport(CliContext &ctx, const QString &out, const ProjectFromExports::Report &report)
{
    if (ctx.json()) {
        json branches = json::array();
        for (const auto &[name, count] : report.rowsPerBranch)
            branches.push_back({{"name", name.toStdString()}, {"row_count", count}});
        ctx.printJson({{"path", out.toStdString()},
                       {"data_units", report.dataUnits},
                       {"rows", report.rows},
                       {"branches", std::move(branches)},
                       {"ontology_inferred", report.ontologyInferred},
                       {"object_classes", report.objectClasses},
                       {"classification_classes", report.classificationClasses}});
        return;
    }
    QStringList parts;
    for (const auto &[name, count] : report.rowsPerBranch)
        parts.append(QStringLiteral("%1 (%2)").arg(name, plural(count, QStringLiteral("row"))));
    ctx.printLine(QStringLiteral("created project %1: %2; branches: %3; ontology %4 with %5 and %6")
                      .arg(out, plural(report.dataUnits, QStringLiteral("data unit")),
                           parts.join(QStringLiteral(", ")),
                           report.ontologyInferred ? QStringLiteral("inferred from the rows")
                                                   : QStringLiteral("from the file given"),
                           plural(report.objectClasses, QStringLiteral("object class"),
                                  QStringLiteral("object classes")),
                           plural(report.classificationClasses, QStringLiteral("classification"))));
}

} // namespace

QList<CommandSpec> InitCommand::specs()
{
    return {{QStringLiteral("init"), QStringLiteral("Create a project from Encord export files"),
             QStringLiteral("--out FILE [--title T] [--ontology FILE] EXPORT.json..."),
             [](CommandParser &p) {
                 p.addValueOption(QStringLiteral("out"), QStringLiteral("FILE"),
                                  QStringLiteral("The new project file (must not exist)."));
                 p.addValueOption(QStringLiteral("title"), QStringLiteral("T"),
                                  QStringLiteral("Project title (default: the first export's file name)."));
                 p.addValueOption(
                     QStringLiteral("ontology"), QStringLiteral("FILE"),
                     QStringLiteral("Encord ontology export or structure JSON (default: inferred "
                                    "from the rows)."));
             },
             &InitCommand::init}};
}

int InitCommand::init(CliContext &ctx, const CommandParser &args)
{
    const QStringList files = args.positional();
    if (files.isEmpty())
        return ctx.usageError(
            QStringLiteral("init needs at least one EXPORT.json (see 'labelbranch-cli init --help')"));
    const QString out = args.value(QStringLiteral("out"));
    if (out.isEmpty())
        return ctx.usageError(QStringLiteral("init needs --out FILE"));
    ProjectFromExports::Options options;
    options.title = args.value(QStringLiteral("title"));
    if (args.isSet(QStringLiteral("ontology"))) {
        Result<Ontology> ontology = readOntology(args.value(QStringLiteral("ontology")));
        if (!ontology)
            return ctx.failure(ontology.takeError());
        options.ontology = ontology.value();
    }

    ProgressBar bar(QStringLiteral("rows"));
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    const Result<ProjectFromExports::Report> report =
        ProjectFromExports::create(out, files, options, control);
    bar.finish();
    if (!report)
        return interrupt.isSet() ? ctx.failure(report.error(), kExitCancelled)
                                 : ctx.failure(report.takeError());
    printReport(ctx, out, report.value());
    return kExitOk;
}

} // namespace lb::cli
