#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages circa builds with (only those missing), then configures and
# builds it in build/. Every other script starts here, so a fresh Debian 12 machine needs nothing
# but this repository.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libigraph-dev libjson-glib-dev
  libgraphviz-dev fonts-liberation2 libxml2-utils
)

# The cross-check against networkx needs python3 with networkx: the machine's own when it has
# one, else Debian's.
if ! python3 -c 'import networkx' 2>/dev/null; then
  packages+=(python3 python3-networkx)
fi
# The diff tests validate SARIF against its official schema, and need git for their fixture
# repositories (circa diff --git reads revisions through it).
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  packages+=(python3 python3-jsonschema)
fi
packages+=(git)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=
  if [ "$(id -u)" != 0 ]; then
    sudo=sudo
  fi
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# ninja re-runs meson by itself when a meson.build changes.
if [ ! -f build/build.ninja ]; then
  meson setup build >&2
fi
ninja --quiet -C build >&2
