#include "mergecommand.h"

#include "clicontext.h"
#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/mergeengine.h"
#include "interruptflag.h"
#include "mergeoutput.h"
#include "progressbar.h"
#include "tableprinter.h"

#include <nlohmann/json.hpp>

namespace lb::cli {

using json = nlohmann::json;

namespace {

const QString kTakeSource = QStringLiteral("take-source");
const QString kKeepTarget = QStringLiteral("keep-target");
const QString kThreeWay = QStringLiteral("three-way");

void configure(CommandParser &p)
{
    p.addValueOption(QStringLiteral("source"), QStringLiteral("S"),
                     QStringLiteral("Source branch (default main)."));
    p.addValueOption(QStringLiteral("target"), QStringLiteral("T"),
                     QStringLiteral("Target branch to write to."));
    p.addValueOption(QStringLiteral("data-hash"), QStringLiteral("H"),
                     QStringLiteral("Data unit to merge (repeatable)."));
    p.addValueOption(
        kTakeSource, QStringLiteral("OBJ"),
        QStringLiteral("Take this object (or classification) from the source: its hash on either "
                       "branch, as H:OBJ when several data units are merged (repeatable)."));
    p.addValueOption(kKeepTarget, QStringLiteral("OBJ"),
                     QStringLiteral("Keep this object as the target has it (repeatable; H:OBJ as above)."));
    p.addValueOption(kThreeWay, QStringLiteral("OBJ"),
                     QStringLiteral("Resolve this object against the content the target row was copied from "
                                    "(repeatable; H:OBJ as above)."));
    p.addValueOption(
        QStringLiteral("others"), QStringLiteral("MODE"),
        QStringLiteral("Objects not named: three-way (default; the side that changed since the "
                       "copy wins, both changed is a conflict; kept as on the target when the row "
                       "was not copied) or keep-target."));
    p.addValueOption(QStringLiteral("batch-size"), QStringLiteral("N"),
                     QStringLiteral("Rows per atomic batch, 1 to 1000 (default 50)."));
    p.addOption(QStringLiteral("dry-run"),
                QStringLiteral("Print what would be merged, object by object, and write nothing."));
    p.addWaitOption();
}

// Reads H:OBJ (or OBJ when one data unit is merged) for each choice option into the units' requests.
Result<void> addChoices(const CommandParser &args, QList<UnitMergeRequest> &units)
{
    const auto unitOf = [&units](const QString &hash) -> UnitMergeRequest & {
        for (UnitMergeRequest &unit : units) {
            if (unit.dataHash == hash)
                return unit;
        }
        units.append(UnitMergeRequest{hash, {}, {}, std::nullopt});
        return units.last();
    };
    const QStringList given = args.values(QStringLiteral("data-hash"));
    for (const QString &hash : given)
        unitOf(hash);
    const std::pair<QString, MergeChoice> options[] = {{kTakeSource, MergeChoice::TakeSource},
                                                       {kKeepTarget, MergeChoice::KeepTarget},
                                                       {kThreeWay, MergeChoice::ThreeWay}};
    for (const auto &[option, choice] : options) {
        for (const QString &value : args.values(option)) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            QString dataHash = colon < 0 ? QString() : value.left(colon);
            const QString object = colon < 0 ? value : value.mid(colon + 1);
            if (colon < 0 && given.size() != 1)
                return fail(ErrorKind::Usage,
                            QStringLiteral("--%1 %2: name the data unit as DATA_HASH:%2 when %3")
                                .arg(option, value,
                                     given.isEmpty() ? QStringLiteral("no --data-hash is given")
                                                     : QStringLiteral("several data units are merged")));
            if (colon < 0)
                dataHash = given.constFirst();
            if (dataHash.isEmpty() || object.isEmpty())
                return fail(ErrorKind::Usage,
                            QStringLiteral("--%1 %2: expected DATA_HASH:OBJECT").arg(option, value));
            UnitMergeRequest &unit = unitOf(dataHash);
            if (unit.objects.contains(object) && unit.objects.value(object) != choice)
                return fail(
                    ErrorKind::Usage,
                    QStringLiteral("object %1 of data unit %2 is given two choices").arg(object, dataHash));
            unit.objects.insert(object, choice);
        }
    }
    if (units.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("merge needs --data-hash H"));
    return {};
}

Result<MergeRequest> requestFrom(const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return fail(ErrorKind::Usage,
                    QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli merge --help')")
                        .arg(args.positional().constFirst()));
    if (!args.isSet(QStringLiteral("target")))
        return fail(ErrorKind::Usage, QStringLiteral("merge needs --target T"));
    MergeRequest request;
    request.sourceBranch =
        args.isSet(QStringLiteral("source")) ? args.value(QStringLiteral("source")) : kMainBranch;
    request.targetBranch = args.value(QStringLiteral("target"));
    const QString others =
        args.isSet(QStringLiteral("others")) ? args.value(QStringLiteral("others")) : kThreeWay;
    if (others == kKeepTarget)
        request.otherObjects = MergeChoice::KeepTarget;
    else if (others != kThreeWay)
        return fail(ErrorKind::Usage,
                    QStringLiteral("--others must be three-way or keep-target, not %1").arg(quoted(others)));
    auto batchSize = args.intValue(QStringLiteral("batch-size"), 50);
    if (!batchSize)
        return fail(ErrorKind::Usage, batchSize.error());
    request.batchSize = batchSize.value();
    if (Result<void> added = addChoices(args, request.units); !added)
        return added.takeError();
    return request;
}

int dryRun(CliContext &ctx, MergeEngine &merges, const MergeRequest &request)
{
    const Result<MergePlan> plan = merges.plan(request);
    if (!plan)
        return ctx.failure(plan.takeError());
    if (ctx.json()) {
        json out = mergeoutput::planJson(plan.value());
        out["command"] = "merge";
        out["dry_run"] = true;
        ctx.printJson(out);
        return kExitOk;
    }
    if (Result<void> printed = mergeoutput::printPlanTable(ctx, plan.value()); !printed)
        return ctx.failure(printed.takeError());
    QString line = QStringLiteral("dry run of merge %1 -> %2: %3 to write")
                       .arg(request.sourceBranch, request.targetBranch,
                            plural(plan->toWrite, QStringLiteral("data unit")));
    if (plan->hasConflicts())
        line += QStringLiteral(", %1 in conflict (the merge is refused until each is given --take-source or "
                               "--keep-target)")
                    .arg(plural(plan->conflicts, QStringLiteral("object")));
    ctx.printLine(line + QStringLiteral("; nothing was written"));
    return kExitOk;
}

int apply(CliContext &ctx, MergeEngine &merges, const MergeRequest &request, int waitMs)
{
    ProgressBar bar;
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    control.lockWaitMs = waitMs;
    const Result<MergeEngine::Applied> applied = merges.apply(request, control);
    bar.finish();
    if (!applied)
        return interrupt.isSet() ? ctx.failure(applied.error(), kExitCancelled)
                                 : ctx.failure(applied.takeError());
    const CopyResult &r = applied->result;
    if (ctx.json()) {
        json out = mergeoutput::planJson(applied->plan);
        out["command"] = "merge";
        out["operation_id"] = r.operationId;
        out["count"] = r.count;
        out["created"] = r.created;
        out["replaced"] = r.replaced;
        out["batches_done"] = r.batchesDone;
        out["batches_total"] = r.batchesTotal;
        out["cancelled"] = r.cancelled;
        ctx.printJson(out);
    } else {
        if (Result<void> printed = mergeoutput::printPlanTable(ctx, applied->plan); !printed)
            return ctx.failure(printed.takeError());
        QString line =
            QStringLiteral("merged %1 -> %2: %3 written, %4 created, %5 replaced")
                .arg(request.sourceBranch, request.targetBranch, plural(r.count, QStringLiteral("label row")))
                .arg(r.created)
                .arg(r.replaced);
        if (r.operationId)
            line += QStringLiteral(" (operation %1; undo takes it back)").arg(r.operationId);
        else
            line += QStringLiteral("; nothing to change");
        ctx.printLine(line);
    }
    return ctx.exitAfterWrite(r);
}

} // namespace

QList<CommandSpec> MergeCommand::specs()
{
    return {
        {QStringLiteral("merge"),
         QStringLiteral("Merge objects of data units from one branch onto another, object by object"),
         QStringLiteral("--source S --target T --data-hash H [--take-source OBJ]... [--keep-target OBJ]... "
                        "[--dry-run]"),
         configure, &MergeCommand::merge}};
}

int MergeCommand::merge(CliContext &ctx, const CommandParser &args)
{
    const Result<MergeRequest> request = requestFrom(args);
    if (!request)
        return ctx.failure(request.takeError());
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    MergeEngine merges(*engine.value());
    if (args.isSet(QStringLiteral("dry-run")))
        return dryRun(ctx, merges, request.value());
    return apply(ctx, merges, request.value(), waitMs.value());
}

} // namespace lb::cli
