// Flood what-if: bathtub fill with connectivity (a water level over a terrain raster, filling only ground
// connected to seeds), seeds from the scene's water meshes, per-building analysis (from a level or from a depth
// raster) with its JSON report, and the water surface mesh the renderer draws.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "geo/raster.h"
#include "scene/scene.h"
#include "sim/footprints.h"

namespace ct::sim {

// Where water enters: a cell (col, row) or a point in the raster's x/y. Seeds outside the grid, on nodata or on
// dry ground (terrain >= level) are ignored.
struct Seed {
  bool isCell = true;
  int col = 0, row = 0;
  glm::dvec2 point{0.0};
  static Seed cell(int col, int row) { return {true, col, row, {0.0, 0.0}}; }
  static Seed at(glm::dvec2 xy) { return {false, 0, 0, xy}; }
};

// Area in square metres of cell (col, row). Empty: Raster::cellArea() (CRS units are metres: the local frame and
// projected CRSs). A geographic CRS needs one (e.g. from the cell's latitude).
using CellAreaFn = std::function<double(int col, int row)>;

struct FloodExtent {
  geo::Raster depth;  // same grid as the terrain; level - terrain on wet cells, NaN on dry ones
  double level = std::numeric_limits<double>::quiet_NaN();
  size_t wetCells = 0;
  double floodedAreaM2 = 0.0;  // sum of the wet cells' areas
  bool wet(int col, int row) const { return !std::isnan(depth.at(col, row)); }
};

// Bathtub fill: a cell is wet when terrain < level and it is connected to a wet seed cell through wet cells.
// Connectivity is 4-neighbour (edges, not corners): water crossing a one-cell levee diagonally would pass where no
// cell edge is open, and the rendered water (cell squares) would show two pools touching at a point.
// Nodata terrain is a barrier (never wet). Iterative (explicit stack), O(cells). Fails on a raster whose value
// count does not match its size or a level that is not finite; seeds outside the grid are warnings.
Result<FloodExtent> floodFromLevel(const geo::Raster& terrain, double level, const std::vector<Seed>& seeds,
                                   const CellAreaFn& cellArea = {});

// A mapping from the scene's local frame (X east, Y up, -Z north) to the raster's x/y. Empty: (x, -z), the
// raster is in the local frame.
using LocalToRaster = std::function<glm::dvec2(glm::dvec3 local)>;

// Seed cells under the meshes whose material is named "water" (the generated district's river): the cells under
// their vertices and those whose centres lie inside their triangles (world transforms applied). Deduplicated,
// in row-major order.
std::vector<Seed> seedsFromWaterMeshes(const scene::Scene& scene, const geo::Raster& terrain,
                                       const LocalToRaster& toRaster = {});

// ---- Analysis ----

inline const std::vector<double> kDefaultDepthClasses{0.1, 0.5, 1.0, 2.0};

struct FloodReport {
  size_t buildings = 0;
  size_t inWater = 0;
  std::vector<double> classes;      // upper bounds in metres, strictly increasing, positive
  std::vector<size_t> byDepthClass;  // classes.size() + 1 counts: (0, c0], (c0, c1], ..., > last
  double floodedAreaM2 = 0.0;
  std::vector<std::string> keys;  // of the buildings in water, sorted
  std::vector<double> depths;     // per footprint, in input order; 0 when dry
};

// Index of the class a depth > 0 falls in (0 .. classes.size()). Bounds are inclusive above: 0.1 is in (0, 0.1].
size_t depthClass(double depth, const std::vector<double>& classes);

// From a depth raster (footprints in its CRS): a building's depth is the greatest of the depth in the cell holding
// its footprint's centroid and the depths of the cells whose centres lie inside the footprint (holes excluded);
// nodata and depths <= 0 are dry. Raster depths are float: they are classified against the bounds rounded to
// float, so a cell holding 0.1 is in (0, 0.1]. Flooded area: cells with depth > 0.
// Fails on classes that are not strictly increasing positive numbers or a malformed raster.
Result<FloodReport> analyzeRaster(const std::vector<BuildingFootprint>& footprints, const geo::Raster& depth,
                                  const std::vector<double>& classes = kDefaultDepthClasses,
                                  const CellAreaFn& cellArea = {});

// From a level: a building is in water when a wet cell's square overlaps its footprint with positive area (the
// rendered water is exactly those squares); its depth is level - the lowest terrain among those wet cells.
Result<FloodReport> analyzeLevel(const std::vector<BuildingFootprint>& footprints, const geo::Raster& terrain,
                                 const FloodExtent& extent, double level,
                                 const std::vector<double>& classes = kDefaultDepthClasses);

// {"buildings", "in_water", "depth_classes_m", "by_depth_class", "flooded_area_m2", "keys"}, pretty-printed.
std::string toJson(const FloodReport& report);

// ---- Water surface for the renderer ----

// Raster x/y plus a surface height (metres) -> the scene's local frame. Empty: (x, height, -y).
using RasterToLocal = std::function<glm::dvec3(glm::dvec2 xy, double height)>;

struct WaterSurfaceOptions {
  // The surface height: `level` when finite; else cellHeight(col, row, depth) when given; else for waterSurface
  // the extent's level (or grid terrain + depth when it has none), for waterSurfaceFromDepth the depth over 0.
  double level = std::numeric_limits<double>::quiet_NaN();
  std::function<double(int col, int row, double depth)> cellHeight;
  glm::vec3 shallowColor{0.55f, 0.90f, 0.88f};  // light turquoise
  glm::vec3 deepColor{0.03f, 0.16f, 0.42f};     // deep blue
  double deepDepth = 3.0;  // depth (m) at and beyond which the colour is deepColor
  int colorSteps = 32;     // depth colours are quantised so runs of cells along a row merge into one quad
};

// One quad per run of wet cells along a row sharing a colour step and a height (exact cell squares, vertices on
// shared corners), upward normals, vertex colours by depth. Material index -1: add floodWaterMaterial() to the
// scene and set it (addFloodWater does both). `grid` is the extent's terrain (same grid). Runs are exact for an
// affine toLocal (the local frame, a projected CRS over a city); for anything else use waterSurfaceFromDepth.
scene::Mesh waterSurface(const FloodExtent& extent, const geo::Raster& grid, const RasterToLocal& toLocal = {},
                         const WaterSurfaceOptions& options = {});
// For a depth raster in another CRS: each wet cell (depth > 0) becomes a general quad through the mapping; no
// merging (the mapping need not be affine).
scene::Mesh waterSurfaceFromDepth(const geo::Raster& depth, const RasterToLocal& toLocal,
                                  const WaterSurfaceOptions& options = {});

// "flood_water": colour from the vertices, metallic 0, roughness 0.05, alpha blend 0.85, double-sided.
scene::Material floodWaterMaterial();
// Adds the mesh (named "flood_water"), the material (reused when present) and an identity instance; the mesh
// index is returned. Scene bounds are recomputed.
int addFloodWater(scene::Scene& scene, scene::Mesh mesh);

}  // namespace ct::sim
