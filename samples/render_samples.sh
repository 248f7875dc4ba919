#!/usr/bin/env bash
# Renders the samples with each layer alone and all together, by day and at night, with legends:
#   samples/render_samples.sh [OUT_DIR] [WIDTH HEIGHT]      (default out/samples, 1280 x 720)
# The district (samples/district) is bundled; Jakarta (samples/jakarta) reads ../shared/data and says so
# when that data is missing. Needs a release build (tools/build.sh); prints one line per image.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/samples}"
width="${2:-1280}"
height="${3:-720}"
cli=build/release/bin/citytwin
[ -x "$cli" ] || { echo "render_samples: build first (tools/build.sh)" >&2; exit 1; }
mkdir -p "$out"

# render SCENE NAME LAYERS TIME [extra options]
render() {
  local scene=$1 name=$2 layers=$3 time=$4
  shift 4
  local start=$EPOCHREALTIME
  "$cli" render "$scene" --out "$out/$name.png" --width "$width" --height "$height" --legend \
    --layers "$layers" --time "$time" "$@"
  printf 'render_samples: %-42s %5.1fs\n' "$name.png" "$(awk "BEGIN { print $EPOCHREALTIME - $start }")"
}

district=samples/district/scene.json
day=2024-06-21T14:00:00+08:00
night=2024-06-21T21:30:00+08:00
all="Energy use,Street lights,River flood,Flood zones"
for when in day night; do
  t=$day; [ "$when" = night ] && t=$night
  render "$district" "district_energy_$when" "Energy use" "$t"
  render "$district" "district_lights_$when" "Street lights" "$t" --bookmark street
  render "$district" "district_flood_$when" "River flood" "$t" --bookmark river
  render "$district" "district_zones_$when" "Flood zones" "$t"
  render "$district" "district_illuminance_$when" "Street lights,Illuminance" "$t" --bookmark street
  render "$district" "district_all_$when" "$all" "$t"
  render "$district" "district_all_street_$when" "$all" "$t" --bookmark street
done

# Live readings: the real Cambridge hourly profiles replayed to a local mosquitto (tools/publish_energy.sh starts
# one on port 1883 when none listens), applied for 4 s, then rendered with the "Live load" layer.
cambridge=../shared/data/cambridge-uni-estates-energy/building_data/processed_data
if [ -d "$cambridge" ] && { command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; }; then
  keys=$(seq -f 'bldg_%06g' 1 200 | paste -sd,)
  tools/publish_energy.sh --keys "$keys" --speed 3600 --duration 20 >/dev/null 2>&1 &
  publisher=$!
  sleep 2
  render "$district" "district_live_day" "Live load" "$day" --live-wait 4
  kill "$publisher" 2>/dev/null || true
  wait "$publisher" 2>/dev/null || true
else
  echo "render_samples: skipped the live layer: shared data ($cambridge) or mosquitto missing"
fi

jakarta=samples/jakarta/scene.json
data=../shared/data/inasafe-jakarta-flood/safe/test/data/gisv4
if [ -f "$data/exposure/jakarta_building.gpkg" ] && [ -f "$data/hazard/jakarta_continuous_flood.tif" ]; then
  render "$jakarta" "jakarta_flood_day" "Flood depth" 2013-01-17T15:00:00+07:00 --bookmark centre
  render "$jakarta" "jakarta_flood_night" "Flood depth" 2013-01-17T21:00:00+07:00 --bookmark centre
  render "$jakarta" "jakarta_flood_overview_day" "Flood depth" 2013-01-17T15:00:00+07:00
else
  echo "render_samples: skipped Jakarta: shared data missing ($data: jakarta_building.gpkg and jakarta_continuous_flood.tif)"
fi
echo "render_samples: images in $(cd "$out" && pwd)"
