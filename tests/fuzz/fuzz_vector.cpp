// Fuzz target: GeoJSON layers through GDAL into features, then extruded into buildings (ear clipping included).
#include "gis_gdal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ct::io::gis::ReadLimits limits = [] {
    ct::io::gis::ReadLimits l;
    l.drivers = {"GeoJSON"};
    l.maxFeatures = 100'000;
    l.maxVertices = 1'000'000;
    l.allowVirtualPaths = true;
    return l;
  }();
  const std::string name = "/vsimem/fuzz_vector.geojson";
  if (!ct::io::gis::addMemoryFile(name, data, size)) return 0;
  auto layer = ct::io::gis::readVector(name, {}, limits);
  ct::io::gis::removeMemoryFile(name);
  if (!layer || layer->fields.empty()) return 0;
  // The first field as storeys, as a scene would name LEVELS; layer x/y as metres.
  ct::io::FootprintOptions options;
  options.storeysField = layer->fields[0].name;
  auto scene = ct::io::extrudeFootprints(layer.value(), options, [](const glm::dvec3& p, glm::dvec3& local) {
    local = {p.x, 0.0, -p.y};
    return true;
  });
  (void)scene;
  return 0;
}
