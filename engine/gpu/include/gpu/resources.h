// RAII buffers and images. Destruction is deferred until the GPU has finished the work submitted so far.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <vector>

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
  VkDeviceSize mSize = 0;   // requested
  VkDeviceSize mBytes = 0;  // allocated (alignment and minimum size included): what allocatedBytes() counts
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

// A buffer whose contents `fill` writes once: straight into its memory where device-local memory is
// host-visible (CPU and integrated devices), else into a staging buffer copied to device-local memory.
// Waits for the copy.
Buffer createBuffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage,
                    const std::function<void(uint8_t*)>& fill);
// The same with the bytes given.
Buffer uploadBuffer(Context& ctx, const void* data, VkDeviceSize size, VkBufferUsageFlags usage);

// RGBA8 pixels for a texture; mipmapped textures get their mips computed on the CPU (2x2 box filter, in
// linear light for sRGB formats).
struct TextureSource {
  const uint8_t* rgba = nullptr;
  uint32_t width = 1, height = 1;
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  bool mipmaps = true;
};
// Uploads all of them with one submission; every image ends in SHADER_READ_ONLY layout.
std::vector<Image> uploadTextures(Context& ctx, const std::vector<TextureSource>& sources);
Image uploadTexture(Context& ctx, const uint8_t* rgba, uint32_t width, uint32_t height, VkFormat format, bool mipmaps);

// The mip chain below level 0 (level 1 first), each level half the size of the one above (at least 1).
std::vector<std::vector<uint8_t>> mipChain(const uint8_t* rgba, uint32_t width, uint32_t height, bool srgb);

}  // namespace ct::gpu
