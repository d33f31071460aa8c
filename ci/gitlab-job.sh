#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The script of the circa-diff job of docs/ci/gitlab-ci.yml: builds circa when CIRCA does not name
# a binary, fetches the merge request's target branch, and runs `circa diff` of the target's deal
# files against the checkout, writing GitLab's Code Quality report, a JUnit report and a Markdown
# summary. Exits with circa's code: 0 passed, 1 the --fail-on gate tripped, 2 usage or input
# error (the JUnit report then holds one failing case that says why).
#
# Environment (GitLab's own, and the job's variables):
#   CI_MERGE_REQUEST_TARGET_BRANCH_NAME   the branch to compare with (merge request pipelines)
#   CIRCA_BASE        a revision to compare with instead (a sha, origin/main, A..B)
#   CIRCA_PATHS       deal files or folders, separated by spaces (default graphs)
#   CIRCA_FAIL_ON     new-loops (default), changed-loops, any, or none (report only)
#   CIRCA_BASELINE    a baseline file (default: circa's own, .circa-baseline when present)
#   CIRCA_MAX_LENGTH  the longest loop searched (default circa's, 6)
#   CIRCA_EXTRA_ARGS  more options for circa diff, separated by spaces
#   CIRCA             a circa binary; without it circa is built from the source this script is in
#   CIRCA_BUILD       where to build it (default /tmp/circa-build)
#   CI_PROJECT_DIR    the checkout (default: the current directory)
#
# The base: the target branch as fetched, or rather the merge base of it and HEAD when git can
# find one, so that deals the target branch gained after the merge request forked are not shown
# as removed by it (in a merged-results pipeline HEAD is the merge, whose merge base with the
# target is the target itself).
set -uo pipefail
set -f

source_dir=$(cd "$(dirname "$0")/.." && pwd)
cd "${CI_PROJECT_DIR:-.}" || exit 2

quality=gl-code-quality-report.json junit=circa-junit.xml summary=circa-summary.md
fail_on=${CIRCA_FAIL_ON:-new-loops}
paths=() extra=()
IFS=$' \t\n' read -r -d '' -a paths <<<"${CIRCA_PATHS:-graphs}" || true
IFS=$' \t\n' read -r -d '' -a extra <<<"${CIRCA_EXTRA_ARGS:-}" || true
if ((${#paths[@]} == 0)); then
  paths=(graphs)
fi

# fenced: what both CI scripts share.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

xml_escape() {
  # C0 controls other than tab, LF and CR are not XML 1.0 characters, even as references; nor
  # is a byte that is not UTF-8.
  printf '%s' "$1" | { iconv -c -f UTF-8 -t UTF-8 2>/dev/null || cat; } | tr -d '\000-\010\013\014\016-\037' |
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

# No report: a JUnit report with one failing case and a summary that say why, then exit @code.
give_up() {
  local code=$1 headline=$2 details=${3:-}
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<testsuites name="circa diff" tests="1" failures="0" errors="1">\n'
    printf '  <testsuite name="circa diff" tests="1" failures="0" errors="1" time="0">\n'
    printf '    <testcase classname="circa.diff" name="circa diff" time="0">\n'
    printf '      <error message="%s">%s</error>\n' "$(xml_escape "$headline")" \
      "$(xml_escape "$headline${details:+
$details}")"
    printf '    </testcase>\n  </testsuite>\n</testsuites>\n'
  } >"$junit"
  {
    printf '## circa diff: %s\n\n' "$headline"
    if [ -n "$details" ]; then
      fenced "$details"
      printf '\n'
    fi
    printf 'Exit code %s: no loops were compared.\n' "$code"
  } >"$summary"
  printf 'circa diff: %s\n' "$headline" >&2
  exit "$code"
}

case $fail_on in
new-loops | changed-loops | any | none) ;;
*) give_up 2 "CIRCA_FAIL_ON must be new-loops, changed-loops, any or none, not \"$fail_on\"" ;;
esac

# circa itself: the binary named, else built here from this script's source.
circa=${CIRCA:-}
if [ -z "$circa" ]; then
  build=${CIRCA_BUILD:-/tmp/circa-build}
  packages=(meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libigraph-dev
    libjson-glib-dev libgraphviz-dev git)
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  if ((${#missing[@]})); then
    sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    if ! { $sudo apt-get update -q >&2 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >&2; }; then
      give_up 2 "cannot install circa's build dependencies (${missing[*]})"
    fi
  fi
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$source_dir" --buildtype=release -Dwerror=false -Dtests=false >&2 ||
      give_up 2 "cannot configure circa in $build"
  fi
  ninja -C "$build" src/cli/circa >&2 || give_up 2 "cannot build circa in $build"
  circa=$build/src/cli/circa
fi
if ! command -v "$circa" >/dev/null 2>&1; then
  give_up 2 "cannot run circa (\"$circa\")"
fi

base=${CIRCA_BASE:-}
if [[ $base == -* ]]; then
  give_up 2 "CIRCA_BASE \"$base\": a revision cannot start with -"
fi
if [ -z "$base" ]; then
  target=${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}
  if [ -z "$target" ]; then
    give_up 2 "no base: run in a merge request pipeline, or set CIRCA_BASE"
  fi
  if [[ $target == -* ]]; then
    give_up 2 "target branch \"$target\": a branch cannot start with -"
  fi
  # GitLab's clone is shallow and need not have the target branch; no network is tolerated.
  git fetch --quiet --no-tags origin "+refs/heads/$target:refs/remotes/origin/$target" \
    >/dev/null 2>&1 || true
  if ! git cat-file -e "origin/$target^{commit}" 2>/dev/null; then
    give_up 2 "cannot find the target branch \"$target\"" \
      "git fetch origin \"$target\" did not give origin/$target."
  fi
  base=origin/$target
  if fork=$(git merge-base "origin/$target" HEAD 2>/dev/null) && [ -n "$fork" ]; then
    base=$fork
  else
    echo "circa diff: no merge base of origin/$target and HEAD in this shallow clone;" \
      "comparing with origin/$target itself (set GIT_DEPTH: 0 for the merge base)" >&2
  fi
fi

args=(diff)
if [ -n "${CIRCA_MAX_LENGTH:-}" ]; then
  args+=(--max-length "$CIRCA_MAX_LENGTH")
fi
if [ -n "${CIRCA_BASELINE:-}" ]; then
  args+=(--baseline "$CIRCA_BASELINE")
fi
if [ "$fail_on" != none ]; then
  args+=(--fail-on "$fail_on")
fi
args+=("${extra[@]}")
# The job log gets the text report; the files, the three reports.
args+=(--format text --output "gitlab=$quality" --output "junit=$junit" --output "markdown=$summary")
args+=(--git "$base" "${paths[@]}")

echo "circa diff: comparing $base with the checkout" >&2
errors=$(mktemp "${TMPDIR:-/tmp}/circa-stderr.XXXXXX") || exit 2
trap 'rm -f "$errors"' EXIT
"$circa" "${args[@]}" 2>"$errors"
code=$?
cat "$errors" >&2
case $code in
0 | 1)
  exit "$code"
  ;;
esac
give_up "$code" "circa diff failed (exit $code)" "$(head -c 65536 "$errors")"
