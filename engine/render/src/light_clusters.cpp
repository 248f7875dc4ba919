// Light culling and binning: each light's sphere against the frustum's side planes and depth range, then its
// conservative screen rectangle and depth span, counted into clusters and listed (two passes, no sorting).
#include "light_clusters.h"

#include <algorithm>
#include <cmath>

namespace ct::render {

uint32_t sliceOf(const LightClusters& c, double depth) {
  if (!(depth >= c.sliceNear)) return 0;
  const double s = 1.0 + std::floor(std::log(depth / c.sliceNear) * c.sliceScale);
  return static_cast<uint32_t>(std::min(s, double(c.grid.slices - 1)));
}

ClusterGrid ClusterGrid::forViewport(uint32_t width, uint32_t height, uint32_t tilePixels, uint32_t slices) {
  ClusterGrid g;
  g.slices = std::clamp(slices, 2u, 64u);
  for (uint32_t tile = std::max(tilePixels, 8u);; tile += tile / 4) {
    g.tilesX = (std::max(width, 1u) + tile - 1) / tile;
    g.tilesY = (std::max(height, 1u) + tile - 1) / tile;
    if (g.clusters() <= kMaxClusters) return g;
  }
}

float haloSize(const PointLight& light) { return 0.35f * std::sqrt(std::max(light.intensity, 0.0f)); }

glm::vec3 kelvinToLinear(float kelvin) {
  // Tanner Helland's fit of black-body sRGB colours (1000-40000 K), then linearised.
  const double t = std::clamp(double(kelvin), 1000.0, 40000.0) / 100.0;
  double r, g, b;
  if (t <= 66.0) {
    r = 255.0;
    g = 99.4708025861 * std::log(t) - 161.1195681661;
    b = t <= 19.0 ? 0.0 : 138.5177312231 * std::log(t - 10.0) - 305.0447927307;
  } else {
    r = 329.698727446 * std::pow(t - 60.0, -0.1332047592);
    g = 288.1221695283 * std::pow(t - 60.0, -0.0755148492);
    b = 255.0;
  }
  auto lin = [](double c) {
    c = std::clamp(c, 0.0, 255.0) / 255.0;
    return float(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
  };
  glm::vec3 out(lin(r), lin(g), lin(b));
  return out / std::max({out.r, out.g, out.b, 1e-6f});
}

void binLights(const std::vector<PointLight>& lights, const ClusterView& v, ClusterGrid grid, LightClusters& out) {
  grid.tilesX = std::max(grid.tilesX, 1u);
  grid.tilesY = std::max(grid.tilesY, 1u);
  grid.slices = std::max(grid.slices, 2u);
  out.grid = grid;
  out.lights.clear();
  out.indices.clear();
  out.dropped = 0;
  out.ranges.assign(grid.clusters(), glm::uvec2(0));
  const double nearPlane = std::max(v.nearPlane, 1e-6);
  const double farDepth = std::max(v.farDepth, nearPlane * 1.01);
  out.sliceNear = static_cast<float>(std::max(nearPlane, 1.0));
  out.sliceScale = static_cast<float>((grid.slices - 1) / std::max(std::log(farDepth / out.sliceNear), 1e-3));

  // Side planes through the eye: a view-space point p is inside when fx*|x| <= depth and fy*|y| <= depth.
  const double fy = 1.0 / v.tanHalfFovY, fx = fy / v.aspect;
  const double lx = std::sqrt(fx * fx + 1.0), ly = std::sqrt(fy * fy + 1.0);
  const glm::dmat3 rot(v.view);
  const double tileW = double(v.width) / grid.tilesX, tileH = double(v.height) / grid.tilesY;
  struct Span {
    uint16_t x0, x1, y0, y1, s0, s1;
  };
  std::vector<Span> spans;
  spans.reserve(lights.size());
  for (const PointLight& light : lights) {
    const double r = light.radius;
    if (!(r > 0.0) || !(light.intensity > 0.0f)) continue;
    const glm::dvec3 rel = light.position - v.eye;
    const glm::dvec3 p = rot * rel;
    const double depth = -p.z;
    if (depth + r < nearPlane || depth - r > farDepth) continue;
    if ((fx * std::abs(p.x) - depth) / lx > r || (fy * std::abs(p.y) - depth) / ly > r) continue;
    // The screen rectangle of the sphere's view-space box (its extremes lie at the box's corners), depths
    // clamped to the near plane.
    const double z0 = std::max(depth - r, nearPlane), z1 = depth + r;
    double nx0 = 1e30, nx1 = -1e30, ny0 = 1e30, ny1 = -1e30;
    for (double z : {z0, z1})
      for (double s : {-r, r}) {
        const double nx = fx * (p.x + s) / z, ny = -fy * (p.y + s) / z;  // NDC, y down
        nx0 = std::min(nx0, nx);
        nx1 = std::max(nx1, nx);
        ny0 = std::min(ny0, ny);
        ny1 = std::max(ny1, ny);
      }
    auto tile = [](double ndc, double size, double tilePx, uint32_t n) {
      const double px = (std::clamp(ndc, -1.0, 1.0) * 0.5 + 0.5) * size;
      return static_cast<uint16_t>(std::min(std::floor(px / tilePx), double(n - 1)));
    };
    Span s;
    s.x0 = tile(nx0, v.width, tileW, grid.tilesX);
    s.x1 = tile(nx1, v.width, tileW, grid.tilesX);
    s.y0 = tile(ny0, v.height, tileH, grid.tilesY);
    s.y1 = tile(ny1, v.height, tileH, grid.tilesY);
    s.s0 = static_cast<uint16_t>(sliceOf(out, depth - r));
    s.s1 = static_cast<uint16_t>(sliceOf(out, z1));
    spans.push_back(s);
    shader::PointLightData d;
    d.positionRadius = glm::vec4(glm::vec3(rel), static_cast<float>(r));
    d.color = glm::vec4(light.color * light.intensity, haloSize(light));
    out.lights.push_back(d);
  }
  // Count, capped per cluster; then offsets; then fill in light order.
  const uint32_t tx = grid.tilesX, ty = grid.tilesY;
  auto forEachCluster = [&](const Span& s, auto&& fn) {
    for (uint32_t z = s.s0; z <= s.s1; ++z)
      for (uint32_t y = s.y0; y <= s.y1; ++y)
        for (uint32_t x = s.x0; x <= s.x1; ++x) fn((z * ty + y) * tx + x);
  };
  for (const Span& s : spans)
    forEachCluster(s, [&](uint32_t c) {
      if (out.ranges[c].y < kMaxLightsPerCluster) ++out.ranges[c].y;
      else ++out.dropped;
    });
  uint32_t total = 0;
  for (glm::uvec2& r : out.ranges) {
    r.x = total;
    total += r.y;
    r.y = 0;
  }
  out.indices.resize(total);
  for (uint32_t i = 0; i < spans.size(); ++i)
    forEachCluster(spans[i], [&](uint32_t c) {
      glm::uvec2& r = out.ranges[c];
      const uint32_t capacity = (c + 1 < out.ranges.size() ? out.ranges[c + 1].x : total) - r.x;
      if (r.y < capacity) out.indices[r.x + r.y++] = i;
    });
}

}  // namespace ct::render
