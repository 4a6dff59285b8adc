#pragma once

#include <atomic>
#include <functional>
#include <QString>

namespace lb {

struct Progress
{
    qint64 done = 0; // rows (or items) finished
    qint64 total = 0;
    int batchesDone = 0;
    int batchesTotal = 0;
    QString stage; // short readable phrase: "listing source", "copying", ...
    bool waiting = false; // the stage names another operation this one waits for
};

// Passed into long engine work: progress is reported after each batch, cancellation is
// honoured between batches. Both callbacks are optional and run on the working thread.
struct JobControl
{
    std::function<void(const Progress &)> onProgress;
    const std::atomic_bool *cancelFlag = nullptr;
    // How long a write waits for another operation that holds its branch before it gives up.
    int lockWaitMs = 10 * 60 * 1000;

    bool isCancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
    void report(const Progress &p) const
    {
        if (onProgress)
            onProgress(p);
    }
};

} // namespace lb
