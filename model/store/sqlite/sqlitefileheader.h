#pragma once

#include "domain/result.h"

#include <QString>

namespace lb {

// The first 100 bytes of an SQLite database file, read with plain file I/O. Lets open() recognise foreign,
// newer or truncated files before SQLite touches them (SQLite may create -wal/-shm files as soon as it
// opens).
class SqliteFileHeader
{
public:
    // Fails only when the file cannot be read at all; a short or foreign file gives isSqlite() == false.
    static Result<SqliteFileHeader> read(const QString &path);

    bool isSqlite() const { return m_isSqlite; }
    quint32 applicationId() const { return m_applicationId; }
    quint32 userVersion() const { return m_userVersion; }
    bool isWal() const { return m_isWal; }
    qint64 fileSize() const { return m_fileSize; }
    // The size the header records for the database, or -1 when the header's count is not trustworthy.
    qint64 expectedSize() const { return m_expectedSize; }

private:
    bool m_isSqlite = false;
    bool m_isWal = false;
    quint32 m_applicationId = 0;
    quint32 m_userVersion = 0;
    qint64 m_fileSize = 0;
    qint64 m_expectedSize = -1;
};

} // namespace lb
