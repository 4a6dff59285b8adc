#!/usr/bin/env bash
# Refreshes docs/screenshots/ (shown by the README and the AppStream metadata) from the GUI tests: builds and
# runs, in the test build folder, the tests that save them to build-test/screenshots/, then copies the
# chosen ones under stable names.
#   packaging/update-screenshots.sh [BUILD_DIR]   (default build-test)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}

# docs/screenshots/NAME  <-  BUILD_DIR/screenshots/FILE (the test that saves it)
shots=(
  "compare.png gui-canvas-compare-drilldown.png tst_gui_canvas"
  "review.png workspace-review-1366x768.png tst_gui_workspace"
  "class-chart.png gui-class-chart-docked.png tst_gui_chart_audit"
)
tests=$(printf '%s\n' "${shots[@]}" | awk '{ print $3 }' | sort -u)

[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" --target $tests --parallel "$(nproc)"
started=$(mktemp)
trap 'rm -f "$started"' EXIT
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure \
  -R "^($(tr '\n' '|' <<<"$tests" | sed 's/|$//'))\$"

mkdir -p docs/screenshots
for shot in "${shots[@]}"; do
  read -r name file _ <<<"$shot"
  source=$build/screenshots/$file
  if [ ! "$source" -nt "$started" ]; then
    echo "update-screenshots: the tests did not write $source" >&2
    exit 1
  fi
  cp "$source" "docs/screenshots/$name"
  echo "docs/screenshots/$name <- $source"
done
