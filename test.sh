#!/usr/bin/env bash
# Installs dependencies, builds labelbranch with its tests and runs the whole suite with CTest.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
# Optimised as shipped; -g1 keeps function names and line numbers for a failing test's stack trace while
# the test programs stay small enough to link quickly.
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
cmake --build build-test --parallel "$(nproc)"
export QT_QPA_PLATFORM=offscreen
# Every test keeps to its own temporary files and settings, so they run side by side, one per core.
ctest --test-dir build-test --output-on-failure --timeout 600 --parallel "$(nproc)" "$@"
