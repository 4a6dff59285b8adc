#pragma once

#include "domain/branchinfo.h"
#include "domain/result.h"
#include "store/store.h"

#include <optional>
#include <QList>
#include <QString>

namespace lb {

class EncordCache;
class EncordRowListing;
struct LocalBranch;

// The branches of an Encord project. Encord knows a branch only through its label rows, so a branch made here
// is remembered locally (with its origin and snapshot mark, which Encord has no place for); it can be renamed
// or deleted only while Encord has no rows of it.
class EncordBranches
{
public:
    EncordBranches(EncordCache &cache, EncordRowListing &listing);

    Result<QList<BranchInfo>> list(); // main first, then by name
    // The same names from the cache alone (totalsKnown false): main, branches made here, branches listed.
    Result<QList<BranchInfo>> known();
    Result<bool> exists(const QString &name);
    // From what this computer knows: main, a branch made here, a branch a listing showed rows of.
    Result<Store::Presence> knownPresence(const QString &name);
    Result<void> create(const QString &name, const QString &createdFrom, bool isSnapshot);
    Result<void> rename(const QString &from, const QString &to);
    Result<void> remove(const QString &name);

private:
    Result<int> remoteRowCount(const QString &branch);
    Result<std::optional<LocalBranch>> localBranch(const QString &name);

    EncordCache &m_cache;
    EncordRowListing &m_listing;
};

} // namespace lb
