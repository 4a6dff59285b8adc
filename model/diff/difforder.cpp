#include "diff/difforder.h"

#include "diff/branchdiff.h"
#include "diff/threewaystatus.h"

#include <algorithm>
#include <numeric>

namespace lb {

namespace {

bool matchesText(const DiffEntry &entry, const QString &text)
{
    return text.isEmpty() || entry.dataTitle.contains(text, Qt::CaseInsensitive) ||
           entry.dataHash.contains(text, Qt::CaseInsensitive);
}

int orderKey(const DiffEntry &entry, const DiffQuery &query)
{
    switch (query.order) {
    case DiffQuery::Order::SourceCount:
        return entry.sourceLabelHash.isEmpty() ? -1 : entry.sourceCount;
    case DiffQuery::Order::TargetCount:
        return entry.targetLabelHash.isEmpty() ? -1 : entry.targetCount;
    case DiffQuery::Order::Delta:
        return entry.delta;
    case DiffQuery::Order::Status:
        return diffStatusRank(entry.status);
    case DiffQuery::Order::ThreeWay:
        return threeWayReviewRank(entry.threeWay);
    case DiffQuery::Order::ClassDelta:
        return entry.classDeltas.value(query.orderClass);
    case DiffQuery::Order::Title:
        return 0;
    }
    return 0;
}

} // namespace

QList<int> orderDiffEntries(const QList<DiffEntry> &entries, const DiffQuery &query)
{
    QList<int> positions;
    QList<int> keys;
    for (int i = 0; i < entries.size(); ++i) {
        const DiffEntry &entry = entries.at(i);
        if (!query.matches(entry.status) || !matchesText(entry, query.text))
            continue;
        positions.append(i);
        keys.append(orderKey(entry, query));
    }
    QList<int> order(positions.size());
    std::iota(order.begin(), order.end(), 0);
    if (query.order == DiffQuery::Order::Title) {
        if (query.descending)
            std::reverse(order.begin(), order.end());
    } else {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return query.descending ? keys.at(a) > keys.at(b) : keys.at(a) < keys.at(b);
        });
    }
    QList<int> ordered;
    ordered.reserve(order.size());
    for (int index : order)
        ordered.append(positions.at(index));
    return ordered;
}

} // namespace lb
