#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds circa a second time with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-sanitize/ and runs the whole test suite there: any invalid access, leak of circa's own or
# undefined behaviour fails the test that caused it. CI runs it after the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f build-sanitize/build.ninja ]; then
  # Errors of UBSan are fatal, as ASan's are: a report that only printed would pass the test.
  meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all >&2
fi
ninja --quiet -C build-sanitize >&2
meson test -C build-sanitize --setup sanitize --print-errorlogs "$@"
