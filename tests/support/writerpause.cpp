#include "writerpause.h"

#include "testsupport.h"

#include <csignal>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <sys/stat.h>

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

// Whether the process holds one of the locks of SQLite's WAL index that keep other connections out: the
// write, checkpoint and recovery locks, bytes 120 to 122 of the "-shm" file (the WAL index layout SQLite
// documents in its file format). A writer stopped while it holds one of them can keep even readers waiting
// for seconds, so the project is not read then. Read from /proc/locks; true when that cannot be read.
bool holdsWalIndexLocks(qint64 pid, const QString &project)
{
    struct stat shm = {};
    if (::stat(QFile::encodeName(project + QStringLiteral("-shm")).constData(), &shm) != 0)
        return true;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return true;
    const QByteArray inode = ':' + QByteArray::number(static_cast<qulonglong>(shm.st_ino));
    const QByteArray owner = QByteArray::number(pid);
    for (const QByteArray &line : locks.readAll().split('\n')) {
        // "1: POSIX  ADVISORY  WRITE 4242 fe:01:1234 120 120"
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 8 || fields.at(4) != owner || !fields.at(5).endsWith(inode))
            continue;
        bool ok = false;
        const qlonglong start = fields.at(6).toLongLong(&ok);
        const qlonglong end = fields.at(7) == "EOF" ? start : fields.at(7).toLongLong();
        if (ok && start <= 122 && end >= 120)
            return true;
    }
    return false;
}

// Whether a stopped writer holds its branch but no SQLite transaction: an operation is running and a
// write transaction can be begun (then rolled back, so nothing is written). Nothing here waits.
bool heldBetweenTransactions(const QString &project)
{
    const QString name = QStringLiteral("writerpause");
    bool held = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(project);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (db.open()) {
            QSqlQuery query(db);
            const bool running =
                query.exec(QStringLiteral("SELECT COUNT(*) FROM operations WHERE state = 'running'")) &&
                query.next() && query.value(0).toInt() > 0;
            query.finish();
            held = running && query.exec(QStringLiteral("BEGIN IMMEDIATE"));
            if (held)
                query.exec(QStringLiteral("ROLLBACK"));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return held;
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
        if (isStopped(pid) && !holdsWalIndexLocks(pid, project) && heldBetweenTransactions(project))
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
    // No busy handler: SQLite's sleeps up to 100 ms between tries and can miss every short gap between the
    // transactions of a writer that goes on batch after batch. Trying again at once takes the first gap.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
    if (!db.open())
        return;
    QElapsedTimer timer;
    timer.start();
    while (!(m_held = QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"))) && timer.elapsed() < 30000)
        QThread::usleep(20);
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
