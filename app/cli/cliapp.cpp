#include "cliapp.h"

#include "clicontext.h"
#include "copycommands.h"
#include "initcommand.h"
#include "maintenancecommands.h"
#include "mergecommand.h"
#include "metricscommand.h"
#include "projectcommands.h"
#include "reportcommand.h"
#include "reviewcommands.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace lb::cli {

namespace {

void writeTo(FILE *stream, const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

int reportError(const QString &message, int exitCode)
{
    writeTo(stderr, QStringLiteral("labelbranch-cli: %1\n").arg(message).toUtf8());
    return exitCode;
}

// The options accepted before the command name (and, through each command's parser, after it).
struct GlobalOptions
{
    QCommandLineOption project{QStringLiteral("project"), QString(), QStringLiteral("FILE")};
    QCommandLineOption json{QStringLiteral("json")};
    QCommandLineOption encordProject{QStringLiteral("encord-project"), QString(), QStringLiteral("ID")};
    QCommandLineOption sshKey{QStringLiteral("ssh-key"), QString(), QStringLiteral("PATH")};
    QCommandLineOption domain{QStringLiteral("domain"), QString(), QStringLiteral("URL")};
    QCommandLineOption help{QStringList{QStringLiteral("h"), QStringLiteral("help")}};
    QCommandLineOption version{QStringList{QStringLiteral("v"), QStringLiteral("version")}};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOptions({project, json, encordProject, sshKey, domain, help, version});
        parser.addPositionalArgument(QStringLiteral("command"), QString());
    }
};

// Resolves the project (a file or a live Encord project) from the global and the command's options, runs the
// command and prints what it produced: its output on success (or after Ctrl-C), one line on stderr otherwise.
int runCommand(const CommandSpec &spec, const CommandParser &parser, const QCommandLineParser &global,
               const GlobalOptions &options)
{
    QString project = qEnvironmentVariable("LABELBRANCH_PROJECT");
    if (global.isSet(options.project))
        project = global.value(options.project);
    if (parser.isSet(QStringLiteral("project")))
        project = parser.value(QStringLiteral("project"));
    const bool json = global.isSet(options.json) || parser.isSet(QStringLiteral("json"));

    // The Encord options count wherever they were given: before or after the command.
    auto globalValue = [&](const QCommandLineOption &option) {
        const QString name = option.names().constFirst();
        return parser.isSet(name) ? parser.value(name) : global.value(option);
    };
    EncordTarget encord{globalValue(options.encordProject), globalValue(options.sshKey),
                        globalValue(options.domain)};
    const bool projectGiven = global.isSet(options.project) || parser.isSet(QStringLiteral("project"));
    if (encord.isSet() && projectGiven)
        return reportError(QStringLiteral("--project and --encord-project cannot be used together"),
                           kExitUsage);
    if (!encord.isSet() && (!encord.keyPath.isEmpty() || !encord.domain.isEmpty()))
        return reportError(QStringLiteral("--ssh-key and --domain need --encord-project ID"), kExitUsage);

    CliContext context(project, encord, json);
    const int code = spec.run(context, parser);
    for (const QString &warning : context.warnings())
        writeTo(stderr, QStringLiteral("labelbranch-cli: warning: %1\n").arg(warning).toUtf8());
    if (code == kExitOk || code == kExitCancelled)
        writeTo(stdout, context.output());
    if (code != kExitOk)
        return reportError(context.error().isEmpty() ? QStringLiteral("failed") : context.error(), code);
    return kExitOk;
}

} // namespace

CliApp::CliApp()
{
    // The order of `labelbranch-cli --help`.
    const QList<CommandSpec> project = ProjectCommands::specs();
    const QList<CommandSpec> copies = CopyCommands::specs() + MergeCommand::specs();
    const QList<CommandSpec> reviews = ReviewCommands::specs();
    const QList<CommandSpec> maintenance = MaintenanceCommands::specs();
    const QList<CommandSpec> init = InitCommand::specs();
    const QList<CommandSpec> metrics = MetricsCommand::specs();
    const QList<CommandSpec> report = ReportCommand::specs();
    const QStringList order = {
        QStringLiteral("branches"), QStringLiteral("rows"),   QStringLiteral("diff"),
        QStringLiteral("copy"),     QStringLiteral("sync"),   QStringLiteral("merge"),
        QStringLiteral("snapshot"),
        QStringLiteral("undo"),     QStringLiteral("branch"), QStringLiteral("import"),
        QStringLiteral("export"),   QStringLiteral("log"),    QStringLiteral("demo"),
        QStringLiteral("init"),     QStringLiteral("review"), QStringLiteral("metrics"),
        QStringLiteral("report"),   QStringLiteral("gc"),     QStringLiteral("refresh")};
    for (const QString &name : order) {
        for (const QList<CommandSpec> *group :
             {&project, &copies, &reviews, &maintenance, &init, &metrics, &report})
            for (const CommandSpec &spec : *group)
                if (spec.name == name)
                    m_commands.append(spec);
    }
}

bool CliApp::commandPaints(int argc, char **argv)
{
    // The first argument that is neither an option nor the value of a global option names the command.
    const QStringList valued = {QStringLiteral("--project"), QStringLiteral("--encord-project"),
                                QStringLiteral("--ssh-key"), QStringLiteral("--domain"),
                                QStringLiteral("-project"),  QStringLiteral("-encord-project"),
                                QStringLiteral("-ssh-key"),  QStringLiteral("-domain")};
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (valued.contains(argument)) {
            ++i;
            continue;
        }
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        const CliApp app; // the spec points into it: read it while it lives
        const CommandSpec *spec = app.find(argument);
        return spec && spec->paints;
    }
    return false;
}

const CommandSpec *CliApp::find(const QString &name) const
{
    for (const CommandSpec &spec : m_commands)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

QString CliApp::globalHelp() const
{
    QString text = QStringLiteral(
        "Usage: labelbranch-cli [--project FILE | --encord-project ID [--ssh-key PATH] [--domain URL]] "
        "[--json]\n"
        "                       <command> [options]\n"
        "\n"
        "Label branches of an annotation project: list, compare, copy, sync, snapshot and undo.\n"
        "\n"
        "Commands:\n");
    qsizetype width = 0;
    for (const CommandSpec &spec : m_commands)
        width = std::max(width, spec.name.size());
    for (const CommandSpec &spec : m_commands)
        text += QStringLiteral("  %1  %2\n").arg(spec.name.leftJustified(width), spec.summary);
    text += QStringLiteral(
        "\n"
        "Global options (also accepted after the command):\n"
        "  --project FILE         Project file (default: $LABELBRANCH_PROJECT)\n"
        "  --encord-project ID    Work on a live Encord project instead of a project file\n"
        "  --ssh-key PATH         Its SSH private key file (default: $ENCORD_SSH_KEY_FILE, else the key\n"
        "                         text in $ENCORD_SSH_KEY); a protected key's passphrase comes from\n"
        "                         $LABELBRANCH_SSH_KEY_PASSPHRASE\n"
        "  --domain URL           Encord API domain (default: https://api.encord.com; US:\n"
        "                         https://api.us.encord.com)\n"
        "  --json                 Print JSON instead of text\n"
        "  -h, --help             Show this help; 'labelbranch-cli <command> --help' shows a command's "
        "options\n"
        "  -v, --version          Show the version\n"
        "\n"
        "Exit status: 0 success, 1 failure, 2 usage error, 3 a report gate failed, 130 cancelled by "
        "Ctrl-C.\n");
    return text;
}

int CliApp::run(const QStringList &arguments)
{
    QCommandLineParser global;
    const GlobalOptions options;
    options.addTo(global);
    if (!global.parse(arguments)) {
        QString error = global.errorText();
        if (error.endsWith(QLatin1Char('.')))
            error.chop(1);
        return reportError(QStringLiteral("%1 (see 'labelbranch-cli --help')").arg(error), kExitUsage);
    }
    const QStringList positional = global.positionalArguments();
    if (global.isSet(options.help) && positional.isEmpty()) {
        writeTo(stdout, globalHelp().toUtf8());
        return kExitOk;
    }
    if (global.isSet(options.version) && positional.isEmpty()) {
        writeTo(stdout,
                QStringLiteral("labelbranch-cli %1\n").arg(QCoreApplication::applicationVersion()).toUtf8());
        return kExitOk;
    }
    if (positional.isEmpty())
        return reportError(QStringLiteral("no command given (see 'labelbranch-cli --help')"), kExitUsage);

    const QString name = positional.constFirst();
    const CommandSpec *spec = find(name);
    if (!spec)
        return reportError(QStringLiteral("unknown command '%1' (see 'labelbranch-cli --help')").arg(name),
                           kExitUsage);

    CommandParser parser(spec->name, spec->summary, spec->usage);
    spec->configure(parser);
    QStringList commandArguments = positional.mid(1);
    commandArguments.prepend(arguments.value(0, QStringLiteral("labelbranch-cli")));
    switch (parser.parse(commandArguments)) {
    case CommandParser::Outcome::Error:
        return reportError(parser.errorText(), kExitUsage);
    case CommandParser::Outcome::Help:
        writeTo(stdout, parser.helpText().toUtf8());
        return kExitOk;
    case CommandParser::Outcome::Run:
        break;
    }
    return runCommand(*spec, parser, global, options);
}

} // namespace lb::cli
