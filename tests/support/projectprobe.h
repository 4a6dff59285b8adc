#pragma once

// Looks at a project the way a second program would: SQL on the file from outside, read-only and without
// the program's own opening (so nothing is recovered or rolled back by looking), and a branch as the
// command line lists it.

#include <QHash>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

namespace lb::test {

// The first row of `statement` on the file at `project`, opened read-only; empty when there is none or the
// statement fails.
QVariantList peekRow(const QString &project, const QString &statement);
// The first column of that row; invalid when there is none.
QVariant peekValue(const QString &project, const QString &statement);
// The first column of every row of `statement`.
QStringList peekColumn(const QString &project, const QString &statement);

// A branch as `labelbranch-cli rows --branch B --json` prints it (the command opens the project, so an
// interrupted operation is recovered first).
struct BranchState
{
    bool exists = false;
    bool readFailed = false;         // the listing failed for another reason than a missing branch
    QString error;                   // its message
    QMap<QString, QByteArray> rows;  // data hash -> the row's JSON, every field
    QHash<QString, QString> content; // data hash -> content hash
};
BranchState readBranch(const QString &project, const QString &branch);

// The data hashes of the rows operation `operationId` wrote: the rows it replaced (its journal) and the
// rows it created, read from outside.
QSet<QString> rowsWrittenBy(const QString &project, qint64 operationId);

} // namespace lb::test
