#!/bin/sh
# SPDX-License-Identifier: MIT
# Draws real SVG, PNG and PDF files and checks what a reader and other programs will see:
# well-formed XML with the loop edges marked, hostile names shown literally, image signatures
# and sizes, and one picture per loop with --each-cycle.  Usage: check-outputs.sh CIRCA
set -u
circa=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

command -v xmllint >/dev/null || { echo "FAIL: xmllint is missing (Debian: libxml2-utils)"; exit 1; }

# SVG of the hostile names: well-formed, every name shown as written, 7 loop edges.
"$circa" render tests/data/hostile/ -o "$work/hostile.svg" || fail "render hostile.svg"
xmllint --noout "$work/hostile.svg" || fail "hostile.svg is not well-formed XML"
# xmllint prints text nodes escaped again: undo that (&amp; last) to compare with the names.
texts=$(xmllint --xpath '//*[local-name()="text"]/text()' "$work/hostile.svg" 2>/dev/null |
  sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g')
for name in '<B>Bold</B> & Co' 'Back\slash Inc' 'Trail\' 'Quote "Co"' '\N Node' 'Café | #1 $fund' '日本 `tick`' \
  "%%{init: {'theme':'dark'}}%% 100% Fund"; do
  printf '%s\n' "$texts" | grep -qxF "$name" || fail "hostile.svg does not show the name $name"
done
loops=$(xmllint --xpath 'count(//*[local-name()="g"][@class="edge"][starts-with(@id,"loop-")])' "$work/hostile.svg")
[ "$loops" = 7 ] || fail "hostile.svg marks $loops loop edges, expected 7"
# Each shape's <title> is its name, each arrow's "payer->payee", with the deals in the tooltip.
titles=$(xmllint --xpath '//*[local-name()="g"][@class="node"]/*[local-name()="title"]/text()' "$work/hostile.svg" 2>/dev/null |
  sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g')
printf '%s\n' "$titles" | grep -qxF '<B>Bold</B> & Co' || fail "hostile.svg's node titles are not the names"
grep -q 'xlink:title="Back\\slash Inc → &lt;B&gt;Bold&lt;/B&gt; &amp; Co: \$2.0B chips&#10;h2: \$2.0B chips, signed, 2025' "$work/hostile.svg" ||
  fail "hostile.svg's arrow tooltips do not list the deals"

# The seed data with the two largest loops highlighted (CoreWeave → Nvidia → OpenAI, Amazon →
# Anthropic): exactly their 5 edges are marked.
"$circa" render tests/data/seed/ --limit 2 -o "$work/seed.svg" || fail "render seed.svg"
loops=$(xmllint --xpath 'count(//*[local-name()="g"][@class="edge"][starts-with(@id,"loop-")])' "$work/seed.svg")
[ "$loops" = 5 ] || fail "seed.svg marks $loops loop edges, expected 5"
grep -q 'stroke="#0072b2"' "$work/seed.svg" || fail "seed.svg draws no edge in loop 1's colour"
grep -q 'stroke="#d55e00"' "$work/seed.svg" || fail "seed.svg draws no edge in loop 2's colour"
# A page finds one loop's arrows and companies by id.
loop2=$(xmllint --xpath 'count(//*[local-name()="g"][starts-with(@id,"loop-2-") or contains(@id,"-loop-2-")])' "$work/seed.svg")
[ "$loop2" = 4 ] || fail "seed.svg marks $loop2 elements of loop 2 (2 arrows, 2 companies), expected 4"

# PNG and PDF: their signatures and a non-trivial size.
"$circa" render tests/data/seed/ -o "$work/seed.png" || fail "render seed.png"
[ "$(head -c 8 "$work/seed.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "seed.png has no PNG signature"
[ "$(wc -c < "$work/seed.png")" -gt 20000 ] || fail "seed.png is suspiciously small"
"$circa" render tests/data/seed/ -o "$work/seed.pdf" || fail "render seed.pdf"
[ "$(head -c 5 "$work/seed.pdf")" = "%PDF-" ] || fail "seed.pdf has no PDF signature"
[ "$(wc -c < "$work/seed.pdf")" -gt 5000 ] || fail "seed.pdf is suspiciously small"

# Every layout draws.
for layout in dot neato fdp sfdp circo twopi; do
  "$circa" render tests/data/seed/ --layout $layout -o "$work/$layout.svg" &&
    xmllint --noout "$work/$layout.svg" || fail "layout $layout"
done

# --each-cycle: one well-formed picture per loop, named by its key, listed on stdout.
"$circa" render tests/data/seed/ --each-cycle "$work/loops" > "$work/list" || fail "--each-cycle"
[ "$(ls "$work/loops" | wc -l)" = 4 ] || fail "--each-cycle wrote $(ls "$work/loops" | wc -l) files, expected 4"
[ "$(wc -l < "$work/list")" = 4 ] || fail "--each-cycle listed $(wc -l < "$work/list") files"
ls "$work/loops" | grep -q '^[0-9]*-microsoft-openai-[0-9a-f]\{8\}\.svg$' || fail "no picture named for Microsoft → OpenAI"
for file in "$work"/loops/*.svg; do
  xmllint --noout "$file" || fail "$file is not well-formed"
done

# Past 400 edges the labels move to the tooltips (dot would lay out each as a node).
{
  echo "id,payer,payee,amount_usd,kind"
  i=0
  while [ $i -lt 21 ]; do
    j=0
    while [ $j -lt 21 ]; do
      [ $i != $j ] && echo "k$i-$j,e$i,e$j,1M,loan"
      j=$((j + 1))
    done
    i=$((i + 1))
  done
} > "$work/k21.csv"
"$circa" render "$work/k21.csv" --max-length 2 --format dot -o "$work/k21.dot" || fail "render k21"
labelled=$(grep -c 'label="\$1.0M loan"' "$work/k21.dot")
[ "$labelled" = 0 ] || fail "k21 (420 edges) still labels $labelled edges"
grep -q 'k0-1: \$1.0M loan, announced' "$work/k21.dot" || fail "k21 has no amount in its tooltips"
grep -q 'amounts in the tooltips' "$work/k21.dot" || fail "k21's legend does not say where the amounts went"
grep -q 'splines=line' "$work/k21.dot" || fail "k21 still asks for curved splines"

# Past CIRCA_RENDER_MAX_DOT_ARROWS (1000) edges, no --layout means sfdp, said on stderr; a
# --layout asked for is kept. 1,200 edges of a ring of rings: dot alone would take minutes.
{
  echo "id,payer,payee,amount_usd,kind"
  n=0
  while [ $n -lt 1200 ]; do
    step=$((n / 400 * 6 + 1)) # three rings, steps 1, 7 and 13: 1,200 directions
    echo "r$n,e$((n % 400)),e$(((n + step) % 400)),1M,equity"
    n=$((n + 1))
  done
} > "$work/big.csv"
"$circa" render "$work/big.csv" --max-length 3 -o "$work/big.svg" 2> "$work/big.err" ||
  fail "render big"
grep -q 'laid out by sfdp' "$work/big.err" || fail "a big render does not say it chose sfdp"
"$circa" render tests/data/seed/ -o "$work/small.svg" 2> "$work/small.err" || fail "render seed"
! grep -q 'laid out by' "$work/small.err" || fail "a small render does not use dot quietly"

# Sizes for a slide: the PNG is exactly the page at 1920 pixels wide, the SVG the page in points;
# a PNG of a small drawing without a page is still 1920 pixels wide.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }
for page in 16:9=1920x1080 4:3=1920x1440 a4=1920x1358; do
  "$circa" render tests/data/seed/ --size "${page%=*}" -o "$work/page.png" || fail "render --size ${page%=*}"
  [ "$(png_size "$work/page.png")" = "${page#*=}" ] ||
    fail "--size ${page%=*} drew $(png_size "$work/page.png") pixels, expected ${page#*=}"
done
"$circa" render tests/data/seed/ --size 16:9 -o "$work/page.svg" || fail "render --size 16:9 svg"
grep -q '<svg width="960pt" height="540pt"' "$work/page.svg" || fail "--size 16:9 SVG is not 960 × 540 pt"
"$circa" render tests/data/seed/ --cycles-only --limit 1 -o "$work/small.png" || fail "render small png"
[ "$(png_size "$work/small.png" | cut -dx -f1)" = 1920 ] ||
  fail "a small drawing's PNG is $(png_size "$work/small.png") pixels, not 1920 wide"
"$circa" render graphs --size 16:9 -o "$work/map.png" 2> "$work/map.err" || fail "render map 16:9"
grep -q 'at 16:9 the smallest text is' "$work/map.err" ||
  fail "a map too big for a slide does not say its text is too small"

# The footnote gives the command line to paste back: paths relative to the current folder, never
# absolute, and words quoted where a shell would split them.
"$circa" render "$PWD/tests/data/seed/" --entities "$PWD/tests/data/seed/entities.csv" \
  --title "Two words" --format dot -o "$work/abs.dot" || fail "render with absolute paths"
relative_work=$(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1]))' "$work")
grep -q "circa render tests/data/seed --entities tests/data/seed/entities.csv --title &apos;Two words&apos; --format dot -o $relative_work/abs.dot<" "$work/abs.dot" ||
  grep -q "circa render tests/data/seed --entities tests/data/seed/entities.csv --title 'Two words' --format dot -o $relative_work/abs.dot<" "$work/abs.dot" ||
  fail "the footnote is not the command line, relative and quoted: $(grep -o 'circa render[^<]*' "$work/abs.dot")"
! grep -q "$PWD" "$work/abs.dot" || fail "the DOT holds the absolute path $PWD"

# --each-cycle: a ring (circo) for three hops or more, dot for two, never a cluster box.
"$circa" render tests/data/render/ --each-cycle "$work/rings" --format dot > /dev/null || fail "--each-cycle dot"
for file in "$work"/rings/*.dot; do
  hops=$(grep -o '[0-9]* hops ·' "$file" | cut -d' ' -f1)
  want=dot; [ "$hops" -ge 3 ] && want=circo
  grep -q "layout=$want" "$file" || fail "$(basename "$file"): $hops hops not laid out by $want"
  ! grep -q 'subgraph cluster' "$file" || fail "$(basename "$file") draws a cluster box"
done

# A pipe or a device named by -o is written into, never replaced by a file (renaming over
# /dev/null as root would replace the device). A FIFO stands in for /dev/null here.
mkfifo "$work/pipe" || fail "mkfifo"
timeout 20 cat "$work/pipe" > "$work/from-pipe" &
reader=$!
"$circa" render tests/data/seed/ --format svg -o "$work/pipe" || fail "render into a FIFO"
wait $reader
[ -p "$work/pipe" ] || fail "-o FIFO replaced the FIFO with a file"
grep -q '<svg' "$work/from-pipe" || fail "-o FIFO did not carry the SVG"

# The README shows the main job's pictures: they are what circa draws today. Drawn from a folder
# laid out like the repository, so that the footnote (the command line) is the same.
mkdir -p "$work/tree/docs" && ln -s "$PWD/graphs" "$work/tree/graphs"
(cd "$work/tree" &&
  "$circa" render graphs/ --limit 6 --title "Round trips in AI deals, 2019–2025" -o docs/ai-2025.svg &&
  "$circa" render graphs/ --cycles-only --limit 1 --size 16:9 -o docs/ai-2025-loop.png) ||
  fail "render the README's pictures"
for picture in ai-2025.svg ai-2025-loop.png; do
  cmp -s "$work/tree/docs/$picture" "docs/$picture" ||
    fail "docs/$picture is not what circa draws now: run bash scripts/main-job.sh"
done

# Deterministic: the same bytes twice, in every layout the README promises it for, and the PDF
# too with SOURCE_DATE_EPOCH (two runs a second apart, so the clock would show).
mkdir "$work/1" "$work/2"
for layout in dot neato sfdp circo osage patchwork; do
  for run in 1 2; do
    (cd "$work/$run" && "$circa" render "$OLDPWD/tests/data/hostile/deals.csv" --layout $layout \
      --no-entities-beside -o same-$layout.svg) || fail "render hostile with $layout"
  done
  cmp -s "$work/1/same-$layout.svg" "$work/2/same-$layout.svg" ||
    fail "two $layout renders of the same data differ"
done
(cd "$work/1" && SOURCE_DATE_EPOCH=1700000000 "$circa" render "$OLDPWD/tests/data/seed/" -o same.pdf) &&
  sleep 1.1 &&
  (cd "$work/2" && SOURCE_DATE_EPOCH=1700000000 "$circa" render "$OLDPWD/tests/data/seed/" -o same.pdf) &&
  cmp -s "$work/1/same.pdf" "$work/2/same.pdf" || fail "two PDFs with SOURCE_DATE_EPOCH differ"
grep -aq 'CreationDate (D:20231114221320' "$work/1/same.pdf" || fail "the PDF is not dated SOURCE_DATE_EPOCH"

if [ "$failures" -gt 0 ]; then
  echo "$failures render checks failed"
  exit 1
fi
echo "render checks: all passed"
