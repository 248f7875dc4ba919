// The flood water surface the renderer draws: cell squares (merged into runs along rows) coloured by depth.
#include <algorithm>
#include <cmath>

#include "sim/flood.h"

namespace ct::sim {

namespace {

glm::dvec2 corner(const geo::Raster& g, int col, int row) {
  return {g.gt[0] + col * g.gt[1] + row * g.gt[2], g.gt[3] + col * g.gt[4] + row * g.gt[5]};
}

int colorStep(double depth, const WaterSurfaceOptions& o) {
  int steps = std::max(o.colorSteps, 2);
  double t = o.deepDepth > 0.0 ? depth / o.deepDepth : 1.0;
  return int(std::lround(std::clamp(t, 0.0, 1.0) * double(steps - 1)));
}

glm::vec4 stepColor(int step, const WaterSurfaceOptions& o) {
  float t = float(step) / float(std::max(o.colorSteps, 2) - 1);
  return glm::vec4(glm::mix(o.shallowColor, o.deepColor, t), 1.0f);
}

// Appends a quad (corners in order around it) facing +Y.
void addQuad(scene::Primitive& prim, const glm::dvec3 (&p)[4], glm::vec4 color) {
  uint32_t base = uint32_t(prim.vertices.size());
  for (const glm::dvec3& q : p) {
    scene::Vertex v;
    v.position = glm::vec3(q);
    v.normal = {0.0f, 1.0f, 0.0f};
    v.color = color;
    prim.vertices.push_back(v);
    prim.bounds.extend(q);
  }
  bool up = glm::cross(p[1] - p[0], p[2] - p[0]).y >= 0.0;
  const uint32_t order[6] = {0, 1, 2, 0, 2, 3};
  for (int i = 0; i < 6; ++i) prim.indices.push_back(base + (up ? order[i] : order[5 - i]));
}

glm::dvec3 defaultToLocal(glm::dvec2 xy, double height) { return {xy.x, height, -xy.y}; }

scene::Mesh newMesh() {
  scene::Mesh mesh;
  mesh.name = "flood_water";
  mesh.primitives.emplace_back();
  return mesh;
}

}  // namespace

scene::Mesh waterSurface(const FloodExtent& extent, const geo::Raster& grid, const RasterToLocal& toLocal,
                         const WaterSurfaceOptions& options) {
  scene::Mesh mesh = newMesh();
  scene::Primitive& prim = mesh.primitives[0];
  const geo::Raster& d = extent.depth;
  if (d.empty() || d.values.size() != size_t(d.cols) * size_t(d.rows)) return mesh;
  const bool terrainOk = grid.cols == d.cols && grid.rows == d.rows && grid.values.size() == d.values.size();
  auto height = [&](int c, int r, double depth) {
    if (std::isfinite(options.level)) return options.level;
    if (options.cellHeight) return options.cellHeight(c, r, depth);
    if (std::isfinite(extent.level)) return extent.level;
    return (terrainOk && !std::isnan(grid.at(c, r)) ? double(grid.at(c, r)) : 0.0) + depth;
  };
  auto local = [&](glm::dvec2 xy, double h) { return toLocal ? toLocal(xy, h) : defaultToLocal(xy, h); };
  for (int r = 0; r < d.rows; ++r) {
    int c = 0;
    while (c < d.cols) {
      double depth = d.at(c, r);
      if (!(depth > 0.0)) {
        ++c;
        continue;
      }
      const int step = colorStep(depth, options);
      const double h = height(c, r, depth);
      int end = c + 1;  // one past the run
      while (end < d.cols) {
        double next = d.at(end, r);
        if (!(next > 0.0) || colorStep(next, options) != step || height(end, r, next) != h) break;
        ++end;
      }
      const glm::dvec3 q[4] = {local(corner(d, c, r), h), local(corner(d, end, r), h),
                               local(corner(d, end, r + 1), h), local(corner(d, c, r + 1), h)};
      addQuad(prim, q, stepColor(step, options));
      c = end;
    }
  }
  return mesh;
}

scene::Mesh waterSurfaceFromDepth(const geo::Raster& depthRaster, const RasterToLocal& toLocal,
                                  const WaterSurfaceOptions& options) {
  scene::Mesh mesh = newMesh();
  scene::Primitive& prim = mesh.primitives[0];
  const geo::Raster& d = depthRaster;
  if (d.empty() || d.values.size() != size_t(d.cols) * size_t(d.rows)) return mesh;
  auto local = [&](glm::dvec2 xy, double h) { return toLocal ? toLocal(xy, h) : defaultToLocal(xy, h); };
  for (int r = 0; r < d.rows; ++r)
    for (int c = 0; c < d.cols; ++c) {
      double depth = d.at(c, r);
      if (!(depth > 0.0)) continue;
      double h = std::isfinite(options.level) ? options.level
                 : options.cellHeight         ? options.cellHeight(c, r, depth)
                                              : depth;
      const glm::dvec3 q[4] = {local(corner(d, c, r), h), local(corner(d, c + 1, r), h),
                               local(corner(d, c + 1, r + 1), h), local(corner(d, c, r + 1), h)};
      addQuad(prim, q, stepColor(colorStep(depth, options), options));
    }
  return mesh;
}

scene::Material floodWaterMaterial() {
  scene::Material m;
  m.name = "flood_water";
  m.baseColorFactor = {1.0f, 1.0f, 1.0f, 0.85f};  // the colour comes from the vertices
  m.metallicFactor = 0.0f;
  m.roughnessFactor = 0.05f;
  m.alphaMode = scene::AlphaMode::Blend;
  m.doubleSided = true;
  return m;
}

int addFloodWater(scene::Scene& scene, scene::Mesh mesh) {
  int material = -1;
  for (size_t i = 0; i < scene.materials.size(); ++i)
    if (scene.materials[i].name == "flood_water") material = int(i);
  if (material < 0) {
    material = int(scene.materials.size());
    scene.materials.push_back(floodWaterMaterial());
  }
  mesh.name = "flood_water";
  for (scene::Primitive& p : mesh.primitives) p.material = material;
  int index = int(scene.meshes.size());
  scene.meshes.push_back(std::move(mesh));
  scene::Instance inst;
  inst.mesh = index;
  scene.instances.push_back(inst);
  scene.computeBounds();
  return index;
}

}  // namespace ct::sim
