#pragma once

// Runs labelbranch-cli (LB_CLI_PATH) as a user would and checks how it failed.

#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace lb::test {

struct CliRun
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;

    nlohmann::json parsed() const { return nlohmann::json::parse(out.toStdString(), nullptr, false); }
    QString errText() const { return QString::fromUtf8(err); }
};

// The test's environment without the variables that would change what the CLI does, and no progress line.
QProcessEnvironment cleanCliEnvironment();

// Runs the CLI to the end (stdin closed) and collects its exit code and output.
CliRun runCli(const QStringList &args, const QProcessEnvironment &env = cleanCliEnvironment());

// As runCli, with the size of any file the CLI writes limited to `maxFileBytes` (RLIMIT_FSIZE): a write past
// it fails as on a full disk, with EFBIG.
CliRun runCliWithFileLimit(const QStringList &args, qint64 maxFileBytes);

// A clean failure: non-zero exit, exactly one line "labelbranch-cli: ..." on stderr, nothing on stdout.
// Otherwise false, with the reason in `why`.
bool isCleanFailure(const CliRun &run, QString *why);

} // namespace lb::test
