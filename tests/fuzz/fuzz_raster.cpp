// Fuzz target: rasters (GeoTIFF, ESRI ASCII grid) through GDAL into geo::Raster, from an in-memory file.
#include "gis_gdal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ct::io::gis::ReadLimits limits = [] {
    ct::io::gis::ReadLimits l;
    l.drivers = {"GTiff", "AAIGrid"};
    l.maxCells = uint64_t(1) << 22;  // what a file of a few KB may make us allocate and decode
    l.allowVirtualPaths = true;
    return l;
  }();
  const std::string name = "/vsimem/fuzz_raster.bin";
  if (!ct::io::gis::addMemoryFile(name, data, size)) return 0;
  auto result = ct::io::gis::readRaster(name, 1, limits);
  (void)result;
  ct::io::gis::removeMemoryFile(name);
  return 0;
}
