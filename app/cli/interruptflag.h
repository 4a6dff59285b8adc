#pragma once

#include <atomic>

namespace lb::cli {

// From its construction on, Ctrl-C (SIGINT) sets a flag that long engine work checks between batches, so the
// finished batches are kept and reported. A second Ctrl-C ends the process the usual way.
class InterruptFlag
{
public:
    InterruptFlag();
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag &) = delete;
    InterruptFlag &operator=(const InterruptFlag &) = delete;

    const std::atomic_bool *flag() const;
    bool isSet() const;
};

} // namespace lb::cli
