#pragma once

#include "domain/result.h"

#include <functional>
#include <QCommandLineParser>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lb::cli {

class CliContext;

// The parser of one subcommand: its own options plus the global --project and --json (accepted after
// the command too) and --help.
class CommandParser
{
public:
    CommandParser(QString command, QString description, QString usage);

    void addOption(const QString &name, const QString &description);
    void addValueOption(const QString &name, const QString &valueName, const QString &description,
                        const QString &defaultValue = QString());

    enum class Outcome
    {
        Run,
        Help,
        Error
    };
    Outcome parse(const QStringList &arguments); // arguments[0] is the program

    QString command() const { return m_command; }
    QString errorText() const { return m_error; }
    QString helpText() const;

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // Typed option values; a malformed value is an error naming the option.
    Result<int> intValue(const QString &name, int fallback) const;
    Result<quint64> unsignedValue(const QString &name, quint64 fallback) const;
    // ISO 8601 date or date-time; without a zone it is UTC. Invalid QDateTime when the option is absent.
    Result<QDateTime> timeValue(const QString &name) const;

    // --wait SECONDS of the commands that write: how long to wait for another operation on the branch.
    void addWaitOption();
    // In milliseconds (default 600 s); a bad value is a usage error.
    Result<int> waitMilliseconds() const;

private:
    QString m_command;
    QString m_usage;
    QString m_error;
    QCommandLineParser m_parser;
};

struct CommandSpec
{
    QString name;
    QString summary;
    QString usage; // what follows "labelbranch-cli <name>" in the usage line
    std::function<void(CommandParser &)> configure;
    std::function<int(CliContext &, const CommandParser &)> run;
    bool paints = false; // draws images and text: main() makes a QGuiApplication for it (cliapp.h)
};

} // namespace lb::cli
