#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The analyst's main job on the deal data in graphs/: validate it, then summarise the graph.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/src/cli/circa check graphs/
echo
build/src/cli/circa stats graphs/
