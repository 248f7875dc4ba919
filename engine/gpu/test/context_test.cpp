// The Vulkan context on whatever device is present (lavapipe in CI): creation, uploads, deferred destruction.
#include <gtest/gtest.h>

#include <cstring>

#include "gpu/context.h"
#include "gpu/resources.h"

using namespace ct::gpu;

TEST(GpuContext, CreatesA13DeviceAndRoundTripsABuffer) {
  auto ctx = Context::create({});
  ASSERT_TRUE(ctx.ok()) << ctx.firstError();
  Context& c = *ctx.value();
  EXPECT_GE(c.info().apiVersion, VK_API_VERSION_1_3);
  EXPECT_FALSE(c.info().name.empty());
  std::vector<uint32_t> data(1000);
  for (uint32_t i = 0; i < data.size(); ++i) data[i] = i * 2654435761u;
  Buffer device = uploadBuffer(c, data.data(), data.size() * 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT);
  Buffer host(c, data.size() * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
  c.runOnce([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, data.size() * 4};
    vkCmdCopyBuffer(cmd, device.handle(), host.handle(), 1, &region);
  });
  EXPECT_EQ(std::memcmp(host.mapped(), data.data(), data.size() * 4), 0);
}

TEST(GpuContext, DestructionWaitsForSubmittedWork) {
  auto ctx = Context::create({});
  ASSERT_TRUE(ctx.ok()) << ctx.firstError();
  Context& c = *ctx.value();
  int destroyed = 0;
  c.deferDestroy([&] { ++destroyed; });
  c.runOnce([](VkCommandBuffer) {});  // completes a submission after the deferral was queued
  c.collect();
  EXPECT_EQ(destroyed, 1);
  uint64_t before = c.allocatedBytes();
  {
    Buffer b(c, 1 << 20, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, false);
    EXPECT_GE(c.allocatedBytes(), before + (1 << 20));
  }
  EXPECT_EQ(c.allocatedBytes(), before);
}

TEST(GpuContext, TextureUploadWithMips) {
  auto ctx = Context::create({});
  ASSERT_TRUE(ctx.ok()) << ctx.firstError();
  std::vector<uint8_t> pixels(64 * 32 * 4, 200);
  Image img = uploadTexture(*ctx.value(), pixels.data(), 64, 32, VK_FORMAT_R8G8B8A8_SRGB, true);
  EXPECT_EQ(img.desc().mipLevels, 7u);
  EXPECT_TRUE(static_cast<bool>(img));
}

TEST(GpuUpload, MipChainAveragesInLinearLightForSrgb) {
  // 4x2: left half black, right half white; one odd column case below.
  std::vector<uint8_t> px(4 * 2 * 4, 255);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) std::fill_n(&px[(y * 4 + x) * 4], 3, 0);
  auto linear = mipChain(px.data(), 4, 2, false);
  auto srgb = mipChain(px.data(), 4, 2, true);
  ASSERT_EQ(linear.size(), 2u);  // 2x1, then 1x1
  EXPECT_EQ(linear[0].size(), 2u * 1u * 4u);
  EXPECT_EQ(linear[0][0], 0);
  EXPECT_EQ(linear[0][4], 255);
  EXPECT_EQ(linear[1][0], 128);  // (0 + 255) / 2, rounded
  EXPECT_EQ(srgb[1][0], 188);    // half the light of white is sRGB 188, not 128
  EXPECT_EQ(srgb[1][3], 255);    // alpha is averaged as data
  std::vector<uint8_t> odd(3 * 1 * 4, 90);
  auto oddChain = mipChain(odd.data(), 3, 1, false);
  ASSERT_EQ(oddChain.size(), 1u);
  EXPECT_EQ(oddChain[0], std::vector<uint8_t>(4, 90));
}

TEST(GpuUpload, TexturesUploadTogetherWithAllTheirMips) {
  auto ctx = Context::create({});
  ASSERT_TRUE(ctx.ok()) << ctx.firstError();
  std::vector<uint8_t> a(16 * 8 * 4, 40), b(5 * 3 * 4, 7);
  auto images = uploadTextures(*ctx.value(), {{a.data(), 16, 8, VK_FORMAT_R8G8B8A8_SRGB, true},
                                              {b.data(), 5, 3, VK_FORMAT_R8G8B8A8_UNORM, false}});
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].desc().mipLevels, 5u);  // 16x8, 8x4, 4x2, 2x1, 1x1
  EXPECT_EQ(images[1].desc().mipLevels, 1u);
}

TEST(GpuContext, BadDeviceIndexIsAnError) {
  auto ctx = Context::create({99, false, false});
  ASSERT_FALSE(ctx.ok());
  EXPECT_NE(ctx.firstError().find("--device 99"), std::string::npos);
}

// Runs last in this binary: every earlier test must have left the validation layers silent.
TEST(GpuContext, ZZNoValidationMessages) { EXPECT_EQ(Context::validationMessageCount(), 0u); }
