#include "copycommands.h"

#include "clicontext.h"
#include "domain/branchname.h"
#include "domain/hashlistreader.h"
#include "domain/labelrowarrayreader.h"
#include "domain/wording.h"
#include "interruptflag.h"
#include "progressbar.h"
#include "tableprinter.h"

#include <QFile>

namespace lb::cli {

using json = nlohmann::json;

namespace {

void addCopyOptions(CommandParser &p, bool sync)
{
    p.addValueOption(QStringLiteral("source"), QStringLiteral("S"),
                     QStringLiteral("Source branch (default main)."));
    p.addValueOption(QStringLiteral("target"), QStringLiteral("T"),
                     QStringLiteral("Target branch; created when it does not exist."));
    p.addOption(QStringLiteral("overwrite"),
                sync ? QStringLiteral("Accepted for symmetry: sync always overwrites.")
                     : QStringLiteral("Replace target rows of the same data units (source wins)."));
    p.addValueOption(QStringLiteral("data-hash"), QStringLiteral("H"),
                     QStringLiteral("Only this data unit (repeatable); applied first."));
    p.addValueOption(QStringLiteral("data-hashes-file"), QStringLiteral("F"),
                     QStringLiteral("Data hashes from a file, one per line (# comments allowed)."));
    p.addValueOption(QStringLiteral("label-hash"), QStringLiteral("L"),
                     QStringLiteral("Only this source label row (repeatable); applied after --data-hash."));
    p.addValueOption(QStringLiteral("batch-size"), QStringLiteral("N"),
                     QStringLiteral("Rows per atomic batch, 1 to 1000 (default 50)."));
    p.addOption(QStringLiteral("dry-run"), QStringLiteral("Print the plan per data unit and write nothing."));
    p.addOption(QStringLiteral("strict"),
                QStringLiteral("Fail, writing nothing, when a data or label hash matches nothing."));
    p.addWaitOption();
}

Result<QStringList> readHashesFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return HashListReader::read(file, path);
}

// Hashes that matched nothing are said on stderr, whatever the output format (--json has them too).
void warnUnknown(CliContext &ctx, const UnknownHashes &unknown, const QString &source)
{
    for (const QString &line : unknownHashesText(unknown, source))
        ctx.warn(line);
}

// What a writing command reports to and is stopped by: the progress line, Ctrl-C, and how long it waits for
// another operation on its branch.
struct WriteControl
{
    explicit WriteControl(int waitMs)
    {
        control.onProgress = bar.callback();
        control.cancelFlag = interrupt.flag();
        control.lockWaitMs = waitMs;
    }
    ProgressBar bar;
    InterruptFlag interrupt;
    JobControl control;
};

QString resultLine(const QString &verb, const QString &source, const QString &target, const CopyResult &r)
{
    QString line =
        QStringLiteral("%1 %2 from %3 to %4: %5 created, %6 replaced, %7 skipped in %8 of %9 batches")
            .arg(verb, plural(r.count, QStringLiteral("label row")), source, target)
            .arg(r.created)
            .arg(r.replaced)
            .arg(r.skipped)
            .arg(r.batchesDone)
            .arg(r.batchesTotal);
    if (r.operationId)
        line += QStringLiteral(" (operation %1)").arg(r.operationId);
    if (r.targetCreated)
        line += QStringLiteral("; created branch %1").arg(target);
    if (const QString method = copyMethodText(r); !method.isEmpty())
        line += QLatin1Char('\n') + method;
    return line;
}

} // namespace

QList<CommandSpec> CopyCommands::specs()
{
    QList<CommandSpec> specs;
    specs.append({QStringLiteral("copy"),
                  QStringLiteral("Copy label rows to a branch (copy_labels_to_branch)"),
                  QStringLiteral("--source S --target T [options]"),
                  [](CommandParser &p) { addCopyOptions(p, false); }, &CopyCommands::copy});
    specs.append({QStringLiteral("sync"), QStringLiteral("Copy with overwrite: the source wins"),
                  QStringLiteral("--source S --target T [options]"),
                  [](CommandParser &p) { addCopyOptions(p, true); }, &CopyCommands::sync});
    specs.append({QStringLiteral("snapshot"),
                  QStringLiteral("Copy every row of a branch to a new snapshot branch"),
                  QStringLiteral("--source S [--name N]"),
                  [](CommandParser &p) {
                      p.addValueOption(QStringLiteral("source"), QStringLiteral("S"),
                                       QStringLiteral("Branch to snapshot."));
                      p.addValueOption(
                          QStringLiteral("name"), QStringLiteral("N"),
                          QStringLiteral("Name of the new branch (default export-YYYY-MM-DD, made unique)."));
                      p.addWaitOption();
                  },
                  &CopyCommands::snapshot});
    specs.append({QStringLiteral("undo"), QStringLiteral("Undo the last copy, sync, snapshot or import"),
                  QStringLiteral("[--branch B]"),
                  [](CommandParser &p) {
                      p.addValueOption(QStringLiteral("branch"), QStringLiteral("B"),
                                       QStringLiteral("Undo the last operation that wrote to this branch."));
                      p.addWaitOption();
                  },
                  &CopyCommands::undo});
    specs.append(
        {QStringLiteral("import"), QStringLiteral("Import an Encord JSON export (an array of label rows)"),
         QStringLiteral("--branch B FILE [--overwrite] [--add-data-units]"),
         [](CommandParser &p) {
             p.addValueOption(QStringLiteral("branch"), QStringLiteral("B"),
                              QStringLiteral("Branch to write to; created when it does not exist."));
             p.addOption(QStringLiteral("overwrite"),
                         QStringLiteral("Replace rows of data units that already have one on the branch."));
             p.addOption(QStringLiteral("add-data-units"),
                         QStringLiteral("Add the data units of rows the project does not have (type, title "
                                        "and size as the rows give them) instead of refusing the import. "
                                        "Project files only; undo keeps the added units."));
             p.addWaitOption();
         },
         &CopyCommands::import});
    return specs;
}

int CopyCommands::copy(CliContext &ctx, const CommandParser &args)
{
    return copyOrSync(ctx, args, false);
}

int CopyCommands::sync(CliContext &ctx, const CommandParser &args)
{
    return copyOrSync(ctx, args, true);
}

namespace {

// The copy_labels_to_branch arguments of a copy or sync command line; a bad value is a usage error.
Result<CopyRequest> copyRequestFrom(const CommandParser &args, const QString &name, bool sync)
{
    if (!args.positional().isEmpty())
        return fail(ErrorKind::Usage,
                    QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli %2 --help')")
                        .arg(args.positional().constFirst(), name));
    if (!args.isSet(QStringLiteral("target")))
        return fail(ErrorKind::Usage, QStringLiteral("%1 needs --target T").arg(name));
    auto batchSize = args.intValue(QStringLiteral("batch-size"), 50);
    if (!batchSize)
        return fail(ErrorKind::Usage, batchSize.error());
    if (batchSize.value() < Engine::kMinBatchSize || batchSize.value() > Engine::kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("batch size must be between %1 and %2, not %3")
                                          .arg(Engine::kMinBatchSize)
                                          .arg(Engine::kMaxBatchSize)
                                          .arg(batchSize.value()));

    CopyRequest request;
    request.sourceBranch =
        args.isSet(QStringLiteral("source")) ? args.value(QStringLiteral("source")) : kMainBranch;
    request.targetBranch = args.value(QStringLiteral("target"));
    request.overwrite = sync || args.isSet(QStringLiteral("overwrite"));
    request.dataHashes = args.values(QStringLiteral("data-hash"));
    request.labelHashes = args.values(QStringLiteral("label-hash"));
    request.batchSize = batchSize.value();
    request.strict = args.isSet(QStringLiteral("strict"));
    if (args.isSet(QStringLiteral("data-hashes-file"))) {
        const QString file = args.value(QStringLiteral("data-hashes-file"));
        auto fromFile = readHashesFile(file);
        if (!fromFile)
            return fromFile.takeError();
        if (fromFile->isEmpty())
            return fail(QStringLiteral("%1 lists no data hashes").arg(file));
        request.dataHashes.append(fromFile.value());
    }
    return request;
}

// Each item of the plan in order: held, or planned again a page at a time (CopyPlan::itemsPaged).
Result<void> forEachItem(Engine &engine, const CopyPlan &plan,
                         const std::function<void(const CopyPlanItem &)> &take)
{
    if (!plan.itemsPaged) {
        for (const CopyPlanItem &item : plan.items)
            take(item);
        return {};
    }
    return engine.forEachPlanItem(plan, [&](const QList<CopyPlanItem> &items) {
        for (const CopyPlanItem &item : items)
            take(item);
        return Result<void>();
    });
}

int printPlan(CliContext &ctx, Engine &engine, const QString &name, const CopyRequest &request,
              const CopyPlan &plan)
{
    if (request.strict && !plan.unknown.isEmpty())
        return ctx.failure(unknownHashesText(plan.unknown, request.sourceBranch).join(QStringLiteral("; ")));
    warnUnknown(ctx, plan.unknown, request.sourceBranch);
    if (ctx.json()) {
        // Items go out as they are planned; a failure part-way leaves the output incomplete (README).
        const json extra = {{"dry_run", true}, {"command", name.toStdString()}};
        const Result<void> printed = JsonOutput::printPlan(
            plan, extra, [&](const auto &take) { return forEachItem(engine, plan, take); },
            [&ctx](const QByteArray &bytes) { ctx.printNow(bytes); });
        return printed ? kExitOk : ctx.failure(printed.error());
    }
    TablePrinter table({QStringLiteral("TITLE"), QStringLiteral("DATA HASH"), QStringLiteral("ACTION"),
                        QStringLiteral("REASON")});
    const Result<void> listed = forEachItem(engine, plan, [&](const CopyPlanItem &item) {
        table.addRow({item.dataTitle, item.dataHash,
                      item.identical ? QStringLiteral("unchanged") : planActionName(item.action),
                      item.reason});
    });
    if (!listed)
        return ctx.failure(listed.error());
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    ctx.printLine(
        QStringLiteral(
            "dry run of %1 %2 -> %3: %4 to create, %5 to replace, %6 unchanged, %7 to skip%8; nothing was "
            "written")
            .arg(name, request.sourceBranch, request.targetBranch)
            .arg(plan.toCreate)
            .arg(plan.toReplace)
            .arg(plan.unchanged)
            .arg(plan.toSkip)
            .arg(plan.targetExists
                     ? QString()
                     : QStringLiteral(" (branch %1 would be created)").arg(request.targetBranch)));
    return kExitOk;
}

int runCopy(CliContext &ctx, Engine &engine, const QString &name, const CopyRequest &request, bool sync,
            int waitMs)
{
    WriteControl write(waitMs);
    auto result = sync ? engine.sync(request, write.control) : engine.copy(request, write.control);
    write.bar.finish();
    if (!result)
        return write.interrupt.isSet() ? ctx.failure(result.error(), kExitCancelled)
                                       : ctx.failure(result.takeError());

    const CopyResult &r = result.value();
    warnUnknown(ctx, r.unknown, request.sourceBranch);
    if (ctx.json()) {
        json out = JsonOutput::copyResult(r);
        out["command"] = name.toStdString();
        out["source_branch"] = request.sourceBranch.toStdString();
        out["target_branch"] = request.targetBranch.toStdString();
        ctx.printJson(out);
    } else {
        ctx.printLine(resultLine(sync ? QStringLiteral("synced") : QStringLiteral("copied"),
                                 request.sourceBranch, request.targetBranch, r));
    }
    return ctx.exitAfterWrite(r);
}

} // namespace

int CopyCommands::copyOrSync(CliContext &ctx, const CommandParser &args, bool sync)
{
    const QString name = sync ? QStringLiteral("sync") : QStringLiteral("copy");
    const Result<CopyRequest> request = copyRequestFrom(args, name, sync);
    if (!request)
        return ctx.failure(request.takeError());
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    // The same-branch refusal belongs to the engine and comes before any read; only then is the source
    // checked, so that a missing one gets a plain message.
    if (request->sourceBranch != request->targetBranch)
        if (auto exists = ctx.requireBranch(request->sourceBranch); !exists)
            return ctx.failure(exists.takeError());

    if (args.isSet(QStringLiteral("dry-run"))) {
        auto plan = engine.value()->planCopy(request.value(), Engine::PlanItems::ByPosition);
        if (!plan)
            return ctx.failure(plan.takeError());
        return printPlan(ctx, *engine.value(), name, request.value(), plan.value());
    }
    return runCopy(ctx, *engine.value(), name, request.value(), sync, waitMs.value());
}

int CopyCommands::snapshot(CliContext &ctx, const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return ctx.usageError(
            QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli snapshot --help')")
                .arg(args.positional().constFirst()));
    const QString source = args.value(QStringLiteral("source"));
    if (source.isEmpty())
        return ctx.usageError(QStringLiteral("snapshot needs --source S"));
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    if (auto exists = ctx.requireBranch(source); !exists)
        return ctx.failure(exists.takeError());
    QString name = args.value(QStringLiteral("name"));
    if (!args.isSet(QStringLiteral("name"))) {
        auto proposed = engine.value()->proposeSnapshotName();
        if (!proposed)
            return ctx.failure(proposed.takeError());
        name = proposed.value();
    }

    WriteControl write(waitMs.value());
    auto result = engine.value()->snapshot(source, name, write.control);
    write.bar.finish();
    if (!result)
        return write.interrupt.isSet() ? ctx.failure(result.error(), kExitCancelled)
                                       : ctx.failure(result.takeError());
    const CopyResult &r = result.value();
    if (ctx.json()) {
        json out = JsonOutput::copyResult(r);
        out["command"] = "snapshot";
        out["source_branch"] = source.toStdString();
        out["branch"] = name.toStdString();
        ctx.printJson(out);
    } else {
        QString line = QStringLiteral("snapshot %1 of %2: %3 in %4 batches")
                           .arg(name, source, plural(r.count, QStringLiteral("label row")))
                           .arg(r.batchesDone);
        if (r.operationId)
            line += QStringLiteral(" (operation %1)").arg(r.operationId);
        ctx.printLine(line);
    }
    return ctx.exitAfterWrite(r);
}

int CopyCommands::undo(CliContext &ctx, const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return ctx.usageError(QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli undo --help')")
                                  .arg(args.positional().constFirst()));
    const QString branch = args.value(QStringLiteral("branch"));
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    if (!branch.isEmpty())
        if (auto exists = ctx.requireBranch(branch); !exists)
            return ctx.failure(exists.takeError());
    auto last = engine.value()->lastUndoable(branch);
    if (!last)
        return ctx.failure(last.takeError());
    if (last->id == 0)
        return ctx.failure(branch.isEmpty() ? QStringLiteral("nothing to undo")
                                            : QStringLiteral("nothing to undo on branch %1").arg(branch));
    const OperationRecord record = last.value();
    WriteControl write(waitMs.value());
    auto undone = engine.value()->undoLast(branch, write.control);
    write.bar.finish();
    if (!undone)
        return ctx.failure(undone.takeError());
    const UndoResult &u = undone.value();
    if (ctx.json()) {
        json out = JsonOutput::undo(u);
        out["operation"] = JsonOutput::operation(record);
        ctx.printJson(out);
        return kExitOk;
    }
    const QString what =
        record.sourceBranch.isEmpty()
            ? QStringLiteral("%1 into %2").arg(operationKindName(record.kind), record.targetBranch)
            : QStringLiteral("%1 %2 -> %3")
                  .arg(operationKindName(record.kind), record.sourceBranch, record.targetBranch);
    QString line = QStringLiteral("undid %1 (operation %2): %3 removed, %4 restored")
                       .arg(what)
                       .arg(u.undoneOperationId)
                       .arg(plural(u.removed, QStringLiteral("row")))
                       .arg(u.restored);
    if (u.emptied > 0)
        line += QStringLiteral("; %1 emptied of their labels (Encord cannot delete label rows)")
                    .arg(plural(u.emptied, QStringLiteral("row")));
    if (u.leftAlone > 0)
        line +=
            QStringLiteral("; %1 left as they are (the copy could not tell them from rows the target had)")
                .arg(plural(u.leftAlone, QStringLiteral("row")));
    if (u.branchRemoved)
        line += QStringLiteral("; branch %1 removed").arg(u.targetBranch);
    ctx.printLine(line);
    return kExitOk;
}

int CopyCommands::import(CliContext &ctx, const CommandParser &args)
{
    const QStringList positional = args.positional();
    if (positional.size() != 1)
        return ctx.usageError(
            QStringLiteral("import needs exactly one FILE (see 'labelbranch-cli import --help')"));
    const QString branch = args.value(QStringLiteral("branch"));
    if (branch.isEmpty())
        return ctx.usageError(QStringLiteral("import needs --branch B"));
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    const QString path = positional.constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ctx.failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    LabelRowArrayReader rows(file, path);
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());

    WriteControl write(waitMs.value());
    const Engine::ImportOptions options{args.isSet(QStringLiteral("overwrite")),
                                        args.isSet(QStringLiteral("add-data-units"))};
    auto result = engine.value()->importRows(branch, rows, options, write.control);
    write.bar.finish();
    if (!result)
        return ctx.failure(result.takeError());
    const CopyResult &r = result.value();
    if (ctx.json()) {
        json out = JsonOutput::copyResult(r);
        out["command"] = "import";
        out["branch"] = branch.toStdString();
        out["path"] = path.toStdString();
        out["data_units_added"] = r.dataUnitsAdded;
        ctx.printJson(out);
        return kExitOk;
    }
    QString line = QStringLiteral("imported %1 into %2: %3 created, %4 replaced")
                       .arg(plural(r.count, QStringLiteral("label row")), branch)
                       .arg(r.created)
                       .arg(r.replaced);
    if (r.dataUnitsAdded > 0)
        line += QStringLiteral("; added %1").arg(plural(r.dataUnitsAdded, QStringLiteral("data unit")));
    if (r.operationId)
        line += QStringLiteral(" (operation %1)").arg(r.operationId);
    ctx.printLine(line);
    return kExitOk;
}

} // namespace lb::cli
