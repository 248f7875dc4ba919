// WGS84 geodetic <-> ECEF <-> ENU conversions.
#include "geo/geodetic.h"

#include <cmath>

namespace ct::geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = 180.0 / kPi;

}  // namespace

glm::dvec3 geodeticToEcef(const Geodetic& g) {
  const double lat = g.lat / kDeg, lon = g.lon / kDeg;
  const double s = std::sin(lat), c = std::cos(lat);
  const double n = kWgs84A / std::sqrt(1.0 - kWgs84E2 * s * s);  // prime vertical radius of curvature
  return {(n + g.height) * c * std::cos(lon), (n + g.height) * c * std::sin(lon), (n * (1.0 - kWgs84E2) + g.height) * s};
}

Geodetic ecefToGeodetic(const glm::dvec3& p) {
  Geodetic g;
  const double r = std::sqrt(p.x * p.x + p.y * p.y);
  g.lon = std::atan2(p.y, p.x) * kDeg;
  double lat = std::atan2(p.z, r * (1.0 - kWgs84E2));
  double h = 0.0;
  for (int i = 0; i < 8; ++i) {
    const double s = std::sin(lat);
    const double n = kWgs84A / std::sqrt(1.0 - kWgs84E2 * s * s);
    h = std::abs(std::cos(lat)) > 1e-12 ? r / std::cos(lat) - n : std::abs(p.z) - n * (1.0 - kWgs84E2);
    lat = std::atan2(p.z, r * (1.0 - kWgs84E2 * n / (n + h)));
  }
  g.lat = lat * kDeg;
  g.height = h;
  return g;
}

glm::dmat3 enuAxes(const Geodetic& o) {
  const double lat = o.lat / kDeg, lon = o.lon / kDeg;
  const double sl = std::sin(lat), cl = std::cos(lat), so = std::sin(lon), co = std::cos(lon);
  return glm::dmat3(glm::dvec3(-so, co, 0.0), glm::dvec3(-sl * co, -sl * so, cl), glm::dvec3(cl * co, cl * so, sl));
}

glm::dvec3 enuToEcef(const Geodetic& origin, const glm::dvec3& enu) {
  return geodeticToEcef(origin) + enuAxes(origin) * enu;
}

glm::dvec3 ecefToEnu(const Geodetic& origin, const glm::dvec3& ecef) {
  return glm::transpose(enuAxes(origin)) * (ecef - geodeticToEcef(origin));
}

Geodetic localToGeodetic(const Geodetic& origin, const glm::dvec3& local) {
  Geodetic g;
  g.lat = origin.lat + (-local.z / kMeanEarthRadius) * kDeg;
  g.lon = origin.lon + (local.x / (kMeanEarthRadius * std::cos(origin.lat / kDeg))) * kDeg;
  g.height = origin.height + local.y;
  return g;
}

}  // namespace ct::geo
