#include "encord/encordbranches.h"

#include "domain/rowquery.h"
#include "domain/wording.h"
#include "encord/encordcache.h"
#include "encord/encordrowlisting.h"

#include <map>

namespace lb {

namespace {

using BranchesByName = std::map<QString, BranchInfo>;

void addRows(BranchesByName &byName, const QList<LabelRowSummary> &rows)
{
    for (const LabelRowSummary &s : rows) {
        BranchInfo &info = byName[s.branchName];
        info.name = s.branchName;
        ++info.rowCount;
        info.objectCount += s.objectCount;
        if (s.createdAt.isValid() && (!info.createdAt.isValid() || s.createdAt < info.createdAt))
            info.createdAt = s.createdAt;
        if (s.lastEditedAt.isValid() && (!info.lastEditedAt.isValid() || s.lastEditedAt > info.lastEditedAt))
            info.lastEditedAt = s.lastEditedAt;
    }
}

void addLocal(BranchesByName &byName, const QList<LocalBranch> &local)
{
    for (const LocalBranch &branch : local) {
        BranchInfo &info = byName[branch.name];
        info.name = branch.name;
        info.createdFrom = branch.createdFrom;
        info.isSnapshot = branch.isSnapshot;
        if (branch.createdAt.isValid() && (!info.createdAt.isValid() || branch.createdAt < info.createdAt))
            info.createdAt = branch.createdAt;
    }
}

QList<BranchInfo> mainFirst(BranchesByName &byName)
{
    byName[QStringLiteral("main")].name = QStringLiteral("main");
    QList<BranchInfo> out;
    out.append(byName[QStringLiteral("main")]);
    for (const auto &[name, info] : byName) {
        if (name != QLatin1String("main"))
            out.append(info);
    }
    return out;
}

} // namespace

EncordBranches::EncordBranches(EncordCache &cache, EncordRowListing &listing)
    : m_cache(cache), m_listing(listing)
{
}

Result<QList<BranchInfo>> EncordBranches::list()
{
    RowQuery query;
    query.branch.clear();
    query.allBranches = true;
    auto listed = m_listing.summaries(query);
    if (!listed)
        return listed.takeError();
    QList<LabelRowSummary> rows = std::move(listed).value();
    if (auto counted = m_listing.fillCounts(rows); !counted)
        return counted.takeError();
    auto local = m_cache.localBranches();
    if (!local)
        return local.takeError();

    BranchesByName byName;
    addRows(byName, rows);
    addLocal(byName, local.value());
    (void)m_cache.setListedAt(QDateTime::currentDateTimeUtc()); // only the age shown depends on it
    return mainFirst(byName);
}

Result<QList<BranchInfo>> EncordBranches::known()
{
    auto local = m_cache.localBranches();
    if (!local)
        return local.takeError();
    auto listed = m_cache.cachedBranchNames();
    if (!listed)
        return listed.takeError();
    BranchesByName byName;
    for (const QString &name : listed.value())
        byName[name].name = name;
    addLocal(byName, local.value());
    QList<BranchInfo> out = mainFirst(byName);
    for (BranchInfo &branch : out)
        branch.totalsKnown = false;
    return out;
}

Result<bool> EncordBranches::exists(const QString &name)
{
    if (name == QLatin1String("main"))
        return true;
    auto local = localBranch(name);
    if (!local)
        return local.takeError();
    if (local->has_value())
        return true;
    auto count = remoteRowCount(name);
    if (!count)
        return count.takeError();
    return count.value() > 0;
}

Result<Store::Presence> EncordBranches::knownPresence(const QString &name)
{
    if (name == QLatin1String("main"))
        return Store::Presence::Present;
    auto local = localBranch(name);
    if (!local)
        return local.takeError();
    if (local->has_value())
        return Store::Presence::Present;
    auto seen = m_cache.hasRows(name);
    if (!seen)
        return seen.takeError();
    return seen.value() ? Store::Presence::Present : Store::Presence::Unknown;
}

Result<void> EncordBranches::create(const QString &name, const QString &createdFrom, bool isSnapshot)
{
    auto taken = exists(name);
    if (!taken)
        return taken.takeError();
    if (taken.value())
        return fail(ErrorKind::Conflict, QStringLiteral("branch %1 already exists").arg(quoted(name)));
    return m_cache.addLocalBranch(
        LocalBranch{name, createdFrom, isSnapshot, QDateTime::currentDateTimeUtc()});
}

Result<void> EncordBranches::rename(const QString &from, const QString &to)
{
    if (from == QLatin1String("main") || to == QLatin1String("main"))
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be renamed"));
    auto remote = remoteRowCount(from);
    if (!remote)
        return remote.takeError();
    if (remote.value() > 0)
        return fail(ErrorKind::Conflict,
                    QStringLiteral("Encord has no way to rename a branch: %1 has %2 label rows there")
                        .arg(quoted(from))
                        .arg(remote.value()));
    auto local = localBranch(from);
    if (!local)
        return local.takeError();
    if (!local->has_value())
        return fail(ErrorKind::NotFound, QStringLiteral("branch %1 does not exist").arg(quoted(from)));
    auto taken = exists(to);
    if (!taken)
        return taken.takeError();
    if (taken.value())
        return fail(ErrorKind::Conflict, QStringLiteral("branch %1 already exists").arg(quoted(to)));
    LocalBranch renamed = **local;
    renamed.name = to;
    if (auto added = m_cache.addLocalBranch(renamed); !added)
        return added;
    if (auto removed = m_cache.removeLocalBranch(from); !removed)
        return removed;
    return m_cache.renameBranchInReviewDecisions(from, to);
}

Result<void> EncordBranches::remove(const QString &name)
{
    if (name == QLatin1String("main"))
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be deleted"));
    auto remote = remoteRowCount(name);
    if (!remote)
        return remote.takeError();
    if (remote.value() > 0)
        return fail(
            ErrorKind::Conflict,
            QStringLiteral("Encord has no way to delete a branch: the %1 label rows of %2 stay on Encord")
                .arg(remote.value())
                .arg(quoted(name)));
    auto local = localBranch(name);
    if (!local)
        return local.takeError();
    if (!local->has_value())
        return fail(ErrorKind::NotFound, QStringLiteral("branch %1 does not exist").arg(quoted(name)));
    if (auto removed = m_cache.removeLocalBranch(name); !removed)
        return removed;
    // Decisions about a deleted branch must not come back if a branch of the same name is made later.
    return m_cache.forgetReviewDecisionsOf(name);
}

Result<int> EncordBranches::remoteRowCount(const QString &branch)
{
    RowQuery query;
    query.branch = branch;
    auto listed = m_listing.summaries(query);
    if (!listed)
        return listed.takeError();
    return int(listed->size());
}

Result<std::optional<LocalBranch>> EncordBranches::localBranch(const QString &name)
{
    auto local = m_cache.localBranches();
    if (!local)
        return local.takeError();
    for (const LocalBranch &branch : local.value()) {
        if (branch.name == name)
            return std::optional<LocalBranch>(branch);
    }
    return std::optional<LocalBranch>();
}

} // namespace lb
