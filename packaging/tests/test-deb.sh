#!/usr/bin/env bash
# Builds the .deb from a build folder's programs (packaging/build-deb.sh --no-build, nothing compiled) into
# a temporary folder and checks it with dpkg-deb: both programs stripped and runnable, the desktop file,
# icon, AppStream metadata, MIME type, man pages and bash completion present, the Qt plugins it loads at
# run time in Depends; appstreamcli and desktop-file-validate accept the metadata when they are installed.
#   test-deb.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

"$root/packaging/build-deb.sh" --build-dir "$build" --no-build --out "$work"
deb=$work/labelbranch_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { echo "no $deb" >&2; exit 1; }

field() { dpkg-deb -f "$deb" "$1"; }
depends=$(field Depends)
for package in libqt6sql6-sqlite libqt6svg6 libqt6core6 libqt6gui6; do
  [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
    fail "Depends does not name $package: $depends"
done
[ "$(field Package)" = labelbranch ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version), not $version"
case $(field Section) in science | graphics) ;; *) fail "Section is $(field Section)" ;; esac
[[ $(field Maintainer) == *"<"*@*">" && $(field Maintainer) != *.invalid* ]] || fail "Maintainer is $(field Maintainer)"

listing=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
share=./usr/share
for path in ./usr/bin/labelbranch ./usr/bin/labelbranch-cli \
  $share/applications/org.labelbranch.LabelBranch.desktop \
  $share/icons/hicolor/scalable/apps/org.labelbranch.LabelBranch.svg \
  $share/metainfo/org.labelbranch.LabelBranch.metainfo.xml \
  $share/mime/packages/org.labelbranch.LabelBranch.mime.xml \
  $share/man/man1/labelbranch.1.gz $share/man/man1/labelbranch-cli.1.gz \
  $share/bash-completion/completions/labelbranch-cli $share/doc/labelbranch/copyright; do
  grep -qxF "$path" <<<"$listing" || fail "the package lacks $path"
done

dpkg-deb -x "$deb" "$work/root"
for program in labelbranch labelbranch-cli; do
  sections=$(readelf -S --wide "$work/root/usr/bin/$program")
  if grep -qE '\.debug_|\.symtab' <<<"$sections"; then
    fail "/usr/bin/$program is not stripped: $(grep -oE '\.(debug_[a-z_]+|symtab)' <<<"$sections" | tr '\n' ' ')"
  fi
done
[ "$("$work/root/usr/bin/labelbranch-cli" --version)" = "labelbranch-cli $version" ] ||
  fail "the packaged labelbranch-cli does not run or names another version"
for page in labelbranch labelbranch-cli; do
  gzip -t "$work/root/usr/share/man/man1/$page.1.gz" || fail "$page.1.gz is damaged"
done

metainfo=$work/root/usr/share/metainfo/org.labelbranch.LabelBranch.metainfo.xml
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the metainfo's newest release is $newest, the package $version"
while read -r image; do
  [ -f "$root/docs/screenshots/$(basename "$image")" ] || fail "the metainfo shows $image, not in docs/screenshots/"
done < <(grep -o '<image[^>]*>[^<]*' "$metainfo" | sed 's/.*>//')
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
else
  echo "appstreamcli is not installed: metainfo not validated"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop=$work/root/usr/share/applications/org.labelbranch.LabelBranch.desktop
  desktop-file-validate "$desktop" || fail "desktop-file-validate"
else
  echo "desktop-file-validate is not installed: desktop file not validated"
fi

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes; Depends: $depends"
