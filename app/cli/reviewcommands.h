#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// The review of a compare (source -> target): list the differing data units with their decisions and
// three-way status, approve or reject data units, and apply what was approved as one undoable sync.
class ReviewCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int review(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
