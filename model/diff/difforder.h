#pragma once

#include "domain/diffentry.h"
#include "domain/diffquery.h"

#include <QList>

namespace lb {

// Pure: the positions of the entries `query` matches, in its order (its branches are not looked at). The
// entries come in title order, as computeBranchDiff gives them. This is the order the project file's SQL
// gives (store/sqlite/sqlitediff.h), for stores that compare listings.
QList<int> orderDiffEntries(const QList<DiffEntry> &entries, const DiffQuery &query);

} // namespace lb
