// Coarse levels of detail: a flat grid collapses to a few triangles with its border kept, a bumpy heightfield
// stays within the error bound (checked by interpolating the coarse surface under every original vertex), and
// small, non-triangle or broken primitives get none.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "scene/coarse_lod.h"

namespace ct::scene {
namespace {

// An n x n cell grid over [0, size] x [0, size] (x, z) with heights from `height`.
template <typename F>
Primitive grid(int n, double size, F height) {
  Primitive p;
  for (int j = 0; j <= n; ++j)
    for (int i = 0; i <= n; ++i) {
      Vertex v;
      const double x = size * i / n, z = size * j / n;
      v.position = glm::vec3(float(x), float(height(x, z)), float(z));
      v.feature = 7;
      p.vertices.push_back(v);
    }
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const uint32_t a = uint32_t(j * (n + 1) + i), b = a + 1, c = a + uint32_t(n + 1), d = c + 1;
      p.indices.insert(p.indices.end(), {a, c, b, b, c, d});
    }
  return p;
}

double area(const Primitive& p, const std::vector<uint32_t>& idx) {
  double sum = 0;
  for (size_t t = 0; t + 2 < idx.size(); t += 3) {
    const glm::dvec3 a(p.vertices[idx[t]].position), b(p.vertices[idx[t + 1]].position),
        c(p.vertices[idx[t + 2]].position);
    sum += 0.5 * glm::length(glm::cross(b - a, c - a));
  }
  return sum;
}

// Height of the coarse surface at (x, z): the triangle whose x/z projection holds the point.
std::optional<double> heightAt(const Primitive& p, const std::vector<uint32_t>& idx, double x, double z) {
  for (size_t t = 0; t + 2 < idx.size(); t += 3) {
    const glm::dvec3 a(p.vertices[idx[t]].position), b(p.vertices[idx[t + 1]].position),
        c(p.vertices[idx[t + 2]].position);
    const double det = (b.z - c.z) * (a.x - c.x) + (c.x - b.x) * (a.z - c.z);
    if (std::abs(det) < 1e-12) continue;
    const double l1 = ((b.z - c.z) * (x - c.x) + (c.x - b.x) * (z - c.z)) / det;
    const double l2 = ((c.z - a.z) * (x - c.x) + (a.x - c.x) * (z - c.z)) / det;
    const double l3 = 1.0 - l1 - l2;
    if (l1 >= -1e-6 && l2 >= -1e-6 && l3 >= -1e-6) return l1 * a.y + l2 * b.y + l3 * c.y;
  }
  return std::nullopt;
}

TEST(CoarseLod, FlatGridCollapsesAndKeepsItsBorder) {
  const Primitive p = grid(64, 640.0, [](double, double) { return 0.0; });
  const auto coarse = coarseIndices(p);
  ASSERT_FALSE(coarse.empty());
  EXPECT_EQ(coarse.size() % 3, 0u);
  EXPECT_LT(coarse.size() / 3, p.indices.size() / 3 / 8)
      << "a flat 8192-triangle grid keeps " << coarse.size() / 3 << " triangles";
  for (uint32_t i : coarse) ASSERT_LT(i, p.vertices.size());
  EXPECT_NEAR(area(p, coarse), 640.0 * 640.0, 1e-3 * 640.0 * 640.0) << "the same ground, no holes, no overlaps";
  // No coarse triangle faces the other way (a flipped one would count its area all the same above); slivers of
  // no area along the locked border are allowed (they draw nothing).
  for (size_t t = 0; t < coarse.size(); t += 3) {
    const glm::vec3 a = p.vertices[coarse[t]].position, b = p.vertices[coarse[t + 1]].position,
                    c = p.vertices[coarse[t + 2]].position;
    EXPECT_GE(glm::cross(b - a, c - a).y, 0.0f) << "coarse triangle " << t / 3 << " is flipped";
  }
  // Every border vertex is still a corner of some coarse triangle: neighbouring cells meet without cracks.
  const std::set<uint32_t> used(coarse.begin(), coarse.end());
  for (int i = 0; i <= 64; ++i)
    for (uint32_t v : {uint32_t(i), uint32_t(64 * 65 + i), uint32_t(i * 65), uint32_t(i * 65 + 64)})
      EXPECT_TRUE(used.count(v)) << "border vertex " << v << " was collapsed";
}

// A vertex per triangle corner with the face normal (as flat-shaded terrain is exported).
Primitive flatShaded(const Primitive& smooth) {
  Primitive p;
  p.topology = smooth.topology;
  for (size_t t = 0; t + 2 < smooth.indices.size(); t += 3) {
    Vertex a = smooth.vertices[smooth.indices[t]], b = smooth.vertices[smooth.indices[t + 1]],
           c = smooth.vertices[smooth.indices[t + 2]];
    const glm::vec3 n = glm::normalize(glm::cross(b.position - a.position, c.position - a.position));
    for (Vertex* v : {&a, &b, &c}) {
      v->normal = n;
      p.indices.push_back(uint32_t(p.vertices.size()));
      p.vertices.push_back(*v);
    }
  }
  return p;
}

TEST(CoarseLod, FlatShadedGroundIsWeldedBeforeItIsSimplified) {
  const Primitive p = flatShaded(grid(64, 640.0, [](double x, double) { return x * 0.05; }));
  ASSERT_EQ(p.vertices.size(), p.indices.size());
  const auto coarse = coarseIndices(p);
  ASSERT_FALSE(coarse.empty());
  EXPECT_LT(coarse.size() / 3, p.indices.size() / 3 / 8);
  EXPECT_NEAR(area(p, coarse), area(p, p.indices), 1e-3 * area(p, p.indices));
  // Texture seams and feature borders are not welded: two features side by side stay two surfaces.
  Primitive two = p;
  double leftArea = 0;
  for (size_t t = 0; t < two.indices.size(); t += 3) {
    const float cx = (two.vertices[t].position.x + two.vertices[t + 1].position.x + two.vertices[t + 2].position.x) / 3;
    for (size_t k = 0; k < 3; ++k) two.vertices[t + k].feature = cx < 320.0f ? 1 : 2;
    if (cx < 320.0f) leftArea += area(two, {uint32_t(t), uint32_t(t + 1), uint32_t(t + 2)});
  }
  const auto split = coarseIndices(two);
  ASSERT_FALSE(split.empty());
  double coarseLeft = 0;
  for (size_t t = 0; t < split.size(); t += 3) {
    const uint32_t f = two.vertices[split[t]].feature;
    EXPECT_EQ(two.vertices[split[t + 1]].feature, f);
    EXPECT_EQ(two.vertices[split[t + 2]].feature, f);
    if (f == 1) coarseLeft += area(two, {split[t], split[t + 1], split[t + 2]});
  }
  EXPECT_NEAR(coarseLeft, leftArea, 1e-3 * leftArea) << "feature 1's ground is feature 1's in the coarse mesh";
}

TEST(CoarseLod, BumpyGroundStaysWithinTheErrorBound) {
  const double size = 640.0, amplitude = 6.0;
  const Primitive p =
      grid(80, size, [&](double x, double z) { return amplitude * std::sin(x / 40.0) * std::cos(z / 55.0); });
  CoarseLodOptions o;
  const auto coarse = coarseIndices(p, o);
  ASSERT_FALSE(coarse.empty());
  EXPECT_LT(coarse.size(), p.indices.size() * 3 / 4);
  // The bound is relative to the largest extent (640 m): 2.56 m; the simplifier's metric is a quadric, so allow
  // twice that, still well under the 12 m peak to peak a flattened ground would miss by.
  const double bound = 2.0 * o.relativeError * size;
  double worst = 0;
  for (const Vertex& v : p.vertices) {
    const auto h = heightAt(p, coarse, v.position.x, v.position.z);
    ASSERT_TRUE(h) << "no coarse triangle over " << v.position.x << "," << v.position.z;
    worst = std::max(worst, std::abs(*h - double(v.position.y)));
  }
  EXPECT_LE(worst, bound);
  EXPECT_GT(worst, 0.0) << "nothing was simplified";
  std::printf("coarse lod: bumpy ground %zu -> %zu triangles, worst height error %.3f m (bound %.3f m)\n",
              p.indices.size() / 3, coarse.size() / 3, worst, bound);
}

TEST(CoarseLod, SmallLinesAndBrokenPrimitivesGetNone) {
  const Primitive small = grid(8, 80.0, [](double, double) { return 0.0; });  // 128 triangles
  EXPECT_TRUE(coarseIndices(small).empty());
  Primitive lines = grid(64, 640.0, [](double, double) { return 0.0; });
  lines.topology = Topology::Lines;
  EXPECT_TRUE(coarseIndices(lines).empty());
  Primitive broken = grid(64, 640.0, [](double, double) { return 0.0; });
  broken.indices[100] = uint32_t(broken.vertices.size());  // one past the end
  EXPECT_TRUE(coarseIndices(broken).empty());
  Primitive nan = grid(64, 640.0, [](double, double) { return 0.0; });
  nan.vertices[40].position.y = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(coarseIndices(nan).empty());
  nan.vertices[40].position.y = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(coarseIndices(nan).empty());
  // Random-looking heights (nothing to merge within the bound) are not worth a coarse copy.
  const Primitive noisy = grid(64, 640.0, [](double x, double z) {
    const uint32_t h = (uint32_t(x) * 73856093u) ^ (uint32_t(z) * 19349663u);
    return double((h * 2654435761u) >> 22) / 1024.0 * 50.0;  // 0..50 m, unrelated from vertex to vertex
  });
  EXPECT_TRUE(coarseIndices(noisy).empty());
}

TEST(CoarseLod, BuildFillsEveryLargePrimitiveAndCounts) {
  Scene s;
  Mesh ground;
  ground.primitives.push_back(grid(64, 640.0, [](double, double) { return 0.0; }));
  ground.primitives.push_back(grid(8, 80.0, [](double, double) { return 0.0; }));
  s.meshes.push_back(ground);
  s.meshes[0].primitives[1].coarseIndices = {0, 1, 2};  // stale: replaced
  const CoarseLodStats stats = buildCoarseLods(s);
  EXPECT_EQ(stats.primitives, 1u);
  EXPECT_EQ(stats.trianglesBefore, 8192u);
  EXPECT_EQ(stats.trianglesAfter, s.meshes[0].primitives[0].coarseIndices.size() / 3);
  EXPECT_TRUE(s.meshes[0].primitives[1].coarseIndices.empty());
}

}  // namespace
}  // namespace ct::scene
