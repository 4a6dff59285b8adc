#pragma once

#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "domain/rowquery.h"
#include "store/store.h"

#include <functional>
#include <QList>

namespace lb {

// A listing walked page by page in title order with keyset paging (RowQuery::afterDataHash), so a branch of
// any size is listed, exported or checked with one page of summaries in memory, and every page is a range
// scan of the title index rather than an OFFSET that counts past every earlier row.
class RowPages
{
public:
    static constexpr int kDefaultPageSize = 2000;

    // Called with each non-empty page in order; a failure stops the walk with that error.
    using PageSink = std::function<Result<void>(const QList<LabelRowSummary> &page)>;

    // The query's filters are kept; its order becomes title ascending, and offset and limit are the walk's.
    static Result<void> forEach(Store &store, RowQuery query, int pageSize, const PageSink &sink);
};

// The same walk, taken a page at a time by the caller: for work that interleaves other reads and writes
// with the listing (a copy writes each page's rows before it lists the next).
class RowPageCursor
{
public:
    // The query's filters are kept; its order becomes title ascending, and offset and limit are the walk's.
    RowPageCursor(Store &store, RowQuery query, int pageSize);

    // The next page; empty once the listing is done.
    Result<QList<LabelRowSummary>> next();

private:
    Store &m_store;
    RowQuery m_query;
    bool m_done = false;
};

} // namespace lb
