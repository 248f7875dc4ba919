#!/usr/bin/env bash
# The only way golden images change: re-renders every case of tests/golden/goldens.json into
# tests/golden/*.png. Look at each changed image before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh release
CITYTWIN_UPDATE_GOLDENS=1 ctest --preset release -R '/Golden\.' -j2  # the cases, not GoldenTolerance
git status --short tests/golden
