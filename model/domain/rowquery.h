#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lb {

// Filters of docs/product.md §2.1 for listing label rows. Empty lists and strings mean "no filter".
struct RowQuery
{
    QString branch = QStringLiteral("main");
    bool allBranches = false; // with a non-empty branch: an error, as Encord does
    QStringList dataHashes;
    QStringList labelHashes;
    QString titleEquals;
    QString titleLike; // SQL LIKE pattern: % and _
    QStringList statuses;
    QDateTime editedBefore; // invalid: no bound
    QDateTime editedAfter;
    bool includeUninitialised = false;
    // False when the caller needs no object counts or content hashes: a remote store then reads no label
    // content for the listing (rows whose figures it has cached still get them).
    bool withCounts = true;

    // Paging and order for views; stores list everything when limit < 0.
    int offset = 0;
    int limit = -1;
    enum class Order
    {
        Title,
        DataHash,
        ObjectCount,
        LastEdited,
        Status
    } order = Order::Title;
    bool descending = false;

    // Keyset paging, with Order::Title only: just the rows after this one in the listing's order, so a page
    // continues where the previous one ended along the title index instead of counting past rows (OFFSET).
    // An empty afterDataHash starts at the beginning.
    QString afterTitle;
    QString afterDataHash;
    QString afterBranch; // with allBranches: that row's branch, the last key of the order

    bool hasAfter() const { return !afterDataHash.isEmpty(); }
};

} // namespace lb
