#!/usr/bin/env bash
# Builds the Debian package labelbranch_<version>_<arch>.deb: a Release build in build-deb/, the two programs
# stripped, with the desktop file, icon, AppStream metadata, MIME type, man pages and bash completion (CPack).
#
#   packaging/build-deb.sh [--build-dir DIR] [--no-build] [--out DIR]
#
#   --build-dir DIR  package an already configured build folder (e.g. build-test) instead of build-deb/;
#                    also $LABELBRANCH_DEB_BUILD_DIR
#   --no-build       package what that folder holds now, building nothing (its programs, man pages and
#                    completion must be built)
#   --out DIR        where the .deb goes (default: the repository's folder)
#   --compression T  xz (default), gzip or none
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LABELBRANCH_DEB_BUILD_DIR:-}
out_dir=$root
build=1
compression=xz

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out_dir=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --compression) compression=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-deb: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$build_dir" ]; then
  build_dir=$root/build-deb
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DLABELBRANCH_BUILD_TESTS=OFF -DLABELBRANCH_BUILD_BENCHMARKS=OFF >/dev/null
elif [ ! -f "$build_dir/CPackConfig.cmake" ]; then
  echo "build-deb: $build_dir is not a configured labelbranch build folder" >&2
  exit 2
fi
build_dir=$(cd "$build_dir" && pwd)

if [ "$build" = 1 ]; then
  cmake --build "$build_dir" --target labelbranch labelbranch-cli labelbranch-docs --parallel "$(nproc)"
fi
for generated in app/labelbranch app/labelbranch-cli packaging/man/labelbranch.1.gz \
  packaging/man/labelbranch-cli.1.gz packaging/completions/labelbranch-cli; do
  if [ ! -f "$build_dir/$generated" ]; then
    echo "build-deb: $build_dir/$generated is missing; build the labelbranch-docs target first" >&2
    exit 1
  fi
done

# CPack installs into a staging folder below its own, strips the programs there (CPACK_STRIP_FILES) and
# asks dpkg-shlibdeps for the libraries they link.
mkdir -p "$out_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/labelbranch-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work" \
  -D CPACK_DEBIAN_COMPRESSION_TYPE="$compression" >"$work/cpack.log" 2>&1 || {
  cat "$work/cpack.log" >&2
  exit 1
}
shopt -s nullglob
debs=("$work"/labelbranch_*.deb)
if [ ${#debs[@]} -ne 1 ]; then
  cat "$work/cpack.log" >&2
  echo "build-deb: CPack made ${#debs[@]} packages, expected one" >&2
  exit 1
fi
mv -f "${debs[0]}" "$out_dir/"
deb=$out_dir/$(basename "${debs[0]}")
echo "$deb ($(du -h "$deb" | cut -f1))"
