// How one feature is drawn: the per-feature state a renderer (or a data layer) sets by feature row.
#pragma once
#include <cstdint>

#include <glm/glm.hpp>

namespace ct::render {

// Bits of FeatureStyle::flags.
inline constexpr uint32_t kFeatureHidden = 1;    // drawn nowhere: colour, shadows, ids
inline constexpr uint32_t kFeatureUnlit = 2;     // exactly tint.rgb on screen: no lighting, shadow, haze, tone map
inline constexpr uint32_t kFeatureNoData = 4;    // a layer has no value for it (shaders may draw it muted)
inline constexpr uint32_t kFeatureFlooded = 8;   // under water in a flood layer
inline constexpr uint32_t kFeatureSelected = 16; // picked by the user

// How one feature looks: one row of the renderer's per-feature state buffer, byte for byte (32 bytes, the
// layout of shader::FeatureState, so that a whole table is one memcpy). `tint.rgb` is an sRGB colour (0..1, as
// one writes it; the shaders linearise it) that the lit surface is mixed towards by `tint.a` (0..1); with
// kFeatureUnlit the surface shows tint.rgb exactly (tint.a is ignored). `value` carries a data value for the
// shaders of data layers.
struct FeatureStyle {
  glm::vec4 tint{0.0f};
  float value = 0.0f;
  uint32_t flags = 0;
  uint32_t reserved[2] = {0, 0};

  bool hidden() const { return (flags & kFeatureHidden) != 0; }
  static FeatureStyle makeHidden() {
    FeatureStyle s;
    s.flags = kFeatureHidden;
    return s;
  }
};
static_assert(sizeof(FeatureStyle) == 32);

}  // namespace ct::render
