#include "commandparser.h"

#include <QTimeZone>

namespace lb::cli {

CommandParser::CommandParser(QString command, QString description, QString usage)
    : m_command(std::move(command)), m_usage(std::move(usage))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
    addValueOption(QStringLiteral("project"), QStringLiteral("FILE"),
                   QStringLiteral("Project file (default: $LABELBRANCH_PROJECT)."));
    addOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    addValueOption(QStringLiteral("encord-project"), QStringLiteral("ID"),
                   QStringLiteral("A live Encord project instead of a project file."));
    addValueOption(QStringLiteral("ssh-key"), QStringLiteral("PATH"),
                   QStringLiteral("SSH private key file for Encord (default: $ENCORD_SSH_KEY_FILE, "
                                  "else $ENCORD_SSH_KEY)."));
    addValueOption(QStringLiteral("domain"), QStringLiteral("URL"),
                   QStringLiteral("Encord API domain (default: https://api.encord.com)."));
}

void CommandParser::addOption(const QString &name, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandParser::addValueOption(const QString &name, const QString &valueName, const QString &description,
                                   const QString &defaultValue)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName, defaultValue));
}

CommandParser::Outcome CommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments)) {
        m_error = m_parser.errorText();
        if (m_error.endsWith(QLatin1Char('.')))
            m_error.chop(1);
        m_error = QStringLiteral("%1 (see 'labelbranch-cli %2 --help')").arg(m_error, m_command);
        return Outcome::Error;
    }
    if (m_parser.isSet(QStringLiteral("help")))
        return Outcome::Help;
    return Outcome::Run;
}

QString CommandParser::helpText() const
{
    // QCommandLineParser names the executable by its path and knows nothing of subcommands; the first
    // line is ours.
    QString text = m_parser.helpText();
    const qsizetype firstBreak = text.indexOf(QLatin1Char('\n'));
    const QString usage = QStringLiteral("Usage: labelbranch-cli %1 %2").arg(m_command, m_usage).trimmed();
    if (firstBreak < 0)
        return usage + QLatin1Char('\n');
    return usage + text.mid(firstBreak);
}

Result<int> CommandParser::intValue(const QString &name, int fallback) const
{
    if (!m_parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = m_parser.value(name);
    const int value = text.trimmed().toInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--%1 must be a whole number, not '%2'").arg(name, text));
    return value;
}

void CommandParser::addWaitOption()
{
    addValueOption(QStringLiteral("wait"), QStringLiteral("SECONDS"),
                   QStringLiteral("While another operation writes the branch, wait up to this long (default "
                                  "600), then fail."));
}

Result<int> CommandParser::waitMilliseconds() const
{
    const Result<int> seconds = intValue(QStringLiteral("wait"), 600);
    if (!seconds)
        return fail(ErrorKind::Usage, seconds.error());
    if (seconds.value() < 0 || seconds.value() > 24 * 3600)
        return fail(
            ErrorKind::Usage,
            QStringLiteral("--wait must be between 0 and 86400 seconds, not %1").arg(seconds.value()));
    return seconds.value() * 1000;
}

Result<quint64> CommandParser::unsignedValue(const QString &name, quint64 fallback) const
{
    if (!m_parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = m_parser.value(name);
    const quint64 value = text.trimmed().toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--%1 must be a non-negative whole number, not '%2'").arg(name, text));
    return value;
}

Result<QDateTime> CommandParser::timeValue(const QString &name) const
{
    if (!m_parser.isSet(name))
        return QDateTime();
    const QString text = m_parser.value(name).trimmed();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            time = QDateTime(day, QTime(0, 0), QTimeZone::utc());
    }
    if (!time.isValid()) {
        QString spaced = text;
        time = QDateTime::fromString(spaced.replace(QLatin1Char(' '), QLatin1Char('T')), Qt::ISODateWithMs);
    }
    if (!time.isValid())
        return fail(QStringLiteral("--%1 must be an ISO 8601 date or time such as 2026-11-20 or "
                                   "2026-11-20T09:30:00Z, not '%2'")
                        .arg(name, text));
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc()); // no zone given: UTC, as Encord reads it
    return time.toUTC();
}

} // namespace lb::cli
