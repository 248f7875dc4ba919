// Buffer and image lifetimes, layout transitions, staged uploads with mip generation.
#include "gpu/resources.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace ct::gpu {

Buffer::Buffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible) : mCtx(&ctx), mSize(size) {
  VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  bci.size = std::max<VkDeviceSize>(size, 4);
  bci.usage = usage;
  check(vkCreateBuffer(ctx.device(), &bci, nullptr, &mBuffer), "vkCreateBuffer");
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx.device(), mBuffer, &req);
  VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  mai.allocationSize = req.size;
  mai.memoryTypeIndex = ctx.findMemoryType(
      req.memoryTypeBits, hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                      : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  check(vkAllocateMemory(ctx.device(), &mai, nullptr, &mMemory), "vkAllocateMemory(buffer)");
  check(vkBindBufferMemory(ctx.device(), mBuffer, mMemory, 0), "vkBindBufferMemory");
  if (hostVisible) check(vkMapMemory(ctx.device(), mMemory, 0, VK_WHOLE_SIZE, 0, &mMapped), "vkMapMemory");
  ctx.trackAllocation(static_cast<int64_t>(req.size));
}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
  if (this != &o) {
    reset();
    mCtx = std::exchange(o.mCtx, nullptr);
    mBuffer = std::exchange(o.mBuffer, VK_NULL_HANDLE);
    mMemory = std::exchange(o.mMemory, VK_NULL_HANDLE);
    mSize = std::exchange(o.mSize, 0);
    mMapped = std::exchange(o.mMapped, nullptr);
  }
  return *this;
}

void Buffer::reset() {
  if (!mCtx || !mBuffer) return;
  VkDevice dev = mCtx->device();
  VkBuffer b = mBuffer;
  VkDeviceMemory m = mMemory;
  mCtx->trackAllocation(-static_cast<int64_t>(mSize));
  mCtx->deferDestroy([dev, b, m] {
    vkDestroyBuffer(dev, b, nullptr);
    vkFreeMemory(dev, m, nullptr);
  });
  mBuffer = VK_NULL_HANDLE;
  mMemory = VK_NULL_HANDLE;
  mMapped = nullptr;
  mSize = 0;
}

Image::Image(Context& ctx, const ImageDesc& desc) : mCtx(&ctx), mDesc(desc) {
  VkImageCreateInfo ici{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  ici.imageType = VK_IMAGE_TYPE_2D;
  ici.format = desc.format;
  ici.extent = {desc.width, desc.height, 1};
  ici.mipLevels = desc.mipLevels;
  ici.arrayLayers = 1;
  ici.samples = desc.samples;
  ici.tiling = VK_IMAGE_TILING_OPTIMAL;
  ici.usage = desc.usage;
  ici.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  check(vkCreateImage(ctx.device(), &ici, nullptr, &mImage), "vkCreateImage");
  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(ctx.device(), mImage, &req);
  VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  mai.allocationSize = req.size;
  mai.memoryTypeIndex = ctx.findMemoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  check(vkAllocateMemory(ctx.device(), &mai, nullptr, &mMemory), "vkAllocateMemory(image)");
  check(vkBindImageMemory(ctx.device(), mImage, mMemory, 0), "vkBindImageMemory");
  mBytes = req.size;
  ctx.trackAllocation(static_cast<int64_t>(mBytes));
  VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  vci.image = mImage;
  vci.viewType = VK_IMAGE_VIEW_TYPE_2D;
  vci.format = desc.format;
  vci.subresourceRange = {desc.aspect, 0, desc.mipLevels, 0, 1};
  check(vkCreateImageView(ctx.device(), &vci, nullptr, &mView), "vkCreateImageView");
}

Image& Image::operator=(Image&& o) noexcept {
  if (this != &o) {
    reset();
    mCtx = std::exchange(o.mCtx, nullptr);
    mImage = std::exchange(o.mImage, VK_NULL_HANDLE);
    mView = std::exchange(o.mView, VK_NULL_HANDLE);
    mMemory = std::exchange(o.mMemory, VK_NULL_HANDLE);
    mBytes = std::exchange(o.mBytes, 0);
    mDesc = o.mDesc;
  }
  return *this;
}

void Image::reset() {
  if (!mCtx || !mImage) return;
  VkDevice dev = mCtx->device();
  VkImage img = mImage;
  VkImageView view = mView;
  VkDeviceMemory mem = mMemory;
  mCtx->trackAllocation(-static_cast<int64_t>(mBytes));
  mCtx->deferDestroy([dev, img, view, mem] {
    vkDestroyImageView(dev, view, nullptr);
    vkDestroyImage(dev, img, nullptr);
    vkFreeMemory(dev, mem, nullptr);
  });
  mImage = VK_NULL_HANDLE;
  mView = VK_NULL_HANDLE;
  mMemory = VK_NULL_HANDLE;
}

void transition(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from, VkImageLayout to,
                VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                VkAccessFlags2 dstAccess, uint32_t mipLevels) {
  VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  b.srcStageMask = srcStage;
  b.srcAccessMask = srcAccess;
  b.dstStageMask = dstStage;
  b.dstAccessMask = dstAccess;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {aspect, 0, mipLevels, 0, 1};
  VkDependencyInfo di{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  di.imageMemoryBarrierCount = 1;
  di.pImageMemoryBarriers = &b;
  vkCmdPipelineBarrier2(cmd, &di);
}

Buffer uploadBuffer(Context& ctx, const void* data, VkDeviceSize size, VkBufferUsageFlags usage) {
  Buffer dst(ctx, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
  if (size == 0) return dst;
  Buffer staging(ctx, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  std::memcpy(staging.mapped(), data, size);
  ctx.runOnce([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging.handle(), dst.handle(), 1, &region);
  });
  return dst;
}

Image uploadTexture(Context& ctx, const uint8_t* rgba, uint32_t width, uint32_t height, VkFormat format, bool mipmaps) {
  uint32_t mips = mipmaps ? static_cast<uint32_t>(std::floor(std::log2(std::max(width, height)))) + 1 : 1;
  ImageDesc d;
  d.width = width;
  d.height = height;
  d.mipLevels = mips;
  d.format = format;
  d.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  Image img(ctx, d);
  VkDeviceSize bytes = VkDeviceSize(width) * height * 4;
  Buffer staging(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  std::memcpy(staging.mapped(), rgba, bytes);
  ctx.runOnce([&](VkCommandBuffer cmd) {
    VkImage h = img.handle();
    transition(cmd, h, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
               VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {width, height, 1};
    vkCmdCopyBufferToImage(cmd, staging.handle(), h, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    int32_t w = static_cast<int32_t>(width), hgt = static_cast<int32_t>(height);
    for (uint32_t level = 1; level < mips; ++level) {
      VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
      b.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
      b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
      b.dstStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
      b.dstAccessMask = VK_ACCESS_2_TRANSFER_READ_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = h;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 1, 0, 1};
      VkDependencyInfo di{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
      di.imageMemoryBarrierCount = 1;
      di.pImageMemoryBarriers = &b;
      vkCmdPipelineBarrier2(cmd, &di);
      int32_t nw = std::max(1, w / 2), nh = std::max(1, hgt / 2);
      VkImageBlit blit{};
      blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
      blit.srcOffsets[1] = {w, hgt, 1};
      blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
      blit.dstOffsets[1] = {nw, nh, 1};
      vkCmdBlitImage(cmd, h, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, h, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit,
                     VK_FILTER_LINEAR);
      w = nw;
      hgt = nh;
    }
    // Levels 0..mips-2 are TRANSFER_SRC, the last is TRANSFER_DST: bring each to shader-read.
    for (uint32_t level = 0; level < mips; ++level) {
      VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
      b.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
      b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT | VK_ACCESS_2_TRANSFER_READ_BIT;
      b.dstStageMask = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
      b.dstAccessMask = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT;
      b.oldLayout = level + 1 < mips ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = h;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, level, 1, 0, 1};
      VkDependencyInfo di{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
      di.imageMemoryBarrierCount = 1;
      di.pImageMemoryBarriers = &b;
      vkCmdPipelineBarrier2(cmd, &di);
    }
  });
  return img;
}

}  // namespace ct::gpu
