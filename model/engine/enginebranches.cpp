#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/branchchecks.h"
#include "engine/branchcomparison.h"
#include "engine/engine.h"

#include <nlohmann/json.hpp>

namespace lb {

// Branch management of the engine (create, rename, delete, each audited) and the branch diff.

namespace {

Result<void> auditBranchChange(Store &store, const QString &user, const QString &action,
                               const QString &summary, const nlohmann::json &details)
{
    return AuditEntryBuilder(user, action)
        .summary(summary)
        .details(details)
        .appendTo(store, QStringLiteral("the branch was changed"));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

} // namespace

Result<void> Engine::createBranch(const QString &name, const QString &createdFrom)
{
    if (const QString nameError = branchNameError(name); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    if (Result<void> available = BranchChecks::requireFreeName(m_store, name); !available)
        return available;
    if (!createdFrom.isEmpty()) {
        if (Result<void> from = BranchChecks::requireBranch(m_store, createdFrom, QStringLiteral("branch"));
            !from)
            return from;
    }
    if (Result<void> created = m_store.createBranch(name, createdFrom, false); !created)
        return created;
    const QString summary =
        createdFrom.isEmpty()
            ? QStringLiteral("Created branch %1").arg(quoted(name))
            : QStringLiteral("Created branch %1 from %2").arg(quoted(name), quoted(createdFrom));
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-create"), summary,
                             nlohmann::json{{"branch", utf8(name)}, {"createdFrom", utf8(createdFrom)}});
}

Result<void> Engine::renameBranch(const QString &from, const QString &to)
{
    if (from == kMainBranch)
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be renamed"));
    if (const QString nameError = branchNameError(to); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    if (Result<void> exists = BranchChecks::requireBranch(m_store, from, QStringLiteral("branch")); !exists)
        return exists;
    if (from == to)
        return fail(ErrorKind::Conflict, QStringLiteral("branch %1 already has that name").arg(quoted(from)));
    if (Result<void> available = BranchChecks::requireFreeName(m_store, to); !available)
        return available;
    if (Result<void> renamed = m_store.renameBranch(from, to); !renamed)
        return renamed;
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-rename"),
                             QStringLiteral("Renamed branch %1 to %2").arg(quoted(from), quoted(to)),
                             nlohmann::json{{"from", utf8(from)}, {"to", utf8(to)}});
}

Result<void> Engine::deleteBranch(const QString &name)
{
    if (name == kMainBranch)
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be deleted"));
    if (Result<void> exists = BranchChecks::requireBranch(m_store, name, QStringLiteral("branch")); !exists)
        return exists;
    RowQuery query;
    query.branch = name;
    const Result<int> rows = m_store.countRows(query);
    if (!rows)
        return rows.takeError();
    if (Result<void> deleted = m_store.deleteBranch(name); !deleted)
        return deleted;
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-delete"),
                             QStringLiteral("Deleted branch %1 with %2")
                                 .arg(quoted(name), plural(rows.value(), QStringLiteral("label row"))),
                             nlohmann::json{{"branch", utf8(name)}, {"rows", rows.value()}});
}

Result<BranchDiff> Engine::diff(const QString &sourceBranch, const QString &targetBranch,
                                const JobControl &control)
{
    return BranchComparison(m_store).diff(sourceBranch, targetBranch, control);
}

} // namespace lb
