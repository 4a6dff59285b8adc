#!/usr/bin/env bash
# Builds the fuzz targets of fuzz/ with clang, libFuzzer and ASan/UBSan in build-fuzz/ and runs each one for
# MINUTES minutes (default 5) on a copy of its seed corpus. Inputs that crash, leak or hang are copied to
# fuzz/regressions/<target>/, where the normal build's fuzz_replay_<target> test replays them from then on.
# Usage: fuzz/run.sh [MINUTES] [TARGET...]   (targets: importrows encordanswers hashlist projectfile)
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-5}"
shift || true
case "$minutes" in '' | *[!0-9.]*) echo "usage: fuzz/run.sh [MINUTES] [TARGET...]" >&2; exit 2 ;; esac
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')

packaging/install-deps.sh
# clang with its libFuzzer runtime (Debian 12: clang-14 and libclang-rt-14-dev).
fuzzer_lib() { ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; }
if ! command -v clang++ >/dev/null 2>&1 || ! fuzzer_lib; then
  SUDO=()
  [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  echo "fuzz: installing clang and libFuzzer"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi

build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$(command -v clang++)" -DLABELBRANCH_FUZZ=ON >/dev/null
if [ $# -gt 0 ]; then targets=("$@"); else targets=(importrows encordanswers hashlist projectfile); fi
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

# The longest input worth mutating per target: an import row or a project file is larger than a hash list.
max_len() {
  case "$1" in
    projectfile) echo 131072 ;;
    importrows | encordanswers) echo 65536 ;;
    *) echo 16384 ;;
  esac
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
# The targets write project files, caches and spools: in memory when possible, since every input makes some.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  TMPDIR=$(mktemp -d /dev/shm/labelbranch-fuzz.XXXXXX)
  export TMPDIR
  trap 'rm -rf "$TMPDIR"' EXIT
fi
summary=()
for target in "${targets[@]}"; do
  work="$build/fuzz/run/$target"
  mkdir -p "$work/corpus" "$work/artifacts" "fuzz/regressions/$target"
  cp -n fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
  rm -f "$work/artifacts/"*
  echo "fuzz: $target for $minutes min"
  # -fork keeps fuzzing past the first failure; each failing input lands in artifacts/.
  (cd "$work" && "../../fuzz_$target" corpus -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=25 -rss_limit_mb=4096 \
    -artifact_prefix=artifacts/ -print_final_stats=1 >log.txt 2>&1) || true
  # Fork mode's status lines: "#<executions>: cov: ... oom/timeout/crash: a/b/c ...".
  status=$(grep -E '^#[0-9]+: ' "$work/log.txt" | tail -1 || true)
  execs=$(echo "$status" | grep -Eo '^#[0-9]+' | tr -d '#')
  failures=$(echo "$status" | grep -Eo 'oom/timeout/crash: [0-9/]+' | awk '{ print $2 }')
  found=0
  for artifact in "$work"/artifacts/crash-* "$work"/artifacts/leak-* "$work"/artifacts/timeout-* \
    "$work"/artifacts/oom-*; do
    [ -e "$artifact" ] || continue
    cp "$artifact" "fuzz/regressions/$target/"
    found=$((found + 1))
  done
  line=$(printf '%-14s %5s min %12s executions %4d crashes' "$target" "$minutes" "${execs:-0}" "$found")
  summary+=("$line (oom/timeout/crash ${failures:-0/0/0})")
done

echo
echo "fuzz summary (failing inputs are in fuzz/regressions/<target>/, logs in $build/fuzz/run/<target>/):"
printf '%s\n' "${summary[@]}"
