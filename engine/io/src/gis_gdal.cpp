// GDAL set-up shared by the raster and vector readers: registration, error capture, path checks.
#include "gis_gdal.h"

#include <filesystem>
#include <mutex>
#include <system_error>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_srs_api.h>

namespace ct::io::gis {
namespace {

constexpr size_t kMaxMessages = 16;  // a broken file can make GDAL complain once per block or feature

void CPL_STDCALL collect(CPLErr level, CPLErrorNum, const char* msg) {
  auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
  if (!self || level == CE_None || level == CE_Debug) return;
  std::string text = msg ? msg : "unknown GDAL error";
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  if (!self->path.empty()) {
    for (const std::string& copy : {"`" + self->path + "' ", self->path + ": ", self->path + ", ", self->path}) {
      for (size_t at; (at = text.find(copy)) != std::string::npos;)
        text.replace(at, copy.size(), copy == self->path ? "the file" : "");
    }
  }
  if (text.size() > 300) text = text.substr(0, 297) + "...";
  auto& list = level == CE_Warning ? self->warnings : self->errors;
  if (list.size() < kMaxMessages) list.push_back(std::move(text));
}

}  // namespace

void ensureRegistered() {
  static std::once_flag once;
  std::call_once(once, [] {
    ErrorCapture quiet;  // a missing plugin's complaint is not the caller's business
    CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
    CPLSetConfigOption("CPL_DEBUG", "OFF");
    GDALAllRegister();
  });
}

ErrorCapture::ErrorCapture(std::string file) : path(std::move(file)) { CPLPushErrorHandlerEx(collect, this); }
ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

std::string ErrorCapture::failure(const std::string& fallback) const {
  return errors.empty() ? fallback : errors.front();
}

std::vector<std::string> ErrorCapture::takeWarnings() {
  std::vector<std::string> out;
  out.swap(warnings);
  return out;
}

ReadLimits rasterDefaults() {
  ReadLimits l;
  l.drivers = {"GTiff", "AAIGrid", "GPKG", "HFA", "ENVI", "EHdr", "XYZ", "PNG", "JPEG"};
  return l;
}

ReadLimits vectorDefaults() {
  ReadLimits l;
  l.drivers = {"GeoJSON", "GeoJSONSeq", "GPKG", "ESRI Shapefile", "FlatGeobuf"};
  return l;
}

void DatasetCloser::operator()(void* ds) const { GDALClose(ds); }

std::vector<const char*> driverList(const ReadLimits& limits) {
  std::vector<const char*> out;
  for (const std::string& d : limits.drivers) out.push_back(d.c_str());
  out.push_back(nullptr);
  return out;
}

std::string crsWkt(void* srs) {
  if (!srs) return "";
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  std::string out;
  if (OSRExportToWktEx(static_cast<OGRSpatialReferenceH>(srs), &wkt, options) == OGRERR_NONE && wkt) out = wkt;
  CPLFree(wkt);
  return out;
}

std::string checkPath(const std::string& path, const ReadLimits& limits) {
  if (path.empty()) return "no file named";
  if (path.rfind("/vsi", 0) == 0) return limits.allowVirtualPaths ? "" : "GDAL virtual paths are not accepted";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);  // follows links: a link to /dev/zero is no file
  if (ec || !std::filesystem::exists(status)) return "file not found";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  return "";
}

bool addMemoryFile(const std::string& name, const uint8_t* data, size_t size) {
  ensureRegistered();
  VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), const_cast<GByte*>(data), vsi_l_offset(size), FALSE);
  return f && VSIFCloseL(f) == 0;
}

void removeMemoryFile(const std::string& name) { VSIUnlink(name.c_str()); }

}  // namespace ct::io::gis
