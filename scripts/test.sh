#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa and runs the whole test suite (unit, bad-input and CLI goldens) through meson.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
meson test -C build --print-errorlogs "$@"
