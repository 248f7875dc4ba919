// Per-feature output of the data layers: one 32-byte FeatureVisual per feature row, exactly the renderer's
// per-feature record (shader::FeatureState: tint, value, flags, two reserved words), so arrays copy with one
// memcpy; FeatureVisuals tracks a version and the dirty row range the renderer uploads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include <glm/glm.hpp>

namespace ct::layers {

class Ramp;

struct FeatureVisual {
  // sRGB 0..1 as written (not linear); a = how much it replaces the surface colour (0 = untouched).
  glm::vec4 color{0.0f};
  float value = 0.0f;  // the data value bound to the feature (NaN: none)
  uint32_t flags = 0;
  uint32_t reserved[2] = {0, 0};

  static constexpr uint32_t kHidden = 1u;    // drawn nowhere (colour, shadows, ids): the renderer's bit 0
  static constexpr uint32_t kUnlit = 2u;     // show color.rgb exactly: no lighting, shadow, fog or tone mapping
  static constexpr uint32_t kNoData = 4u;    // a layer covers the feature but has no value for it
  static constexpr uint32_t kFlooded = 8u;   // under water in the flood layer
  static constexpr uint32_t kSelected = 16u; // picked in the inspector

  bool operator==(const FeatureVisual& o) const;
};
// The renderer's FeatureState layout (std430: vec4, float, uint, uint, uint); render static_asserts the same
// against its own struct.
static_assert(sizeof(FeatureVisual) == 32);
static_assert(std::is_standard_layout_v<FeatureVisual> && std::is_trivially_copyable_v<FeatureVisual>);
static_assert(offsetof(FeatureVisual, color) == 0 && offsetof(FeatureVisual, value) == 16 &&
              offsetof(FeatureVisual, flags) == 20 && offsetof(FeatureVisual, reserved) == 24);

// Rows [begin, end) changed since the renderer last took them (begin == end: nothing).
struct DirtyRange {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin >= end; }
};

class FeatureVisuals {
 public:
  size_t size() const { return mRows.size(); }
  // Resizes (new rows untouched: all zero) and marks everything dirty.
  void resize(size_t rows);
  const FeatureVisual& operator[](size_t row) const { return mRows[row]; }
  const FeatureVisual* data() const { return mRows.data(); }
  std::span<const FeatureVisual> rows() const { return mRows; }

  // Sets one row; marks it dirty only when it differs.
  void set(size_t row, const FeatureVisual& v);
  // Replaces all rows; the dirty range is the span of rows that differ (sizes differing: everything).
  void assign(std::span<const FeatureVisual> rows);

  // The live-update fast path: for each i, row rows[i] gets value values[i] and the ramp's colour for it
  // (NaN: the no-data colour and kNoData), with colour alpha `opacity` and `flags` (plus kNoData where
  // applicable). Rows out of range are skipped and counted in the return value. One dirty range spans them.
  size_t applyValues(std::span<const uint32_t> rows, std::span<const float> values, const Ramp& ramp,
                     float opacity = 1.0f, uint32_t flags = 0);

  // Bumped whenever a row changes.
  uint64_t version() const { return mVersion; }
  const DirtyRange& dirty() const { return mDirty; }
  // The dirty range, cleared: what the renderer uploads this frame.
  DirtyRange takeDirty();
  void markDirty(size_t begin, size_t end);

 private:
  std::vector<FeatureVisual> mRows;
  DirtyRange mDirty;
  uint64_t mVersion = 0;
};

}  // namespace ct::layers
