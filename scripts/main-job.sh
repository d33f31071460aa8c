#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The analyst's main job on the deal data in graphs/: validate it, summarise the graph, and list
# its money round trips, largest bottleneck first, and draw them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/src/cli/circa check graphs/
echo
build/src/cli/circa stats graphs/
echo
echo "Money round trips, largest bottleneck first:"
build/src/cli/circa cycles graphs/ --sort amount
echo
# The map with its six largest loops, each in its colour and number, and the largest loop alone
# on a slide: README.md shows these very files.
build/src/cli/circa render graphs/ --limit 6 --title "Round trips in AI deals, 2019–2025" \
  -o docs/ai-2025.svg
build/src/cli/circa render graphs/ --cycles-only --limit 1 --size 16:9 -o docs/ai-2025-loop.png
echo "Diagrams written to docs/ai-2025.svg and docs/ai-2025-loop.png"
