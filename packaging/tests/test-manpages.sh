#!/usr/bin/env bash
# Checks the man pages a build generated against the programs' own --help (packaging/gen-manpages.py
# --check), renders them with groff and fails on its warnings, and makes sure the check does notice a page
# whose option text or option list disagrees with --help.
#   test-manpages.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
packaging=$(cd "$(dirname "$0")/.." && pwd)
man=$build/packaging/man
check=(python3 "$packaging/gen-manpages.py" --cli "$build/app/labelbranch-cli" --gui "$build/app/labelbranch"
  --version "$version" --metainfo "$packaging/org.labelbranch.LabelBranch.metainfo.xml")

"${check[@]}" --check "$man"

for page in "$man"/labelbranch.1 "$man"/labelbranch-cli.1; do
  warnings=$(groff -man -ww -z "$page" 2>&1)
  if [ -n "$warnings" ]; then
    echo "$page: groff warns:" >&2
    echo "$warnings" >&2
    exit 1
  fi
  cmp -s <(gzip -dc "$page.gz") "$page" || { echo "$page.gz is not $page compressed" >&2; exit 1; }
done

# A page that disagrees with --help must fail the check: one option's text changed, then one option gone.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect_failure() {
  local what=$1 pattern=$2
  cp "$man"/labelbranch.1 "$work"/
  if "${check[@]}" --check "$work" 2>"$work/err"; then
    echo "the check passed a man page with $what" >&2
    exit 1
  fi
  grep -q -- "$pattern" "$work/err" || { echo "the check did not say '$pattern':" >&2; cat "$work/err" >&2; exit 1; }
}
awk 'changed == 0 && previous == ".TP" { tag = 1 } tag && previous != ".TP" { $0 = $0 " Changed."; changed = 1; tag = 0 }
     { previous = $0; print }' "$man"/labelbranch-cli.1 >"$work"/labelbranch-cli.1
expect_failure "a changed option text" "--help says"
awk 'dropped == 0 && $0 == ".TP" { dropped = 1; skip = 2; next } skip > 0 { skip--; next } { print }' \
  "$man"/labelbranch-cli.1 >"$work"/labelbranch-cli.1
expect_failure "an option missing" "is in --help but not in the man page"
echo "man pages agree with --help; a page that does not is caught"
