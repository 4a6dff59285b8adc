#include "engine/branchchecks.h"

#include "domain/wording.h"

namespace lb {

Result<void> BranchChecks::requireBranch(Store &store, const QString &name, const QString &role)
{
    const Result<bool> exists = store.branchExists(name);
    if (!exists)
        return exists.takeError();
    if (!exists.value())
        return fail(ErrorKind::NotFound, QStringLiteral("%1 %2 does not exist").arg(role, quoted(name)));
    return {};
}

Result<void> BranchChecks::requireFreeName(Store &store, const QString &name)
{
    const Result<bool> taken = store.branchExists(name);
    if (!taken)
        return taken.takeError();
    if (taken.value())
        return fail(ErrorKind::Conflict,
                    QStringLiteral("a branch named %1 already exists").arg(quoted(name)));
    return {};
}

} // namespace lb
