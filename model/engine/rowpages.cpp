#include "engine/rowpages.h"

namespace lb {

Result<void> RowPages::forEach(Store &store, RowQuery query, int pageSize, const PageSink &sink)
{
    query.order = RowQuery::Order::Title;
    query.descending = false;
    query.offset = 0;
    query.limit = qMax(1, pageSize);
    query.afterTitle.clear();
    query.afterDataHash.clear();
    query.afterBranch.clear();
    for (;;) {
        const Result<QList<LabelRowSummary>> page = store.listRows(query);
        if (!page)
            return page.takeError();
        if (page->isEmpty())
            return {};
        if (Result<void> taken = sink(page.value()); !taken)
            return taken;
        if (page->size() < query.limit)
            return {};
        const LabelRowSummary &last = page->constLast();
        query.afterTitle = last.dataTitle;
        query.afterDataHash = last.dataHash;
        query.afterBranch = last.branchName;
    }
}

} // namespace lb
