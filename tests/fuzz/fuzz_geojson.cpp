// Fuzz target: GeoJSON text through the data module's parser, keyed by the id and by a property.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/geojson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ct::data::GeoJsonOptions options;
  options.maxFeatures = 10000;
  auto byId = ct::data::parseGeoJson(text, options);
  options.key = "name";
  auto byName = ct::data::parseGeoJson(text, options);
  (void)byId;
  (void)byName;
  return 0;
}
