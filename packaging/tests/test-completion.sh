#!/usr/bin/env bash
# Drives the bash completion a build generated (packaging/gen-completions.py) as bash would: it must offer
# exactly the commands of `labelbranch-cli --help` and the options of each `labelbranch-cli COMMAND --help`,
# the branch names of the project given with --project or $LABELBRANCH_PROJECT (quoted when they need it),
# the actions of review and branch, and files where a file is expected.
#   test-completion.sh BUILD_DIR
set -euo pipefail
build=$1
cli=$build/app/labelbranch-cli
unset LABELBRANCH_PROJECT
# shellcheck source=/dev/null
source "$build/packaging/completions/labelbranch-cli"

failures=0
# complete WORD... : what completing the last word offers, one per line, sorted.
complete_line() {
  COMP_WORDS=("$cli" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _labelbranch_cli
  if [ ${#COMPREPLY[@]} -gt 0 ]; then printf '%s\n' "${COMPREPLY[@]}" | sort; fi
}
expect() { # expect "WANTED (one per line)" WORD...
  local wanted=$1 got
  shift
  got=$(complete_line "$@")
  if [ "$got" != "$(printf '%s' "$wanted" | sed '/^$/d' | sort)" ]; then
    echo "completing 'labelbranch-cli $*' offered:" >&2
    echo "${got:-(nothing)}" >&2
    echo "expected:" >&2
    echo "${wanted:-(nothing)}" >&2
    failures=$((failures + 1))
  fi
}

commands=$("$cli" --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }')
[ -n "$commands" ] || { echo "no commands in labelbranch-cli --help" >&2; exit 1; }
expect "$commands" ""
for command in $commands; do
  options=$("$cli" "$command" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' | sed 's/.*--/--/')
  expect "$options" "$command" --
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" demo --out "$work/project.lbproj" --size small >/dev/null
"$cli" --project "$work/project.lbproj" branch create "my branch" >/dev/null
branches=$'main\nexport-2026-11-20\npre-labels-v1\nreview-alice\nmy\\ branch'

expect "$branches" --project "$work/project.lbproj" diff ""
expect "$branches" --project "$work/project.lbproj" diff main ""
expect "" --project "$work/project.lbproj" diff main main ""
expect $'my\\ branch\nmain' --project="$work/project.lbproj" copy --target m
expect $'pre-labels-v1' diff --project "$work/project.lbproj" pre
# "--option=value": bash-completion passes it whole, plain bash splits it at "=".
expect $'my\\ branch\nmain' --project = "$work/project.lbproj" copy --target = m
expect "$work/project.lbproj" --project = "$work/proj"
expect "$work/project.lbproj" --project="$work/proj"
export LABELBRANCH_PROJECT=$work/project.lbproj
expect "$branches" sync --json --source ""
expect $'review-alice' review list --target r
expect $'list\napprove\nreject\napply\nclear' review ""
expect $'create\nrename\ndelete' branch ""
expect "" branch create ""
expect "$branches" branch rename ""
expect "" branch rename main ""
expect "" --encord-project 1234 diff ""
expect "" demo --size ""
touch "$work/rows.json"
expect "$work/rows.json" import --branch main "$work/ro"
expect "$work/project.lbproj" --project "$work/proj"

if [ "$failures" -gt 0 ]; then
  echo "$failures completion(s) wrong" >&2
  exit 1
fi
echo "bash completion offers the commands and options of --help and the project's branches"
