#pragma once

#include <QString>

namespace lb {

// docs/product.md §1.3: non-empty, at most 128 characters, no leading/trailing white space, no control
// characters. Returns an empty string when the name is valid, otherwise the reason, e.g. "branch name must
// not be empty". Never "fixes" a name.
QString branchNameError(const QString &name);
inline bool isValidBranchName(const QString &name)
{
    return branchNameError(name).isEmpty();
}

inline constexpr int kMaxBranchNameLength = 128;
inline const QString kMainBranch = QStringLiteral("main");

} // namespace lb
