// Terrain heights and the river valley.
#include "terrain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ct::citygen {
namespace {

double smoothstep(double a, double b, double x) {
  double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

}  // namespace

Terrain::Terrain(const Rect& extent, Rng& rng) {
  // The river crosses the district in its middle third, meandering.
  mZc = extent.cz() + rng.uniform(-0.15, 0.15) * extent.depth();
  mAmp = rng.uniform(40.0, 80.0);
  for (double& p : mPhase) p = rng.uniform(0.0, 6.283);
}

double Terrain::riverZ(double x) const { return mZc + mAmp * std::sin(x / 380.0 + mPhase[2]); }

double Terrain::riverDistance(double x, double z) const { return std::abs(z - riverZ(x)); }

double Terrain::height(double x, double z) const {
  double rolling = 2.0 * std::sin(x / 350.0 + mPhase[0]) * std::cos(z / 420.0 + mPhase[1]) + 0.002 * (x + z);
  double valley = kDepth * (1.0 - smoothstep(kFloor, kCorridor, riverDistance(x, z)));
  return rolling - valley;
}

double Terrain::waterLevel(double x) const { return height(x, riverZ(x)) + 2.0; }

HeightGrid Terrain::grid(const Rect& area, double cell) const {
  HeightGrid g;
  g.x0 = area.x0;
  g.z0 = area.z0;
  g.cell = cell;
  g.cols = static_cast<int>(std::ceil(area.width() / cell)) + 1;
  g.rows = static_cast<int>(std::ceil(area.depth() / cell)) + 1;
  g.heights.resize(size_t(g.cols) * g.rows);
  for (int r = 0; r < g.rows; ++r)
    for (int c = 0; c < g.cols; ++c)
      g.heights[size_t(r) * g.cols + c] = static_cast<float>(height(g.x0 + c * cell, g.z0 + r * cell));
  return g;
}

std::string terrainAsciiGrid(const TerrainGrid& g) {
  std::string out;
  char buf[64];
  std::snprintf(buf, sizeof buf, "ncols %d\nnrows %d\n", g.cols, g.rows);
  out += buf;
  // The first row written is the northernmost (smallest z); y (north) = -z.
  std::snprintf(buf, sizeof buf, "xllcenter %.3f\nyllcenter %.3f\n", g.x0, -(g.z0 + (g.rows - 1) * g.cell));
  out += buf;
  std::snprintf(buf, sizeof buf, "cellsize %.3f\nNODATA_value -9999\n", g.cell);
  out += buf;
  for (int r = 0; r < g.rows; ++r) {
    for (int c = 0; c < g.cols; ++c) {
      std::snprintf(buf, sizeof buf, c ? " %.2f" : "%.2f", g.at(c, r));
      out += buf;
    }
    out += '\n';
  }
  return out;
}

}  // namespace ct::citygen
