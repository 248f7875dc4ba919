// Point lights binned for one view: culled to the view frustum, then listed per cluster (screen tile x
// exponential depth slice) so that the model shader loops only over the lights that can reach its pixel.
// CPU code without Vulkan (tested in render_cpu_tests).
#pragma once
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "common/shared.h"
#include "render/lights.h"

namespace ct::render {

struct ClusterGrid {
  uint32_t tilesX = 16, tilesY = 9, slices = 24;
  uint32_t clusters() const { return tilesX * tilesY * slices; }
  // Tiles of about `tilePixels` square (larger where that would pass kMaxClusters), `slices` deep. Small tiles
  // matter most: a whole district in view puts each 25 m lamp pool on a few dozen pixels.
  static ClusterGrid forViewport(uint32_t width, uint32_t height, uint32_t tilePixels = 32, uint32_t slices = 16);
};
inline constexpr uint32_t kMaxClusters = 65536;

// What binning needs to know of the view.
struct ClusterView {
  glm::dvec3 eye{0.0};
  glm::dmat4 view{1.0};  // viewRotation(): eye-relative world -> view space (looking down -Z, +Y up)
  double tanHalfFovY = 0.414;
  double aspect = 1.0;
  double nearPlane = 0.1;  // nothing is drawn nearer
  double farDepth = 1e4;   // depth of the farthest visible surface: slices span nearPlane's slice 0 .. this
  uint32_t width = 1, height = 1;
};

// A cluster holds at most this many lights (more are dropped, the later ones in the input): it bounds the index
// list to kMaxClusters x kMaxLightsPerCluster x 4 bytes = 64 MiB, under lavapipe's 128 MiB storage range.
inline constexpr uint32_t kMaxLightsPerCluster = 256;

struct LightClusters {
  ClusterGrid grid;
  std::vector<shader::PointLightData> lights;  // the visible lights, eye-relative
  std::vector<glm::uvec2> ranges;              // per cluster: first index, count; (slice * tilesY + y) * tilesX + x
  std::vector<uint32_t> indices;               // into `lights`
  float sliceNear = 1.0f;                      // depth where slice 1 begins (nearer: slice 0)
  float sliceScale = 1.0f;                     // slice = 1 + floor(ln(depth / sliceNear) * sliceScale)
  uint32_t dropped = 0;                        // light references cut by kMaxLightsPerCluster
};

// The cluster (x, y, slice) of a pixel at `depth` along the view direction; what the shader computes.
uint32_t sliceOf(const LightClusters& c, double depth);
// Halo size (metres) drawn for a light: grows with the square root of its intensity.
float haloSize(const PointLight& light);

void binLights(const std::vector<PointLight>& lights, const ClusterView& view, ClusterGrid grid, LightClusters& out);

}  // namespace ct::render
