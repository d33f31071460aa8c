#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa (installing what is missing) and runs one benchmark:
#   bash bench/run.sh load|cycles|render|diff [ARGS…]    (see bench/NAME.py --help)
# load, cycles and diff need python3 (cycles also networkx: python3-networkx, or --skip-networkx);
# render needs Graphviz's dot (graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}
case $name in
load | cycles | render | diff) shift ;;
*)
  echo "usage: bash bench/run.sh load|cycles|render|diff [ARGS…]" >&2
  exit 2
  ;;
esac
bash scripts/setup.sh
missing=()
command -v python3 >/dev/null || missing+=(python3)
if [ "$name" = render ] && ! command -v dot >/dev/null; then
  missing+=(graphviz)
fi
if ((${#missing[@]})); then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
python3 "bench/$name.py" "$@"
