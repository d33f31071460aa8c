#!/bin/sh
# SPDX-License-Identifier: MIT
# Every option and format of `circa render`, in both passes, on the shipped data, the seed data and
# the hostile names: each run must exit 0 and leave a file its readers accept (well-formed SVG,
# PNG and PDF signatures, DOT that Graphviz reads back). The mixed-flow map of graphs/ once
# aborted with a double free inside Graphviz; nothing here may crash.
#   check-matrix.sh CIRCA DRAW-DOT
set -u
circa=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
draw=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
runs=0 failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The file @1 is what its format @2 says.
check_file() {
  file=$1 format=$2
  [ -s "$file" ] || { fail "$file is empty"; return; }
  case $format in
  svg) xmllint --noout "$file" 2>/dev/null || fail "$file is not well-formed XML" ;;
  png) [ "$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
         fail "$file has no PNG signature" ;;
  pdf) [ "$(head -c 5 "$file")" = "%PDF-" ] || fail "$file has no PDF signature" ;;
  dot) "$draw" "$file" parse 2>"$work/reread.err" ||
         fail "$file is not DOT that Graphviz reads back: $(head -c 200 "$work/reread.err")" ;;
  esac
}

# render DATA FORMAT ARGS…: one run into a file of that format.
render() {
  data=$1 format=$2
  shift 2
  runs=$((runs + 1))
  out=$work/out-$runs.$format
  if ! "$circa" render "$data" "$@" -o "$out" > "$work/stdout" 2> "$work/stderr"; then
    status=$?
    fail "circa render $data $* -o x.$format exited $status: $(head -c 300 "$work/stderr")"
    return
  fi
  check_file "$out" "$format"
}

for data in graphs/ tests/data/seed/ tests/data/hostile/; do
  case $data in
  graphs/) focus=Nvidia ;;
  tests/data/seed/) focus=OpenAI ;;
  *) focus='Café | #1 $fund' ;;
  esac
  for flows in money money,hardware; do
    for format in svg png pdf dot; do
      render "$data" $format --flows $flows
    done
    for option in --per-deal --cycles-only "--limit 0" "--sort length" "--max-length 2"; do
      # shellcheck disable=SC2086 # the options are words on purpose
      render "$data" svg --flows $flows $option
    done
    render "$data" svg --flows $flows --title 'Täst <&> \N "x"'
    render "$data" svg --flows $flows --focus "$focus"
    render "$data" png --flows $flows --focus "$focus" --cycles-only
    render "$data" svg --flows $flows --per-deal --cycles-only --limit 3
    for layout in dot neato fdp sfdp circo twopi; do
      render "$data" svg --flows $flows --layout $layout
    done
    # --each-cycle in every format: one readable picture per loop, each listed on stdout.
    for format in svg png pdf dot; do
      runs=$((runs + 1))
      dir=$work/each-$runs
      if ! "$circa" render "$data" --flows $flows --each-cycle "$dir" --format $format --limit 4 \
           > "$work/list" 2> "$work/stderr"; then
        fail "circa render $data --flows $flows --each-cycle --format $format: $(head -c 300 "$work/stderr")"
        continue
      fi
      n=$(ls "$dir" | wc -l)
      [ "$n" -ge 1 ] && [ "$n" = "$(wc -l < "$work/list")" ] ||
        fail "--each-cycle --format $format on $data ($flows) wrote $n files, listed $(wc -l < "$work/list")"
      for file in "$dir"/*; do
        check_file "$file" $format
      done
    done
  done
done

# -o - writes the picture itself to stdout.
runs=$((runs + 1))
"$circa" render graphs/ --flows money,hardware --format png -o - > "$work/stdout.png" ||
  fail "render -o - exited $?"
check_file "$work/stdout.png" png

if [ "$failures" -gt 0 ]; then
  echo "$failures of $runs render runs failed"
  exit 1
fi
echo "render matrix: $runs runs, all drew"
