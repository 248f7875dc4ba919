// A vector layer through GDAL/OGR: features with key, typed attributes, polygons and points in the layer's CRS.
#include <cmath>
#include <memory>
#include <type_traits>

#include <gdal.h>
#include <ogr_api.h>

#include "gis_gdal.h"

namespace ct::io {
namespace gis {
namespace {

struct FeatureDeleter {
  void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
struct GeometryDeleter {
  void operator()(OGRGeometryH g) const { OGR_G_DestroyGeometry(g); }
};

constexpr int kMaxNesting = 8;  // collections of collections
constexpr size_t kListedFids = 10;

// Features left out, by reason, with their first few FIDs for the warning.
struct Skipped {
  uint64_t count = 0;
  std::string fids;
  void add(int64_t fid) {
    if (count++ < kListedFids) fids += (fids.empty() ? "" : ", ") + std::to_string(fid);
  }
  void report(std::vector<std::string>& out, const std::string& where, const std::string& why) const {
    if (!count) return;
    out.push_back(where + ": " + std::to_string(count) + " feature(s) " + why + " (FID " + fids +
                  (count > kListedFids ? ", ..." : "") + ")");
  }
};

struct GeometryReader {
  uint64_t vertices = 0;
  uint64_t maxVertices = 0;
  bool invalid = false, unsupported = false, tooMany = false;
  uint64_t droppedRings = 0;

  // A ring's points without the closing point and repeated points; false when a coordinate is not finite.
  bool ring(OGRGeometryH g, std::vector<glm::dvec2>& out) {
    const int n = OGR_G_GetPointCount(g);
    if (n <= 0) return true;
    if (vertices + uint64_t(n) > maxVertices) {
      tooMany = true;
      return false;
    }
    vertices += uint64_t(n);
    std::vector<double> xs(static_cast<size_t>(n)), ys(static_cast<size_t>(n));
    OGR_G_GetPoints(g, xs.data(), sizeof(double), ys.data(), sizeof(double), nullptr, 0);
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
      const glm::dvec2 p(xs[size_t(i)], ys[size_t(i)]);
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
      if (out.empty() || out.back() != p) out.push_back(p);
    }
    while (out.size() > 1 && out.back() == out.front()) out.pop_back();
    return true;
  }

  void polygon(OGRGeometryH g, VectorFeature& f) {
    geo::Polygon poly;
    const int rings = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < rings && !invalid; ++i) {
      std::vector<glm::dvec2> pts;
      if (!ring(OGR_G_GetGeometryRef(g, i), pts)) {
        invalid = true;
        return;
      }
      if (pts.size() < 3) {
        if (i == 0) return;  // no outer ring: nothing of this polygon is usable
        ++droppedRings;
        continue;
      }
      poly.rings.push_back(std::move(pts));
    }
    if (!poly.rings.empty()) f.polygons.push_back(std::move(poly));
  }

  void geometry(OGRGeometryH g, VectorFeature& f, int depth) {
    if (!g || invalid || tooMany) return;
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
    switch (type) {
      case wkbPolygon:
      case wkbTriangle:
        polygon(g, f);
        return;
      case wkbPoint: {
        if (OGR_G_IsEmpty(g)) return;
        const glm::dvec3 p(OGR_G_GetX(g, 0), OGR_G_GetY(g, 0), OGR_G_GetZ(g, 0));
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) invalid = true;
        else if (++vertices > maxVertices) tooMany = true;
        else f.points.push_back(p);
        return;
      }
      case wkbMultiPolygon:
      case wkbMultiPoint:
      case wkbGeometryCollection:
        if (depth >= kMaxNesting) {
          unsupported = true;
          return;
        }
        for (int i = 0, n = OGR_G_GetGeometryCount(g); i < n; ++i) geometry(OGR_G_GetGeometryRef(g, i), f, depth + 1);
        return;
      case wkbCurvePolygon:
      case wkbMultiSurface: {
        std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDeleter> linear(OGR_G_GetLinearGeometry(g, 0, nullptr));
        if (linear && depth < kMaxNesting) geometry(linear.get(), f, depth + 1);
        else unsupported = true;
        return;
      }
      default:
        unsupported = true;  // lines, surfaces, TINs: not footprints or points
    }
  }
};

scene::PropertyValue fieldValue(OGRFeatureH f, int i, OGRFieldType type) {
  if (!OGR_F_IsFieldSetAndNotNull(f, i)) return {};
  switch (type) {
    case OFTInteger:
    case OFTInteger64:
      return int64_t(OGR_F_GetFieldAsInteger64(f, i));
    case OFTReal:
      return OGR_F_GetFieldAsDouble(f, i);
    default:
      return std::string(OGR_F_GetFieldAsString(f, i));
  }
}

const char* tableType(OGRFieldType type) {
  return type == OFTInteger || type == OFTInteger64 ? "INT64" : type == OFTReal ? "FLOAT64" : "STRING";
}

}  // namespace

Result<VectorLayer> readVector(const std::string& path, const VectorOptions& options, const ReadLimits& limits) {
  using R = Result<VectorLayer>;
  if (std::string why = checkPath(path, limits); !why.empty()) return R::fail(path + ": " + why);
  ensureRegistered();
  ErrorCapture errors(path);
  const std::vector<const char*> drivers = driverList(limits);
  Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, drivers.data(),
                        nullptr, nullptr));
  if (!ds) return R::fail(path + ": " + errors.failure("not a vector file GDAL can read"));
  const int layers = GDALDatasetGetLayerCount(ds.get());
  OGRLayerH layer = nullptr;
  if (!options.layer.empty()) {
    layer = GDALDatasetGetLayerByName(ds.get(), options.layer.c_str());
    if (!layer) return R::fail(path + ": no layer named '" + options.layer + "'");
  } else {
    if (options.layerIndex < 0 || options.layerIndex >= layers)
      return R::fail(path + ": layer " + std::to_string(options.layerIndex) + " asked for, the file has " +
                     std::to_string(layers));
    layer = GDALDatasetGetLayer(ds.get(), options.layerIndex);
    if (!layer) return R::fail(path + ": layer " + std::to_string(options.layerIndex) + ": " + errors.failure("unreadable"));
  }
  VectorLayer out;
  out.name = OGR_L_GetName(layer);
  const std::string where = path + ": layer '" + out.name + "'";
  out.crs = crsWkt(OGR_L_GetSpatialRef(layer));
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int fieldCount = defn ? OGR_FD_GetFieldCount(defn) : 0;
  std::vector<OGRFieldType> types;
  for (int i = 0; i < fieldCount; ++i) {
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
    types.push_back(OGR_Fld_GetType(fd));
    out.fields.push_back({OGR_Fld_GetNameRef(fd), tableType(types.back())});
  }
  int keyIndex = -1;
  if (!options.keyField.empty()) {
    keyIndex = out.fieldIndex(options.keyField);
    if (keyIndex < 0) return R::fail(where + ": no field named '" + options.keyField + "' for the key");
  }

  // Drivers that know their count (GeoPackage, Shapefile) let a huge layer fail before anything is read.
  const GIntBig known = OGR_L_GetFeatureCount(layer, FALSE);
  if (known > 0 && uint64_t(known) > limits.maxFeatures)
    return R::fail(where + ": " + std::to_string(known) + " features, more than the limit of " +
                   std::to_string(limits.maxFeatures));
  errors.clear();
  GeometryReader geometry;
  geometry.maxVertices = limits.maxVertices;
  Skipped noGeometry, unsupported, invalid, noKey;
  uint64_t seen = 0, droppedRings = 0;
  OGR_L_ResetReading(layer);
  while (true) {
    std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter> f(OGR_L_GetNextFeature(layer));
    if (!f) break;
    if (++seen > limits.maxFeatures)
      return R::fail(where + ": more than " + std::to_string(limits.maxFeatures) + " features");
    VectorFeature feature;
    feature.fid = OGR_F_GetFID(f.get());
    geometry.invalid = geometry.unsupported = false;
    geometry.droppedRings = 0;
    geometry.geometry(OGR_F_GetGeometryRef(f.get()), feature, 0);
    if (geometry.tooMany)
      return R::fail(where + ": more than " + std::to_string(limits.maxVertices) + " vertices (at FID " +
                     std::to_string(feature.fid) + ")");
    if (geometry.invalid) {
      invalid.add(feature.fid);
      continue;
    }
    if (feature.polygons.empty() && feature.points.empty()) {
      (geometry.unsupported ? unsupported : noGeometry).add(feature.fid);
      continue;
    }
    droppedRings += geometry.droppedRings;
    for (int i = 0; i < fieldCount; ++i) feature.values.push_back(fieldValue(f.get(), i, types[size_t(i)]));
    if (keyIndex >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), keyIndex)) {
      feature.key = OGR_F_GetFieldAsString(f.get(), keyIndex);
    }
    if (feature.key.empty()) {
      if (keyIndex >= 0) noKey.add(feature.fid);
      feature.key = std::to_string(feature.fid);
    }
    out.features.push_back(std::move(feature));
  }
  if (errors.failed())  // GetNextFeature also ends on a read error
    return R::fail(where + ": after " + std::to_string(seen) + " features: " + errors.failure(""));
  std::vector<std::string> warnings;
  for (std::string& w : errors.takeWarnings()) warnings.push_back(path + ": " + w);
  noGeometry.report(warnings, where, "without geometry left out");
  unsupported.report(warnings, where, "with neither polygons nor points left out");
  invalid.report(warnings, where, "with non-finite coordinates left out");
  noKey.report(warnings, where, "without a '" + options.keyField + "' value keyed by their FID");
  if (droppedRings)
    warnings.push_back(where + ": " + std::to_string(droppedRings) + " hole(s) of fewer than 3 points dropped");
  return R::ok(std::move(out), std::move(warnings));
}

}  // namespace gis

int VectorLayer::fieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return int(i);
  return -1;
}

const scene::PropertyValue* VectorLayer::value(const VectorFeature& f, const std::string& field) const {
  const int i = fieldIndex(field);
  return i < 0 || size_t(i) >= f.values.size() ? nullptr : &f.values[size_t(i)];
}

Result<VectorLayer> readVector(const std::string& path, const VectorOptions& options) {
  return gis::readVector(path, options, gis::vectorDefaults());
}

}  // namespace ct::io
