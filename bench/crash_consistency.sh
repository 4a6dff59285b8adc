#!/usr/bin/env bash
# The crash-consistency test (tests/tst_crashconsistency.cpp) in its long mode: copy, sync, snapshot, import
# and review apply are each killed with SIGKILL at RUNS random moments of their run (the test suite kills
# each 3 times), and every kill is checked for an intact file, whole batches, a rerun that converges and an
# undo that gives back exactly what the target had. Prints the test's output, which ends with one table:
# operation | runs | integrity ok | atomic | converges | undo exact | kills before / mid / after the write.
# Not registered with CTest.
#
#   bench/crash_consistency.sh [RUNS] [--no-build]        (RUNS defaults to 50)
#
# Environment:
#   LABELBRANCH_BUILD_DIR   the configured build directory with the tests (default build-test)
#   LB_CRASH_SEED           the seed of the kill delays, to draw those of an earlier run again (the output
#                           prints the seed it used)
# Exits with the test's status: non-zero when any kill left the project in a state that fails a check.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

runs=50
no_build=0
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) no_build=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) runs=$1 ;;
  esac
  shift
done

build=$(realpath -m "${LABELBRANCH_BUILD_DIR:-$repo/build-test}")
[ -f "$build/CMakeCache.txt" ] || { echo "crash_consistency: $build is not a configured build directory" >&2; exit 1; }
if [ "$no_build" != 1 ]; then
  cmake --build "$build" --target tst_crashconsistency labelbranch-cli >&2 \
    || { echo "crash_consistency: build failed" >&2; exit 1; }
fi

export LB_CRASH_RUNS=$runs QT_QPA_PLATFORM=offscreen
exec "$build/tests/tst_crashconsistency"
