// Presenting a frame: wait for the frame slot, acquire a swapchain image, copy the view's pixels into a staging
// image, blit it (scaled) into the swapchain image, draw the UI pass over it, optionally read the result back,
// and present. A resized or minimised window recreates the swapchain before the next frame.
#include "render/presenter.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstring>

#include <imgui.h>
#include <imgui_impl_vulkan.h>

#include "gpu/context.h"
#include "gpu/resources.h"
#include "gpu/swapchain.h"
#include "ui_pass.h"

namespace ct::render {

struct Presenter::Impl {
  gpu::Context* ctx = nullptr;
  GLFWwindow* window = nullptr;
  std::unique_ptr<gpu::Swapchain> swapchain;
  std::unique_ptr<UiPass> ui;
  struct Slot {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkSemaphore acquired = VK_NULL_HANDLE;
    gpu::Buffer staging;   // the view's pixels
    gpu::Image source;     // the same, as an image to blit from
    gpu::Buffer readback;  // window screenshots
    uint64_t done = 0;
  };
  Slot slots[gpu::kFramesInFlight];
  uint32_t slot = 0;
  std::vector<VkSemaphore> rendered;  // per swapchain image: the submission that present waits on
  bool needsRecreate = true;

  VkSemaphore makeSemaphore() {
    VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore s;
    gpu::check(vkCreateSemaphore(ctx->device(), &sci, nullptr, &s), "vkCreateSemaphore(present)");
    return s;
  }

  bool recreate() {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    if (!swapchain->recreate(static_cast<uint32_t>(std::max(w, 0)), static_cast<uint32_t>(std::max(h, 0))))
      return false;
    for (VkSemaphore s : rendered) vkDestroySemaphore(ctx->device(), s, nullptr);
    rendered.clear();
    for (uint32_t i = 0; i < swapchain->imageCount(); ++i) rendered.push_back(makeSemaphore());
    if (ui) ui->setTargets(*swapchain);
    needsRecreate = false;
    return true;
  }
};

Result<std::unique_ptr<Presenter>> Presenter::create(gpu::Context& ctx, GLFWwindow* window, bool vsync) {
  using R = Result<std::unique_ptr<Presenter>>;
  if (!ctx.presentation()) return R::fail("the Vulkan context was created without window support");
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkResult r = glfwCreateWindowSurface(ctx.instance(), window, nullptr, &surface);
  if (r != VK_SUCCESS) return R::fail(std::string("cannot create a Vulkan surface for the window: ") + gpu::resultName(r));
  VkBool32 supported = VK_FALSE;
  vkGetPhysicalDeviceSurfaceSupportKHR(ctx.physicalDevice(), ctx.queueFamily(), surface, &supported);
  if (!supported) {
    vkDestroySurfaceKHR(ctx.instance(), surface, nullptr);
    return R::fail("the Vulkan device cannot present to this window");
  }
  std::unique_ptr<Presenter> p(new Presenter());
  p->mImpl = std::make_unique<Impl>();
  Impl& m = *p->mImpl;
  m.ctx = &ctx;
  m.window = window;
  m.swapchain = std::make_unique<gpu::Swapchain>(ctx, surface, vsync);
  if (!m.recreate()) {
    // A window that starts minimised: make a minimal swapchain later; the UI backend needs a format now.
    m.swapchain->recreate(1, 1);
    m.needsRecreate = true;
  }
  for (Impl::Slot& s : m.slots) {
    s.cmd = ctx.allocateCommandBuffer();
    s.acquired = m.makeSemaphore();
  }
  m.ui = std::make_unique<UiPass>(ctx, *m.swapchain);
  return R::ok(std::move(p));
}

Presenter::~Presenter() {
  if (!mImpl) return;
  Impl& m = *mImpl;
  vkDeviceWaitIdle(m.ctx->device());
  m.ui.reset();
  for (Impl::Slot& s : m.slots) {
    m.ctx->freeCommandBuffer(s.cmd);
    vkDestroySemaphore(m.ctx->device(), s.acquired, nullptr);
  }
  for (VkSemaphore s : m.rendered) vkDestroySemaphore(m.ctx->device(), s, nullptr);
  m.swapchain.reset();
}

uint32_t Presenter::width() const { return mImpl->swapchain->extent().width; }
uint32_t Presenter::height() const { return mImpl->swapchain->extent().height; }

void Presenter::newFrame() { ImGui_ImplVulkan_NewFrame(); }

void Presenter::reloadFonts() {
  vkDeviceWaitIdle(mImpl->ctx->device());
  mImpl->ui->uploadFonts();
}

bool Presenter::present(const RgbaImage& view, ImDrawData* ui, RgbaImage* capture) {
  Impl& m = *mImpl;
  gpu::Context& ctx = *m.ctx;
  if (capture) *capture = RgbaImage();
  if (m.needsRecreate && !m.recreate()) return false;
  Impl::Slot& s = m.slots[m.slot];
  ctx.waitFor(s.done);
  const int acquired = m.swapchain->acquire(s.acquired);
  if (acquired < 0) {
    m.needsRecreate = true;
    return false;
  }
  m.slot = (m.slot + 1) % gpu::kFramesInFlight;
  const uint32_t index = static_cast<uint32_t>(acquired);
  const VkImage target = m.swapchain->image(index);
  const VkExtent2D extent = m.swapchain->extent();

  const bool hasView = view.width > 0 && view.height > 0 && view.pixels.size() >= size_t(view.width) * view.height * 4;
  if (hasView) {
    const VkDeviceSize bytes = VkDeviceSize(view.width) * view.height * 4;
    if (!s.staging || s.staging.size() < bytes)
      s.staging = gpu::Buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
    std::memcpy(s.staging.mapped(), view.pixels.data(), bytes);
    if (!s.source || s.source.desc().width != view.width || s.source.desc().height != view.height) {
      gpu::ImageDesc d;
      d.width = view.width;
      d.height = view.height;
      d.format = VK_FORMAT_R8G8B8A8_UNORM;
      d.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
      s.source = gpu::Image(ctx, d);
    }
  }
  const bool readBack = capture != nullptr && m.swapchain->readable();
  if (readBack) {
    const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
    if (!s.readback || s.readback.size() < bytes)
      s.readback = gpu::Buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
  }

  VkCommandBuffer cmd = s.cmd;
  vkResetCommandBuffer(cmd, 0);
  VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  gpu::check(vkBeginCommandBuffer(cmd, &bi), "vkBeginCommandBuffer(present)");
  const VkImageAspectFlags color = VK_IMAGE_ASPECT_COLOR_BIT;
  gpu::transition(cmd, target, color, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, 0, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                  VK_ACCESS_2_TRANSFER_WRITE_BIT);
  if (hasView) {
    gpu::transition(cmd, s.source.handle(), color, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, 0, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy copy{};
    copy.imageSubresource = {color, 0, 0, 1};
    copy.imageExtent = {view.width, view.height, 1};
    vkCmdCopyBufferToImage(cmd, s.staging.handle(), s.source.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy);
    gpu::transition(cmd, s.source.handle(), color, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    VkImageBlit blit{};
    blit.srcSubresource = {color, 0, 0, 1};
    blit.srcOffsets[1] = {int32_t(view.width), int32_t(view.height), 1};
    blit.dstSubresource = {color, 0, 0, 1};
    blit.dstOffsets[1] = {int32_t(extent.width), int32_t(extent.height), 1};
    const bool same = view.width == extent.width && view.height == extent.height;
    vkCmdBlitImage(cmd, s.source.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, same ? VK_FILTER_NEAREST : VK_FILTER_LINEAR);
  } else {
    VkClearColorValue black{};
    VkImageSubresourceRange range{color, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &range);
  }
  gpu::transition(cmd, target, color, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                  VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                  VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  m.ui->record(cmd, index, extent, ui);
  VkImageLayout last = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  if (readBack) {
    gpu::transition(cmd, target, color, last, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    VkBufferImageCopy copy{};
    copy.imageSubresource = {color, 0, 0, 1};
    copy.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, s.readback.handle(), 1, &copy);
    last = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  }
  gpu::transition(cmd, target, color, last, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                  VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_READ_BIT,
                  VK_PIPELINE_STAGE_2_NONE, 0);
  gpu::check(vkEndCommandBuffer(cmd), "vkEndCommandBuffer(present)");
  VkSemaphore rendered = m.rendered[index];
  s.done = ctx.submit(cmd, s.acquired, rendered);
  if (!m.swapchain->present(index, rendered)) m.needsRecreate = true;
  int w = 0, h = 0;
  glfwGetFramebufferSize(m.window, &w, &h);
  if (uint32_t(w) != extent.width || uint32_t(h) != extent.height) m.needsRecreate = true;
  if (readBack) {
    ctx.waitFor(s.done);
    capture->width = extent.width;
    capture->height = extent.height;
    capture->pixels.resize(size_t(extent.width) * extent.height * 4);
    std::memcpy(capture->pixels.data(), s.readback.mapped(), capture->pixels.size());
    const VkFormat f = m.swapchain->format();
    if (f == VK_FORMAT_B8G8R8A8_UNORM || f == VK_FORMAT_B8G8R8A8_SRGB)
      for (size_t i = 0; i < capture->pixels.size(); i += 4) std::swap(capture->pixels[i], capture->pixels[i + 2]);
    for (size_t i = 3; i < capture->pixels.size(); i += 4) capture->pixels[i] = 255;
  }
  return true;
}

}  // namespace ct::render
