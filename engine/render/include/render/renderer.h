// Offscreen renderer: uploads a scene once, then renders frames (shadow, sky, model, post) and reads them back.
// Per-frame resources are held per frame in flight, so that a swapchain can drive the same renderer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "gpu/device.h"
#include "render/camera.h"
#include "render/feature_style.h"
#include "render/lights.h"
#include "scene/scene.h"

namespace ct::render {

enum class Background { Sky, Transparent, Color };
// What an image holds: the lit colour, or the feature under each pixel (RGB = feature row + 1 as 24-bit
// little-endian, 0 where there is none; alpha 255; no antialiasing).
enum class Aov { Color, Id };

// Sun, sky and exposure: inputs of a frame (a time of day will set them). Colours are linear.
struct Lighting {
  glm::dvec3 sunDirection = glm::normalize(glm::dvec3(-0.45, 0.7, 0.6));  // towards the sun, world space, +Y up
  glm::vec3 sunColor = glm::vec3(1.0f, 0.95f, 0.88f) * 4.2f;              // colour times intensity
  glm::vec3 skyZenith{0.20f, 0.38f, 0.75f};
  glm::vec3 skyHorizon{0.68f, 0.78f, 0.90f};
  glm::vec3 groundColor{0.32f, 0.30f, 0.27f};  // the sky's lower half, and the ambient from below
  float exposure = 1.0f;                       // scales the scene before tone mapping
  // 0 by day .. 1 at night: how many facade windows are lit from inside (glass of the generator's "facade_*"
  // materials glows warm or cool by facade style). Point lights shine whatever this is.
  float night = 0.0f;
};

// A night preset: no sun, dark blue sky, exposure raised, windows lit.
Lighting nightLighting();

struct RenderSettings {
  uint32_t width = 1280;
  uint32_t height = 720;
  std::optional<Camera> camera;  // default: frameBounds() of the scene
  Background background = Background::Sky;
  glm::vec3 backgroundColor{1.0f};  // sRGB, for Background::Color
  uint32_t samples = 4;             // MSAA; clamped to what the device supports
  Aov aov = Aov::Color;
  Lighting lighting;
  // A cheaper frame (the viewer while the camera moves): no sun shadows, no point lights or halos, and
  // instances smaller than `minPixels` pixels left out (1: only those under a pixel, as always).
  bool shadows = true;
  bool pointLights = true;
  double minPixels = 1.0;
  // Large primitives drawn from their simplified triangles (scene::Primitive::coarseIndices, where built);
  // the id image is always drawn in full.
  bool coarse = false;
  // Aov::Id only (picking): just this rectangle of the width x height view, clamped to it; the image is the
  // rectangle's size and holds the same ids as that part of the whole id image, at a fraction of the cost. A
  // rectangle that starts outside the view gives an empty image.
  struct Region {
    uint32_t x = 0, y = 0, width = 1, height = 1;
  };
  std::optional<Region> idRegion;
};

using ct::RgbaImage;  // core/image.h: what render() returns, sinks take

struct FrameStats {
  double cpuRecordMs = 0.0;
  double gpuFrameMs = 0.0;  // submit to completion, including readback
  uint64_t trianglesSubmitted = 0;  // in the scene (every instance of every primitive)
  uint64_t trianglesDrawn = 0;      // after culling to the view (and, for shadows, to the lit area)
  uint32_t drawCalls = 0;     // vkCmdDrawIndexedIndirect calls recorded
  uint32_t drawCommands = 0;  // the (instanced) draws those calls issue
  uint32_t itemsVisible = 0;        // instance primitives inside the view frustum
  uint32_t lightsVisible = 0;  // point lights left after culling to the view
  uint64_t lightReferences = 0;  // cluster-light pairs (what shading may loop over)
  double lightBinningMs = 0.0; // CPU time to cull and bin them into clusters
  double uploadMs = 0.0;       // CPU time copying this frame's changed feature rows, lights and draws to the GPU
  // GPU time per pass (timestamp queries), in frame order; empty where the device has no timestamps.
  std::vector<std::pair<const char*, double>> passMs;
};

class Renderer {
 public:
  Renderer(gpu::Context& ctx, const scene::Scene& scene);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  RgbaImage render(const RenderSettings& settings);
  // Applies from the next frame on; rows past the feature table are ignored.
  void setFeatureStyle(uint32_t row, const FeatureStyle& style);
  // `count` rows from `firstRow` on, copied as they are (one memcpy); rows past the table are ignored. Only the
  // rows changed since a frame in flight last ran are uploaded to it.
  void setFeatureStyles(uint32_t firstRow, const FeatureStyle* styles, size_t count);
  void clearFeatureStyles();
  // The point lights of the next frames (replacing any before; empty: none). Each frame culls them to the view
  // and bins them into clusters (screen tiles x depth slices) on the CPU; tens of thousands are fine.
  void setPointLights(const std::vector<PointLight>& lights);
  const FrameStats& lastStats() const { return mStats; }
  double uploadMs() const { return mUploadMs; }

 private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
  FrameStats mStats;
  double mUploadMs = 0.0;
};

}  // namespace ct::render
