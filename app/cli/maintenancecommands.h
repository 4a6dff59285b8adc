#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// Commands that look after the project itself rather than its branches: gc (a project file), refresh (a
// live Encord project's local cache).
class MaintenanceCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int gc(CliContext &ctx, const CommandParser &args);
    static int refresh(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
