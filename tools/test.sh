#!/usr/bin/env bash
# The README's second command and CI's (.ci/run): installs what is needed, builds with warnings as errors,
# runs the whole suite, then builds and runs it again under ASan + UBSan, then runs every fuzz target briefly.
# CITYTWIN_SKIP_ASAN=1 / CITYTWIN_SKIP_FUZZ=1 skip those passes (for quick local runs; CI never sets them).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
start=$(date +%s)
tools/build.sh release -DCITYTWIN_WERROR=ON
ctest --preset release -j2
if [ "${CITYTWIN_SKIP_ASAN:-0}" != "1" ]; then
  tools/build.sh asan -DCITYTWIN_WERROR=ON
  ctest --preset asan -j2
fi
# Every fuzz target for a short fixed budget on its stored corpus (tools/fuzz.sh runs long ones).
if [ "${CITYTWIN_SKIP_FUZZ:-0}" != "1" ]; then
  for target in $(tools/fuzz.sh); do
    CITYTWIN_FUZZ_STORED_ONLY=1 tools/fuzz.sh "$target" 20 2>&1 | grep -E '^fuzz:|ERROR|SUMMARY|exec_per_sec'
  done
fi
echo "test: all passed in $(( $(date +%s) - start )) s"
