#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa (installing what is missing) and times `circa render` against `dot -Tsvg`,
# bench/render.py. Needs Graphviz's dot (Debian: graphviz), installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
missing=()
command -v python3 >/dev/null || missing+=(python3)
command -v dot >/dev/null || missing+=(graphviz)
if ((${#missing[@]})); then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
python3 bench/render.py "$@"
