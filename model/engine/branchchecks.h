#pragma once

#include "domain/result.h"
#include "store/store.h"

#include <QString>

namespace lb {

// The existence checks every engine entry point makes before it reads or writes, worded alike everywhere.
class BranchChecks
{
public:
    // Fails NotFound with "<role> '<name>' does not exist".
    static Result<void> requireBranch(Store &store, const QString &name, const QString &role);
    // Fails Conflict with "a branch named '<name>' already exists".
    static Result<void> requireFreeName(Store &store, const QString &name);
};

} // namespace lb
