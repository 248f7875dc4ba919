// RAII buffers and images. Destruction is deferred until the GPU has finished the work submitted so far.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>

#include "gpu/context.h"

namespace ct::gpu {

class Buffer {
 public:
  Buffer() = default;
  // Host-visible buffers are persistently mapped (coherent); others are device-local.
  Buffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible);
  ~Buffer() { reset(); }
  Buffer(Buffer&& o) noexcept { *this = std::move(o); }
  Buffer& operator=(Buffer&& o) noexcept;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  void reset();
  VkBuffer handle() const { return mBuffer; }
  VkDeviceSize size() const { return mSize; }
  void* mapped() const { return mMapped; }
  explicit operator bool() const { return mBuffer != VK_NULL_HANDLE; }

 private:
  Context* mCtx = nullptr;
  VkBuffer mBuffer = VK_NULL_HANDLE;
  VkDeviceMemory mMemory = VK_NULL_HANDLE;
  VkDeviceSize mSize = 0;
  void* mMapped = nullptr;
};

struct ImageDesc {
  uint32_t width = 1, height = 1, mipLevels = 1;
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

class Image {
 public:
  Image() = default;
  Image(Context& ctx, const ImageDesc& desc);
  ~Image() { reset(); }
  Image(Image&& o) noexcept { *this = std::move(o); }
  Image& operator=(Image&& o) noexcept;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;

  void reset();
  VkImage handle() const { return mImage; }
  VkImageView view() const { return mView; }
  const ImageDesc& desc() const { return mDesc; }
  explicit operator bool() const { return mImage != VK_NULL_HANDLE; }

 private:
  Context* mCtx = nullptr;
  VkImage mImage = VK_NULL_HANDLE;
  VkImageView mView = VK_NULL_HANDLE;
  VkDeviceMemory mMemory = VK_NULL_HANDLE;
  VkDeviceSize mBytes = 0;
  ImageDesc mDesc;
};

// Image layout transition with synchronization2; covers all mips.
void transition(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from, VkImageLayout to,
                VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                VkAccessFlags2 dstAccess, uint32_t mipLevels = VK_REMAINING_MIP_LEVELS);

// Uploads bytes to a device-local buffer through a staging buffer (waits for completion).
Buffer uploadBuffer(Context& ctx, const void* data, VkDeviceSize size, VkBufferUsageFlags usage);
// Uploads RGBA8 pixels into mip 0 and generates the other mips by blitting; leaves SHADER_READ_ONLY layout.
Image uploadTexture(Context& ctx, const uint8_t* rgba, uint32_t width, uint32_t height, VkFormat format, bool mipmaps);

}  // namespace ct::gpu
