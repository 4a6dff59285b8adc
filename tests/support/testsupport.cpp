#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>

namespace lb::test {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

int timeFactor()
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("LB_TEST_TIME_FACTOR", &ok);
    return ok && factor > 1 ? factor : 1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(bytes) == bytes.size();
}

QString fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

QString projectFilesSha256(const QString &path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        hash.addData(suffix.toUtf8());
        hash.addData(readFile(path + suffix));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace lb::test
