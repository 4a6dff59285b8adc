#pragma once

#include "domain/copyrequest.h"
#include "domain/jobcontrol.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "engine/copyplanner.h"
#include "store/store.h"

#include <QString>

namespace lb {

// Carries out a prepared copy as one journaled operation (copy, sync, snapshot or apply-review), and says
// in the audit log what it did in the words of its kind.
class CopyExecutor
{
public:
    struct Options
    {
        OperationKind kind = OperationKind::Copy;
        bool snapshotBranch = false;
        // A snapshot is a branch even when its source has no rows; a copy with nothing to write writes
        // nothing.
        bool createBranchWhenEmpty = false;
    };

    CopyExecutor(Store &store, QString user) : m_store(store), m_user(std::move(user)) {}

    Result<CopyResult> execute(const PreparedCopy &prepared, const Options &options,
                               const JobControl &control);

private:
    Store &m_store;
    QString m_user;
};

} // namespace lb
