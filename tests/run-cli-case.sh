#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one golden CLI case from the source root and diffs what circa printed with what it should.
#
#   run-cli-case.sh CIRCA case DIR       DIR/args (one argument a line), optional DIR/stdin;
#                                         expects DIR/stdout, DIR/stderr, DIR/status
#   run-cli-case.sh CIRCA bad-input FILE `circa check FILE`; expects FILE's .expected file as
#                                         stderr, nothing on stdout unless FILE.stdout exists,
#                                         and status 2 when any line is an error, else 0
# Set CIRCA_UPDATE_GOLDEN=1 to rewrite the expectations from what circa prints (then review them
# with `git diff`: a golden file is only as good as the reading it got).
set -u
circa=$1 mode=$2 case=$3
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT

case $mode in
case)
  set --
  while IFS= read -r arg || [ -n "$arg" ]; do set -- "$@" "$arg"; done < "$case/args"
  input=/dev/null
  [ -f "$case/stdin" ] && input=$case/stdin
  "$circa" "$@" < "$input" > "$work/stdout" 2> "$work/stderr"
  echo $? > "$work/status"
  expected_stdout=$case/stdout expected_stderr=$case/stderr expected_status=$case/status
  ;;
bad-input)
  base=${case%.*}
  "$circa" check "$case" < /dev/null > "$work/stdout" 2> "$work/stderr"
  echo $? > "$work/status"
  expected_stderr=$base.expected
  expected_stdout=$base.stdout
  [ -f "$expected_stdout" ] || { expected_stdout=$work/no-stdout; : > "$expected_stdout"; }
  if grep -q ': error: ' "$expected_stderr" 2>/dev/null; then
    echo 2 > "$work/expected-status"
  else
    echo 0 > "$work/expected-status"
  fi
  expected_status=$work/expected-status
  ;;
*)
  echo "usage: run-cli-case.sh CIRCA case|bad-input PATH" >&2
  exit 99
  ;;
esac

# Output that legitimately varies (how far a timed-out search got) is normalised by the case's
# own sed script, applied to stdout and stderr alike.
if [ -f "$case/filter" ]; then
  for stream in stdout stderr; do
    sed -E -f "$case/filter" "$work/$stream" > "$work/$stream.filtered" && mv "$work/$stream.filtered" "$work/$stream"
  done
fi

if [ "${CIRCA_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$work/stderr" "$expected_stderr"
  if [ "$mode" = case ]; then
    cp "$work/stdout" "$expected_stdout"
    cp "$work/status" "$expected_status"
  fi
fi

failed=0
for stream in stdout stderr status; do
  eval "expected=\$expected_$stream"
  if ! diff -u --label "expected $stream" --label "actual $stream" "$expected" "$work/$stream"; then
    failed=1
  fi
done
exit $failed
