// Street grid and lot subdivision.
#include "layout.h"

#include <algorithm>
#include <cmath>

namespace ct::citygen {
namespace {

constexpr float kStreet = 15.0f;
constexpr float kAvenue = 26.0f;
constexpr int kAvenueEvery = 3;
constexpr float kBuildingsPerBlock = 7.0f;

// Widths of n blocks and n+1 streets along one axis, centred on zero; returns the street positions.
std::vector<std::pair<float, float>> axis(int n, Rng& rng, std::vector<bool>& avenue) {
  std::vector<float> blocks(n);
  for (float& b : blocks) b = static_cast<float>(rng.uniform(70.0, 125.0));
  int mid = n / 2;
  std::vector<float> streets(n + 1);
  avenue.assign(n + 1, false);
  for (int i = 0; i <= n; ++i) {
    avenue[i] = (i - mid) % kAvenueEvery == 0;
    streets[i] = avenue[i] ? kAvenue : kStreet;
  }
  float total = 0;
  for (float b : blocks) total += b;
  for (float s : streets) total += s;
  std::vector<std::pair<float, float>> spans;  // alternating street, block, street, ...
  float at = -0.5f * total;
  for (int i = 0; i <= n; ++i) {
    spans.push_back({at, at + streets[i]});
    at += streets[i];
    if (i < n) {
      spans.push_back({at, at + blocks[i]});
      at += blocks[i];
    }
  }
  return spans;
}

}  // namespace

Layout makeLayout(int buildings, float spare, Rng& rng) {
  int blocksNeeded = static_cast<int>(std::ceil(buildings / kBuildingsPerBlock * spare));
  int n = std::max(2, static_cast<int>(std::ceil(std::sqrt(static_cast<float>(blocksNeeded)))));
  std::vector<bool> avX, avZ;
  auto xs = axis(n, rng, avX);
  auto zs = axis(n, rng, avZ);
  Layout out;
  out.extent = {xs.front().first, zs.front().first, xs.back().second, zs.back().second};
  for (int i = 0; i <= n; ++i) {
    out.streets.push_back({{xs[2 * i].first, out.extent.z0, xs[2 * i].second, out.extent.z1}, false, avX[i]});
    out.streets.push_back({{out.extent.x0, zs[2 * i].first, out.extent.x1, zs[2 * i].second}, true, avZ[i]});
  }
  float radius = 0.5f * std::max(out.extent.width(), out.extent.depth());
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      Block b;
      b.area = {xs[2 * i + 1].first, zs[2 * j + 1].first, xs[2 * i + 1].second, zs[2 * j + 1].second};
      float d = std::hypot(b.area.cx(), b.area.cz()) / radius;
      b.centrality = std::exp(-3.0f * d * d);
      out.blocks.push_back(b);
    }
  // Filled in square rings from the centre, so the district is a square without empty corners (heights
  // still fall off radially with centrality).
  auto ring = [](const Block& b) { return std::max(std::abs(b.area.cx()), std::abs(b.area.cz())); };
  std::stable_sort(out.blocks.begin(), out.blocks.end(), [&](const Block& a, const Block& b) { return ring(a) < ring(b); });
  // About one block in ten is a park, never the central one.
  for (size_t i = 1; i < out.blocks.size(); ++i) out.blocks[i].park = rng.chance(0.1);
  return out;
}

std::vector<Rect> cutLots(const Rect& inner, Rng& rng) {
  // Split across the short side into one or two rows, then each row along its length into lots.
  bool longX = inner.width() >= inner.depth();
  float across = longX ? inner.depth() : inner.width();
  int rows = across > 50.0f ? 2 : 1;
  std::vector<Rect> lots;
  for (int r = 0; r < rows; ++r) {
    float a0 = r * across / rows, a1 = (r + 1) * across / rows;
    float length = longX ? inner.width() : inner.depth();
    float at = 0;
    while (length - at > 12.0f) {
      float w = static_cast<float>(rng.uniform(18.0, 40.0));
      if (length - at - w < 14.0f) w = length - at;  // no sliver at the end
      Rect lot = longX ? Rect{inner.x0 + at, inner.z0 + a0, inner.x0 + at + w, inner.z0 + a1}
                       : Rect{inner.x0 + a0, inner.z0 + at, inner.x0 + a1, inner.z0 + at + w};
      lots.push_back(lot);
      at += w;
    }
  }
  return lots;
}

}  // namespace ct::citygen
