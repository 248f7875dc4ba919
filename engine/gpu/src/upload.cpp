// Uploads: buffers written in place or staged, textures with CPU-computed mips in one submission.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "gpu/resources.h"

namespace ct::gpu {
namespace {

bool unifiedMemory(const Context& ctx) {
  const VkPhysicalDeviceType type = ctx.properties().deviceType;
  return type == VK_PHYSICAL_DEVICE_TYPE_CPU || type == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
}

bool isSrgb(VkFormat f) { return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB; }

const std::array<float, 256>& srgbToLinearTable() {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t{};
    for (int i = 0; i < 256; ++i) {
      const float c = float(i) / 255.0f;
      t[i] = c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
    }
    return t;
  }();
  return table;
}

uint8_t linearToSrgb(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  const float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
  return static_cast<uint8_t>(std::lround(s * 255.0f));
}

}  // namespace

Buffer createBuffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage,
                    const std::function<void(uint8_t*)>& fill) {
  if (unifiedMemory(ctx)) {
    Buffer direct(ctx, size, usage, true);
    if (size) fill(static_cast<uint8_t*>(direct.mapped()));
    return direct;
  }
  Buffer dst(ctx, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
  if (size == 0) return dst;
  Buffer staging(ctx, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  fill(static_cast<uint8_t*>(staging.mapped()));
  ctx.runOnce([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging.handle(), dst.handle(), 1, &region);
  });
  return dst;
}

Buffer uploadBuffer(Context& ctx, const void* data, VkDeviceSize size, VkBufferUsageFlags usage) {
  return createBuffer(ctx, size, usage, [&](uint8_t* out) { std::memcpy(out, data, size); });
}

std::vector<std::vector<uint8_t>> mipChain(const uint8_t* rgba, uint32_t width, uint32_t height, bool srgb) {
  std::vector<std::vector<uint8_t>> levels;
  const auto& toLinear = srgbToLinearTable();
  const uint8_t* src = rgba;
  uint32_t w = width, h = height;
  while (w > 1 || h > 1) {
    const uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    std::vector<uint8_t> dst(size_t(nw) * nh * 4);
    for (uint32_t y = 0; y < nh; ++y)
      for (uint32_t x = 0; x < nw; ++x) {
        const uint32_t x0 = std::min(2 * x, w - 1), x1 = std::min(2 * x + 1, w - 1);
        const uint32_t y0 = std::min(2 * y, h - 1), y1 = std::min(2 * y + 1, h - 1);
        const uint8_t* p[4] = {src + (size_t(y0) * w + x0) * 4, src + (size_t(y0) * w + x1) * 4,
                               src + (size_t(y1) * w + x0) * 4, src + (size_t(y1) * w + x1) * 4};
        uint8_t* out = &dst[(size_t(y) * nw + x) * 4];
        for (int c = 0; c < 4; ++c) {
          if (srgb && c < 3) {
            const float sum = toLinear[p[0][c]] + toLinear[p[1][c]] + toLinear[p[2][c]] + toLinear[p[3][c]];
            out[c] = linearToSrgb(sum * 0.25f);
          } else {
            out[c] = static_cast<uint8_t>((p[0][c] + p[1][c] + p[2][c] + p[3][c] + 2) / 4);
          }
        }
      }
    levels.push_back(std::move(dst));
    src = levels.back().data();
    w = nw;
    h = nh;
  }
  return levels;
}

std::vector<Image> uploadTextures(Context& ctx, const std::vector<TextureSource>& sources) {
  std::vector<Image> images;
  // Every level of every texture, packed into one staging buffer.
  struct Level {
    uint32_t image, level, width, height;
    VkDeviceSize offset;
  };
  std::vector<Level> levels;
  std::vector<std::vector<std::vector<uint8_t>>> chains(sources.size());
  VkDeviceSize total = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    const TextureSource& s = sources[i];
    if (s.mipmaps) chains[i] = mipChain(s.rgba, s.width, s.height, isSrgb(s.format));
    ImageDesc d;
    d.width = s.width;
    d.height = s.height;
    d.mipLevels = 1 + static_cast<uint32_t>(chains[i].size());
    d.format = s.format;
    d.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    images.emplace_back(ctx, d);
    uint32_t w = s.width, h = s.height;
    for (uint32_t l = 0; l < d.mipLevels; ++l) {
      levels.push_back({static_cast<uint32_t>(i), l, w, h, total});
      total += VkDeviceSize(w) * h * 4;
      w = std::max(1u, w / 2);
      h = std::max(1u, h / 2);
    }
  }
  if (images.empty()) return images;
  Buffer staging(ctx, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  auto* bytes = static_cast<uint8_t*>(staging.mapped());
  for (const Level& l : levels) {
    const uint8_t* src = l.level == 0 ? sources[l.image].rgba : chains[l.image][l.level - 1].data();
    std::memcpy(bytes + l.offset, src, size_t(l.width) * l.height * 4);
  }
  ctx.runOnce([&](VkCommandBuffer cmd) {
    for (const Image& img : images)
      transition(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                 VK_ACCESS_2_TRANSFER_WRITE_BIT);
    for (const Level& l : levels) {
      VkBufferImageCopy region{};
      region.bufferOffset = l.offset;
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, l.level, 0, 1};
      region.imageExtent = {l.width, l.height, 1};
      vkCmdCopyBufferToImage(cmd, staging.handle(), images[l.image].handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                             &region);
    }
    for (const Image& img : images)
      transition(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                 VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                 VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
  return images;
}

Image uploadTexture(Context& ctx, const uint8_t* rgba, uint32_t width, uint32_t height, VkFormat format, bool mipmaps) {
  return std::move(uploadTextures(ctx, {{rgba, width, height, format, mipmaps}}).front());
}

}  // namespace ct::gpu
