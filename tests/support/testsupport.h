#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace lb::test {

// SHA-256 (hex) of a file's bytes; empty when it cannot be read. For "the file is unchanged" checks.
QString fileSha256(const QString &path);

// SHA-256 over the file and its -wal companion, so a change that only reached the WAL is seen too.
// (-shm is left out: readers update it.)
QString projectFilesSha256(const QString &path);

QByteArray readFile(const QString &path);

// How many times longer than usual a test may wait for something: LB_TEST_TIME_FACTOR, which the sanitizer
// test preset sets (its builds run several times slower); 1 otherwise.
int timeFactor();
bool writeFile(const QString &path, const QByteArray &bytes);

} // namespace lb::test
