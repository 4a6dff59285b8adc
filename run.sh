#!/usr/bin/env bash
# Installs dependencies, builds labelbranch and opens it on the demo project.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLABELBRANCH_BUILD_TESTS=OFF -DLABELBRANCH_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build --target labelbranch labelbranch-cli
demo="build/demo.lbproj"
[ -f "$demo" ] || build/app/labelbranch-cli demo --out "$demo"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run.sh: no display found; starting under Xvfb" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/app/labelbranch "$demo" "$@"
fi
exec build/app/labelbranch "$demo" "$@"
