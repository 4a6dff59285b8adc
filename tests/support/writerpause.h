#pragma once

// Holds a writer of another process still at a point where it owns its branch's write lock (its operation is
// running) but no SQLite transaction, so a second writer started meanwhile is sure to meet it and wait:
// tests of writers that take turns do not depend on how fast the first one runs.

#include <QString>

class QProcess;

namespace lb::test {

// Stops `writer` (SIGSTOP) once the project has a running operation and the writer is between two
// transactions. False when the writer ended first or no such point came within a minute (scaled by
// timeFactor()); the writer then runs on.
bool stopBetweenTransactions(QProcess &writer, const QString &project);
// Lets a stopped writer go on (SIGCONT).
void resume(QProcess &writer);

// Holds SQLite's write lock on a project from this process while it lives, so every writer (of this
// process's other threads or of another process) stops at its next write transaction, its operation still
// running. For writers that run in this process, where stopBetweenTransactions() cannot be used.
class WriteLockHold
{
public:
    // Waits up to 30 s for the lock, taking it at the first moment no other writer has it; held() tells
    // whether it was taken.
    explicit WriteLockHold(const QString &project);
    ~WriteLockHold();
    WriteLockHold(const WriteLockHold &) = delete;
    WriteLockHold &operator=(const WriteLockHold &) = delete;

    bool held() const { return m_held; }

private:
    QString m_connection;
    bool m_held = false;
};

} // namespace lb::test
