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
};

} // namespace lb
