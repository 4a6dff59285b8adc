#!/usr/bin/env bash
# Times labelbranch on a large demo project and prints one table: operation | time | peak RSS MB |
# baseline | ratio | goal | met. It asserts nothing: it exits non-zero only when the build or the demo
# project cannot be made; a command that fails or times out is reported in its row.
#
#   bench/scale.sh [N] [--markdown FILE] [--fresh] [--no-build]        (N defaults to 100000)
#
# Builds labelbranch-cli and labelbranch-gui-timings (Release, Ninja) in build-bench, creates the demo project
# of N data units once (kept per N and project format in the work directory), then runs every measurement
# through bench/scale.py. Progress goes to standard error, the table to standard output.
#
# Environment:
#   LABELBRANCH_BUILD_DIR      use this already configured build directory instead of build-bench (no
#                              configure step; the two targets are still brought up to date)
#   LABELBRANCH_BENCH_NO_BUILD=1 (or --no-build)  use the binaries in the build directory as they are
#   LABELBRANCH_BUILD_JOBS     parallel build jobs (default: Ninja's)
#   LABELBRANCH_BENCH_DIR      work directory (default build-bench-data): demo project, exports, copies
#   LABELBRANCH_BENCH_RUNS     runs per measurement; the median time is shown (default 3)
#   LABELBRANCH_BENCH_TIMEOUT  seconds one command may run before it is reported as a timeout (default 600)
#   LABELBRANCH_BENCH_FRESH=1 (or --fresh)  create the demo project again
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

no_build=${LABELBRANCH_BENCH_NO_BUILD:-0}
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) no_build=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ -n "${LABELBRANCH_BUILD_DIR:-}" ]; then
  build=$(realpath -m "$LABELBRANCH_BUILD_DIR")
  [ -f "$build/CMakeCache.txt" ] || { echo "scale: $build is not a configured build directory" >&2; exit 1; }
else
  build=$repo/build-bench
  if [ "$no_build" != 1 ] && [ ! -f "$build/CMakeCache.txt" ]; then
    echo "scale: configuring a Release build in $build" >&2
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLABELBRANCH_BUILD_TESTS=OFF \
      -DLABELBRANCH_BUILD_BENCHMARKS=ON >&2 \
      || { echo "scale: cmake configure failed" >&2; exit 1; }
  fi
fi

if [ "$no_build" != 1 ]; then
  echo "scale: building labelbranch-cli and labelbranch-gui-timings in $build" >&2
  cmake --build "$build" --target labelbranch-cli labelbranch-gui-timings \
    ${LABELBRANCH_BUILD_JOBS:+--parallel "$LABELBRANCH_BUILD_JOBS"} >&2 \
    || { echo "scale: build failed" >&2; exit 1; }
fi
[ -x "$build/app/labelbranch-cli" ] || { echo "scale: $build/app/labelbranch-cli is not built" >&2; exit 1; }

export LABELBRANCH_PROGRESS=never
exec "${PYTHON:-python3}" "$repo/bench/scale.py" --build "$build" ${args[@]+"${args[@]}"}
