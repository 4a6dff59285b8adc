#include "writerpause.h"

#include "projectprobe.h"
#include "testsupport.h"

#include <csignal>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

namespace lb::test {

namespace {

// True once the kernel shows the process as stopped (state 'T' in /proc/<pid>/stat): kill() only queues
// the signal, and the process may still run on the other core for a moment.
bool isStopped(qint64 pid)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        const qsizetype end = text.lastIndexOf(')');
        if (end < 0 || end + 2 >= text.size())
            return false;
        const char state = text.at(end + 2);
        if (state == 'T' || state == 't')
            return true;
        if (state == 'Z' || state == 'X')
            return false;
        QThread::usleep(200);
    }
    return false;
}

// Whether SQLite's write lock on the file is free: a write transaction begun without waiting, then
// rolled back, so nothing is written.
bool writeLockIsFree(const QString &project)
{
    const QString name = QStringLiteral("writerpause");
    bool free = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(project);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (db.open()) {
            QSqlQuery query(db);
            free = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
            if (free)
                query.exec(QStringLiteral("ROLLBACK"));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return free;
}

bool operationRunning(const QString &project)
{
    return peekValue(project, QStringLiteral("SELECT COUNT(*) FROM operations WHERE state = 'running'"))
               .toInt() > 0;
}

} // namespace

bool stopBetweenTransactions(QProcess &writer, const QString &project)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000 * timeFactor()) {
        if (writer.state() != QProcess::Running)
            return false;
        const qint64 pid = writer.processId();
        ::kill(static_cast<pid_t>(pid), SIGSTOP);
        if (isStopped(pid) && operationRunning(project) && writeLockIsFree(project))
            return true;
        ::kill(static_cast<pid_t>(pid), SIGCONT);
        QThread::usleep(500);
    }
    return false;
}

WriteLockHold::WriteLockHold(const QString &project)
    : m_connection(QStringLiteral("writelockhold-%1").arg(reinterpret_cast<quintptr>(this)))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(project);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
}

WriteLockHold::~WriteLockHold()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (m_held)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

void resume(QProcess &writer)
{
    if (writer.state() == QProcess::Running)
        ::kill(static_cast<pid_t>(writer.processId()), SIGCONT);
}

} // namespace lb::test
