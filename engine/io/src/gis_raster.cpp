// One band of a raster through GDAL into geo::Raster: float32 cells, nodata as NaN, geotransform, CRS as WKT.
#include <cfloat>
#include <algorithm>
#include <cmath>
#include <new>

#include <gdal.h>

#include "core/checked_math.h"
#include "gis_gdal.h"

namespace ct::io {
namespace gis {
namespace {

constexpr int kMaxBands = 4096;

}  // namespace

Result<geo::Raster> readRaster(const std::string& path, int band, const ReadLimits& limits) {
  using R = Result<geo::Raster>;
  if (std::string why = checkPath(path, limits); !why.empty()) return R::fail(path + ": " + why);
  ensureRegistered();
  ErrorCapture errors(path);
  const std::vector<const char*> drivers = driverList(limits);
  Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, drivers.data(),
                        nullptr, nullptr));
  if (!ds) return R::fail(path + ": " + errors.failure("not a raster GDAL can read"));
  geo::Raster r;
  r.cols = GDALGetRasterXSize(ds.get());
  r.rows = GDALGetRasterYSize(ds.get());
  uint64_t cells = 0;
  if (r.cols <= 0 || r.rows <= 0 || !checkedMul(uint64_t(r.cols), uint64_t(r.rows), cells))
    return R::fail(path + ": raster has no cells (" + std::to_string(r.cols) + " x " + std::to_string(r.rows) + ")");
  if (cells > limits.maxCells)
    return R::fail(path + ": raster of " + std::to_string(r.cols) + " x " + std::to_string(r.rows) +
                   " cells is larger than the limit of " + std::to_string(limits.maxCells) + " cells");
  const int bands = GDALGetRasterCount(ds.get());
  if (band < 1 || band > bands)
    return R::fail(path + ": band " + std::to_string(band) + " asked for, the raster has " + std::to_string(bands));
  if (bands > kMaxBands) return R::fail(path + ": " + std::to_string(bands) + " bands, more than " +
                                       std::to_string(kMaxBands));
  GDALRasterBandH b = GDALGetRasterBand(ds.get(), band);
  if (!b) return R::fail(path + ": band " + std::to_string(band) + ": " + errors.failure("cannot be read"));
  // GDAL allocates whole blocks (of every band where pixels are interleaved) however small the raster: a
  // 2 x 2 file may claim 16 x 4096 blocks of 60 000 bands.
  int bx = 0, by = 0;
  GDALGetBlockSize(b, &bx, &by);
  const char* interleave = GDALGetMetadataItem(ds.get(), "INTERLEAVE", "IMAGE_STRUCTURE");
  const uint64_t perCell = uint64_t(std::max(GDALGetDataTypeSizeBytes(GDALGetRasterDataType(b)), 1)) *
                           (interleave && std::string(interleave) == "PIXEL" ? uint64_t(bands) : 1u);
  uint64_t blockBytes = 0;
  const uint64_t maxBlockBytes = std::min<uint64_t>(uint64_t(1) << 30, 16 * limits.maxCells);
  if (bx <= 0 || by <= 0 || !checkedMul(uint64_t(bx) * uint64_t(by), perCell, blockBytes) ||
      blockBytes > maxBlockBytes)
    return R::fail(path + ": blocks of " + std::to_string(bx) + " x " + std::to_string(by) + " cells (" +
                   std::to_string(blockBytes >> 20) + " MiB) are larger than the limit of " +
                   std::to_string(maxBlockBytes >> 20) + " MiB");

  double gt[6];
  if (GDALGetGeoTransform(ds.get(), gt) == CE_None) {
    for (double v : gt)
      if (!std::isfinite(v)) return R::fail(path + ": geotransform is not finite");
    if (gt[1] * gt[5] - gt[2] * gt[4] == 0.0) return R::fail(path + ": geotransform is singular (cell size 0)");
    std::copy(gt, gt + 6, r.gt);
  } else {
    errors.clear();  // not an error: a plain image on a pixel grid, rows going down
    r.gt[5] = 1.0;
    errors.warnings.push_back("no geotransform: cells on a pixel grid (x = column, y = row)");
  }
  r.crs = crsWkt(GDALGetSpatialRef(ds.get()));

  try {
    r.values.resize(cells);
  } catch (const std::bad_alloc&) {
    return R::fail(path + ": not enough memory for " + std::to_string(cells) + " cells");
  }
  if (GDALRasterIO(b, GF_Read, 0, 0, r.cols, r.rows, r.values.data(), r.cols, r.rows, GDT_Float32, 0, 0) != CE_None)
    return R::fail(path + ": " + errors.failure("band " + std::to_string(band) + ": cells cannot be read"));

  int hasNoData = 0;
  const double noData = GDALGetRasterNoDataValue(b, &hasNoData);
  if (hasNoData && !std::isnan(noData)) {
    // Cells arrive as float32: compare with the nodata value as float32 would hold it.
    const float nd = std::abs(noData) > double(FLT_MAX) ? (noData > 0 ? INFINITY : -INFINITY) : float(noData);
    for (float& v : r.values)
      if (v == nd) v = geo::Raster::kNoData;
  }
  std::vector<std::string> warnings = errors.takeWarnings();
  for (std::string& w : warnings) w = path + ": " + w;
  return R::ok(std::move(r), std::move(warnings));
}

}  // namespace gis

Result<geo::Raster> readRaster(const std::string& path, int band) {
  return gis::readRaster(path, band, gis::rasterDefaults());
}

}  // namespace ct::io
