// A window's swapchain: surface format and present mode chosen, images and views, acquire and present, and
// recreation after a resize. For gpu and render sources only (Vulkan-heavy, like context.h).
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "gpu/context.h"

namespace ct::gpu {

class Swapchain {
 public:
  // Takes ownership of `surface`. vsync: FIFO; otherwise MAILBOX or IMMEDIATE where offered.
  Swapchain(Context& ctx, VkSurfaceKHR surface, bool vsync);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // (Re)creates the swapchain for the window's framebuffer size. False when there is nothing to draw into (a
  // minimised window: zero extent); the old swapchain is kept until then.
  bool recreate(uint32_t width, uint32_t height);
  // The next image, or -1 when the swapchain is out of date (recreate, then try again next frame).
  int acquire(VkSemaphore signal);
  // False when the swapchain is out of date or suboptimal (recreate before the next frame).
  bool present(uint32_t image, VkSemaphore wait);

  VkFormat format() const { return mFormat; }
  VkExtent2D extent() const { return mExtent; }
  uint32_t imageCount() const { return static_cast<uint32_t>(mImages.size()); }
  uint32_t minImageCount() const { return mMinImages; }
  VkImage image(uint32_t i) const { return mImages[i]; }
  VkImageView view(uint32_t i) const { return mViews[i]; }
  bool valid() const { return mSwapchain != VK_NULL_HANDLE; }
  bool readable() const { return mReadable; }  // images can be copied out (window screenshots)
  uint64_t generation() const { return mGeneration; }  // bumped by each recreation

 private:
  void destroyViews();
  Context& mCtx;
  VkSurfaceKHR mSurface = VK_NULL_HANDLE;
  VkSwapchainKHR mSwapchain = VK_NULL_HANDLE;
  bool mVsync = true;
  VkFormat mFormat = VK_FORMAT_B8G8R8A8_UNORM;
  VkExtent2D mExtent{0, 0};
  uint32_t mMinImages = 2;
  std::vector<VkImage> mImages;
  std::vector<VkImageView> mViews;
  uint64_t mGeneration = 0;
  bool mReadable = false;
};

}  // namespace ct::gpu
