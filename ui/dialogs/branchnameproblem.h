#pragma once

#include <QString>
#include <QStringList>

namespace lb {

enum class BranchNameRule
{
    MustBeNew, // snapshot, rename, create: an existing name is a problem
    MayExist   // copy / import target: existing or new
};

// What is wrong with a branch name typed into a dialog, as a sentence to show next to the field; empty when
// the name is usable. Combines the domain rules (lb::branchNameError) with what the dialog needs on top.
QString branchNameProblem(const QString &name, const QStringList &existingBranches, BranchNameRule rule);

} // namespace lb
