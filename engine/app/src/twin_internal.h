// Helpers the twin's source files share.
#pragma once
#include <chrono>
#include <string>

#include "scene/scene_file.h"
#include "sim/flood.h"

namespace ct::app {

inline double nowUnixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// "#RRGGBB" (or "#RRGGBBAA" when not opaque) of a scene-file colour, as the layers parse it.
inline std::string hexOf(const scene::Rgba8& c) { return scene::formatHexColor(c); }

// The look of flood water (shallow teal to deep blue).
sim::WaterSurfaceOptions waterLook();

}  // namespace ct::app
