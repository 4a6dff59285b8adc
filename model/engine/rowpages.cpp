#include "engine/rowpages.h"

namespace lb {

Result<void> RowPages::forEach(Store &store, RowQuery query, int pageSize, const PageSink &sink)
{
    RowPageCursor cursor(store, std::move(query), pageSize);
    for (;;) {
        const Result<QList<LabelRowSummary>> page = cursor.next();
        if (!page)
            return page.takeError();
        if (page->isEmpty())
            return {};
        if (Result<void> taken = sink(page.value()); !taken)
            return taken;
    }
}

RowPageCursor::RowPageCursor(Store &store, RowQuery query, int pageSize)
    : m_store(store), m_query(std::move(query))
{
    m_query.order = RowQuery::Order::Title;
    m_query.descending = false;
    m_query.offset = 0;
    m_query.limit = qMax(1, pageSize);
    m_query.afterTitle.clear();
    m_query.afterDataHash.clear();
    m_query.afterBranch.clear();
}

Result<QList<LabelRowSummary>> RowPageCursor::next()
{
    if (m_done)
        return QList<LabelRowSummary>();
    Result<QList<LabelRowSummary>> page = m_store.listRows(m_query);
    if (!page)
        return page;
    if (page->size() < m_query.limit) {
        m_done = true;
    } else {
        const LabelRowSummary &last = page->constLast();
        m_query.afterTitle = last.dataTitle;
        m_query.afterDataHash = last.dataHash;
        m_query.afterBranch = last.branchName;
    }
    return page;
}

} // namespace lb
