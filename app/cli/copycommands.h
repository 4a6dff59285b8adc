#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// The journaled writes: copy, sync, snapshot, import, and undo of the last of them.
class CopyCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int copy(CliContext &ctx, const CommandParser &args);
    static int sync(CliContext &ctx, const CommandParser &args);
    static int copyOrSync(CliContext &ctx, const CommandParser &args, bool sync);
    static int snapshot(CliContext &ctx, const CommandParser &args);
    static int undo(CliContext &ctx, const CommandParser &args);
    static int import(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
