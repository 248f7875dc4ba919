#!/usr/bin/env bash
# Regenerates the bundled sample city (assets/sample_city.glb) after a generator change.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh release
tmp=$(mktemp -d)
build/release/bin/citytwin generate-city --buildings 200 --seed 7 --out "$tmp"
mv "$tmp/city.glb" assets/sample_city.glb
rmdir "$tmp"
ls -l assets/sample_city.glb
