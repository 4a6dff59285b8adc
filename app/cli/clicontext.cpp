#include "clicontext.h"

#include "domain/wording.h"
#include "project/projectopener.h"

#include <cstdio>
#include <QFileInfo>
#include <QUrl>

namespace lb::cli {

CliContext::CliContext(QString projectPath, bool json)
    : CliContext(std::move(projectPath), EncordTarget(), json)
{
}

CliContext::CliContext(QString projectPath, EncordTarget encord, bool json)
    : m_projectPath(std::move(projectPath)), m_encord(std::move(encord)), m_json(json)
{
}

Result<Store *> CliContext::store()
{
    if (m_store)
        return m_store.get();
    auto opened = m_encord.isSet() ? openEncordProject() : openProjectFile();
    if (!opened)
        return opened.takeError();
    m_store = std::move(opened).value();
    return m_store.get();
}

Result<std::unique_ptr<Store>> CliContext::openProjectFile()
{
    if (m_projectPath.isEmpty())
        return fail(QStringLiteral(
            "no project given: use --project FILE, set LABELBRANCH_PROJECT, or use --encord-project ID"));
    return ProjectOpener::openFile(m_projectPath);
}

Result<std::unique_ptr<Store>> CliContext::openEncordProject()
{
    ConnectionProfile profile;
    profile.projectId = m_encord.projectId;
    profile.keyPath = m_encord.keyPath;
    profile.domain = ConnectionProfile::domainFromText(m_encord.domain);
    // A protected key's passphrase comes from the environment only: a command line is visible to others.
    auto opened = ProjectOpener::openEncord(
        profile, qgetenv("LABELBRANCH_SSH_KEY_PASSPHRASE"), [this](int done, int total) {
            if (!m_bundleProgress)
                m_bundleProgress = std::make_unique<ProgressBar>(QStringLiteral("bundles"));
            m_bundleProgress->update(Progress{done, total, 0, 0, QStringLiteral("reading label rows")});
            if (done >= total)
                m_bundleProgress.reset();
        });
    if (!opened)
        return opened.takeError();
    if (!opened->keyWarning.isEmpty())
        warn(opened->keyWarning);
    return std::move(opened->store);
}

Result<Engine *> CliContext::engine()
{
    if (m_engine)
        return m_engine.get();
    auto s = store();
    if (!s)
        return s.takeError();
    m_engine = std::make_unique<Engine>(*s.value());
    return m_engine.get();
}

Result<Ontology> CliContext::ontology()
{
    if (m_ontology)
        return *m_ontology;
    auto s = store();
    if (!s)
        return s.takeError();
    auto o = s.value()->ontology();
    if (!o)
        return o.takeError();
    m_ontology = o.value();
    return *m_ontology;
}

Result<void> CliContext::requireBranch(const QString &name)
{
    auto s = store();
    if (!s)
        return s.takeError();
    auto exists = s.value()->branchExists(name);
    if (!exists)
        return exists.takeError();
    if (!exists.value())
        return fail(QStringLiteral("no branch named '%1'").arg(name));
    return {};
}

JsonOutput CliContext::jsonOutput()
{
    auto o = ontology();
    return JsonOutput(o ? o.value() : Ontology());
}

void CliContext::printLine(const QString &line)
{
    m_output += line.toUtf8();
    m_output += '\n';
}

Result<void> CliContext::printTable(TablePrinter &table)
{
    return table.write([this](const QByteArray &bytes) { printNow(bytes); });
}

void CliContext::printNow(const QByteArray &bytes)
{
    if (!m_output.isEmpty()) {
        std::fwrite(m_output.constData(), 1, static_cast<size_t>(m_output.size()), stdout);
        m_output.clear();
    }
    if (!bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void CliContext::printJson(const nlohmann::json &value)
{
    m_output += JsonOutput::dump(value);
}

int CliContext::failure(const QString &message, int exitCode)
{
    // One line, whatever the message carried.
    QString line = message.simplified();
    if (line.isEmpty())
        line = QStringLiteral("failed");
    m_error = line;
    return exitCode;
}

int CliContext::failure(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::Usage:
        return failure(error.message, kExitUsage);
    case ErrorKind::Cancelled:
        return failure(error.message, kExitCancelled);
    default:
        return failure(error.message, kExitFailure);
    }
}

QString CliContext::displayTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("-");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString CliContext::orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

int CliContext::exitAfterWrite(const CopyResult &result)
{
    if (!result.cancelled)
        return kExitOk;
    return failure(QStringLiteral("cancelled after %1 of %2 batches; %3 kept")
                       .arg(result.batchesDone)
                       .arg(result.batchesTotal)
                       .arg(plural(result.count, QStringLiteral("label row"))),
                   kExitCancelled);
}

} // namespace lb::cli
