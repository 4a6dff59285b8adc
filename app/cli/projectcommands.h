#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// Commands that create, read and organise a project: demo, branches, rows, diff, branch, export, log.
class ProjectCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int demo(CliContext &ctx, const CommandParser &args);
    static int branches(CliContext &ctx, const CommandParser &args);
    static int rows(CliContext &ctx, const CommandParser &args);
    static int diff(CliContext &ctx, const CommandParser &args);
    static int branch(CliContext &ctx, const CommandParser &args);
    static int exportRows(CliContext &ctx, const CommandParser &args);
    static int log(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
