#pragma once

#include "domain/copyrequest.h"
#include "domain/jobcontrol.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "engine/copyplanner.h"
#include "engine/writerlock.h"
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

    // False when executing the plan writes nothing (no row, no branch): such a copy needs no lock.
    static bool writesSomething(const PreparedCopy &prepared, const Options &options);

    // `lock` holds the target branch (taken before the copy was planned); it is freed when the copy ends.
    Result<CopyResult> execute(const PreparedCopy &prepared, const Options &options,
                               const JobControl &control, WriterLock &lock);

private:
    Store &m_store;
    QString m_user;
};

} // namespace lb
