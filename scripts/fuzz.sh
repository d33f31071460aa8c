#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with Debian's clang (installing clang-14 and libclang-rt-14-dev
# when missing) in build-fuzz/, with AddressSanitizer and UBSan, and runs them:
#   bash scripts/fuzz.sh [TARGET…] [--seconds N]      (targets: csv values entities pipeline)
# Each starts from a corpus seeded with tests/ and graphs/ (kept in build-fuzz/corpus/TARGET);
# an input that fails is written to fuzz/regressions/TARGET/, where the normal test suite runs it
# from then on: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=600
targets=()
while (($#)); do
  case $1 in
  --seconds) seconds=$2; shift 2 ;;
  csv | values | entities | pipeline) targets+=("$1"); shift ;;
  *) echo "usage: bash scripts/fuzz.sh [csv|values|entities|pipeline…] [--seconds N]" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(csv values entities pipeline)

bash scripts/setup.sh
missing=()
for package in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang-14 meson setup build-fuzz -Dfuzzing=true -Dtests=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fno-sanitize-recover=all >&2
fi
ninja --quiet -C build-fuzz >&2

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  mkdir -p "$corpus" "fuzz/regressions/$target"
  # Seeds: every deal and entity file of the tests and the shipped data.
  find tests/bad-input tests/data graphs -type f \( -name '*.csv' -o -name '*.tsv' \) \
    -exec cp -n -t "$corpus" {} + 2>/dev/null || true
  echo "fuzz-$target: $seconds s" >&2
  "build-fuzz/fuzz/fuzz-$target" "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="fuzz/regressions/$target/" -max_len=65536 -timeout=10 -rss_limit_mb=4096
done
