// A single-band raster in memory (a terrain DEM, a flood-depth grid, an overlay of values): cells on an
// affine grid in some CRS, nodata as NaN. Readers (io/gis.h) and models (sim/) share this one type.
#pragma once
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace ct::geo {

struct Raster {
  int cols = 0, rows = 0;
  // GDAL's geotransform: x = gt[0] + col * gt[1] + row * gt[2], y = gt[3] + col * gt[4] + row * gt[5], for the
  // cell corner (col, row); the centre of cell (c, r) is at (c + 0.5, r + 0.5). x is east-like, y north-like.
  double gt[6] = {0.0, 1.0, 0.0, 0.0, 0.0, -1.0};
  // The CRS as PROJ/GDAL understands it (WKT, "EPSG:4326", ...); empty: the scene's local frame in metres
  // (x east, y north, i.e. local -Z).
  std::string crs;
  std::vector<float> values;  // row-major, rows * cols; NaN = no data

  static constexpr float kNoData = std::numeric_limits<float>::quiet_NaN();
  bool empty() const { return cols <= 0 || rows <= 0; }
  size_t index(int col, int row) const { return size_t(row) * size_t(cols) + size_t(col); }
  float at(int col, int row) const { return values[index(col, row)]; }
  static bool isNoData(float v) { return std::isnan(v); }
  // Centre of a cell, and the cell a point lies in (false outside the grid).
  glm::dvec2 cellCenter(int col, int row) const {
    double c = col + 0.5, r = row + 0.5;
    return {gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]};
  }
  bool cellAt(glm::dvec2 p, int& col, int& row) const {
    double det = gt[1] * gt[5] - gt[2] * gt[4];
    if (det == 0.0) return false;
    double dx = p.x - gt[0], dy = p.y - gt[3];
    double c = (dx * gt[5] - dy * gt[2]) / det, r = (dy * gt[1] - dx * gt[4]) / det;
    if (!(c >= 0.0 && r >= 0.0 && c < cols && r < rows)) return false;
    col = int(c);
    row = int(r);
    return true;
  }
  double cellArea() const { return std::abs(gt[1] * gt[5] - gt[2] * gt[4]); }
};

// A polygon with holes (rings closed implicitly; the first ring is the outer one), in some CRS's x/y.
struct Polygon {
  std::vector<std::vector<glm::dvec2>> rings;
};

}  // namespace ct::geo
