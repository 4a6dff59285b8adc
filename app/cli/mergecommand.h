#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// merge: per-object merge of named data units from one branch onto another (engine/mergeengine.h), or its
// dry run.
class MergeCommand
{
public:
    static QList<CommandSpec> specs();

private:
    static int merge(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
