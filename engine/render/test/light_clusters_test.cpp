// Light binning without a GPU: every light that reaches a visible point is listed in that point's cluster (the
// cluster found independently, from glm's projection), lights out of view are culled, per-cluster caps hold.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <glm/gtc/matrix_transform.hpp>

#include "light_clusters.h"

using namespace ct::render;

namespace {

struct View {
  ClusterView cv;
  glm::dmat4 viewProj;  // glm's OpenGL-style matrices, for an independent projection
};

View makeView() {
  View v;
  v.cv.eye = glm::dvec3(100.0, 80.0, 300.0);
  glm::dvec3 target(0.0, 0.0, 0.0);
  v.cv.view = glm::lookAtRH(glm::dvec3(0.0), glm::normalize(target - v.cv.eye), glm::dvec3(0, 1, 0));
  v.cv.tanHalfFovY = std::tan(glm::radians(45.0) * 0.5);
  v.cv.width = 320;
  v.cv.height = 180;
  v.cv.aspect = 320.0 / 180.0;
  v.cv.nearPlane = 5.0;
  v.cv.farDepth = 700.0;
  v.viewProj = glm::perspective(glm::radians(45.0), v.cv.aspect, 1.0, 1e5) * glm::lookAt(v.cv.eye, target, glm::dvec3(0, 1, 0));
  return v;
}

}  // namespace

TEST(LightClusters, EveryLightReachingAPointIsInItsCluster) {
  View v = makeView();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-250.0, 250.0), rad(5.0, 40.0);
  std::vector<PointLight> lights;
  for (int i = 0; i < 3000; ++i) {
    PointLight l;
    l.position = glm::dvec3(u(rng), std::abs(u(rng)) * 0.1, u(rng));
    l.radius = float(rad(rng));
    l.intensity = 10.0f;
    lights.push_back(l);
  }
  LightClusters c;
  binLights(lights, v.cv, ClusterGrid{16, 9, 24}, c);
  ASSERT_GT(c.lights.size(), 500u);
  EXPECT_EQ(c.dropped, 0u);
  const glm::dvec3 forward = glm::normalize(-v.cv.eye);
  int checked = 0, missing = 0;
  for (int i = 0; i < 20000; ++i) {
    const glm::dvec3 p(u(rng), std::abs(u(rng)) * 0.1, u(rng));
    const glm::dvec4 clip = v.viewProj * glm::dvec4(p, 1.0);
    if (clip.w <= 0.0) continue;
    const double px = (clip.x / clip.w * 0.5 + 0.5) * 320.0, py = (1.0 - (clip.y / clip.w * 0.5 + 0.5)) * 180.0;
    if (px < 0 || px >= 320 || py < 0 || py >= 180) continue;
    const double depth = glm::dot(p - v.cv.eye, forward);
    // Independent slice: slice 0 below max(near, 1); then (slices - 1) equal steps of ln(depth) up to far.
    const double s0 = std::max(v.cv.nearPlane, 1.0);
    int slice = depth < s0 ? 0 : 1 + int(std::floor(std::log(depth / s0) / std::log(700.0 / s0) * 23.0));
    slice = std::min(slice, 23);
    const int cluster = (slice * 9 + int(py / 20.0)) * 16 + int(px / 20.0);
    const glm::uvec2 r = c.ranges[cluster];
    for (size_t li = 0; li < lights.size(); ++li) {
      if (glm::length(lights[li].position - p) >= lights[li].radius * 0.999) continue;
      ++checked;
      const glm::vec3 rel(lights[li].position - v.cv.eye);
      bool found = false;
      for (uint32_t k = 0; k < r.y && !found; ++k)
        found = glm::length(glm::vec3(c.lights[c.indices[r.x + k]].positionRadius) - rel) < 1e-3f;
      missing += !found;
    }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_EQ(missing, 0);
  // Each pixel pays only for lights near it: far fewer per cluster than in view.
  uint32_t most = 0;
  for (const glm::uvec2& r : c.ranges) most = std::max(most, r.y);
  EXPECT_LT(most, c.lights.size() / 5);
}

TEST(LightClusters, CullsLightsOutOfViewAndCapsClusters) {
  View v = makeView();
  std::vector<PointLight> lights(3);
  lights[0].position = v.cv.eye + glm::normalize(v.cv.eye) * 50.0;  // behind the eye
  lights[0].radius = 20.0f;
  lights[1].position = glm::dvec3(0.0);  // in the middle of the view
  lights[1].radius = 20.0f;
  lights[2].position = glm::dvec3(0.0);
  lights[2].radius = 0.0f;  // no reach: ignored
  LightClusters c;
  binLights(lights, v.cv, ClusterGrid{}, c);
  ASSERT_EQ(c.lights.size(), 1u);
  EXPECT_NEAR(c.lights[0].positionRadius.x, -100.0f, 1e-3f);
  // More lights at one spot than a cluster holds: the cap holds, the rest is counted as dropped.
  std::vector<PointLight> crowd(kMaxLightsPerCluster + 10, lights[1]);
  binLights(crowd, v.cv, ClusterGrid{}, c);
  uint32_t most = 0;
  for (const glm::uvec2& r : c.ranges) most = std::max(most, r.y);
  EXPECT_EQ(most, kMaxLightsPerCluster);
  EXPECT_GT(c.dropped, 0u);
}

TEST(LightClusters, BinsTwentyThousandLightsQuickly) {
  View v = makeView();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-400.0, 400.0);
  std::vector<PointLight> lights(20000);
  for (PointLight& l : lights) {
    l.position = glm::dvec3(u(rng), 8.0, u(rng));
    l.radius = 25.0f;
    l.intensity = 40.0f;
  }
  LightClusters c;
  binLights(lights, v.cv, ClusterGrid{}, c);  // warm the allocations
  auto t0 = std::chrono::steady_clock::now();
  binLights(lights, v.cv, ClusterGrid{}, c);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("binned %zu of %zu lights into %zu references in %.2f ms\n", c.lights.size(), lights.size(),
              c.indices.size(), ms);
  EXPECT_GT(c.lights.size(), 5000u);
  EXPECT_LT(ms, 50.0);
}

TEST(LightClusters, KelvinColours) {
  // Tanner Helland's published table: 3000 K is about sRGB (255, 180, 107), 6600 K about white.
  auto srgb = [](float c) { return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1 / 2.4f) - 0.055f; };
  const glm::vec3 warm = kelvinToLinear(3000.0f);
  EXPECT_NEAR(srgb(warm.r) * 255.0f, 255.0f, 1.0f);
  EXPECT_NEAR(srgb(warm.g) * 255.0f, 180.0f, 4.0f);
  EXPECT_NEAR(srgb(warm.b) * 255.0f, 107.0f, 4.0f);
  const glm::vec3 white = kelvinToLinear(6600.0f);
  EXPECT_GT(white.b, 0.95f);
  EXPECT_GT(white.g, 0.95f);
}
