#pragma once

#include "commandparser.h"

#include <QList>
#include <QStringList>

namespace lb::cli {

// labelbranch-cli: global options, then one command with its own parser. Exit 0 on success, 1 when the
// command fails, 2 for a usage error, 130 when Ctrl-C cancelled a long operation. A failure prints one
// line "labelbranch-cli: <reason>" on stderr and nothing on stdout.
class CliApp
{
public:
    CliApp();
    int run(const QStringList &arguments);
    // Whether the command the arguments name paints (CommandSpec::paints) and so needs a QGuiApplication;
    // called before any application object exists.
    static bool commandPaints(int argc, char **argv);

private:
    QString globalHelp() const;
    const CommandSpec *find(const QString &name) const;

    QList<CommandSpec> m_commands;
};

} // namespace lb::cli
