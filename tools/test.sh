#!/usr/bin/env bash
# The README's second command and CI's (.ci/run): installs what is needed, builds with warnings as errors,
# runs the whole suite, then builds and runs it again under ASan + UBSan.
# CITYTWIN_SKIP_ASAN=1 skips the sanitizer pass (for quick local runs; CI never sets it).
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
echo "test: all passed in $(( $(date +%s) - start )) s"
