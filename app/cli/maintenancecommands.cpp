#include "maintenancecommands.h"

#include "clicontext.h"
#include "domain/wording.h"

namespace lb::cli {

QList<CommandSpec> MaintenanceCommands::specs()
{
    return {{QStringLiteral("gc"),
             QStringLiteral("Remove stored label content that nothing refers to any more"), QString(),
             [](CommandParser &) {}, &MaintenanceCommands::gc},
            {QStringLiteral("refresh"),
             QStringLiteral("List every branch of a live Encord project again, so cached counts are current"),
             QString(), [](CommandParser &) {}, &MaintenanceCommands::refresh}};
}

int MaintenanceCommands::refresh(CliContext &ctx, const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return ctx.usageError(
            QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli refresh --help')")
                .arg(args.positional().constFirst()));
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    if (!store.value()->projectInfo().remote) {
        if (ctx.json())
            ctx.printJson({{"refreshed", false}, {"branches", nullptr}, {"rows", nullptr}});
        else
            ctx.printLine(QStringLiteral("nothing to refresh: a project file is always current"));
        return kExitOk;
    }
    // Every listing revalidates the cache row by row (last edit time); changed rows are fetched again.
    const Result<QList<BranchInfo>> branches = store.value()->branches();
    if (!branches)
        return ctx.failure(branches.takeError());
    int rows = 0;
    for (const BranchInfo &branch : branches.value())
        rows += branch.rowCount;
    if (ctx.json()) {
        ctx.printJson({{"refreshed", true}, {"branches", branches->size()}, {"rows", rows}});
    } else {
        ctx.printLine(
            QStringLiteral("refreshed %1 with %2 from Encord")
                .arg(plural(int(branches->size()), QStringLiteral("branch"), QStringLiteral("branches")),
                     plural(rows, QStringLiteral("label row"))));
    }
    return kExitOk;
}

int MaintenanceCommands::gc(CliContext &ctx, const CommandParser &args)
{
    if (!args.positional().isEmpty())
        return ctx.usageError(QStringLiteral("unexpected argument '%1' (see 'labelbranch-cli gc --help')")
                                  .arg(args.positional().constFirst()));
    auto store = ctx.store();
    if (!store)
        return ctx.failure(store.takeError());
    const Result<int> removed = store.value()->collectGarbage();
    if (!removed)
        return ctx.failure(removed.takeError());
    if (ctx.json())
        ctx.printJson({{"removed_contents", removed.value()}});
    else
        ctx.printLine(QStringLiteral("removed %1")
                          .arg(plural(removed.value(), QStringLiteral("unused label content"))));
    return kExitOk;
}

} // namespace lb::cli
