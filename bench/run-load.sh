#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa (installing what is missing) and runs the loading benchmark, bench/load.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v python3 >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3
fi
python3 bench/load.py "$@"
