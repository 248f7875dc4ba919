// Swapchain creation and recreation. The images hold sRGB-encoded bytes in a UNORM format: the renderer's
// output is already encoded, and Dear ImGui's colours are sRGB values too, so nothing converts twice.
#include "gpu/swapchain.h"

#include <algorithm>

namespace ct::gpu {

Swapchain::Swapchain(Context& ctx, VkSurfaceKHR surface, bool vsync) : mCtx(ctx), mSurface(surface), mVsync(vsync) {}

Swapchain::~Swapchain() {
  vkDeviceWaitIdle(mCtx.device());
  destroyViews();
  if (mSwapchain) vkDestroySwapchainKHR(mCtx.device(), mSwapchain, nullptr);
  if (mSurface) vkDestroySurfaceKHR(mCtx.instance(), mSurface, nullptr);
}

void Swapchain::destroyViews() {
  for (VkImageView v : mViews) vkDestroyImageView(mCtx.device(), v, nullptr);
  mViews.clear();
}

bool Swapchain::recreate(uint32_t width, uint32_t height) {
  VkPhysicalDevice pd = mCtx.physicalDevice();
  VkSurfaceCapabilitiesKHR caps;
  check(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(pd, mSurface, &caps), "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp(width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent.width == 0 || extent.height == 0) return false;

  uint32_t n = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(pd, mSurface, &n, nullptr);
  std::vector<VkSurfaceFormatKHR> formats(n);
  vkGetPhysicalDeviceSurfaceFormatsKHR(pd, mSurface, &n, formats.data());
  VkSurfaceFormatKHR chosen = formats.empty() ? VkSurfaceFormatKHR{VK_FORMAT_B8G8R8A8_UNORM,
                                                                    VK_COLOR_SPACE_SRGB_NONLINEAR_KHR}
                                              : formats[0];
  for (const VkSurfaceFormatKHR& f : formats)
    if ((f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM) &&
        f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
      chosen = f;
      break;
    }
  vkGetPhysicalDeviceSurfacePresentModesKHR(pd, mSurface, &n, nullptr);
  std::vector<VkPresentModeKHR> modes(n);
  vkGetPhysicalDeviceSurfacePresentModesKHR(pd, mSurface, &n, modes.data());
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR;  // always offered
  if (!mVsync) {
    for (VkPresentModeKHR m : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
      if (std::find(modes.begin(), modes.end(), m) != modes.end()) {
        mode = m;
        break;
      }
  }
  uint32_t images = std::max(caps.minImageCount + 1, kFramesInFlight + 1);
  if (caps.maxImageCount > 0) images = std::min(images, caps.maxImageCount);

  VkSwapchainCreateInfoKHR sci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  sci.surface = mSurface;
  sci.minImageCount = images;
  sci.imageFormat = chosen.format;
  sci.imageColorSpace = chosen.colorSpace;
  sci.imageExtent = extent;
  sci.imageArrayLayers = 1;
  // Transfer dst: the rendered view is blitted in; transfer src: window screenshots read it back.
  sci.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                   (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT);
  sci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  sci.preTransform = caps.currentTransform;
  sci.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                           ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                           : static_cast<VkCompositeAlphaFlagBitsKHR>(caps.supportedCompositeAlpha &
                                                                      -caps.supportedCompositeAlpha);
  sci.presentMode = mode;
  sci.clipped = VK_TRUE;
  sci.oldSwapchain = mSwapchain;
  vkDeviceWaitIdle(mCtx.device());  // the old images may still be read by frames in flight
  VkSwapchainKHR created = VK_NULL_HANDLE;
  check(vkCreateSwapchainKHR(mCtx.device(), &sci, nullptr, &created), "vkCreateSwapchainKHR");
  destroyViews();
  if (mSwapchain) vkDestroySwapchainKHR(mCtx.device(), mSwapchain, nullptr);
  mSwapchain = created;
  mFormat = chosen.format;
  mExtent = extent;
  mMinImages = std::max(2u, caps.minImageCount);
  mReadable = (sci.imageUsage & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;
  vkGetSwapchainImagesKHR(mCtx.device(), mSwapchain, &n, nullptr);
  mImages.resize(n);
  vkGetSwapchainImagesKHR(mCtx.device(), mSwapchain, &n, mImages.data());
  for (VkImage img : mImages) {
    VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vci.image = img;
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D;
    vci.format = mFormat;
    vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView view;
    check(vkCreateImageView(mCtx.device(), &vci, nullptr, &view), "vkCreateImageView(swapchain)");
    mViews.push_back(view);
  }
  ++mGeneration;
  return true;
}

int Swapchain::acquire(VkSemaphore signal) {
  uint32_t index = 0;
  VkResult r = vkAcquireNextImageKHR(mCtx.device(), mSwapchain, UINT64_MAX, signal, VK_NULL_HANDLE, &index);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) return -1;
  if (r != VK_SUBOPTIMAL_KHR) check(r, "vkAcquireNextImageKHR");
  return static_cast<int>(index);
}

bool Swapchain::present(uint32_t image, VkSemaphore wait) {
  VkPresentInfoKHR pi{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  pi.waitSemaphoreCount = 1;
  pi.pWaitSemaphores = &wait;
  pi.swapchainCount = 1;
  pi.pSwapchains = &mSwapchain;
  pi.pImageIndices = &image;
  VkResult r = vkQueuePresentKHR(mCtx.queue(), &pi);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
  check(r, "vkQueuePresentKHR");
  return true;
}

}  // namespace ct::gpu
