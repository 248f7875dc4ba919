#!/usr/bin/env bash
# The libFuzzer targets of the parsers of outside input (tests/fuzz; Debian's clang, ASan + UBSan).
#   tools/fuzz.sh                   lists the targets, one a line
#   tools/fuzz.sh TARGET SECONDS    builds (preset fuzz) and runs TARGET for SECONDS
# The working corpus is build/fuzz/corpus/TARGET, seeded from tests/fuzz/corpus/TARGET (stored, ours) and, unless
# CITYTWIN_FUZZ_STORED_ONLY=1 (as in CI), from matching samples in ../shared/data and the bad-input corpus that
# the tests generated. Crashes, leaks and timeouts
# are written to build/fuzz/findings/TARGET/ and make the script fail: each one found becomes a stored corpus
# case (and a bad-input corpus case) once fixed. CITYTWIN_FUZZ_TIMEOUT: seconds a unit may take (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=$(sed -n 's/^set(fuzz_targets \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
if [ $# -eq 0 ]; then
  for t in $targets; do echo "$t"; done
  exit 0
fi
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: tools/fuzz.sh [TARGET SECONDS]" >&2
  exit 2
fi
target="$1" seconds="$2"
if ! grep -qw -- "$target" <<<"$targets"; then
  echo "fuzz: unknown target '$target' (tools/fuzz.sh lists them)" >&2
  exit 2
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "$target" >/dev/null
work="build/fuzz/corpus/$target" seeds="build/fuzz/seeds/$target" findings="build/fuzz/findings/$target"
mkdir -p "$work" "$findings"
rm -rf "$seeds" && mkdir -p "$seeds"
shared="${CITYTWIN_SHARED_DATA:-../shared/data}"
if [ "${CITYTWIN_FUZZ_STORED_ONLY:-0}" != "1" ] && [ -d "$shared" ]; then
  case "$target" in
    fuzz_gltf_json) pattern='*.gltf' limit=1024k ;;
    fuzz_glb) pattern='*.glb' limit=1024k ;;
    fuzz_b3dm) pattern='*.b3dm' limit=1024k ;;
    fuzz_image) pattern='*.png' limit=256k ;;
    *) pattern='' ;;
  esac
  if [ -n "$pattern" ]; then
    find "$shared" -type f -name "$pattern" -size "-$limit" -print0 | while IFS= read -r -d '' f; do
      cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16)-$(basename "$f")"
    done
    if [ "$target" = fuzz_image ]; then
      find "$shared" -type f -name '*.jpg' -size -256k -print0 | while IFS= read -r -d '' f; do
        cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16).jpg"
      done
    fi
  fi
fi
# The bad-input corpus the tests generated (in any build folder that ran them) seeds the container targets too.
case "$target" in
  fuzz_gltf_json) ext='gltf' ;;
  fuzz_glb) ext='glb' ;;
  fuzz_b3dm) ext='b3dm' ;;
  *) ext='' ;;
esac
if [ -n "$ext" ] && [ "${CITYTWIN_FUZZ_STORED_ONLY:-0}" != "1" ]; then
  find build -path '*/test-output/bad_input_*' -type f -name "*.$ext" -size -1024k -print0 2>/dev/null |
    while IFS= read -r -d '' f; do cp "$f" "$seeds/test-$(echo "$f" | md5sum | cut -c1-16).$ext"; done
fi
max_len=262144
[ "$target" = fuzz_image ] && max_len=65536
echo "fuzz: $target for $seconds s (stored seeds: $(ls tests/fuzz/corpus/$target | wc -l), shared seeds: $(ls "$seeds" | wc -l), working corpus: $(ls "$work" | wc -l))"
# A unit slower than the timeout is a finding; CITYTWIN_FUZZ_TIMEOUT raises it for long runs beside other work on a
# busy machine (a starved process is not a hang).
"build/fuzz/bin/$target" -max_total_time="$seconds" -dict=tests/fuzz/gltf.dict -rss_limit_mb=2048 \
  -timeout="${CITYTWIN_FUZZ_TIMEOUT:-30}" -report_slow_units=60 \
  -max_len=$max_len -print_final_stats=1 -artifact_prefix="$findings/" "$work" "tests/fuzz/corpus/$target" "$seeds"
echo "fuzz: $target ran $seconds s without a finding; working corpus $(ls "$work" | wc -l) files"
