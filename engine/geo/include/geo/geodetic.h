// Geographic coordinates in double precision: WGS84 latitude/longitude/height, Earth-centred (ECEF) and local
// east-north-up (ENU) frames, and the small-area tangent-plane mapping the city generator uses.
#pragma once
#include <glm/glm.hpp>

namespace ct::geo {

// WGS84 ellipsoid.
inline constexpr double kWgs84A = 6378137.0;                 // semi-major axis, metres
inline constexpr double kWgs84F = 1.0 / 298.257223563;       // flattening
inline constexpr double kWgs84E2 = kWgs84F * (2.0 - kWgs84F);  // first eccentricity squared
// Mean Earth radius (IUGG), for spherical approximations at district scale.
inline constexpr double kMeanEarthRadius = 6371008.8;

struct Geodetic {
  double lat = 0.0;     // degrees, north positive
  double lon = 0.0;     // degrees, east positive
  double height = 0.0;  // metres above the ellipsoid
};

glm::dvec3 geodeticToEcef(const Geodetic& g);
// Iterative (Bowring start, converges to < 1e-9 degrees within a few steps) for any point not at the centre.
Geodetic ecefToGeodetic(const glm::dvec3& ecef);

// Columns: east, north, up unit vectors (in ECEF) at the given place; the transpose maps ECEF offsets to ENU.
glm::dmat3 enuAxes(const Geodetic& origin);
// ENU metres around `origin` <-> ECEF.
glm::dvec3 enuToEcef(const Geodetic& origin, const glm::dvec3& enu);
glm::dvec3 ecefToEnu(const Geodetic& origin, const glm::dvec3& ecef);

// A scene's local frame (metres, +X east, +Y up, -Z north) near `origin` to latitude/longitude on a sphere of
// the mean Earth radius: good to a few centimetres per kilometre, enough at district scale. Height passes through.
Geodetic localToGeodetic(const Geodetic& origin, const glm::dvec3& local);

}  // namespace ct::geo
