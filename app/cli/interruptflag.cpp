#include "interruptflag.h"

#include <csignal>

namespace lb::cli {

namespace {

std::atomic_bool g_interrupted{false};
struct sigaction g_previous;

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
    sigaction(SIGINT, &action, &g_previous);
}

InterruptFlag::~InterruptFlag()
{
    sigaction(SIGINT, &g_previous, nullptr);
}

const std::atomic_bool *InterruptFlag::flag() const
{
    return &g_interrupted;
}

bool InterruptFlag::isSet() const
{
    return g_interrupted.load();
}

} // namespace lb::cli
