// Internal to the GDAL readers: one-time registration, CPL errors captured per call instead of printed, and the
// read entry points with their driver lists and limits spelled out (the fuzz targets call these on /vsimem/).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/gis.h"

namespace ct::io::gis {

// GDALAllRegister once per process; PAM (.aux.xml side files) off so that reading never writes.
void ensureRegistered();

// While alive, CPL errors and warnings on this thread are collected here instead of going to stderr.
class ErrorCapture {
 public:
  // `path`: the file being read; GDAL's messages lose their copies of it (ours already start with it).
  explicit ErrorCapture(std::string path = {});
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The first failure GDAL reported since construction (or `fallback`), on one line.
  std::string failure(const std::string& fallback) const;
  bool failed() const { return !errors.empty(); }
  std::vector<std::string> takeWarnings();
  void clear() { errors.clear(); }

  std::vector<std::string> errors, warnings;  // written by the handler (at most 16 each)
  std::string path;
};

struct ReadLimits {
  std::vector<std::string> drivers;  // GDAL short names allowed to open the file
  uint64_t maxCells = kMaxRasterCells;
  uint64_t maxFeatures = kMaxVectorFeatures;
  uint64_t maxVertices = kMaxVectorVertices;
  bool allowVirtualPaths = false;  // /vsimem/ and friends (fuzzing); public entry points want a regular file
};

ReadLimits rasterDefaults();
ReadLimits vectorDefaults();

Result<geo::Raster> readRaster(const std::string& path, int band, const ReadLimits& limits);
Result<VectorLayer> readVector(const std::string& path, const VectorOptions& options, const ReadLimits& limits);

// A GDAL dataset closed when it goes out of scope.
struct DatasetCloser {
  void operator()(void* ds) const;
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

// The allowed drivers as GDALOpenEx wants them (null-terminated; points into `limits`).
std::vector<const char*> driverList(const ReadLimits& limits);
// A CRS as WKT2 (empty for none); takes an OGRSpatialReferenceH.
std::string crsWkt(void* srs);

// "" when `path` may be opened under `limits`, else why not (missing, not a regular file, a /vsi path).
std::string checkPath(const std::string& path, const ReadLimits& limits);

// An in-memory file GDAL can open as `name` (a /vsimem/ path) over `size` bytes at `data`, which must outlive it;
// removeMemoryFile drops it. For the fuzz targets.
bool addMemoryFile(const std::string& name, const uint8_t* data, size_t size);
void removeMemoryFile(const std::string& name);

}  // namespace ct::io::gis
