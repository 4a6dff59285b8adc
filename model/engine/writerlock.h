#pragma once

#include "domain/jobcontrol.h"
#include "domain/operationrecord.h"
#include "domain/result.h"
#include "store/store.h"

namespace lb {

// The write lock of one branch, held for the whole of a journaled write (docs/architecture.md §4.3): the
// operation's own record in the ledger, running, taken before the write is planned. Acquiring waits while
// another live operation holds the branch, reporting "waiting for sync #12 on "t" by alice, …" as progress,
// until JobControl::lockWaitMs is up or the job is cancelled. The lock is freed when the operation is
// finished (JournaledWrite) or, when it wrote nothing, by dropping its record; an operation whose process
// dies frees it too (the next writer or opener marks it interrupted).
class WriterLock
{
public:
    WriterLock(Store &store, OperationRecord record);
    ~WriterLock();
    WriterLock(const WriterLock &) = delete;
    WriterLock &operator=(const WriterLock &) = delete;

    Result<void> acquire(const JobControl &control);
    OperationRecord &record() { return m_record; }
    // Creates the operation's target branch, having first saved in its record that the operation creates
    // it: a kill in between leaves a record naming a branch that is not there (undo and the rollback on
    // open pass over it), never a branch that no undo or rollback would remove.
    Result<void> createTargetBranch(const QString &createdFrom, bool isSnapshot);
    // The record stays: the operation wrote, and its journal finishes it.
    void keep() { m_kept = true; }
    // Frees the branch without a trace: the operation wrote nothing. Also what the destructor does to a lock
    // that was neither kept nor released.
    void release();

private:
    Store &m_store;
    OperationRecord m_record;
    bool m_held = false;
    bool m_kept = false;
};

} // namespace lb
