// The UI pass: Dear ImGui's draw data over the swapchain image, through Dear ImGui's Vulkan backend (1.86,
// which needs a VkRenderPass: this pass has its own, loading what the view blit left in the image).
#pragma once
#include <vulkan/vulkan.h>

#include <vector>

#include "gpu/context.h"
#include "gpu/swapchain.h"

struct ImDrawData;

namespace ct::render {

class UiPass {
 public:
  UiPass(gpu::Context& ctx, const gpu::Swapchain& swapchain);
  ~UiPass();
  UiPass(const UiPass&) = delete;
  UiPass& operator=(const UiPass&) = delete;

  // Framebuffers for the swapchain's current images (after each recreation).
  void setTargets(const gpu::Swapchain& swapchain);
  // Expects the image in COLOR_ATTACHMENT_OPTIMAL and leaves it so.
  void record(VkCommandBuffer cmd, uint32_t image, VkExtent2D extent, ImDrawData* data);
  void uploadFonts();

 private:
  void destroyFramebuffers();
  gpu::Context& mCtx;
  VkRenderPass mRenderPass = VK_NULL_HANDLE;
  VkDescriptorPool mPool = VK_NULL_HANDLE;
  std::vector<VkFramebuffer> mFramebuffers;
};

}  // namespace ct::render
