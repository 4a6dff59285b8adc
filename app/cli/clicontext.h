#pragma once

#include "domain/copyrequest.h"
#include "domain/ontology.h"
#include "domain/result.h"
#include "engine/engine.h"
#include "output/jsonoutput.h"
#include "progressbar.h"
#include "store/store.h"
#include "tableprinter.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lb::cli {

enum ExitCode
{
    kExitOk = 0,
    kExitFailure = 1,
    kExitUsage = 2,
    kExitGateFailed = 3, // `report --fail-if`: a gate failed (the report is written)
    kExitCancelled = 130
};

// A live Encord project named on the command line instead of a project file.
struct EncordTarget
{
    QString projectId;
    QString keyPath; // empty: ENCORD_SSH_KEY_FILE, then ENCORD_SSH_KEY, as the SDK does
    QString domain;  // empty: Encord's default (EU) domain

    bool isSet() const { return !projectId.isEmpty(); }
};

// What a command runs against: the resolved global options, the project (opened on first use) and the
// output, which is held back until the command succeeded so a failure prints nothing but its reason.
class CliContext
{
public:
    CliContext(QString projectPath, bool json);
    CliContext(QString projectPath, EncordTarget encord, bool json);

    bool json() const { return m_json; }
    QString projectPath() const { return m_projectPath; }
    const EncordTarget &encordTarget() const { return m_encord; }

    Result<Store *> store();
    Result<Engine *> engine();
    Result<Ontology> ontology();
    // Fails with "no branch named ..." when the branch does not exist.
    Result<void> requireBranch(const QString &name);
    JsonOutput jsonOutput(); // class names from the ontology when the project is open

    void print(const QByteArray &bytes) { m_output += bytes; }
    // Written to standard output at once (after what is held), for output too large to hold: listings and
    // exports of any size. What was written stays written if the command fails later.
    void printNow(const QByteArray &bytes);
    void printLine(const QString &line);
    // Writes what is held back, then the table as it is rendered: a long table is never held whole.
    Result<void> printTable(TablePrinter &table);
    void printJson(const nlohmann::json &value);

    int failure(const QString &message, int exitCode = kExitFailure);
    // The exit status follows the kind: a value the user gave is a usage error, a cancel is 130.
    int failure(const Error &error);
    int usageError(const QString &message) { return failure(message, kExitUsage); }
    QByteArray output() const { return m_output; }
    QString error() const { return m_error; }
    // Said on stderr, one line each, even when the command succeeds (a key file others can read, hashes that
    // match nothing).
    QStringList warnings() const { return m_warnings; }
    void warn(const QString &line) { m_warnings.append(line); }

    static QString displayTime(const QDateTime &time); // "2026-11-20 09:00" UTC, "-" when unknown
    static QString orDash(const QString &text);

    // The exit of a command that wrote in batches: success, or the cancel reported with what was kept.
    int exitAfterWrite(const CopyResult &result);

private:
    Result<std::unique_ptr<Store>> openProjectFile();
    Result<std::unique_ptr<Store>> openEncordProject();

    QString m_projectPath;
    EncordTarget m_encord;
    bool m_json = false;
    std::unique_ptr<Store> m_store;
    // Reading label rows from Encord, bundle by bundle; one bar per listing.
    std::unique_ptr<ProgressBar> m_bundleProgress;
    std::unique_ptr<Engine> m_engine;
    std::optional<Ontology> m_ontology;
    QByteArray m_output;
    QString m_error;
    QStringList m_warnings;
};

} // namespace lb::cli
