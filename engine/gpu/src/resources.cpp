// Buffer and image lifetimes, layout transitions.
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
  mBytes = req.size;  // what was allocated, not what was asked for: reset() gives back the same number
  ctx.trackAllocation(static_cast<int64_t>(mBytes));
}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
  if (this != &o) {
    reset();
    mCtx = std::exchange(o.mCtx, nullptr);
    mBuffer = std::exchange(o.mBuffer, VK_NULL_HANDLE);
    mMemory = std::exchange(o.mMemory, VK_NULL_HANDLE);
    mSize = std::exchange(o.mSize, 0);
    mBytes = std::exchange(o.mBytes, 0);
    mMapped = std::exchange(o.mMapped, nullptr);
  }
  return *this;
}

void Buffer::reset() {
  if (!mCtx || !mBuffer) return;
  VkDevice dev = mCtx->device();
  VkBuffer b = mBuffer;
  VkDeviceMemory m = mMemory;
  mCtx->trackAllocation(-static_cast<int64_t>(mBytes));
  mCtx->deferDestroy([dev, b, m] {
    vkDestroyBuffer(dev, b, nullptr);
    vkFreeMemory(dev, m, nullptr);
  });
  mBuffer = VK_NULL_HANDLE;
  mMemory = VK_NULL_HANDLE;
  mMapped = nullptr;
  mSize = 0;
  mBytes = 0;
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

}  // namespace ct::gpu
