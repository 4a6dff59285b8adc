#!/usr/bin/env bash
# Installs dependencies, builds labelbranch with its tests and runs the whole suite with CTest.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-test --parallel "$(nproc)"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build-test --output-on-failure --timeout 600 "$@"
