// Coordinate reference systems through PROJ: a transform between any two CRSs PROJ knows (EPSG codes, WKT,
// proj strings), and the scene's local frame (metres, +X east, +Y up, -Z north) around a WGS84 origin.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "geo/geodetic.h"

namespace ct::geo {

// A transform from one CRS to another. Axis order is normalised for visualisation: x is longitude or easting,
// y latitude or northing, on both sides, whatever the CRS's official order. Each object has its own PROJ
// context; calls on one object are serialised by a mutex, so one transform may be shared between threads.
class CrsTransform {
 public:
  // `from` and `to`: anything proj_create accepts ("EPSG:32748", WKT, "+proj=utm +zone=48 +south ..."). Fails
  // with a message naming the CRS PROJ could not understand.
  static Result<CrsTransform> create(const std::string& from, const std::string& to);

  CrsTransform(CrsTransform&&) noexcept;
  CrsTransform& operator=(CrsTransform&&) noexcept;
  ~CrsTransform();

  // One point (z passes through 2D CRSs unchanged); fails where PROJ cannot transform it (outside the CRS's
  // domain, not finite).
  Result<glm::dvec3> transform(const glm::dvec3& p) const;
  Result<glm::dvec3> inverse(const glm::dvec3& p) const;
  // Many points in place; fails on the first point PROJ cannot transform, naming its index.
  Diagnostics transform(std::vector<glm::dvec3>& points) const;

  const std::string& from() const { return mFrom; }
  const std::string& to() const { return mTo; }

 private:
  struct Impl;
  CrsTransform() = default;
  Result<glm::dvec3> run(const glm::dvec3& p, bool forward) const;
  std::unique_ptr<Impl> mImpl;
  std::string mFrom, mTo;
};

// The scene's local frame: metres around a WGS84 origin, +X east, +Y up, -Z north (local = (e, u, -n)), through
// ECEF and ENU in doubles (exact on the ellipsoid, unlike geo::localToGeodetic's sphere).
class LocalFrame {
 public:
  LocalFrame() = default;
  explicit LocalFrame(const Geodetic& origin);

  const Geodetic& origin() const { return mOrigin; }
  // WGS84 latitude/longitude/ellipsoidal height <-> local metres.
  glm::dvec3 toLocal(const Geodetic& g) const;
  Geodetic toGeodetic(const glm::dvec3& local) const;
  // A point in some CRS to local metres: `toWgs84` must map that CRS to WGS84 longitude/latitude (for example
  // CrsTransform::create(crs, "EPSG:4326") or "EPSG:4979" for 3D); z is the height above the ellipsoid.
  Result<glm::dvec3> toLocal(const CrsTransform& toWgs84, double x, double y, double z) const;

 private:
  Geodetic mOrigin;
  glm::dvec3 mOriginEcef{0.0};
  glm::dmat3 mAxes{1.0};  // columns: east, north, up in ECEF
};

// The WGS84 CRS the local frame expects from CrsTransform (longitude, latitude; heights pass through).
inline constexpr const char* kWgs84Crs = "EPSG:4326";

}  // namespace ct::geo
