#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace lb {

class SqliteFileHeader;

// The checks of a project file that happen before a store writes to it.
class SqliteProjectFile
{
public:
    // Refuses, leaving the file exactly as it is, a missing file, a file that is not SQLite, an SQLite file
    // of another application, a damaged file and one of a newer format. Reads only the header and a
    // read-only connection. Returns the file's format version.
    static Result<int> validate(const QString &path);
    // Whether the store may write: the file and its folder (for -wal/-shm) must be writable.
    static bool isWritable(const QString &path);
    // A consistent copy of an open project (its WAL included) beside it, named after its format version,
    // taken before an upgrade rewrites the file; returns the copy's path. The caller removes it once the
    // upgrade has committed (or rolled back, leaving the file as it was).
    static Result<QString> backUpBeforeUpgrade(QSqlDatabase &db, const QString &path, int version);
    // Removes the file with its -wal, -shm and -journal companions (a project that failed to be created).
    static void remove(const QString &path);

private:
    // The application id and format version, from the header or from SQLite's own view.
    static Result<void> checkIdentity(const QString &shown, quint32 applicationId, quint32 version);
    // Identity, integrity, size and tables through an open read-only connection; the format version.
    static Result<int> checkOpened(QSqlDatabase &db, const QString &shown, const SqliteFileHeader &header,
                                   bool walPending);
};

} // namespace lb
