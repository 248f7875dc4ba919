// What the passes of one frame share: targets, pipelines, descriptor sets, the draw list (draw_list.h).
#pragma once
#include <map>
#include <vector>

#include "common/shared.h"
#include "gpu/resources.h"
#include "gpu_scene.h"
#include "render/renderer.h"

namespace ct::render {

inline constexpr VkFormat kHdrFormat = VK_FORMAT_R16G16B16A16_SFLOAT;
inline constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;
inline constexpr VkFormat kOutputFormat = VK_FORMAT_R8G8B8A8_SRGB;
inline constexpr VkFormat kIdFormat = VK_FORMAT_R32_UINT;
inline constexpr uint32_t kShadowMapSize = 2048;

struct Targets {
  uint32_t width = 0, height = 0;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  gpu::Image colorMs, depthMs;  // multisampled scene targets (absent when samples == 1)
  gpu::Image hdr;               // resolved scene colour, premultiplied alpha = coverage
  gpu::Image output;            // tone-mapped sRGB
  gpu::Image shadow;
  gpu::Image ids, idDepth;  // feature-id AOV (single-sample; created on first use)
  gpu::Buffer readback;
  VkImageView sceneColorView() const { return colorMs ? colorMs.view() : hdr.view(); }
};

struct Pipelines {
  VkPipelineLayout modelLayout = VK_NULL_HANDLE, postLayout = VK_NULL_HANDLE;
  VkDescriptorSetLayout frameSetLayout = VK_NULL_HANDLE, materialSetLayout = VK_NULL_HANDLE,
                        postSetLayout = VK_NULL_HANDLE;
  // [topology][alpha mode: opaque, mask, blend]. Only the mask pipelines may discard: the others keep early
  // depth testing, so hidden surfaces are not shaded.
  VkPipeline model[3][3] = {};
  VkPipeline shadow = VK_NULL_HANDLE;        // depth only, no fragment shader
  VkPipeline shadowMasked = VK_NULL_HANDLE;  // alpha-masked casters
  VkPipeline sky = VK_NULL_HANDLE, post = VK_NULL_HANDLE;
  VkPipeline halo = VK_NULL_HANDLE;  // additive light halos (lights_pass.cpp)
  VkPipeline id[3] = {};  // [topology]
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  // The sample-dependent pipelines built for other sample counts, kept for switching back (the viewer moves at
  // one sample and refines at four: rebuilding them each time cost lavapipe's shader compiler).
  struct SampleSet {
    VkPipeline model[3][3] = {};
    VkPipeline sky = VK_NULL_HANDLE, halo = VK_NULL_HANDLE;
  };
  std::map<VkSampleCountFlagBits, SampleSet> spare;
};

struct FrameContext {
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  const GpuScene* scene = nullptr;
  const Pipelines* pipelines = nullptr;
  const Targets* targets = nullptr;
  VkDescriptorSet frameSet = VK_NULL_HANDLE;
  VkDescriptorSet postSet = VK_NULL_HANDLE;
  const std::vector<DrawItem>* opaque = nullptr;
  const std::vector<DrawItem>* blended = nullptr;
  const std::vector<DrawItem>* casters = nullptr;  // shadow casters (opaque, culled to the lit area)
  const RenderSettings* settings = nullptr;
  VkBuffer indirect = VK_NULL_HANDLE;  // the draw items' commands (DrawList::commands)
  uint32_t maxDrawCount = 1;           // per indirect call (1 without multiDrawIndirect)
  uint32_t* drawCalls = nullptr;       // counts the indirect calls recorded
  bool sunDark = false;     // no sun this frame: the shadow pass only prepares the (unread) shadow map
  uint32_t lightCount = 0;  // visible point lights (halos to draw)
  glm::vec4 postParams{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec4 postBackground{0.0f};
};

// The passes, in frame order (renderer.cpp lists them).
void recordShadowPass(const FrameContext& f);
void recordModelPass(const FrameContext& f);  // clears, opaque geometry, sky (recordSky), blended geometry
void recordPostPass(const FrameContext& f);
void recordIdPass(const FrameContext& f);  // instead of the others, for --aov id

// Shared helpers for passes.
// The sky gradient where the depth is still clear (called inside the scene pass, after opaque geometry).
void recordSky(const FrameContext& f);
// Halos of the visible point lights, added over the scene (inside the scene pass, after blended geometry).
void recordLightHalos(const FrameContext& f);
// Begins dynamic rendering over the whole width x height area (color and/or depth may be null) and sets the
// viewport and scissor to match.
void beginRendering(VkCommandBuffer cmd, uint32_t width, uint32_t height, const VkRenderingAttachmentInfo* color,
                    const VkRenderingAttachmentInfo* depth);
enum class DrawMode { Color, Shadow, Id };
// Records the items as indirect multi-draws: consecutive items that share pipeline, material, culling and
// winding become one vkCmdDrawIndexedIndirect over their commands.
void drawItems(const FrameContext& f, const std::vector<DrawItem>& items, DrawMode mode);
// Copies a colour image just rendered (COLOR_ATTACHMENT layout) into the readback buffer, visible to the host.
void copyToReadback(VkCommandBuffer cmd, VkImage image, const Targets& t);

Pipelines createPipelines(gpu::Context& ctx, VkSampleCountFlagBits samples);
// Recreates the pipelines that draw into the multisampled targets (model, sky) for another sample count.
void setSampleCount(gpu::Context& ctx, Pipelines& p, VkSampleCountFlagBits samples);
void destroyPipelines(gpu::Context& ctx, Pipelines& p);

}  // namespace ct::render
