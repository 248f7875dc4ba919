// FeatureVisuals: the 32-byte record, dirty ranges, and the live-update fast path (with its benchmark figure).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "layers/color_ramp.h"
#include "layers/feature_visuals.h"

using namespace ct::layers;

TEST(FeatureVisuals, RecordIsTheRenderersLayout) {
  // std430 FeatureState: vec4 tint at 0, float value at 16, uint flags at 20, two reserved uints, 32 bytes.
  FeatureVisual v;
  v.color = {0.25f, 0.5f, 0.75f, 1.0f};
  v.value = 42.0f;
  v.flags = FeatureVisual::kUnlit | FeatureVisual::kNoData;
  unsigned char bytes[32];
  std::memcpy(bytes, &v, 32);
  float f[5];
  uint32_t u[3];
  std::memcpy(f, bytes, 20);
  std::memcpy(u, bytes + 20, 12);
  EXPECT_EQ(f[0], 0.25f);
  EXPECT_EQ(f[3], 1.0f);
  EXPECT_EQ(f[4], 42.0f);
  EXPECT_EQ(u[0], 6u);
  EXPECT_EQ(u[1], 0u);
  EXPECT_EQ(FeatureVisual::kHidden, 1u);  // the renderer's kFeatureHidden
  EXPECT_EQ(FeatureVisual::kUnlit, 2u);
  EXPECT_EQ(FeatureVisual::kNoData, 4u);
  EXPECT_EQ(FeatureVisual::kFlooded, 8u);
  EXPECT_EQ(FeatureVisual::kSelected, 16u);
}

TEST(FeatureVisuals, DirtyRangeCoversOnlyChangedRows) {
  FeatureVisuals fv;
  fv.resize(100);
  auto d = fv.takeDirty();
  EXPECT_EQ(d.begin, 0u);
  EXPECT_EQ(d.end, 100u);
  EXPECT_TRUE(fv.takeDirty().empty());
  uint64_t v0 = fv.version();
  fv.set(10, FeatureVisual{});  // the same as before: nothing changes
  EXPECT_TRUE(fv.dirty().empty());
  EXPECT_EQ(fv.version(), v0);
  FeatureVisual red;
  red.color = {1, 0, 0, 1};
  fv.set(10, red);
  fv.set(40, red);
  d = fv.takeDirty();
  EXPECT_EQ(d.begin, 10u);
  EXPECT_EQ(d.end, 41u);
  EXPECT_GT(fv.version(), v0);

  std::vector<FeatureVisual> rows(fv.rows().begin(), fv.rows().end());
  rows[55] = red;
  rows[70] = red;
  fv.assign(rows);
  d = fv.takeDirty();
  EXPECT_EQ(d.begin, 55u);
  EXPECT_EQ(d.end, 71u);
  fv.assign(rows);
  EXPECT_TRUE(fv.takeDirty().empty());
  fv.set(1000, red);  // out of range: ignored
  EXPECT_TRUE(fv.dirty().empty());
}

TEST(FeatureVisuals, ApplyValuesColoursRowsThroughTheRamp) {
  auto ramp = Ramp::fromStopStrings({"#2c7bb6", "#ffffbf", "#d7191c"}, 0.0, 300.0).value();
  ramp.setNoData(Srgb(10, 20, 30, 255));
  FeatureVisuals fv;
  fv.resize(8);
  fv.takeDirty();
  std::vector<uint32_t> rows = {3, 5, 6, 99};
  std::vector<float> values = {75.0f, std::nanf(""), 300.0f, 1.0f};
  size_t skipped = fv.applyValues(rows, values, ramp, 0.5f, FeatureVisual::kUnlit);
  EXPECT_EQ(skipped, 1u);
  EXPECT_NEAR(fv[3].color.r * 255.0f, 149.5f, 1e-3f);
  EXPECT_NEAR(fv[3].color.g * 255.0f, 189.0f, 1e-3f);
  EXPECT_NEAR(fv[3].color.b * 255.0f, 186.5f, 1e-3f);
  EXPECT_FLOAT_EQ(fv[3].color.a, 0.5f);
  EXPECT_EQ(fv[3].value, 75.0f);
  EXPECT_EQ(fv[3].flags, FeatureVisual::kUnlit);
  EXPECT_NEAR(fv[5].color.r * 255.0f, 10.0f, 1e-3f);
  EXPECT_NEAR(fv[5].color.b * 255.0f, 30.0f, 1e-3f);
  EXPECT_EQ(fv[5].flags, FeatureVisual::kUnlit | FeatureVisual::kNoData);
  EXPECT_NEAR(fv[6].color.g * 255.0f, 25.0f, 1e-3f);
  EXPECT_EQ(fv[4].color.a, 0.0f);  // untouched
  auto d = fv.takeDirty();
  EXPECT_EQ(d.begin, 3u);
  EXPECT_EQ(d.end, 7u);
}

// Benchmark figure (no timed assertion): a million value changes applied to a million-feature array.
TEST(FeatureVisuals, BenchmarkMillionUpdates) {
  const size_t n = 1'000'000;
  auto ramp = Ramp::named("viridis", 0.0, 100.0).value();
  FeatureVisuals fv;
  fv.resize(n);
  std::vector<uint32_t> rows(n);
  std::vector<float> values(n);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-10.0f, 110.0f);
  for (size_t i = 0; i < n; ++i) {
    rows[i] = uint32_t((i * 7919) % n);  // scattered rows
    values[i] = dist(rng);
  }
  auto time = [&](const std::vector<uint32_t>& order) {
    double best = 1e9;
    for (int rep = 0; rep < 5; ++rep) {
      auto t0 = std::chrono::steady_clock::now();
      fv.applyValues(order, values, ramp);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      best = std::min(best, ms);
      values[0] += 1.0f;
    }
    return best;
  };
  std::vector<uint32_t> sequential(n);
  for (size_t i = 0; i < n; ++i) sequential[i] = uint32_t(i);
  double seqMs = time(sequential);
  double ms = time(rows);
  std::printf("{\"benchmark\": \"feature_visuals_apply\", \"updates\": %zu, \"ms\": %.3f, "
              "\"ms_sequential_rows\": %.3f}\n", n, ms, seqMs);
  // Spot check that the work was done (the scattered pass ran last): the last update's row holds its colour.
  glm::vec4 want = ramp.sample(values[n - 1]) / 255.0f;
  EXPECT_NEAR(fv[rows[n - 1]].color.g, want.g, 1e-6f);
}
