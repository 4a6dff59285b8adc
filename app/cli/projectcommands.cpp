#include "projectcommands.h"

#include "clicontext.h"
#include "demo/demogenerator.h"
#include "engine/branchcomparison.h"
#include "engine/rowpages.h"
#include "interruptflag.h"
#include "output/jsonarrayprinter.h"
#include "progressbar.h"
#include "tableprinter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <QHash>
#include <QSaveFile>

namespace lb::cli {

using json = nlohmann::json;

namespace {

QString signedNumber(int n)
{
    return n > 0 ? QStringLiteral("+%1").arg(n) : QString::number(n);
}

QString classDeltaText(const QHash<QString, int> &deltas, const Ontology &ontology)
{
    QStringList parts;
    for (auto it = deltas.cbegin(); it != deltas.cend(); ++it)
        if (it.value() != 0)
            parts.append(QStringLiteral("%1 %2").arg(ontology.nameOf(it.key()), signedNumber(it.value())));
    parts.sort();
    return parts.join(QStringLiteral(", "));
}

// The rows as one JSON array, printed page by page as they are listed.
int printRowsJson(CliContext &ctx, Store &store, const RowQuery &query)
{
    const JsonOutput output = ctx.jsonOutput();
    JsonArrayPrinter printer([&ctx](const QByteArray &bytes) { ctx.printNow(bytes); });
    const Result<void> listed =
        RowPages::forEach(store, query, RowPages::kDefaultPageSize, [&](const QList<LabelRowSummary> &page) {
            for (const LabelRowSummary &row : page)
                printer.addPrinted(output.printedRow(row, 1));
            return Result<void>();
        });
    if (!listed)
        return ctx.failure(listed.takeError());
    printer.close();
    ctx.printNow("\n");
    return kExitOk;
}

int noArguments(CliContext &ctx, const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return ctx.usageError(QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli %2 --help')")
                                  .arg(args.positional().constFirst(), args.command()));
    return kExitOk;
}

} // namespace

QList<CommandSpec> ProjectCommands::specs()
{
    QList<CommandSpec> specs;
    specs.append(
        {QStringLiteral("demo"), QStringLiteral("Create a demo project of driving scenes"),
         QStringLiteral("--out FILE [--size N] [--seed S] [--modalities all] [--shared-object-hashes]"),
         [](CommandParser &p) {
             p.addValueOption(QStringLiteral("out"), QStringLiteral("FILE"),
                              QStringLiteral("The new project file (must not exist)."));
             p.addValueOption(QStringLiteral("size"), QStringLiteral("N"),
                              QStringLiteral("Number of data units, or small (%1), default (%2), large (%3).")
                                  .arg(DemoGenerator::kSmallSize)
                                  .arg(DemoGenerator::kDefaultSize)
                                  .arg(DemoGenerator::kLargeSize));
             p.addValueOption(QStringLiteral("seed"), QStringLiteral("S"),
                              QStringLiteral("Random seed; the same seed and size give the same project "
                                             "(default %1).")
                                  .arg(DemoGenerator::kDefaultSeed));
             p.addValueOption(QStringLiteral("modalities"), QStringLiteral("SET"),
                              QStringLiteral("driving (the default: images and videos) or all (also DICOM, "
                                             "NIfTI, PDF, audio, text, HTML and a data group)."));
             p.addOption(QStringLiteral("shared-object-hashes"),
                         QStringLiteral(
                             "Give the model's objects on pre-labels-v1 main's object hashes "
                             "(by default they have hashes of their own, as a pre-labelling agent's do)."));
         },
         &ProjectCommands::demo});
    specs.append({QStringLiteral("branches"), QStringLiteral("List the branches with row and object counts"),
                  QString(), [](CommandParser &) {}, &ProjectCommands::branches});
    specs.append(
        {QStringLiteral("rows"), QStringLiteral("List the label rows of a branch, filtered"),
         QStringLiteral("--branch B | --all-branches [filters]"),
         [](CommandParser &p) {
             p.addValueOption(QStringLiteral("branch"), QStringLiteral("B"),
                              QStringLiteral("Branch to list."));
             p.addValueOption(QStringLiteral("data-hash"), QStringLiteral("H"),
                              QStringLiteral("Only this data unit (repeatable)."));
             p.addValueOption(QStringLiteral("label-hash"), QStringLiteral("L"),
                              QStringLiteral("Only this label row (repeatable)."));
             p.addValueOption(QStringLiteral("title"), QStringLiteral("T"),
                              QStringLiteral("Exact data title."));
             p.addValueOption(QStringLiteral("title-like"), QStringLiteral("PATTERN"),
                              QStringLiteral("Data title pattern with SQL LIKE wildcards % and _."));
             p.addValueOption(QStringLiteral("status"), QStringLiteral("S"),
                              QStringLiteral("Label status such as LABELLED (repeatable)."));
             p.addValueOption(QStringLiteral("edited-before"), QStringLiteral("T"),
                              QStringLiteral("Last edited before this ISO 8601 time (UTC unless given)."));
             p.addValueOption(QStringLiteral("edited-after"), QStringLiteral("T"),
                              QStringLiteral("Last edited after this ISO 8601 time (UTC unless given)."));
             p.addOption(QStringLiteral("include-uninitialised"),
                         QStringLiteral("Also list data units without a row (label hash null)."));
             p.addOption(QStringLiteral("all-branches"), QStringLiteral("List the rows of every branch."));
         },
         &ProjectCommands::rows});
    specs.append({QStringLiteral("diff"), QStringLiteral("Compare two branches per data unit"),
                  QStringLiteral("SOURCE TARGET [--only-differences]"),
                  [](CommandParser &p) {
                      p.addOption(
                          QStringLiteral("only-differences"),
                          QStringLiteral("List only data units that differ (the summary counts all)."));
                  },
                  &ProjectCommands::diff});
    specs.append({QStringLiteral("branch"), QStringLiteral("Create, rename or delete a branch"),
                  QStringLiteral("create NAME [--from B] | rename OLD NEW | delete NAME"),
                  [](CommandParser &p) {
                      p.addValueOption(
                          QStringLiteral("from"), QStringLiteral("B"),
                          QStringLiteral("Record the branch the new one is made from (create; the new "
                                         "branch starts empty, use copy or snapshot to fill it)."));
                  },
                  &ProjectCommands::branch});
    specs.append({QStringLiteral("export"), QStringLiteral("Write a branch's label rows as a JSON array"),
                  QStringLiteral("--branch B --out FILE"),
                  [](CommandParser &p) {
                      p.addValueOption(QStringLiteral("branch"), QStringLiteral("B"),
                                       QStringLiteral("Branch to export."));
                      p.addValueOption(
                          QStringLiteral("out"), QStringLiteral("FILE"),
                          QStringLiteral("Output file, replaced atomically; - for standard output."));
                  },
                  &ProjectCommands::exportRows});
    specs.append({QStringLiteral("log"), QStringLiteral("Show the audit log, newest first"), QString(),
                  [](CommandParser &) {}, &ProjectCommands::log});
    return specs;
}

int ProjectCommands::demo(CliContext &ctx, const CommandParser &args)
{
    if (const int code = noArguments(ctx, args))
        return code;
    const QString out = args.value(QStringLiteral("out"));
    if (out.isEmpty())
        return ctx.usageError(QStringLiteral("demo needs --out FILE"));
    auto size = DemoGenerator::parseSize(
        args.isSet(QStringLiteral("size")) ? args.value(QStringLiteral("size")) : QStringLiteral("default"));
    if (!size)
        return ctx.usageError(size.error());
    auto seed = args.unsignedValue(QStringLiteral("seed"), DemoGenerator::kDefaultSeed);
    if (!seed)
        return ctx.usageError(seed.error());

    const QString modalities = args.value(QStringLiteral("modalities")).trimmed().toLower();
    if (!modalities.isEmpty() && modalities != QLatin1String("all") && modalities != QLatin1String("driving"))
        return ctx.usageError(QStringLiteral("--modalities must be driving or all, not '%1'")
                                  .arg(args.value(QStringLiteral("modalities"))));

    DemoGenerator generator(size.value(), seed.value());
    generator.setAllModalities(modalities == QLatin1String("all"));
    generator.setFreshPreLabelHashes(!args.isSet(QStringLiteral("shared-object-hashes")));
    ProgressBar bar(QStringLiteral("data units"));
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    auto report = generator.writeProject(out, control);
    bar.finish();
    if (!report)
        return interrupt.isSet() ? ctx.failure(report.error(), kExitCancelled)
                                 : ctx.failure(report.takeError());

    if (ctx.json()) {
        json branches = json::array();
        for (const auto &[name, count] : report->rowsPerBranch)
            branches.push_back({{"name", name.toStdString()}, {"row_count", count}});
        ctx.printJson({{"path", out.toStdString()},
                       {"size", generator.size()},
                       {"seed", generator.seed()},
                       {"data_units", report->dataUnits},
                       {"images", report->images},
                       {"videos", report->videos},
                       {"other_modalities", report->otherModalities},
                       {"branches", std::move(branches)}});
        return kExitOk;
    }
    QStringList parts;
    for (const auto &[name, count] : report->rowsPerBranch)
        parts.append(QStringLiteral("%1 (%2 rows)").arg(name).arg(count));
    const QString others = report->otherModalities > 0
                               ? QStringLiteral(", %1 of other data types").arg(report->otherModalities)
                               : QString();
    ctx.printLine(
        QStringLiteral(
            "created demo project %1: %2 data units (%3 images, %4 videos%5), seed %6; branches: %7")
            .arg(out)
            .arg(report->dataUnits)
            .arg(report->images)
            .arg(report->videos)
            .arg(others)
            .arg(generator.seed())
            .arg(parts.join(QStringLiteral(", "))));
    return kExitOk;
}

int ProjectCommands::branches(CliContext &ctx, const CommandParser &args)
{
    if (const int code = noArguments(ctx, args))
        return code;
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    auto list = store.value()->branches();
    if (!list)
        return ctx.failure(list.takeError());
    if (ctx.json()) {
        ctx.printJson(JsonOutput::branches(list.value()));
        return kExitOk;
    }
    // A write that runs or was interrupted on a branch is said beside it, with what to do about it.
    auto operations = store.value()->operations();
    if (!operations)
        return ctx.failure(operations.takeError());
    QHash<QString, QString> unfinished;
    for (const OperationRecord &o : operations.value()) {
        if (o.undone || o.kind == OperationKind::Undo || unfinished.contains(o.targetBranch))
            continue;
        if (o.state == OperationState::Running)
            unfinished.insert(o.targetBranch,
                              QStringLiteral("%1 #%2 running").arg(operationKindName(o.kind)).arg(o.id));
        else if (o.state == OperationState::Interrupted)
            unfinished.insert(o.targetBranch, QStringLiteral("%1 #%2 %3 (undo or rerun)")
                                                  .arg(operationKindName(o.kind))
                                                  .arg(o.id)
                                                  .arg(o.stateText()));
    }
    TablePrinter table({QStringLiteral("BRANCH"), QStringLiteral("ROWS"), QStringLiteral("OBJECTS"),
                        QStringLiteral("LAST EDITED"), QStringLiteral("CREATED FROM"),
                        QStringLiteral("KIND")});
    table.setRightAligned(1);
    table.setRightAligned(2);
    for (const BranchInfo &b : list.value()) {
        QString kind = b.isMain()     ? QStringLiteral("main")
                       : b.isSnapshot ? QStringLiteral("snapshot")
                                      : QString();
        if (const QString note = unfinished.value(b.name); !note.isEmpty())
            kind = kind.isEmpty() ? note : kind + QStringLiteral("; ") + note;
        table.addRow({b.name, QString::number(b.rowCount), QString::number(b.objectCount),
                      CliContext::displayTime(b.lastEditedAt), CliContext::orDash(b.createdFrom), kind});
    }
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    return kExitOk;
}

int ProjectCommands::rows(CliContext &ctx, const CommandParser &args)
{
    if (const int code = noArguments(ctx, args))
        return code;
    const bool all = args.isSet(QStringLiteral("all-branches"));
    const bool one = args.isSet(QStringLiteral("branch"));
    if (all && one)
        return ctx.usageError(QStringLiteral("give either --branch or --all-branches, not both"));
    if (!all && !one)
        return ctx.usageError(QStringLiteral("rows needs --branch B or --all-branches"));
    auto before = args.timeValue(QStringLiteral("edited-before"));
    if (!before)
        return ctx.usageError(before.error());
    auto after = args.timeValue(QStringLiteral("edited-after"));
    if (!after)
        return ctx.usageError(after.error());

    RowQuery query;
    query.branch = all ? QString() : args.value(QStringLiteral("branch"));
    query.allBranches = all;
    query.dataHashes = args.values(QStringLiteral("data-hash"));
    query.labelHashes = args.values(QStringLiteral("label-hash"));
    query.titleEquals = args.value(QStringLiteral("title"));
    query.titleLike = args.value(QStringLiteral("title-like"));
    for (const QString &status : args.values(QStringLiteral("status")))
        query.statuses.append(status.trimmed().toUpper());
    query.editedBefore = before.value();
    query.editedAfter = after.value();
    query.includeUninitialised = args.isSet(QStringLiteral("include-uninitialised"));

    if (one) {
        if (auto exists = ctx.requireBranch(query.branch); !exists)
            return ctx.failure(exists.takeError());
    }
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    if (ctx.json())
        return printRowsJson(ctx, engine.value()->store(), query);
    QStringList headers = {QStringLiteral("TITLE"),      QStringLiteral("DATA HASH"),
                           QStringLiteral("LABEL HASH"), QStringLiteral("STATUS"),
                           QStringLiteral("OBJECTS"),    QStringLiteral("LAST EDITED")};
    if (all)
        headers.prepend(QStringLiteral("BRANCH"));
    TablePrinter table(headers);
    table.setRightAligned(all ? 5 : 4);
    Result<void> listed = RowPages::forEach(
        engine.value()->store(), query, RowPages::kDefaultPageSize, [&](const QList<LabelRowSummary> &page) {
            for (const LabelRowSummary &r : page) {
                QStringList cells = {r.dataTitle,
                                     r.dataHash,
                                     CliContext::orDash(r.labelHash),
                                     CliContext::orDash(r.labelStatus),
                                     r.isInitialised() ? QString::number(r.objectCount) : QStringLiteral("-"),
                                     CliContext::displayTime(r.lastEditedAt)};
                if (all)
                    cells.prepend(r.branchName);
                table.addRow(cells);
            }
            return Result<void>();
        });
    if (!listed)
        return ctx.failure(listed.takeError());
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    ctx.printLine(QStringLiteral("%1 row%2")
                      .arg(table.rowCount())
                      .arg(table.rowCount() == 1 ? QString() : QStringLiteral("s")));
    return kExitOk;
}

int ProjectCommands::diff(CliContext &ctx, const CommandParser &args)
{
    const QStringList positional = args.positional();
    if (positional.size() != 2)
        return ctx.usageError(
            QStringLiteral("diff needs SOURCE and TARGET branches (see 'labelbranch-cli diff --help')"));
    const QString source = positional.at(0), target = positional.at(1);
    for (const QString &name : positional)
        if (auto exists = ctx.requireBranch(name); !exists)
            return ctx.failure(exists.takeError());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    BranchComparison comparison(engine.value()->store());
    DiffQuery query;
    query.sourceBranch = source;
    query.targetBranch = target;
    const bool onlyDifferences = args.isSet(QStringLiteral("only-differences"));
    // One pass over every data unit gives the entries to print and the summary, printed after them (JSON)
    // or above the table, which is rendered at the end anyway.
    const auto feed = [&](const BranchComparison::EntrySink &take) -> Result<DiffSummary> {
        DiffSummary summary;
        const Result<qint64> read = comparison.forEach(query, [&](const DiffEntry &entry) -> Result<void> {
            summary.add(entry);
            return onlyDifferences && !diffStatusIsDifference(entry.status) ? Result<void>() : take(entry);
        });
        if (!read)
            return read.takeError();
        return summary;
    };
    if (ctx.json()) {
        // Entries go out as they are read; a failure part-way leaves the output incomplete (README).
        const Result<void> printed = ctx.jsonOutput().printDiff(
            source, target, feed, [&ctx](const QByteArray &bytes) { ctx.printNow(bytes); });
        return printed ? kExitOk : ctx.failure(printed.error());
    }
    auto ontology = ctx.ontology();
    if (!ontology)
        return ctx.failure(ontology.takeError());
    TablePrinter table({QStringLiteral("TITLE"), QStringLiteral("SOURCE"), QStringLiteral("TARGET"),
                        QStringLiteral("DELTA"), QStringLiteral("STATUS"), QStringLiteral("CLASS DELTAS")});
    table.setRightAligned(1);
    table.setRightAligned(2);
    table.setRightAligned(3);
    const Result<DiffSummary> summary = feed([&](const DiffEntry &e) -> Result<void> {
        table.addRow({e.dataTitle,
                      e.sourceLabelHash.isEmpty() ? QStringLiteral("-") : QString::number(e.sourceCount),
                      e.targetLabelHash.isEmpty() ? QStringLiteral("-") : QString::number(e.targetCount),
                      signedNumber(e.delta), diffStatusName(e.status),
                      classDeltaText(e.classDeltas, ontology.value())});
        return {};
    });
    if (!summary)
        return ctx.failure(summary.error());
    const DiffSummary &s = summary.value();
    ctx.printLine(QStringLiteral("%1 -> %2: %3 data units, %4 differ")
                      .arg(source, target)
                      .arg(s.total)
                      .arg(s.differences()));
    ctx.printLine(
        QStringLiteral("identical %1, changed (same count) %2, count differs %3, only in source %4, "
                       "only in target %5, uninitialised on both %6; objects %7 -> %8")
            .arg(s.identical)
            .arg(s.changedSameCount)
            .arg(s.countDiffers)
            .arg(s.onlyInSource)
            .arg(s.onlyInTarget)
            .arg(s.uninitialisedOnBoth)
            .arg(s.sourceObjects)
            .arg(s.targetObjects));
    ctx.print("\n");
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    return kExitOk;
}

int ProjectCommands::branch(CliContext &ctx, const CommandParser &args)
{
    const QStringList positional = args.positional();
    const QString action = positional.value(0);
    const int expected = action == QLatin1String("rename") ? 3 : 2;
    if (action != QLatin1String("create") && action != QLatin1String("rename") &&
        action != QLatin1String("delete"))
        return ctx.usageError(
            action.isEmpty()
                ? QStringLiteral(
                      "branch needs create, rename or delete (see 'labelbranch-cli branch --help')")
                : QStringLiteral("unknown branch action '%1': use create, rename or delete").arg(action));
    if (positional.size() != expected)
        return ctx.usageError(action == QLatin1String("rename")
                                  ? QStringLiteral("branch rename needs OLD and NEW names")
                                  : QStringLiteral("branch %1 needs exactly one NAME").arg(action));
    if (args.isSet(QStringLiteral("from")) && action != QLatin1String("create"))
        return ctx.usageError(QStringLiteral("--from only goes with branch create"));
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());

    json result;
    QString line;
    if (action == QLatin1String("create")) {
        const QString from = args.value(QStringLiteral("from"));
        if (!from.isEmpty())
            if (auto exists = ctx.requireBranch(from); !exists)
                return ctx.failure(exists.takeError());
        if (auto done = engine.value()->createBranch(positional.at(1), from); !done)
            return ctx.failure(done.takeError());
        result = {{"action", "create"},
                  {"branch", positional.at(1).toStdString()},
                  {"created_from", JsonOutput::textOrNull(from)}};
        line = QStringLiteral("created branch %1").arg(positional.at(1));
    } else if (action == QLatin1String("rename")) {
        if (auto done = engine.value()->renameBranch(positional.at(1), positional.at(2)); !done)
            return ctx.failure(done.takeError());
        result = {{"action", "rename"},
                  {"from", positional.at(1).toStdString()},
                  {"to", positional.at(2).toStdString()}};
        line = QStringLiteral("renamed branch %1 to %2").arg(positional.at(1), positional.at(2));
    } else {
        if (auto done = engine.value()->deleteBranch(positional.at(1)); !done)
            return ctx.failure(done.takeError());
        result = {{"action", "delete"}, {"branch", positional.at(1).toStdString()}};
        line = QStringLiteral("deleted branch %1").arg(positional.at(1));
    }
    if (ctx.json())
        ctx.printJson(result);
    else
        ctx.printLine(line);
    return kExitOk;
}

int ProjectCommands::exportRows(CliContext &ctx, const CommandParser &args)
{
    if (const int code = noArguments(ctx, args))
        return code;
    const QString branch = args.value(QStringLiteral("branch"));
    const QString out = args.value(QStringLiteral("out"));
    if (branch.isEmpty() || out.isEmpty())
        return ctx.usageError(QStringLiteral("export needs --branch B and --out FILE"));
    if (auto exists = ctx.requireBranch(branch); !exists)
        return ctx.failure(exists.takeError());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    // Encord's export: a JSON array of label rows, one per line, written as they are fetched.
    const bool toStdout = out == QLatin1String("-");
    QSaveFile file(out); // replaced only once complete: a failed export leaves no half file
    // The operating system's words and the path: "No space left on device (writing out.json)".
    // QSaveFile can lose the reason when it closes the file; errno still has it then.
    const auto writeError = [&] {
        const int code = errno;
        QString reason = file.errorString();
        if (code != 0 && (reason.isEmpty() || reason == QLatin1String("Unknown error")))
            reason = QString::fromLocal8Bit(std::strerror(code));
        return QStringLiteral("%1 (writing %2)").arg(reason, out);
    };
    if (!toStdout && !file.open(QIODevice::WriteOnly))
        return ctx.failure(writeError());
    const auto write = [&](const QByteArray &bytes) -> Result<void> {
        if (toStdout)
            ctx.printNow(bytes); // the rows are the output; --json changes nothing here
        else if (file.write(bytes) != bytes.size())
            return fail(writeError());
        return {};
    };
    ProgressBar bar;
    JobControl control;
    control.onProgress = bar.callback();
    qint64 count = 0;
    auto exported = engine.value()->exportRowBytes(
        branch,
        [&](const QByteArray &row) {
            if (Result<void> separated = write(count++ == 0 ? "[\n" : ",\n"); !separated)
                return separated;
            return write(row);
        },
        100, control);
    bar.finish();
    if (!exported)
        return ctx.failure(exported.takeError());
    if (Result<void> closed = write(count == 0 ? "[]\n" : "\n]\n"); !closed)
        return ctx.failure(closed.takeError());
    if (toStdout)
        return kExitOk;
    // Flushed first: commit() closes the file, which forgets why the last write failed.
    if (!file.flush())
        return ctx.failure(writeError());
    if (!file.commit())
        return ctx.failure(writeError());
    if (ctx.json())
        ctx.printJson({{"branch", branch.toStdString()}, {"path", out.toStdString()}, {"count", count}});
    else
        ctx.printLine(QStringLiteral("exported %1 label rows of %2 to %3").arg(count).arg(branch, out));
    return kExitOk;
}

int ProjectCommands::log(CliContext &ctx, const CommandParser &args)
{
    if (const int code = noArguments(ctx, args))
        return code;
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    auto entries = store.value()->auditLog();
    if (!entries)
        return ctx.failure(entries.takeError());
    if (ctx.json()) {
        ctx.printJson(JsonOutput::auditLog(entries.value()));
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("TIME"), QStringLiteral("USER"), QStringLiteral("ACTION"),
                        QStringLiteral("OPERATION"), QStringLiteral("SUMMARY")});
    table.setRightAligned(3);
    for (const AuditEntry &e : entries.value())
        table.addRow({CliContext::displayTime(e.time), CliContext::orDash(e.user), e.action,
                      e.operationId ? QString::number(e.operationId) : QStringLiteral("-"),
                      e.operationState.isEmpty()
                          ? e.summary
                          : QStringLiteral("%1 (%2)").arg(e.summary, e.operationState)});
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    return kExitOk;
}

} // namespace lb::cli
