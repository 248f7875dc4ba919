// Bathtub fill with 4-neighbour connectivity from seeds, and seeds from the scene's water meshes.
#include <algorithm>
#include <cmath>
#include <string>

#include "sim/flood.h"

namespace ct::sim {

namespace {

// Fractional (col, row) of a raster x/y: the inverse of the geotransform (cell corners at integers).
bool toIndexSpace(const geo::Raster& r, glm::dvec2 p, glm::dvec2& out) {
  double det = r.gt[1] * r.gt[5] - r.gt[2] * r.gt[4];
  if (det == 0.0 || !std::isfinite(det)) return false;
  double dx = p.x - r.gt[0], dy = p.y - r.gt[3];
  out = {(dx * r.gt[5] - dy * r.gt[2]) / det, (dy * r.gt[1] - dx * r.gt[4]) / det};
  return std::isfinite(out.x) && std::isfinite(out.y);
}

// floor(v) clamped to [lo, hi] before the conversion (a far-off vertex must not overflow an int).
int floorClamped(double v, int lo, int hi) { return int(std::clamp(std::floor(v), double(lo), double(hi))); }

// Built by appending: g++ 12 warns falsely (-Wrestrict) on "(" + std::string once inlined.
std::string cellText(int col, int row) {
  std::string s = "(";
  s += std::to_string(col);
  s += ", ";
  s += std::to_string(row);
  s += ")";
  return s;
}

}  // namespace

Result<FloodExtent> floodFromLevel(const geo::Raster& terrain, double level, const std::vector<Seed>& seeds,
                                   const CellAreaFn& cellArea) {
  if (terrain.empty()) return Result<FloodExtent>::fail("flood: the terrain raster is empty");
  const size_t cols = size_t(terrain.cols), rows = size_t(terrain.rows), n = cols * rows;
  if (terrain.values.size() != n)
    return Result<FloodExtent>::fail("flood: the terrain raster has " + std::to_string(terrain.values.size()) +
                                     " values for " + std::to_string(cols) + " x " + std::to_string(rows) + " cells");
  if (!std::isfinite(level)) return Result<FloodExtent>::fail("flood: the water level is not a finite number");

  std::vector<std::string> warnings;
  FloodExtent out;
  out.level = level;
  out.depth.cols = terrain.cols;
  out.depth.rows = terrain.rows;
  std::copy(std::begin(terrain.gt), std::end(terrain.gt), std::begin(out.depth.gt));
  out.depth.crs = terrain.crs;
  out.depth.values.assign(n, geo::Raster::kNoData);

  const float* t = terrain.values.data();
  float* d = out.depth.values.data();
  // A cell is marked wet (its depth written) when it is pushed, so each cell enters the stack at most once.
  // NaN terrain fails `<` and is never wet: nodata is a barrier.
  std::vector<uint32_t> stack;
  stack.reserve(std::min<size_t>(n, size_t(1) << 16));
  size_t wet = 0;
  auto push = [&](size_t i) {
    if (std::isnan(d[i]) && double(t[i]) < level) {
      d[i] = float(level - double(t[i]));
      stack.push_back(uint32_t(i));
      ++wet;
    }
  };

  size_t wetSeeds = 0, seedsInGrid = 0;
  for (const Seed& s : seeds) {
    int col = s.col, row = s.row;
    if (s.isCell) {
      if (col < 0 || row < 0 || col >= terrain.cols || row >= terrain.rows) {
        warnings.push_back("flood: seed cell " + cellText(col, row) + " lies outside the " +
                           std::to_string(cols) + " x " + std::to_string(rows) + " terrain grid; ignored");
        continue;
      }
    } else if (!terrain.cellAt(s.point, col, row)) {
      warnings.push_back("flood: seed point (" + std::to_string(s.point.x) + ", " + std::to_string(s.point.y) +
                         ") lies outside the terrain grid; ignored");
      continue;
    }
    ++seedsInGrid;
    size_t i = terrain.index(col, row);
    if (double(t[i]) < level) ++wetSeeds;
    push(i);
    while (!stack.empty()) {
      size_t c = stack.back();
      stack.pop_back();
      size_t x = c % cols;
      if (x > 0) push(c - 1);
      if (x + 1 < cols) push(c + 1);
      if (c >= cols) push(c - cols);
      if (c + cols < n) push(c + cols);
    }
  }
  if (seedsInGrid > 0 && wetSeeds == 0)
    warnings.push_back("flood: every seed lies on ground at or above the level " + std::to_string(level) +
                       " m (or on nodata); nothing floods");

  out.wetCells = wet;
  if (cellArea) {
    for (int row = 0; row < terrain.rows; ++row)
      for (int col = 0; col < terrain.cols; ++col)
        if (!std::isnan(d[terrain.index(col, row)])) out.floodedAreaM2 += cellArea(col, row);
  } else {
    out.floodedAreaM2 = double(wet) * terrain.cellArea();
  }
  return Result<FloodExtent>::ok(std::move(out), std::move(warnings));
}

std::vector<Seed> seedsFromWaterMeshes(const scene::Scene& scene, const geo::Raster& terrain,
                                       const LocalToRaster& toRaster) {
  std::vector<Seed> seeds;
  if (terrain.empty()) return seeds;
  const int cols = terrain.cols, rows = terrain.rows;
  std::vector<uint8_t> marked(size_t(cols) * size_t(rows), 0);
  auto mapped = [&](const glm::dmat4& world, glm::vec3 p, glm::dvec2& idx) {
    glm::dvec3 w = glm::dvec3(world * glm::dvec4(glm::dvec3(p), 1.0));
    glm::dvec2 xy = toRaster ? toRaster(w) : glm::dvec2(w.x, -w.z);
    return toIndexSpace(terrain, xy, idx);
  };
  auto markPoint = [&](glm::dvec2 idx) {
    if (idx.x >= 0.0 && idx.y >= 0.0 && idx.x < cols && idx.y < rows) marked[size_t(idx.y) * size_t(cols) + size_t(idx.x)] = 1;
  };
  for (const scene::Instance& inst : scene.instances) {
    if (inst.mesh < 0 || size_t(inst.mesh) >= scene.meshes.size()) continue;
    for (const scene::Primitive& prim : scene.meshes[size_t(inst.mesh)].primitives) {
      if (prim.material < 0 || size_t(prim.material) >= scene.materials.size() ||
          scene.materials[size_t(prim.material)].name != "water")
        continue;
      std::vector<glm::dvec2> idx(prim.vertices.size());
      std::vector<uint8_t> ok(prim.vertices.size());
      for (size_t i = 0; i < prim.vertices.size(); ++i) {
        ok[i] = mapped(inst.world, prim.vertices[i].position, idx[i]);
        if (ok[i]) markPoint(idx[i]);
      }
      if (prim.topology != scene::Topology::Triangles) continue;
      for (size_t k = 0; k + 2 < prim.indices.size(); k += 3) {
        uint32_t i0 = prim.indices[k], i1 = prim.indices[k + 1], i2 = prim.indices[k + 2];
        if (i0 >= idx.size() || i1 >= idx.size() || i2 >= idx.size() || !ok[i0] || !ok[i1] || !ok[i2]) continue;
        glm::dvec2 a = idx[i0], b = idx[i1], c = idx[i2];
        double area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        if (area == 0.0) continue;
        int c0 = floorClamped(std::min({a.x, b.x, c.x}), 0, cols - 1);
        int c1 = floorClamped(std::max({a.x, b.x, c.x}), 0, cols - 1);
        int r0 = floorClamped(std::min({a.y, b.y, c.y}), 0, rows - 1);
        int r1 = floorClamped(std::max({a.y, b.y, c.y}), 0, rows - 1);
        double s = area > 0.0 ? 1.0 : -1.0;
        for (int r = r0; r <= r1; ++r)
          for (int cc = c0; cc <= c1; ++cc) {
            glm::dvec2 p(cc + 0.5, r + 0.5);
            auto edge = [&](glm::dvec2 u, glm::dvec2 v) { return s * ((v.x - u.x) * (p.y - u.y) - (v.y - u.y) * (p.x - u.x)); };
            if (edge(a, b) >= 0.0 && edge(b, c) >= 0.0 && edge(c, a) >= 0.0) marked[size_t(r) * size_t(cols) + size_t(cc)] = 1;
          }
      }
    }
  }
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      if (marked[size_t(r) * size_t(cols) + size_t(c)]) seeds.push_back(Seed::cell(c, r));
  return seeds;
}

}  // namespace ct::sim
