#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// Commands that look after the project file itself rather than its branches: gc.
class MaintenanceCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int gc(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
