// Scene pass: clears the targets, draws opaque and masked geometry, the sky behind it, then blended draws back
// to front, then the halos of point lights; resolves MSAA into the HDR target.
#include "frame.h"

namespace ct::render {

void beginRendering(VkCommandBuffer cmd, uint32_t width, uint32_t height, const VkRenderingAttachmentInfo* color,
                    const VkRenderingAttachmentInfo* depth) {
  VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
  ri.renderArea = {{0, 0}, {width, height}};
  ri.layerCount = 1;
  ri.colorAttachmentCount = color ? 1 : 0;
  ri.pColorAttachments = color;
  ri.pDepthAttachment = depth;
  vkCmdBeginRendering(cmd, &ri);
  VkViewport vp{0.0f, 0.0f, static_cast<float>(width), static_cast<float>(height), 0.0f, 1.0f};
  VkRect2D scissor{{0, 0}, {width, height}};
  vkCmdSetViewport(cmd, 0, 1, &vp);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void drawItems(const FrameContext& f, const std::vector<DrawItem>& items, DrawMode mode) {
  const bool shadow = mode == DrawMode::Shadow;
  VkCommandBuffer cmd = f.cmd;
  const Pipelines& p = *f.pipelines;
  VkBuffer vb = f.scene->vertexBuffer();
  VkDeviceSize zero = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
  vkCmdBindIndexBuffer(cmd, f.scene->indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, p.modelLayout, 0, 1, &f.frameSet, 0, nullptr);
  struct State {
    VkPipeline pipeline = VK_NULL_HANDLE;
    int material = -1;
    VkCullModeFlags cull = VK_CULL_MODE_NONE;
    VkFrontFace front = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    bool operator==(const State&) const = default;
  };
  auto stateOf = [&](const DrawItem& item) {
    const GpuPrimitive& prim = *item.primitive;
    const scene::Material& mat = f.scene->material(prim.material);
    const int topology = static_cast<int>(prim.topology);
    State s;
    const int alpha = static_cast<int>(mat.alphaMode);  // opaque, mask, blend
    s.pipeline = shadow ? (mat.alphaMode == scene::AlphaMode::Mask ? p.shadowMasked : p.shadow)
                 : mode == DrawMode::Id ? p.id[topology]
                                        : p.model[topology][alpha];
    s.material = prim.material;
    // Shadows are cast by both faces so that thin and open geometry still darkens the ground.
    s.cull = (mat.doubleSided || shadow) ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
    s.front = item.mirrored ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE;
    return s;
  };
  State bound;
  bool first = true;
  constexpr uint32_t stride = sizeof(VkDrawIndexedIndirectCommand);
  for (size_t i = 0; i < items.size();) {
    const State s = stateOf(items[i]);
    size_t n = 1;  // the run of items with the same state and consecutive commands
    while (i + n < items.size() && n < f.maxDrawCount && items[i + n].command == items[i].command + n &&
           stateOf(items[i + n]) == s)
      ++n;
    if (first || s.pipeline != bound.pipeline) vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline);
    if (first || s.material != bound.material) {
      VkDescriptorSet set = f.scene->materialSet(s.material);
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, p.modelLayout, 1, 1, &set, 0, nullptr);
    }
    if (first || s.cull != bound.cull) vkCmdSetCullMode(cmd, s.cull);
    if (first || s.front != bound.front) vkCmdSetFrontFace(cmd, s.front);
    bound = s;
    first = false;
    vkCmdDrawIndexedIndirect(cmd, f.indirect, VkDeviceSize(items[i].command) * stride, static_cast<uint32_t>(n),
                             stride);
    if (f.drawCalls) ++*f.drawCalls;
    i += n;
  }
}

void recordModelPass(const FrameContext& f) {
  VkCommandBuffer cmd = f.cmd;
  const Targets& t = *f.targets;
  const VkPipelineStageFlags2 colorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  const VkPipelineStageFlags2 depthStages =
      VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  const VkAccessFlags2 colorRW = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT;
  const VkAccessFlags2 depthRW =
      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
  if (t.colorMs)
    gpu::transition(cmd, t.colorMs.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorStage, 0, colorStage, colorRW);
  gpu::transition(cmd, t.hdr.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, 0, colorStage,
                  colorRW);
  gpu::transition(cmd, t.depthMs.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages, 0, depthStages, depthRW);

  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageView = t.sceneColorView();
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = t.colorMs ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  color.clearValue.color = {{0.0f, 0.0f, 0.0f, 0.0f}};
  if (t.colorMs) {
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = t.hdr.view();
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  depth.imageView = t.depthMs.view();
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.clearValue.depthStencil = {0.0f, 0};  // reverse-Z: 0 is infinitely far
  beginRendering(cmd, t.width, t.height, &color, &depth);
  drawItems(f, *f.opaque, DrawMode::Color);
  recordSky(f);  // where nothing opaque was drawn
  drawItems(f, *f.blended, DrawMode::Color);
  recordLightHalos(f);
  vkCmdEndRendering(cmd);
}

}  // namespace ct::render
