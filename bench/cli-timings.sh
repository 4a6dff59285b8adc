#!/usr/bin/env bash
# Times labelbranch-cli on a large demo project: creating it, listing main, diffing main against
# pre-labels-v1, and snapshotting main. Prints one line per step; asserts nothing.
#
#   bench/cli-timings.sh [BUILD_DIR] [SIZE]     (defaults: build, 100000)
#
# The project is kept in $LABELBRANCH_BENCH_DIR (default BUILD_DIR/bench-data) and reused on the next
# run; the snapshot runs on a throw-away copy so every run measures the same thing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
size=${2:-100000}
cli="$build/app/labelbranch-cli"
work=${LABELBRANCH_BENCH_DIR:-$build/bench-data}
project="$work/demo-$size.lbproj"
scratch="$work/scratch-$size.lbproj"
export LABELBRANCH_PROGRESS=never

[ -x "$cli" ] || { echo "cli-timings: $cli not built (cmake --build $build --target labelbranch-cli)" >&2; exit 1; }
mkdir -p "$work"

now_ms() { local t=$EPOCHREALTIME; echo $(( ${t%.*} * 1000 + 10#${t#*.} / 1000 )); }
measure() {
  local label=$1; shift
  local start end
  start=$(now_ms)
  "$@" >"$work/last-output" 2>"$work/last-error" || { echo "cli-timings: '$label' failed: $(cat "$work/last-error")" >&2; exit 1; }
  end=$(now_ms)
  printf '%-40s %9.2f s\n' "$label" "$(( end - start ))e-3"
}
lines() { wc -l <"$work/last-output" | tr -d ' '; }

echo "labelbranch-cli timings, $size data units, $(nproc) cores"
if [ ! -f "$project" ]; then
  measure "demo --size $size" "$cli" demo --out "$project" --size "$size"
fi
printf '%-40s %9s MB\n' "project file" "$(( $(stat -c %s "$project") / 1000000 ))"
"$cli" --project "$project" branches

measure "rows --branch main (table)" "$cli" --project "$project" rows --branch main
echo "  $(( $(lines) - 2 )) rows listed"
measure "rows --branch main --json" "$cli" --project "$project" rows --branch main --json
measure "diff main pre-labels-v1 (table)" "$cli" --project "$project" diff main pre-labels-v1
measure "diff main pre-labels-v1 --json" "$cli" --project "$project" diff main pre-labels-v1 --json

rm -f "$scratch" "$scratch-wal" "$scratch-shm"
cp "$project" "$scratch"
measure "snapshot --source main" "$cli" --project "$scratch" snapshot --source main --name bench-snapshot
echo "  $(cat "$work/last-output")"
measure "undo (the snapshot)" "$cli" --project "$scratch" undo
rm -f "$scratch" "$scratch-wal" "$scratch-shm"
