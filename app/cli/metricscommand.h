#pragma once

#include "commandparser.h"

#include <QList>

namespace lb::cli {

class CliContext;

// metrics: how well one branch's objects agree with another's, per class (precision, recall, F1, mean IoU)
// and as a confusion matrix (engine/qualitymeasure.h).
class MetricsCommand
{
public:
    static QList<CommandSpec> specs();

private:
    static int metrics(CliContext &ctx, const CommandParser &args);
};

} // namespace lb::cli
