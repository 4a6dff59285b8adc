#include "crashrun.h"

#include "clirun.h"
#include "demo/demogenerator.h"
#include "dyingstore.h"
#include "store/sqlite/sqlitestore.h"

#include <csignal>
#include <nlohmann/json.hpp>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <sys/wait.h>

namespace lb::test {

namespace {

QStringList on(const QString &project, const QStringList &args)
{
    return QStringList{QStringLiteral("--project"), project} + args;
}

// The newest operation of `op`'s kind on its target, as the file holds it.
struct OperationRow
{
    qint64 id = 0; // 0: none began
    int batchesDone = 0;
    int batchesTotal = 0;
    QString state;
};

OperationRow newestOperation(const QString &project, const CrashOperation &op, qint64 after)
{
    const QVariantList row = peekRow(
        project, QStringLiteral("SELECT id, batches_done, batches_total, state FROM operations WHERE kind = "
                                "'%1' AND target_branch = '%2' AND id > %3 ORDER BY id DESC LIMIT 1")
                     .arg(op.kind, op.target)
                     .arg(after));
    OperationRow operation;
    if (row.size() == 4) {
        operation.id = row.at(0).toLongLong();
        operation.batchesDone = row.at(1).toInt();
        operation.batchesTotal = row.at(2).toInt();
        operation.state = row.at(3).toString();
    }
    return operation;
}

// The data hashes of the rows the dry run of `op` would write, in its order (which is the batches' order).
QStringList dryRunWrites(const CrashOperation &op, const QString &project, QString *error)
{
    const CliRun run =
        runCli(on(project, op.command + QStringList{QStringLiteral("--dry-run"), QStringLiteral("--json")}));
    const nlohmann::json plan = run.parsed();
    if (run.crashed || run.exitCode != 0 || !plan.is_object() || !plan.contains("items")) {
        *error = QStringLiteral("the dry run failed: ") + run.errText();
        return {};
    }
    QStringList writes;
    for (const nlohmann::json &item : plan.at("items")) {
        if (item.at("action").get<std::string>() != "skip")
            writes << QString::fromStdString(item.at("data_hash").get<std::string>());
    }
    return writes;
}

bool integrityOk(const QString &project)
{
    return peekValue(project, QStringLiteral("PRAGMA integrity_check")).toString() == QLatin1String("ok");
}

qint64 runningOperations(const QString &project)
{
    return peekValue(project, QStringLiteral("SELECT COUNT(*) FROM operations WHERE state = 'running'"))
        .toLongLong();
}

// Starts the command, and kills it after `delayMs` unless it exits first.
KillResult startAndKill(const CrashOperation &op, const QString &project, qint64 delayMs)
{
    QProcess process;
    process.setProcessEnvironment(cleanCliEnvironment());
    process.start(QStringLiteral(LB_CLI_PATH), on(project, op.command));
    KillResult killed;
    if (!process.waitForStarted(30000)) {
        killed.error = QStringLiteral("the command did not start");
        return killed;
    }
    process.closeWriteChannel();
    if (process.waitForFinished(int(delayMs))) {
        killed.exitedOnItsOwn = process.exitStatus() == QProcess::NormalExit;
        killed.exitCode = process.exitCode();
        killed.error = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return killed;
    }
    ::kill(pid_t(process.processId()), SIGKILL);
    process.waitForFinished(30000);
    return killed;
}

// (b) for a copy, sync or review apply, before the project is opened again: the rows the operation wrote
// are exactly those of its finished batches; then, opened, the target holds the source's content there and
// its own everywhere else.
void checkBatches(const CrashOperation &op, const CrashBaseline &base, const QString &project,
                  const OperationRow &row, CrashOutcome &out)
{
    const QSet<QString> written = row.id ? rowsWrittenBy(project, row.id) : QSet<QString>();
    const qsizetype planned = base.plannedWrites.size();
    qsizetype finished = 0;
    if (op.batchSize > 0)
        finished = std::min<qsizetype>(qsizetype(row.batchesDone) * op.batchSize, planned);
    else if (row.batchesDone > 0 && row.batchesDone == row.batchesTotal)
        finished = planned;
    const QSet<QString> expected(base.plannedWrites.cbegin(), base.plannedWrites.cbegin() + finished);
    out.atomic = row.batchesDone <= std::max(row.batchesTotal, 0) && written == expected;
    if (!out.atomic) {
        out.problems << QStringLiteral("operation #%1 counts %2 of %3 batches but wrote %4 rows, %5 expected")
                            .arg(row.id)
                            .arg(row.batchesDone)
                            .arg(row.batchesTotal)
                            .arg(written.size())
                            .arg(expected.size());
    }
    if (op.rolledBackOnOpen)
        return;
    QHash<QString, QString> expectedContent = base.before.content;
    for (const QString &hash : written)
        expectedContent.insert(hash, base.sourceContent.value(hash));
    const BranchState after = readBranch(project, op.target);
    if (after.readFailed || after.content != expectedContent) {
        out.atomic = false;
        out.problems << QStringLiteral("after the kill the target holds %1 rows, %2 expected %3")
                            .arg(after.content.size())
                            .arg(expectedContent.size())
                            .arg(after.error);
    }
}

// (b) for a snapshot or import, once the project is opened again: gone if it was not finished, else whole.
void checkRolledBack(const CrashOperation &op, const CrashBaseline &base, const QString &project,
                     const OperationRow &row, CrashOutcome &out)
{
    const BranchState after = readBranch(project, op.target);
    const bool finished = row.state == QLatin1String("done");
    bool whole = finished ? after.exists && after.content == base.reference
                          : after.exists == base.before.exists && after.rows == base.before.rows;
    if (whole && finished && op.kind == QLatin1String("snapshot")) {
        whole = peekValue(project,
                          QStringLiteral("SELECT is_snapshot FROM branches WHERE name = '%1'").arg(op.target))
                    .toInt() == 1;
    }
    if (whole && !finished && row.id != 0) {
        whole = peekValue(project, QStringLiteral("SELECT state = 'interrupted' AND undone = 1 FROM "
                                                  "operations WHERE id = %1")
                                       .arg(row.id))
                    .toBool();
    }
    if (!whole) {
        out.atomic = false;
        out.problems << QStringLiteral("opened again, the %1 (state %2) left %3 rows on the target %4")
                            .arg(op.name, row.state.isEmpty() ? QStringLiteral("none") : row.state)
                            .arg(after.rows.size())
                            .arg(after.error);
    }
}

// (c) the command run again: it finishes the work, or refuses cleanly, writing nothing, an operation that had
// finished and cannot be repeated.
void checkRerun(const CrashOperation &op, const CrashBaseline &base, const QString &project,
                const OperationRow &row, CrashOutcome &out)
{
    const auto operationCount = [&] {
        return peekValue(project, QStringLiteral("SELECT COUNT(*) FROM operations")).toLongLong();
    };
    const qint64 operationsBefore = operationCount();
    const CliRun rerun = runCli(on(project, op.command));
    const bool refused = op.refusesRerunWhenDone && row.state == QLatin1String("done");
    QString why;
    const bool ranAsExpected = refused ? isCleanFailure(rerun, &why) && operationCount() == operationsBefore
                                       : !rerun.crashed && rerun.exitCode == 0;
    const BranchState after = readBranch(project, op.target);
    out.converges = ranAsExpected && after.exists && after.content == base.reference;
    if (!out.converges) {
        out.problems << QStringLiteral("the rerun exited %1 (%2%3) and left %4 rows, %5 expected")
                            .arg(rerun.exitCode)
                            .arg(rerun.errText().trimmed(), why)
                            .arg(after.content.size())
                            .arg(base.reference.size());
    }
}

// (d) undo on the target until there is nothing left to undo (or, for a branch the operation created, no
// branch left), then exactly the rows it had before.
void checkUndo(const CrashOperation &op, const CrashBaseline &base, const QString &project, CrashOutcome &out)
{
    QString last;
    bool ended = false;
    for (int i = 0; i < 6 && !ended; ++i) {
        const CliRun undo =
            runCli(on(project, {QStringLiteral("undo"), QStringLiteral("--branch"), op.target}));
        ended = undo.crashed || undo.exitCode != 0;
        last = undo.errText().trimmed();
    }
    const bool nothingLeft = last.contains(QLatin1String("nothing to undo")) ||
                             (!base.before.exists && last.contains(QLatin1String("no branch named")));
    const BranchState after = readBranch(project, op.target);
    out.undoExact = ended && nothingLeft && !after.readFailed && after.exists == base.before.exists &&
                    after.rows == base.before.rows;
    if (!out.undoExact) {
        out.problems << QStringLiteral("after undo (last: %1) the target %2 with %3 rows, %4 expected")
                            .arg(ended ? last : QStringLiteral("six undos and more to do"),
                                 after.exists ? QStringLiteral("exists") : QStringLiteral("is gone"))
                            .arg(after.rows.size())
                            .arg(base.before.rows.size());
    }
}

} // namespace

QString killPointName(KillPoint point)
{
    switch (point) {
    case KillPoint::BeforeFirstWrite:
        return QStringLiteral("before the first write");
    case KillPoint::MidRun:
        return QStringLiteral("mid-run");
    case KillPoint::AfterFinish:
        return QStringLiteral("after the finish");
    }
    return QString();
}

QString CrashOutcome::describe() const
{
    return QStringLiteral("%1, %2 (batch %3 of %4)%5")
        .arg(when, killPointName(point))
        .arg(batchesDone)
        .arg(batchesTotal)
        .arg(problems.isEmpty() ? QString() : QStringLiteral(": ") + problems.join(QStringLiteral("; ")));
}

CrashBaseline takeBaseline(const CrashOperation &op, const QString &project)
{
    CrashBaseline base;
    base.before = readBranch(project, op.target);
    if (!op.source.isEmpty())
        base.sourceContent = readBranch(project, op.source).content;
    if (!op.givenPlan.isEmpty())
        base.plannedWrites = op.givenPlan;
    else if (op.batchSize == 0)
        base.plannedWrites = base.sourceContent.keys();
    else
        base.plannedWrites = dryRunWrites(op, project, &base.error);
    if (base.before.readFailed || base.plannedWrites.isEmpty()) {
        base.error += QStringLiteral(" nothing planned; target: ") + base.before.error;
        return base;
    }
    QElapsedTimer timer;
    timer.start();
    const CliRun run = runCli(on(project, op.command));
    base.durationMs = timer.elapsed();
    if (run.crashed || run.exitCode != 0) {
        base.error = QStringLiteral("the unkilled run failed: ") + run.errText();
        return base;
    }
    base.reference = readBranch(project, op.target).content;
    return base;
}

qint64 newestOperationId(const QString &project)
{
    return peekValue(project, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM operations")).toLongLong();
}

CrashOutcome checkAfterKill(const CrashOperation &op, const CrashBaseline &baseline, const QString &project,
                            qint64 operationsBefore, const KillResult &ended)
{
    CrashOutcome out;
    if (ended.exitedOnItsOwn && ended.exitCode != 0)
        out.problems << QStringLiteral("the run failed before it was killed: ") + ended.error;

    // (a), before anything opens the file again.
    out.integrity = integrityOk(project);
    if (!out.integrity)
        out.problems << QStringLiteral("the integrity check failed after the kill");
    const OperationRow row = newestOperation(project, op, operationsBefore);
    out.batchesDone = row.batchesDone;
    out.batchesTotal = row.batchesTotal;
    if (ended.exitedOnItsOwn || row.state == QLatin1String("done"))
        out.point = KillPoint::AfterFinish;
    else
        out.point = row.batchesDone > 0 ? KillPoint::MidRun : KillPoint::BeforeFirstWrite;

    checkBatches(op, baseline, project, row, out); // the first reading opens the project
    if (op.rolledBackOnOpen)
        checkRolledBack(op, baseline, project, row, out);
    if (runningOperations(project) != 0) {
        out.atomic = false;
        out.problems << QStringLiteral("an operation is still running after the project was opened");
    }
    checkRerun(op, baseline, project, row, out);
    checkUndo(op, baseline, project, out);
    if (!integrityOk(project)) {
        out.integrity = false;
        out.problems << QStringLiteral("the integrity check failed after the undo");
    }
    return out;
}

CrashOutcome runKilled(const CrashOperation &op, const CrashBaseline &baseline, const QString &project,
                       qint64 delayMs)
{
    const qint64 before = newestOperationId(project);
    CrashOutcome out = checkAfterKill(op, baseline, project, before, startAndKill(op, project, delayMs));
    out.when = QStringLiteral("killed after %1 ms").arg(delayMs);
    return out;
}

KillResult runDyingChild(const QString &project, int dieAfter, const std::function<bool(Store &)> &work)
{
    KillResult ended;
    const pid_t child = ::fork();
    if (child < 0) {
        ended.exitedOnItsOwn = true;
        ended.error = QStringLiteral("fork failed");
        return ended;
    }
    if (child == 0) {
        // Nothing of the test's process may run here but the work: _exit skips every destructor.
        Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(project);
        if (!store)
            ::_exit(2);
        DyingStore dying(*store.value(), dieAfter);
        ::_exit(work(dying) ? 0 : 1);
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
        ended.exitedOnItsOwn = true;
        ended.error = QStringLiteral("the child process did not exit");
        return ended;
    }
    ended.exitCode = WEXITSTATUS(status);
    ended.exitedOnItsOwn = ended.exitCode != DyingStore::kDiedStatus;
    if (ended.exitedOnItsOwn && ended.exitCode != 0)
        ended.error =
            QStringLiteral("the operation failed in the child process (status %1)").arg(ended.exitCode);
    return ended;
}

void CrashTally::add(const CrashOutcome &out)
{
    ++runs;
    integrity += out.integrity;
    atomic += out.atomic;
    converges += out.converges;
    undoExact += out.undoExact;
    ++points[int(out.point)];
}

QStringList crashTable(const QList<CrashTally> &tallies)
{
    const auto line = [](const QStringList &cells) {
        static const int widths[] = {13, 5, 13, 7, 10, 11, 22, 9, 8};
        QString text = cells.constFirst().leftJustified(widths[0]);
        for (int i = 1; i < cells.size(); ++i)
            text += QLatin1String("  ") + cells.at(i).rightJustified(widths[i]);
        return text;
    };
    QStringList lines = {
        line({QStringLiteral("operation"), QStringLiteral("runs"), QStringLiteral("integrity ok"),
              QStringLiteral("atomic"), QStringLiteral("converges"), QStringLiteral("undo exact"),
              QStringLiteral("before / mid / after"), QStringLiteral("unkilled"), QStringLiteral("total")})};
    for (const CrashTally &t : tallies) {
        lines << line({t.name, QString::number(t.runs), QString::number(t.integrity),
                       QString::number(t.atomic), QString::number(t.converges), QString::number(t.undoExact),
                       QStringLiteral("%1 / %2 / %3").arg(t.points[0]).arg(t.points[1]).arg(t.points[2]),
                       QStringLiteral("%1 ms").arg(t.unkilledMs),
                       QStringLiteral("%1 s").arg(double(t.elapsedMs) / 1000.0, 0, 'f', 1)});
    }
    return lines;
}

QStringList writeDemoExport(const QString &path, int units, int rows)
{
    const Result<QList<LabelRowDocument>> read = DemoGenerator(units).rows(QStringLiteral("main"), 0, units);
    if (!read || read->size() < rows)
        return {};
    QStringList order;
    QByteArray bytes = "[";
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            bytes += ',';
        bytes += read->at(i).toBytes();
        order << read->at(i).dataHash();
    }
    bytes += ']';
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return order;
}

} // namespace lb::test
