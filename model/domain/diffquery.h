#pragma once

#include "domain/diffentry.h"

#include <QList>
#include <QString>

namespace lb {

// Which data units of a comparison to show, and in which order: what the Compare table, the review list
// and `diff` ask a store for (docs/architecture.md §2). The order always ends with the data title and hash,
// so equal keys keep a stable order.
struct DiffQuery
{
    QString sourceBranch;
    QString targetBranch;
    bool onlyDifferences = false;
    QList<DiffStatus> statuses; // empty: every status
    QString text;               // case-insensitive "contains" on the data title or the data hash

    enum class Order
    {
        Title,
        SourceCount, // a data unit without a row sorts below an empty row
        TargetCount,
        Delta,
        Status,     // the most significant difference first: only in source, only in target, count, change
        ThreeWay,   // review order: conflicts first
        ClassDelta, // the delta of the class `orderClass`
    } order = Order::Title;
    QString orderClass; // feature hash, with Order::ClassDelta
    bool descending = false;

    bool operator==(const DiffQuery &other) const = default;

    bool matches(DiffStatus status) const
    {
        if (onlyDifferences && !diffStatusIsDifference(status))
            return false;
        return statuses.isEmpty() || statuses.contains(status);
    }
};

// One data unit of a comparison in a query's order: the store's key for it (a data unit id of the project
// file; whatever the store gave for others) and its status, which is all a table needs to count, filter and
// step through differences without loading the row.
struct DiffRowKey
{
    qint64 unit = 0;
    DiffStatus status = DiffStatus::Identical;
};

} // namespace lb
