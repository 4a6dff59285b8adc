#pragma once

// One write of the command line killed with SIGKILL at a chosen moment, and what must hold afterwards
// (docs/architecture.md §4.3): the file is intact, every batch is in whole or not at all, rerunning the
// command gives what an unkilled run gives, and undoing every operation on the target gives back exactly
// what it had before.

#include "projectprobe.h"

#include <functional>
#include <QHash>
#include <QString>
#include <QStringList>

namespace lb {
class Store;
}

namespace lb::test {

// A write to kill, as the command line runs it.
struct CrashOperation
{
    QString name;        // as the summary shows it: "copy", "review apply"
    QString kind;        // its kind in the ledger (operations.kind)
    QStringList command; // the arguments after --project FILE
    QString target;      // the branch it writes
    QString source;      // the branch whose content the written rows take; empty for an import
    // Rows per atomic batch; 0 for a snapshot, which copies the source in parts of its id range.
    int batchSize = 0;
    // A snapshot or an import: after a kill it is gone or complete once the project is next opened.
    bool rolledBackOnOpen = false;
    // Run again after it has finished, it refuses cleanly and writes nothing: a snapshot or import whose
    // branch exists, a review apply with no difference left to apply.
    bool refusesRerunWhenDone = false;
    // The data hashes it writes in batch order, when no dry run can tell (an import: the file's order).
    QStringList givenPlan;
};

// What every killed run of an operation is measured against: the target before it, the plan, and an
// unkilled run.
struct CrashBaseline
{
    BranchState before;                    // the target before the operation
    QHash<QString, QString> sourceContent; // data hash -> content hash on the source
    QStringList plannedWrites;             // the data hashes written, in batch order
    QHash<QString, QString> reference;     // the target's contents after an unkilled run
    qint64 durationMs = 0;                 // that run, from start to exit
    QString error;                         // why the baseline could not be taken; empty when it was
};

// Plans and runs `op` to the end on `project`, a fresh copy of the demo that it leaves written.
CrashBaseline takeBaseline(const CrashOperation &op, const QString &project);

enum class KillPoint
{
    BeforeFirstWrite, // no batch was in (or no operation had begun)
    MidRun,           // some batches were in, the operation was not finished
    AfterFinish,      // the operation was finished (or the process had already exited)
};

struct CrashOutcome
{
    QString when; // "killed after 120 ms", "died after write 3"
    KillPoint point = KillPoint::BeforeFirstWrite;
    int batchesDone = 0;
    int batchesTotal = 0;
    bool integrity = false; // PRAGMA integrity_check = ok, after the kill and after the undo
    bool atomic = false;    // exactly the rows of the finished batches (or, rolled back: none or all)
    bool converges = false; // a rerun leaves the target as an unkilled run does
    bool undoExact = false; // undoing every operation on the target gives back exactly what it had
    QStringList problems;   // what failed, for the test's message

    bool passed() const { return integrity && atomic && converges && undoExact; }
    QString describe() const;
};

QString killPointName(KillPoint point);

// How a run of an operation ended: it exited on its own, or it was killed (or died) part-way.
struct KillResult
{
    bool exitedOnItsOwn = false;
    int exitCode = -1;
    QString error;
};

// The highest operation id in the project (0 for none): what a run's operation comes after.
qint64 newestOperationId(const QString &project);

// Checks what a run of `op` that ended as `ended` left on `project`, whose newest operation before the run
// was `operationsBefore`: (a) to (d) of the header, in that order, before anything else opens the file.
CrashOutcome checkAfterKill(const CrashOperation &op, const CrashBaseline &baseline, const QString &project,
                            qint64 operationsBefore, const KillResult &ended);

// Runs `op` on `project` (a fresh copy of the demo), kills it with SIGKILL after `delayMs` unless it has
// exited by then, and checks the outcome against `baseline`.
CrashOutcome runKilled(const CrashOperation &op, const CrashBaseline &baseline, const QString &project,
                       qint64 delayMs);

// Runs `work` on `project` in a child process (fork) whose store dies right after its `dieAfter`-th write
// (DyingStore). Ended killed when it died there; exited on its own when the work was done with fewer
// writes, with status 0 when `work` returned true.
KillResult runDyingChild(const QString &project, int dieAfter, const std::function<bool(Store &)> &work);

// Per operation: how many runs passed each check, and where the kills landed; printed as one table.
struct CrashTally
{
    QString name;
    int runs = 0;
    int integrity = 0;
    int atomic = 0;
    int converges = 0;
    int undoExact = 0;
    int points[3] = {0, 0, 0}; // by KillPoint
    qint64 unkilledMs = 0;
    qint64 elapsedMs = 0;

    void add(const CrashOutcome &out);
};
// The header line and one line per tally: operation, runs, the four checks, kills before / mid / after,
// an unkilled run, the time all runs took.
QStringList crashTable(const QList<CrashTally> &tallies);

// Writes the first `rows` label rows of main of a demo of `units` data units as an Encord export (a JSON
// array) to `path`; returns their data hashes in the file's order, empty when it could not.
QStringList writeDemoExport(const QString &path, int units, int rows);

} // namespace lb::test
