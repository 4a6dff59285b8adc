#include "clirun.h"

#include <QProcess>

namespace lb::test {

QProcessEnvironment cleanCliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LABELBRANCH_PROJECT"));
    env.remove(QStringLiteral("LABELBRANCH_REVIEWER"));
    env.insert(QStringLiteral("LABELBRANCH_PROGRESS"), QStringLiteral("never"));
    return env;
}

CliRun runCli(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LB_CLI_PATH), args);
    CliRun run;
    if (!process.waitForStarted(30000))
        return run;
    process.closeWriteChannel();
    process.waitForFinished(300000);
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool isCleanFailure(const CliRun &run, QString *why)
{
    if (run.crashed || run.exitCode == 0) {
        *why = QStringLiteral("exit code %1").arg(run.exitCode);
        return false;
    }
    if (!run.out.isEmpty()) {
        *why = QStringLiteral("stdout not empty: ") + QString::fromUtf8(run.out.left(200));
        return false;
    }
    if (!run.err.startsWith("labelbranch-cli: ") || !run.err.endsWith('\n') || run.err.count('\n') != 1) {
        *why = QStringLiteral("stderr is not one line: ") + run.errText();
        return false;
    }
    return true;
}

} // namespace lb::test
