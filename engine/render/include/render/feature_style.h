// How one feature is drawn: the per-feature state a renderer (or a data layer) sets by feature row.
#pragma once
#include <cstdint>

#include <glm/glm.hpp>

namespace ct::render {

// How one feature looks (the renderer's per-feature state buffer, indexed by feature row): `tint` mixes the
// lit surface towards tint.rgb by tint.a; a hidden feature is drawn nowhere (colour, shadows, ids). `value` and
// `flags` carry a data value and bits for the shaders of data layers (bit 0 is `hidden`'s).
struct FeatureStyle {
  glm::vec4 tint{0.0f};
  bool hidden = false;
  float value = 0.0f;
  uint32_t flags = 0;
};

}  // namespace ct::render
