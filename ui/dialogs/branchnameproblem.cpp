#include "dialogs/branchnameproblem.h"

#include "domain/branchname.h"

#include <QCoreApplication>

namespace lb {

QString branchNameProblem(const QString &name, const QStringList &existingBranches, BranchNameRule rule)
{
    const QString domainError = branchNameError(name);
    if (!domainError.isEmpty()) {
        QString sentence = domainError;
        if (!sentence.isEmpty())
            sentence[0] = sentence[0].toUpper();
        return sentence;
    }
    if (rule == BranchNameRule::MustBeNew && existingBranches.contains(name))
        return QCoreApplication::translate("lb::BranchNameProblem", "A branch named “%1” already exists")
            .arg(name);
    return QString();
}

} // namespace lb
