#include "ui_pass.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_impl_vulkan.h>

namespace ct::render {
namespace {
void checkImGui(VkResult r) {
  if (r != VK_SUCCESS) gpu::check(r, "Dear ImGui Vulkan backend");
}
}  // namespace

UiPass::UiPass(gpu::Context& ctx, const gpu::Swapchain& swapchain) : mCtx(ctx) {
  VkAttachmentDescription color{};
  color.format = swapchain.format();
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;  // the view is already there
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription sub{};
  sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  sub.colorAttachmentCount = 1;
  sub.pColorAttachments = &ref;
  VkSubpassDependency dep{};
  dep.srcSubpass = VK_SUBPASS_EXTERNAL;
  dep.dstSubpass = 0;
  dep.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  dep.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  dep.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  VkRenderPassCreateInfo rpci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  rpci.attachmentCount = 1;
  rpci.pAttachments = &color;
  rpci.subpassCount = 1;
  rpci.pSubpasses = &sub;
  rpci.dependencyCount = 1;
  rpci.pDependencies = &dep;
  gpu::check(vkCreateRenderPass(ctx.device(), &rpci, nullptr, &mRenderPass), "vkCreateRenderPass(ui)");

  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
  VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  dpci.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  dpci.maxSets = 16;
  dpci.poolSizeCount = 1;
  dpci.pPoolSizes = &size;
  gpu::check(vkCreateDescriptorPool(ctx.device(), &dpci, nullptr, &mPool), "vkCreateDescriptorPool(ui)");

  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = ctx.instance();
  info.PhysicalDevice = ctx.physicalDevice();
  info.Device = ctx.device();
  info.QueueFamily = ctx.queueFamily();
  info.Queue = ctx.queue();
  info.DescriptorPool = mPool;
  info.MinImageCount = std::max(2u, swapchain.minImageCount());
  // The backend cycles its vertex buffers over ImageCount frames: at least the frames that may be in flight.
  info.ImageCount = std::max({info.MinImageCount, swapchain.imageCount(), gpu::kFramesInFlight + 1});
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = &checkImGui;
  ImGui_ImplVulkan_Init(&info, mRenderPass);
  uploadFonts();
  setTargets(swapchain);
}

UiPass::~UiPass() {
  vkDeviceWaitIdle(mCtx.device());
  ImGui_ImplVulkan_Shutdown();
  destroyFramebuffers();
  vkDestroyDescriptorPool(mCtx.device(), mPool, nullptr);
  vkDestroyRenderPass(mCtx.device(), mRenderPass, nullptr);
}

void UiPass::uploadFonts() {
  mCtx.runOnce([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
}

void UiPass::destroyFramebuffers() {
  for (VkFramebuffer f : mFramebuffers) vkDestroyFramebuffer(mCtx.device(), f, nullptr);
  mFramebuffers.clear();
}

void UiPass::setTargets(const gpu::Swapchain& swapchain) {
  destroyFramebuffers();  // the caller has waited for the device (the swapchain's recreation does)
  for (uint32_t i = 0; i < swapchain.imageCount(); ++i) {
    VkImageView view = swapchain.view(i);
    VkFramebufferCreateInfo fci{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fci.renderPass = mRenderPass;
    fci.attachmentCount = 1;
    fci.pAttachments = &view;
    fci.width = swapchain.extent().width;
    fci.height = swapchain.extent().height;
    fci.layers = 1;
    VkFramebuffer fb;
    gpu::check(vkCreateFramebuffer(mCtx.device(), &fci, nullptr, &fb), "vkCreateFramebuffer(ui)");
    mFramebuffers.push_back(fb);
  }
  ImGui_ImplVulkan_SetMinImageCount(std::max(2u, swapchain.minImageCount()));
}

void UiPass::record(VkCommandBuffer cmd, uint32_t image, VkExtent2D extent, ImDrawData* data) {
  VkRenderPassBeginInfo rbi{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  rbi.renderPass = mRenderPass;
  rbi.framebuffer = mFramebuffers[image];
  rbi.renderArea.extent = extent;
  vkCmdBeginRenderPass(cmd, &rbi, VK_SUBPASS_CONTENTS_INLINE);
  if (data) ImGui_ImplVulkan_RenderDrawData(data, cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace ct::render
