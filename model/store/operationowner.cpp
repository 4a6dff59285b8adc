#include "store/operationowner.h"

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QStringList>
#include <QSysInfo>
#include <QUuid>

namespace lb::operationowner {

namespace {

QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QString> &liveOwners()
{
    static QSet<QString> owners;
    return owners;
}

// Field 22 of /proc/<pid>/stat, the process's start time in clock ticks since boot; empty when the process
// does not exist (or /proc cannot tell).
QString processStart(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray text = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const qsizetype end = text.lastIndexOf(')');
    if (end < 0)
        return QString();
    const QList<QByteArray> fields = text.mid(end + 2).split(' ');
    constexpr int kStartField = 22 - 3; // fields from the third on
    return fields.size() > kStartField ? QString::fromLatin1(fields.at(kStartField)) : QString();
}

QString hostName()
{
    static const QString name = QSysInfo::machineHostName();
    return name;
}

} // namespace

QString create()
{
    const qint64 pid = QCoreApplication::applicationPid();
    const QString owner = QStringLiteral("%1 %2 %3 %4")
                              .arg(hostName())
                              .arg(pid)
                              .arg(processStart(pid), QUuid::createUuid().toString(QUuid::WithoutBraces));
    QMutexLocker lock(&registryMutex());
    liveOwners().insert(owner);
    return owner;
}

void release(const QString &owner)
{
    QMutexLocker lock(&registryMutex());
    liveOwners().remove(owner);
}

bool alive(const QString &owner)
{
    const QStringList parts = owner.split(QLatin1Char(' '));
    if (parts.size() != 4)
        return false; // not written by this program: nobody can be waiting on it
    if (parts.at(0) != hostName())
        return true;
    bool ok = false;
    const qint64 pid = parts.at(1).toLongLong(&ok);
    if (!ok)
        return false;
    if (pid == QCoreApplication::applicationPid()) {
        QMutexLocker lock(&registryMutex());
        return liveOwners().contains(owner);
    }
    const QString start = processStart(pid);
    return !start.isEmpty() && start == parts.at(2);
}

} // namespace lb::operationowner
