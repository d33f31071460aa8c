#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's architecture picture is what its DOT source draws: redraws docs/architecture.dot
# with tools/draw-dot and compares it with the committed docs/architecture.svg.
#   check-diagram.sh DRAW-DOT SOURCE_ROOT
set -u
draw=$1 root=$2
drawn=$(mktemp) || exit 99
trap 'rm -f "$drawn"' EXIT
if ! "$draw" "$root/docs/architecture.dot" svg > "$drawn"; then
  echo "docs/architecture.dot does not draw"
  exit 1
fi
if ! cmp -s "$drawn" "$root/docs/architecture.svg"; then
  diff -u "$root/docs/architecture.svg" "$drawn" | head -40
  echo "docs/architecture.svg is not what docs/architecture.dot draws; redraw it:"
  echo "  build/tools/draw-dot docs/architecture.dot svg > docs/architecture.svg"
  exit 1
fi
echo "docs/architecture.svg is drawn from docs/architecture.dot"
