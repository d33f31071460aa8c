#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa (installing what is missing) and runs the cycle-search benchmark, bench/cycles.py,
# which compares `circa cycles` with networkx (install python3-networkx for that part, or pass
# --skip-networkx).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v python3 >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3
fi
python3 bench/cycles.py "$@"
