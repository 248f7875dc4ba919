#!/usr/bin/env bash
# Renders every .gltf/.glb under a folder (default: the Khronos sample models in ../shared/data) to PNGs in
# an output folder, with validation on; prints one line per model (exit code, seconds) and a summary.
# Exits 1 if any model fails. Needs a release build (tools/build.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
root="${1:-../shared/data/khronos-gltf-sample-assets/Models}"
out="${2:-out/models}"
cli=build/release/bin/citytwin
mkdir -p "$out"
failed=0
total=0
while IFS= read -r -d '' model; do
  name=$(echo "${model#"$root"/}" | tr '/ ' '__')
  start=$EPOCHREALTIME
  CITYTWIN_VALIDATION=1 "$cli" render "$model" --out "$out/${name%.*}.png" --width 960 --height 540 2>"$out/${name%.*}.log"
  rc=$?
  secs=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
  printf '%d  %6.2fs  %s\n' "$rc" "$secs" "${model#"$root"/}"
  total=$((total + 1))
  [ "$rc" -ne 0 ] && failed=$((failed + 1))
done < <(find "$root" \( -name '*.gltf' -o -name '*.glb' \) -print0 | sort -z)
echo "render_models: $((total - failed)) of $total rendered; images in $out"
[ "$failed" -eq 0 ]
