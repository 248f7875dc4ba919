// Offscreen renderer: uploads a scene once, then renders frames (shadow, sky, model, post) and reads them back.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "gpu/device.h"
#include "render/camera.h"
#include "scene/scene.h"

namespace ct::render {

enum class Background { Sky, Transparent, Color };
// What an image holds: the lit colour, or the feature under each pixel (RGB = feature row + 1 as 24-bit
// little-endian, 0 where there is none; alpha 255; no antialiasing).
enum class Aov { Color, Id };

struct RenderSettings {
  uint32_t width = 1280;
  uint32_t height = 720;
  std::optional<Camera> camera;  // default: frameBounds() of the scene
  Background background = Background::Sky;
  glm::vec3 backgroundColor{1.0f};  // sRGB, for Background::Color
  uint32_t samples = 4;             // MSAA; clamped to what the device supports
  Aov aov = Aov::Color;
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
  // GPU time per pass (timestamp queries), in frame order; empty where the device has no timestamps.
  std::vector<std::pair<const char*, double>> passMs;
};

// How one feature looks (the renderer's per-feature state buffer, indexed by feature row): `tint` mixes the
// lit surface towards tint.rgb by tint.a; a hidden feature is drawn nowhere (colour, shadows, ids).
struct FeatureStyle {
  glm::vec4 tint{0.0f};
  bool hidden = false;
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
  void clearFeatureStyles();
  const FrameStats& lastStats() const { return mStats; }
  double uploadMs() const { return mUploadMs; }

 private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
  FrameStats mStats;
  double mUploadMs = 0.0;
};

}  // namespace ct::render
