#!/usr/bin/env bash
# Regenerates the bundled sample city after a generator change: assets/sample_city.glb, its street lamps
# (assets/sample_city_lamps.geojson), its terrain height grid (assets/sample_city_terrain.asc), its energy use
# (assets/sample_city_energy.csv), its flood-risk zones (assets/sample_city_zones.geojson) and its origin and
# counts (assets/sample_city.json). samples/district/scene.json binds them.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/release/bin/citytwin generate-city --buildings 200 --seed 7 --out "$tmp"
mv "$tmp/city.glb" assets/sample_city.glb
mv "$tmp/lamps.geojson" assets/sample_city_lamps.geojson
mv "$tmp/city.json" assets/sample_city.json
mv "$tmp/terrain.asc" assets/sample_city_terrain.asc
mv "$tmp/energy.csv" assets/sample_city_energy.csv
mv "$tmp/zones.geojson" assets/sample_city_zones.geojson
ls -l assets
