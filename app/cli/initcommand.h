#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// init: a new project file from Encord export files, for a user with exports but no live project
// (docs/product.md §1.1).
class InitCommand
{
public:
    static QList<CommandSpec> specs();

private:
    static int init(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
