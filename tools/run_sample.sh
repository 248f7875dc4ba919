#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, and renders the bundled sample city.
# Offline renders go to out/ (or the folder given as the first argument), and the script says where.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target citytwin
out="${1:-out}"
mkdir -p "$out"
cli=build/release/bin/citytwin
sample=assets/sample_city.glb
# With a display: the interactive viewer on the district (the renders below are made after it closes).
# Without one: offline renders only, into the folder named at the end.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${CITYTWIN_NO_WINDOW:-}" ]; then
  echo "run_sample: opening the viewer on samples/district/scene.json (close the window to go on)"
  "$cli" view samples/district/scene.json || echo "run_sample: the viewer could not open (see above); rendering offline"
fi
"$cli" render "$sample" --out "$out/sample_city.png" --width 1920 --height 1080
"$cli" render "$sample" --out "$out/sample_city_street.png" --width 1920 --height 1080 \
  --camera 330,140,420,-20,10,0,40
"$cli" render "$sample" --out "$out/sample_city_transparent.png" --width 1920 --height 1080 --background transparent
# The district as a twin (samples/district/scene.json): energy use, street lights, the river in flood, flood
# zones, with legends, on a summer afternoon and at night.
scene=samples/district/scene.json
"$cli" render "$scene" --out "$out/district_day.png" --width 1920 --height 1080 --legend --time 2024-06-21T14:00:00+08:00
"$cli" render "$scene" --out "$out/district_night.png" --width 1920 --height 1080 --legend --time 2024-06-21T21:30:00+08:00
"$cli" render "$scene" --out "$out/district_night_street.png" --width 1920 --height 1080 --legend \
  --time 2024-06-21T21:30:00+08:00 --bookmark street
echo "run_sample: wrote $(cd "$out" && pwd)/: sample_city.png, sample_city_street.png, sample_city_transparent.png,"
echo "run_sample:   district_day.png, district_night.png, district_night_street.png (samples/render_samples.sh renders more)"
echo "run_sample: the viewer: build/release/bin/citytwin view samples/district/scene.json (under xvfb-run without a display)"
