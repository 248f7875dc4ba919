#!/usr/bin/env bash
# The viewer's figures on the 10,000-building district (issue 10), under xvfb-run: orbiting (40 drags back to
# back), the refine to full quality after the camera stops, a click right after it stops (one-pixel pick) and one
# later (from the view's id image), a water-level move, and the CPU an idle window uses. Prints one JSON object a
# line. Needs a release build (tools/build.sh); never fails on time. Usage: tools/viewer_figures.sh [TIME] [DIR]
# (TIME: the scene's time, default 21:30 at night; DIR: where the district is generated, default /tmp/c10k).
set -euo pipefail
cd "$(dirname "$0")/.."
cli="$PWD/build/release/bin/citytwin"
when="${1:-2024-06-21T21:30:00+08:00}"
dir="${2:-/tmp/c10k}"
[ -f "$dir/city.glb" ] || "$cli" generate-city --out "$dir" --buildings 10000 --seed 1 >/dev/null
scene="$dir/scene_figures.json"
sed "s/\"time\": \"[^\"]*\"/\"time\": \"$when\"/" "$dir/scene.json" > "$scene"
python3 - "$dir" <<'EOF'
import json, sys
d = sys.argv[1]
ev, f = [], 3
for i in range(40):  # orbit: each drag is pressed, moved over 4 frames and released on the 5th
    ev.append({"frame": f, "type": "drag", "x": 640, "y": 400, "to_x": 680, "to_y": 395, "button": "left"})
    f += 5
ev.append({"frame": f + 1, "type": "click", "x": 640, "y": 360})   # the frame after the camera stops
ev.append({"frame": f + 6, "type": "click", "x": 600, "y": 330})   # later, from the view's id image
ev.append({"frame": f + 8, "type": "set", "widget": "Water level (m)", "value": -3.0})
ev.append({"frame": f + 12, "type": "move", "x": 10, "y": 10})
json.dump({"events": ev}, open(d + "/figures_events.json", "w"))
EOF
xvfb-run -a -s "-screen 0 1280x720x24" "$cli" view "$scene" --width 1280 --height 720 \
  --script "$dir/figures_events.json" --state-out "$dir/figures_state.json" 2>/dev/null
python3 - "$dir/figures_state.json" "$when" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
out = {"scene_time": sys.argv[2], "frames": s["frames"], "renders": s["renders"]}
for k in ["frame_ms", "reduced_render_ms", "full_render_ms", "pick_ms"]:
    out[k] = {q: round(v, 1) if isinstance(v, float) else v for q, v in s[k].items()}
out["orbit_fps_median"] = round(1000.0 / s["frame_ms"]["median"], 2)
out["picks"] = [{"frame": p["frame"], "key": p["key"]} for p in s["picks"]]
out["flooded_buildings_at_-3m"] = s["totals"].get("flooded_buildings")
print(json.dumps(out))
EOF
# Idle: no input, nothing changing; CPU ticks between 20 s and 30 s after the window opened.
xvfb-run -a -s "-screen 0 1280x720x24" "$cli" view "$scene" --width 1280 --height 720 >/dev/null 2>&1 &
runner=$!
sleep 20
pid=$(pgrep -f "^$cli view $scene" | head -1 || true)
if [ -n "$pid" ]; then
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "{\"idle_cpu_seconds_in_10s\": $(awk "BEGIN { print ($t1 - $t0) / $(getconf CLK_TCK) }")}"
  kill "$pid" 2>/dev/null || true
fi
wait "$runner" 2>/dev/null || true
