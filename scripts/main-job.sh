#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The analyst's main job on the deal data in graphs/: validate it, summarise the graph, and list
# its money round trips, largest bottleneck first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/src/cli/circa check graphs/
echo
build/src/cli/circa stats graphs/
echo
echo "Money round trips, largest bottleneck first:"
build/src/cli/circa cycles graphs/ --sort amount
