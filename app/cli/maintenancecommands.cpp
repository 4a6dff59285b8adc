#include "maintenancecommands.h"

#include "clicontext.h"
#include "domain/wording.h"

namespace lb::cli {

QList<CommandSpec> MaintenanceCommands::specs()
{
    return {{QStringLiteral("gc"),
             QStringLiteral("Remove stored label content that nothing refers to any more"), QString(),
             [](CommandParser &) {}, &MaintenanceCommands::gc}};
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
