#include "clirun.h"

#include "testsupport.h"

#include <csignal>
#include <QProcess>
#include <sys/resource.h>

namespace lb::test {

QProcessEnvironment cleanCliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LABELBRANCH_PROJECT"));
    env.remove(QStringLiteral("LABELBRANCH_REVIEWER"));
    env.insert(QStringLiteral("LABELBRANCH_PROGRESS"), QStringLiteral("never"));
    return env;
}

namespace {

CliRun run(QProcess &process, const QStringList &args, const QProcessEnvironment &env)
{
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LB_CLI_PATH), args);
    CliRun result;
    if (!process.waitForStarted(30000 * timeFactor()))
        return result;
    process.closeWriteChannel();
    process.waitForFinished(300000 * timeFactor());
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

CliRun runCli(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    return run(process, args, env);
}

CliRun runCliWithFileLimit(const QStringList &args, qint64 maxFileBytes)
{
    QProcess process;
    process.setChildProcessModifier([maxFileBytes] {
        const rlimit limit{rlim_t(maxFileBytes), rlim_t(maxFileBytes)};
        setrlimit(RLIMIT_FSIZE, &limit);
        std::signal(SIGXFSZ, SIG_IGN); // the write fails with EFBIG instead of killing the process
    });
    return run(process, args, cleanCliEnvironment());
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
