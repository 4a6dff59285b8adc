#pragma once

#include <QDateTime>
#include <QString>

namespace lb {

struct BranchInfo
{
    QString name;
    int rowCount = 0;        // initialised label rows on the branch
    int objectCount = 0;     // sum of the rows' object counts
    QDateTime createdAt;     // UTC
    QDateTime lastEditedAt;  // newest row edit, UTC; invalid when the branch is empty
    QString createdFrom;     // branch it was snapshotted or copied from at creation; empty if unknown
    bool isSnapshot = false; // created by a snapshot
    // False when the branch was listed without its totals (Store::branchesWithoutTotals): rowCount,
    // objectCount and lastEditedAt are then not read yet.
    bool totalsKnown = true;

    bool isMain() const { return name == QStringLiteral("main"); }
};

} // namespace lb
