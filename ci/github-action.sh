#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The one shell step of action.yml: `circa diff` of the deal files of a base revision against the
# working tree, writing the step summary (Markdown), circa.sarif and annotations on stdout, and
# exiting with circa's code (0 passed, 1 the --fail-on gate tripped, 2 usage or input error).
#
# Everything comes in through the environment, never through shell text (see action.yml):
#   INPUT_PATHS       deal files or folders, separated by spaces or newlines (default graphs)
#   INPUT_BASE        the revision to compare with (default HEAD~1); A..B compares two revisions,
#                     A...B revision B with its merge base with A
#   INPUT_FAIL_ON     new-loops (default), changed-loops, any, or none (report only, exit 0)
#   INPUT_BASELINE    a baseline file (default: circa's own, .circa-baseline when present)
#   INPUT_MAX_LENGTH  the longest loop searched (default: circa's, 6)
#   INPUT_EXTRA_ARGS  more options for circa diff, separated by spaces (no quoting)
#   INPUT_SARIF       where to write SARIF, relative to the workspace (default circa.sarif)
#   CIRCA             the circa binary (default: circa on PATH)
#   GITHUB_WORKSPACE  the checkout (default: the current directory)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   as the runner sets them (a local run writes
#                     circa-summary.md and no outputs)
# Outputs (GITHUB_OUTPUT): exit-code, sarif (the path, when written), base (the revision used).
#
# The summary is written whatever happens: circa writes it when it gets as far as comparing
# (the gate tripping included); when it cannot (a bad deal file, a base that cannot be found),
# this script writes why, and turns circa's FILE:LINE:COLUMN diagnostics into error annotations.
set -uo pipefail
set -f # input words are never globbed

cd "${GITHUB_WORKSPACE:-.}" || exit 2

circa=${CIRCA:-circa}
summary=${GITHUB_STEP_SUMMARY:-circa-summary.md}
sarif=${INPUT_SARIF:-circa.sarif}
fail_on=${INPUT_FAIL_ON:-new-loops}
base=${INPUT_BASE:-HEAD~1}
paths=() extra=()
IFS=$' \t\n' read -r -d '' -a paths <<<"${INPUT_PATHS:-graphs}" || true
IFS=$' \t\n' read -r -d '' -a extra <<<"${INPUT_EXTRA_ARGS:-}" || true
if ((${#paths[@]} == 0)); then
  paths=(graphs)
fi

# Workflow commands: data escapes %, CR, LF; properties also ':' and ','.
escape_data() {
  local s=$1
  s=${s//'%'/%25}
  s=${s//$'\r'/%0D}
  s=${s//$'\n'/%0A}
  printf '%s' "$s"
}
escape_property() {
  local s
  s=$(escape_data "$1")
  s=${s//':'/%3A}
  s=${s//','/%2C}
  printf '%s' "$s"
}

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# fenced: what both CI scripts share.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Says in the step summary why circa diff gave no report, and fails with @code.
give_up() {
  local code=$1 headline=$2 details=${3:-}
  {
    printf '## circa diff: %s\n\n' "$headline"
    if [ -n "$details" ]; then
      fenced "$details"
      printf '\n'
    fi
    printf 'Exit code %s: no loops were compared.\n' "$code"
  } >>"$summary"
  printf '::error title=circa diff::%s\n' "$(escape_data "$headline")"
  set_output exit-code "$code"
  exit "$code"
}

case $fail_on in
new-loops | changed-loops | any | none) ;;
*) give_up 2 "fail-on must be new-loops, changed-loops, any or none, not \"$fail_on\"" ;;
esac
if ! command -v "$circa" >/dev/null 2>&1; then
  give_up 2 "cannot run circa (\"$circa\"): build it first, or set CIRCA"
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  give_up 2 "$PWD is not a git checkout (run actions/checkout first)"
fi

# Makes sure commit @rev is here: actions/checkout fetches one commit unless told otherwise. A
# revision fetches by itself (a sha or a branch); REV~N and REV^ deepen the history of this
# checkout. No network (or no origin) is quietly tolerated; circa then says what is missing.
ensure_commit() {
  local rev=$1 depth
  if git cat-file -e "$rev^{commit}" 2>/dev/null; then
    return 0
  fi
  git fetch --quiet --no-tags --depth=1 origin "$rev" >/dev/null 2>&1 || true
  if git cat-file -e "$rev^{commit}" 2>/dev/null; then
    return 0
  fi
  if [[ $rev =~ ~([0-9]+)$ ]]; then
    depth=${BASH_REMATCH[1]}
  elif [[ $rev =~ (\^+)$ ]]; then
    depth=${#BASH_REMATCH[1]}
  else
    depth=
  fi
  if [ -n "$depth" ] && [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
    git fetch --quiet --no-tags --deepen="$((depth > 0 ? depth : 1))" origin \
      "$(git rev-parse HEAD)" >/dev/null 2>&1 || true
  fi
  git cat-file -e "$rev^{commit}" 2>/dev/null
}

if [[ $base == *...* ]]; then
  revisions=("${base%%...*}" "${base#*...}")
elif [[ $base == *..* ]]; then
  revisions=("${base%%..*}" "${base#*..}")
else
  revisions=("$base")
fi
for revision in "${revisions[@]}"; do
  if [ -z "$revision" ]; then
    give_up 2 "base \"$base\": an empty revision"
  fi
  if [[ $revision == -* ]]; then # never an option of git fetch (--upload-pack=…)
    give_up 2 "base \"$base\": a revision cannot start with -"
  fi
  if ! ensure_commit "$revision"; then
    give_up 2 "cannot find the base revision \"$revision\"" \
      "git cannot find \"$revision\" here, nor fetch it from origin.
Check out with more history (actions/checkout: fetch-depth: 0), or set the base input."
  fi
done
set_output base "$base"

args=(diff)
if [ -n "${INPUT_MAX_LENGTH:-}" ]; then
  args+=(--max-length "$INPUT_MAX_LENGTH")
fi
if [ -n "${INPUT_BASELINE:-}" ]; then
  args+=(--baseline "$INPUT_BASELINE")
fi
if [ "$fail_on" != none ]; then
  args+=(--fail-on "$fail_on")
fi
args+=("${extra[@]}")
args+=(--output "markdown=$summary" --output "sarif=$sarif" --output github=-)
args+=(--git "$base" "${paths[@]}")

errors=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/circa-stderr.XXXXXX") || exit 2
trap 'rm -f "$errors"' EXIT
rm -f "$sarif" # a file left by an earlier run must not pass for this one's
"$circa" "${args[@]}" 2>"$errors"
code=$?
cat "$errors" >&2

if [ -s "$sarif" ]; then
  set_output sarif "$sarif"
fi
case $code in
0 | 1)
  if [ ! -s "$summary" ]; then
    printf '## circa diff\n\ncirca diff exited %s but wrote no summary.\n' "$code" >>"$summary"
  fi
  set_output exit-code "$code"
  exit "$code"
  ;;
esac

# No report: annotate circa's diagnostics (at most 10, as GitHub shows) and say why. A problem in
# a file of the working tree is annotated at its line; one in a file read from a revision
# (REV:path) is not, since its line numbers are the revision's.
# Only errors: they are why it failed (warnings, of the base revision too, would take the ten
# places). The location is the first FILE:LINE:COLUMN: error: of a line, so a name in the message
# that looks like one cannot move it.
shown=0
while IFS=$'\t' read -r file line_number column message; do
  if ((shown >= 10)); then
    break
  fi
  if [ -f "$file" ]; then
    printf '::error file=%s,line=%s,col=%s::%s\n' "$(escape_property "$file")" "$line_number" \
      "$column" "$(escape_data "$message")"
  else
    printf '::error title=%s::%s\n' "$(escape_property "in $file")" \
      "$(escape_data "$file:$line_number:$column: $message")"
  fi
  shown=$((shown + 1))
done < <(awk 'match($0, /:[0-9]+:[0-9]+: error: /) {
  where = substr($0, 1, RSTART - 1); rest = substr($0, RSTART + 1, RLENGTH - 2)
  split(rest, at, ":"); gsub(/\t/, " ")
  printf "%s\t%s\t%s\t%s\n", where, at[1], at[2], substr($0, RSTART + RLENGTH)
}' "$errors")
details=$(head -c 65536 "$errors")
give_up "$code" "circa diff failed (exit $code)" "${details:-(nothing on stderr)}"
