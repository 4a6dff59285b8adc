#include "reviewcommands.h"

#include "clicontext.h"
#include "domain/branchname.h"
#include "domain/username.h"
#include "domain/wording.h"
#include "engine/reviewengine.h"
#include "interruptflag.h"
#include "mergeoutput.h"
#include "output/jsonarrayprinter.h"
#include "progressbar.h"
#include "tableprinter.h"

#include <QHash>
#include <utility>

namespace lb::cli {

using json = nlohmann::json;

namespace {

const QString kList = QStringLiteral("list");
const QString kApprove = QStringLiteral("approve");
const QString kReject = QStringLiteral("reject");
const QString kApply = QStringLiteral("apply");
const QString kClear = QStringLiteral("clear");

std::string utf8(const QString &text)
{
    return text.toStdString();
}

json progressJson(const ReviewProgress &p)
{
    return json{{"total", p.total},         {"decided", p.decided},   {"undecided", p.undecided()},
                {"approved", p.approved},   {"rejected", p.rejected}, {"stale", p.stale},
                {"conflicts", p.conflicts}, {"text", utf8(p.text())}};
}

// "37 of 120 decided: 30 approved, 7 rejected, 2 stale, 1 conflict"
QString progressLine(const ReviewProgress &p)
{
    QString line =
        QStringLiteral("%1: %2 approved, %3 rejected").arg(p.text()).arg(p.approved).arg(p.rejected);
    if (p.stale)
        line += QStringLiteral(", %1 stale (source changed since the decision)").arg(p.stale);
    if (p.conflicts)
        line += QStringLiteral(", %1").arg(plural(p.conflicts, QStringLiteral("conflict")));
    return line;
}

QString decisionText(const ReviewItem &item)
{
    if (item.byObjects())
        return item.objectsText();
    if (!item.hasDecision)
        return QStringLiteral("-");
    const QString verdict = reviewVerdictName(item.decision.verdict);
    return item.stale ? verdict + QStringLiteral(", stale") : verdict;
}

// The diff entry under its JSON names, its status renamed so it cannot be mistaken for the decision.
json itemJson(const JsonOutput &out, const ReviewItem &item)
{
    json j = out.diffEntry(item.diff);
    j["diff_status"] = j["status"];
    j.erase("status");
    j["three_way"] = utf8(threeWayStatusName(item.threeWay));
    j["decision"] = item.hasDecision ? json(utf8(reviewVerdictName(item.decision.verdict))) : json(nullptr);
    j["comment"] = item.hasDecision ? JsonOutput::textOrNull(item.decision.comment) : json(nullptr);
    j["reviewer"] = item.hasDecision ? JsonOutput::textOrNull(item.decision.reviewer) : json(nullptr);
    j["decided_at"] = item.hasDecision ? JsonOutput::timestamp(item.decision.decidedAt) : json(nullptr);
    j["stale"] = item.stale;
    j["decided_by"] = item.byObjects()   ? json("objects")
                      : item.hasDecision ? json("data-unit")
                                         : json(nullptr);
    json objects = json::array();
    for (const ReviewDecision &d : item.objectDecisions)
        objects.push_back(json{{"object_hash", utf8(d.objectHash)},
                               {"decision", utf8(reviewVerdictName(d.verdict))},
                               {"comment", JsonOutput::textOrNull(d.comment)},
                               {"reviewer", JsonOutput::textOrNull(d.reviewer)},
                               {"decided_at", JsonOutput::timestamp(d.decidedAt)}});
    j["object_decisions"] = std::move(objects);
    return j;
}

json decisionJson(const ReviewDecision &d, const QString &title)
{
    return json{{"data_hash", utf8(d.dataHash)},
                {"object_hash", d.isOnObject() ? json(utf8(d.objectHash)) : json(nullptr)},
                {"data_title", JsonOutput::textOrNull(title)},
                {"decision", utf8(reviewVerdictName(d.verdict))},
                {"comment", JsonOutput::textOrNull(d.comment)},
                {"reviewer", JsonOutput::textOrNull(d.reviewer)},
                {"decided_at", JsonOutput::timestamp(d.decidedAt)}};
}

QString undoHint(qint64 operationId, const QString &target)
{
    return QStringLiteral(" (operation %1; 'labelbranch-cli undo --branch %2' takes it back)")
        .arg(operationId)
        .arg(target);
}

const ReviewDecision &newest(const QList<ReviewDecision> &decisions)
{
    return *std::max_element(
        decisions.cbegin(), decisions.cend(),
        [](const ReviewDecision &a, const ReviewDecision &b) { return a.decidedAt < b.decidedAt; });
}

// Every option has one subcommand it belongs to; given with another it is a mistake worth saying.
struct OptionUse
{
    QString option;
    QStringList actions;
};

int refuseMisplacedOptions(CliContext &ctx, const CommandParser &args, const QString &action)
{
    const QList<OptionUse> uses = {
        {QStringLiteral("data-hash"), {kApprove, kReject, kClear}},
        {QStringLiteral("comment"), {kApprove, kReject}},
        {QStringLiteral("object"), {kApprove, kReject}},
        {QStringLiteral("reviewer"), {kApprove, kReject, kApply, kClear}},
        {QStringLiteral("dry-run"), {kApply}},
        {QStringLiteral("batch-size"), {kApply}},
        {QStringLiteral("wait"), {kApply}},
    };
    for (const OptionUse &use : uses) {
        if (args.isSet(use.option) && !use.actions.contains(action))
            return ctx.usageError(QStringLiteral("--%1 does not go with review %2 (see 'labelbranch-cli "
                                                 "review --help')")
                                      .arg(use.option, action));
    }
    return kExitOk;
}

int list(CliContext &ctx, ReviewEngine &review, const QString &source, const QString &target)
{
    if (ctx.json()) {
        // The keys sorted as dump() prints them: the items stream out before the progress they add up to.
        const JsonOutput out = ctx.jsonOutput();
        // Nothing is printed before the first item, so a refused listing prints only its error.
        bool started = false;
        const auto write = [&ctx, &started](const QByteArray &bytes) {
            if (!std::exchange(started, true))
                ctx.printNow("{\n  \"items\": ");
            ctx.printNow(bytes);
        };
        JsonArrayPrinter items(write, 1);
        const Result<ReviewProgress> progress =
            review.forEach(source, target, [&](const ReviewItem &item) -> Result<void> {
                items.add(itemJson(out, item));
                return {};
            });
        if (!progress)
            return ctx.failure(progress.error());
        items.close();
        write(",\n  \"progress\": " + JsonArrayPrinter::indented(progressJson(progress.value()), 1) +
              ",\n  \"source_branch\": " + JsonArrayPrinter::indented(utf8(source), 1) +
              ",\n  \"target_branch\": " + JsonArrayPrinter::indented(utf8(target), 1) + "\n}\n");
        return kExitOk;
    }
    TablePrinter table({QStringLiteral("TITLE"), QStringLiteral("DATA HASH"), QStringLiteral("DIFF"),
                        QStringLiteral("THREE-WAY"), QStringLiteral("DECISION"), QStringLiteral("REVIEWER"),
                        QStringLiteral("DECIDED"), QStringLiteral("COMMENT")});
    const Result<ReviewProgress> progress =
        review.forEach(source, target, [&table](const ReviewItem &item) -> Result<void> {
            // Decided object by object: the newest object decision stands for who and when.
            const bool decided = item.hasDecision || item.byObjects();
            const ReviewDecision &d = item.byObjects() ? newest(item.objectDecisions) : item.decision;
            table.addRow({item.diff.dataTitle, item.diff.dataHash, diffStatusName(item.diff.status),
                          threeWayStatusName(item.threeWay), decisionText(item),
                          decided ? CliContext::orDash(d.reviewer) : QStringLiteral("-"),
                          decided ? CliContext::displayTime(d.decidedAt) : QStringLiteral("-"),
                          decided ? CliContext::orDash(d.comment) : QStringLiteral("-")});
            return {};
        });
    if (!progress)
        return ctx.failure(progress.error());
    ctx.printLine(
        QStringLiteral("review of %1 -> %2: %3").arg(source, target, progressLine(progress.value())));
    if (progress->total == 0) {
        ctx.printLine(QStringLiteral("no data unit differs; there is nothing to review"));
        return kExitOk;
    }
    if (Result<void> printed = ctx.printTable(table); !printed)
        return ctx.failure(printed.takeError());
    return kExitOk;
}

int decide(CliContext &ctx, ReviewEngine &review, const QString &source, const QString &target,
           const CommandParser &args, ReviewVerdict verdict)
{
    const QStringList dataHashes = args.values(QStringLiteral("data-hash"));
    const QStringList objects = args.values(QStringLiteral("object"));
    const QString comment = args.value(QStringLiteral("comment"));
    if (!objects.isEmpty() && dataHashes.size() != 1)
        return ctx.usageError(QStringLiteral("--object names objects of one data unit: give exactly one "
                                             "--data-hash H with it"));
    const Result<QList<ReviewDecision>> decided =
        objects.isEmpty()
            ? review.decide(source, target, dataHashes, verdict, comment)
            : review.decideObjects(source, target, dataHashes.constFirst(), objects, verdict, comment);
    if (!decided)
        return ctx.failure(decided.takeError());
    // Listed again for the titles of the decided units and the progress the reviewer is now at; the
    // decisions are already saved.
    QHash<QString, QString> titles;
    for (const ReviewDecision &d : decided.value())
        titles.insert(d.dataHash, QString());
    const Result<ReviewProgress> progress = review.forEach(source, target, [&titles](const ReviewItem &item) {
        if (const auto title = titles.find(item.diff.dataHash); title != titles.end())
            *title = item.diff.dataTitle;
        return Result<void>();
    });
    if (!progress)
        return ctx.failure(progress.error());

    const QString verdictName = reviewVerdictName(verdict);
    if (ctx.json()) {
        json decisions = json::array();
        for (const ReviewDecision &d : decided.value())
            decisions.push_back(decisionJson(d, titles.value(d.dataHash)));
        ctx.printJson(json{{"command", utf8(QStringLiteral("review ") +
                                            (verdict == ReviewVerdict::Approved ? kApprove : kReject))},
                           {"source_branch", utf8(source)},
                           {"target_branch", utf8(target)},
                           {"decision", utf8(verdictName)},
                           {"decisions", std::move(decisions)},
                           {"progress", progressJson(progress.value())}});
        return kExitOk;
    }
    QStringList names;
    for (const ReviewDecision &d : decided.value())
        names.append(d.isOnObject() ? d.objectHash : titles.value(d.dataHash, d.dataHash));
    const QString what = objects.isEmpty()
                             ? plural(decided->size(), QStringLiteral("data unit"))
                             : QStringLiteral("%1 of %2")
                                   .arg(plural(decided->size(), QStringLiteral("object")),
                                        titles.value(dataHashes.constFirst(), dataHashes.constFirst()));
    ctx.printLine(QStringLiteral("%1 %2 %3 %4 -> %5 as %6: %7")
                      .arg(verdictName, what, objects.isEmpty() ? QStringLiteral("of") : QStringLiteral("in"),
                           source, target, decided->constFirst().reviewer, names.join(QStringLiteral(", "))));
    ctx.printLine(progressLine(progress.value()));
    return kExitOk;
}

int clear(CliContext &ctx, ReviewEngine &review, const QString &source, const QString &target,
          const CommandParser &args)
{
    const Result<int> cleared = review.clear(source, target, args.values(QStringLiteral("data-hash")));
    if (!cleared)
        return ctx.failure(cleared.takeError());
    const Result<ReviewProgress> progress = review.progress(source, target);
    if (!progress)
        return ctx.failure(progress.error());
    if (ctx.json()) {
        ctx.printJson(json{{"command", "review clear"},
                           {"source_branch", utf8(source)},
                           {"target_branch", utf8(target)},
                           {"cleared", cleared.value()},
                           {"progress", progressJson(progress.value())}});
        return kExitOk;
    }
    ctx.printLine(QStringLiteral("cleared %1 of %2 -> %3")
                      .arg(plural(cleared.value(), QStringLiteral("review decision")), source, target));
    ctx.printLine(progressLine(progress.value()));
    return kExitOk;
}

int dryRun(CliContext &ctx, ReviewEngine &review, const QString &source, const QString &target, int batchSize)
{
    const Result<ApplyReviewPlan> plan = review.planApply(source, target, batchSize);
    if (!plan)
        return ctx.failure(plan.takeError());
    QHash<QString, ThreeWayStatus> threeWay;
    for (const ReviewItem &item : plan->approvedItems)
        threeWay.insert(item.diff.dataHash, item.threeWay);
    const ReviewProgress &p = plan->progress;
    if (ctx.json()) {
        json out = JsonOutput::plan(plan->plan);
        for (json &item : out["items"])
            item["three_way"] = utf8(threeWayStatusName(
                threeWay.value(QString::fromStdString(item.at("data_hash").get<std::string>()))));
        out["command"] = "review apply";
        out["dry_run"] = true;
        out["approved"] = plan->dataHashes.size();
        out["overwrites_target_edits"] = plan->overwritesTargetEdits;
        out["progress"] = progressJson(p);
        out["approved_objects"] = plan->objectsApproved();
        out["objects"] =
            plan->objectMerge.units.isEmpty() ? json(nullptr) : mergeoutput::planJson(plan->objectPlan);
        ctx.printJson(out);
        return kExitOk;
    }
    if (!plan->objectMerge.units.isEmpty()) {
        if (Result<void> printed = mergeoutput::printPlanTable(ctx, plan->objectPlan); !printed)
            return ctx.failure(printed.takeError());
        ctx.printLine(QStringLiteral("%1 approved in %2: %3 to write, the other objects kept as on %4")
                          .arg(plural(plan->objectsApproved(), QStringLiteral("object")),
                               plural(plan->objectMerge.units.size(), QStringLiteral("data unit")),
                               plural(plan->objectPlan.toWrite, QStringLiteral("label row")), target));
    }
    if (!plan->plan.items.isEmpty()) {
        TablePrinter table({QStringLiteral("TITLE"), QStringLiteral("DATA HASH"), QStringLiteral("THREE-WAY"),
                            QStringLiteral("ACTION"), QStringLiteral("REASON")});
        for (const CopyPlanItem &item : plan->plan.items)
            table.addRow({item.dataTitle, item.dataHash, threeWayStatusName(threeWay.value(item.dataHash)),
                          planActionName(item.action), item.reason});
        if (Result<void> printed = ctx.printTable(table); !printed)
            return ctx.failure(printed.takeError());
    }
    QString line =
        QStringLiteral("dry run of review apply %1 -> %2: %3 approved, %4 to create, %5 to replace, "
                       "%6 unchanged, %7 to skip")
            .arg(source, target)
            .arg(plan->dataHashes.size())
            .arg(plan->plan.toCreate)
            .arg(plan->plan.toReplace)
            .arg(plan->plan.unchanged)
            .arg(plan->plan.toSkip);
    if (plan->overwritesTargetEdits)
        line += QStringLiteral(" (%1 the target changed since the copy)")
                    .arg(plan->overwritesTargetEdits == 1
                             ? QStringLiteral("1 overwrites a row")
                             : QStringLiteral("%1 overwrite rows").arg(plan->overwritesTargetEdits));
    line += QStringLiteral("; not applied: %1 rejected, %2 undecided").arg(p.rejected).arg(p.undecided());
    if (p.stale)
        line += QStringLiteral(" (%1 stale)").arg(p.stale);
    ctx.printLine(line + QStringLiteral("; nothing was written"));
    return kExitOk;
}

int apply(CliContext &ctx, ReviewEngine &review, Engine &engine, const QString &source, const QString &target,
          const CommandParser &args)
{
    auto batchSize = args.intValue(QStringLiteral("batch-size"), 50);
    if (!batchSize)
        return ctx.usageError(batchSize.error());
    if (batchSize.value() < Engine::kMinBatchSize || batchSize.value() > Engine::kMaxBatchSize)
        return ctx.usageError(QStringLiteral("batch size must be between %1 and %2, not %3")
                                  .arg(Engine::kMinBatchSize)
                                  .arg(Engine::kMaxBatchSize)
                                  .arg(batchSize.value()));
    if (args.isSet(QStringLiteral("dry-run")))
        return dryRun(ctx, review, source, target, batchSize.value());

    ProgressBar bar;
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    const Result<int> waitMs = args.waitMilliseconds();
    if (!waitMs)
        return ctx.failure(waitMs.error());
    control.lockWaitMs = waitMs.value();
    const Result<AppliedReview> result = review.applyApproved(source, target, batchSize.value(), control);
    bar.finish();
    if (!result)
        return interrupt.isSet() ? ctx.failure(result.error(), kExitCancelled)
                                 : ctx.failure(result.takeError());
    const CopyResult &r = result->units;
    const CopyResult &o = result->objects;
    if (ctx.json()) {
        json out = JsonOutput::copyResult(r);
        out["command"] = "review apply";
        out["source_branch"] = utf8(source);
        out["target_branch"] = utf8(target);
        out["reviewer"] = utf8(engine.user());
        json objects = JsonOutput::copyResult(o);
        objects["data_units"] = result->objectUnits;
        objects["objects_taken"] = result->objectsTaken;
        out["objects"] = std::move(objects);
        ctx.printJson(out);
    } else {
        QStringList lines;
        // Only the merge ran when only objects were approved.
        if (r.batchesTotal > 0 || result->objectUnitsApproved == 0) {
            QString line =
                QStringLiteral("applied the approved review of %1 -> %2 as %3: %4 synced, %5 created, "
                               "%6 replaced, %7 skipped in %8 of %9 batches")
                    .arg(source, target, engine.user(), plural(r.count, QStringLiteral("label row")))
                    .arg(r.created)
                    .arg(r.replaced)
                    .arg(r.skipped)
                    .arg(r.batchesDone)
                    .arg(r.batchesTotal);
            if (r.operationId)
                line += undoHint(r.operationId, target);
            lines.append(line);
            if (const QString method = copyMethodText(r); !method.isEmpty())
                lines.append(method);
        }
        if (o.batchesTotal == 0 && result->objectUnitsApproved > 0)
            lines.append(QStringLiteral("the approved objects of %1 are already as on %2; nothing to merge")
                             .arg(plural(result->objectUnitsApproved, QStringLiteral("data unit")), target));
        if (o.batchesTotal > 0)
            lines.append(QStringLiteral("applied the approved objects of %1 -> %2 as %3: %4 merged into %5 "
                                        "in %6 of %7 batches")
                             .arg(source, target, engine.user(),
                                  plural(result->objectsTaken, QStringLiteral("object")),
                                  plural(o.count, QStringLiteral("label row")))
                             .arg(o.batchesDone)
                             .arg(o.batchesTotal) +
                         (o.operationId ? undoHint(o.operationId, target) : QString()));
        ctx.printLine(lines.join(QLatin1Char('\n')));
    }
    return ctx.exitAfterWrite(r.cancelled ? r : o);
}

} // namespace

QList<CommandSpec> ReviewCommands::specs()
{
    QList<CommandSpec> specs;
    specs.append(
        {QStringLiteral("review"),
         QStringLiteral("Approve or reject data units of a compare, apply the approved"),
         QStringLiteral(
             "list|approve|reject|apply|clear --source S --target T [--data-hash H]... [--object OBJ]... "
             "[--comment TEXT] [--dry-run] [--batch-size N]"),
         [](CommandParser &p) {
             p.addValueOption(QStringLiteral("source"), QStringLiteral("S"),
                              QStringLiteral("Branch whose rows would be applied (default main)."));
             p.addValueOption(QStringLiteral("target"), QStringLiteral("T"),
                              QStringLiteral("Branch the approved rows are applied to."));
             p.addValueOption(QStringLiteral("data-hash"), QStringLiteral("H"),
                              QStringLiteral("approve, reject: the data unit decided on (repeatable); clear: "
                                             "the decisions to forget (default all of the compare)."));
             p.addValueOption(QStringLiteral("comment"), QStringLiteral("TEXT"),
                              QStringLiteral("approve, reject: a comment kept with the decisions."));
             p.addValueOption(QStringLiteral("object"), QStringLiteral("OBJ"),
                              QStringLiteral("approve, reject: decide on this object of the one --data-hash "
                                             "instead of the whole data unit (repeatable; its hash on either "
                                             "branch). Apply takes approved objects from the source and "
                                             "keeps every other object as on the target."));
             p.addValueOption(QStringLiteral("reviewer"), QStringLiteral("NAME"),
                              QStringLiteral("Name recorded as the reviewer (default $LABELBRANCH_REVIEWER, "
                                             "else the user name)."));
             p.addOption(
                 QStringLiteral("dry-run"),
                 QStringLiteral("apply: print what would be synced per data unit and write nothing."));
             p.addValueOption(QStringLiteral("batch-size"), QStringLiteral("N"),
                              QStringLiteral("apply: rows per atomic batch, 1 to 1000 (default 50)."));
             p.addWaitOption();
         },
         &ReviewCommands::review});
    return specs;
}

int ReviewCommands::review(CliContext &ctx, const CommandParser &args)
{
    const QStringList positional = args.positional();
    const QString action = positional.value(0);
    if (action.isEmpty())
        return ctx.usageError(QStringLiteral(
            "review needs list, approve, reject, apply or clear (see 'labelbranch-cli review --help')"));
    if (action != kList && action != kApprove && action != kReject && action != kApply && action != kClear)
        return ctx.usageError(
            QStringLiteral("unknown review action '%1': use list, approve, reject, apply or clear")
                .arg(action));
    if (positional.size() > 1)
        return ctx.usageError(QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli review --help')")
                                  .arg(positional.at(1)));
    if (const int code = refuseMisplacedOptions(ctx, args, action))
        return code;
    if (!args.isSet(QStringLiteral("target")))
        return ctx.usageError(QStringLiteral("review %1 needs --target T").arg(action));
    const bool deciding = action == kApprove || action == kReject;
    if (deciding && args.values(QStringLiteral("data-hash")).isEmpty())
        return ctx.usageError(QStringLiteral("review %1 needs at least one --data-hash H").arg(action));

    const QString source =
        args.isSet(QStringLiteral("source")) ? args.value(QStringLiteral("source")) : kMainBranch;
    const QString target = args.value(QStringLiteral("target"));
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    QString reviewer = args.value(QStringLiteral("reviewer")).trimmed();
    if (reviewer.isEmpty())
        reviewer = defaultReviewerName();
    Engine engine(*store.value(), reviewer); // an empty name falls back to the user name
    ReviewEngine review(engine);

    if (action == kList)
        return list(ctx, review, source, target);
    if (action == kApply)
        return apply(ctx, review, engine, source, target, args);
    if (action == kClear)
        return clear(ctx, review, source, target, args);
    return decide(ctx, review, source, target, args,
                  action == kApprove ? ReviewVerdict::Approved : ReviewVerdict::Rejected);
}

} // namespace lb::cli
