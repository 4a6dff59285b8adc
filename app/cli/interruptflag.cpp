#include "interruptflag.h"

#include <csignal>

namespace lb::cli {

namespace {

std::atomic_bool g_interrupted{false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

InterruptFlag::InterruptFlag()
{
    g_interrupted.store(false);
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // the second Ctrl-C gets the default action
    sigaction(SIGINT, &action, nullptr);
}

// The handler stays installed: a command ends the process soon after its work, and a Ctrl-C that lands
// between the last batch and the exit must not kill the process before it has printed what it wrote.
InterruptFlag::~InterruptFlag() = default;

const std::atomic_bool *InterruptFlag::flag() const
{
    return &g_interrupted;
}

bool InterruptFlag::isSet() const
{
    return g_interrupted.load();
}

} // namespace lb::cli
