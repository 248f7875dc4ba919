// A plain RGBA8 image in memory: what the renderer reads back and what frame sinks (PNG, video) take.
#pragma once
#include <cstdint>
#include <vector>

namespace ct {

struct RgbaImage {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // RGBA8, sRGB, top row first; alpha is coverage
};

}  // namespace ct
