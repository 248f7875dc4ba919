// Geodetic conversions against published values and round trips.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/geodetic.h"

using namespace ct::geo;

TEST(Geodetic, EcefOfKnownPlaces) {
  // On the equator at the prime meridian: x is the semi-major axis; at the pole z is the semi-minor axis.
  glm::dvec3 p = geodeticToEcef({0.0, 0.0, 0.0});
  EXPECT_DOUBLE_EQ(p.x, 6378137.0);
  EXPECT_NEAR(p.y, 0.0, 1e-9);
  glm::dvec3 pole = geodeticToEcef({90.0, 0.0, 100.0});
  EXPECT_NEAR(pole.z, 6356752.314245 + 100.0, 1e-5);
  // Any place at height 0 lies on the ellipsoid, and the ellipsoid's normal there has the geodetic latitude.
  const double b = 6378137.0 * (1.0 - 1.0 / 298.257223563);
  for (double lat : {-60.0, 22.5431, 45.0, 80.0}) {
    const glm::dvec3 q = geodeticToEcef({lat, 114.0579, 0.0});
    EXPECT_NEAR((q.x * q.x + q.y * q.y) / (6378137.0 * 6378137.0) + q.z * q.z / (b * b), 1.0, 1e-12);
    const glm::dvec3 normal = glm::normalize(glm::dvec3(q.x / 6378137.0 / 6378137.0, q.y / 6378137.0 / 6378137.0, q.z / b / b));
    EXPECT_NEAR(std::asin(normal.z) * 180.0 / 3.14159265358979323846, lat, 1e-9);
  }
}

TEST(Geodetic, EcefRoundTrip) {
  for (double lat : {-89.9, -45.0, 0.0, 22.5431, 60.0, 89.99})
    for (double lon : {-179.0, -30.0, 0.0, 114.0579})
      for (double h : {-100.0, 0.0, 8848.0}) {
        const Geodetic g = ecefToGeodetic(geodeticToEcef({lat, lon, h}));
        EXPECT_NEAR(g.lat, lat, 1e-9);
        EXPECT_NEAR(g.lon, lon, 1e-9);
        EXPECT_NEAR(g.height, h, 1e-6);
      }
}

TEST(Geodetic, EnuAxesPointEastNorthUp) {
  const Geodetic o{22.5431, 114.0579, 0.0};
  // 100 m up along the local normal raises the height by 100 m; 1 km north raises latitude ~0.00902 deg.
  EXPECT_NEAR(ecefToGeodetic(enuToEcef(o, {0.0, 0.0, 100.0})).height, 100.0, 1e-6);
  const Geodetic n = ecefToGeodetic(enuToEcef(o, {0.0, 1000.0, 0.0}));
  EXPECT_NEAR(n.lat - o.lat, 0.00902, 0.00002);
  EXPECT_NEAR(n.lon, o.lon, 1e-9);
  const glm::dvec3 back = ecefToEnu(o, enuToEcef(o, {12.5, -40.0, 3.0}));
  EXPECT_NEAR(back.x, 12.5, 1e-6);
  EXPECT_NEAR(back.y, -40.0, 1e-6);
  EXPECT_NEAR(back.z, 3.0, 1e-6);
}

TEST(Geodetic, LocalFrameToLatLon) {
  const Geodetic o{22.5431, 114.0579, 0.0};
  // 1 km north (-Z) is about 0.008993 degrees of latitude on the mean sphere; 1 km east shrinks with cos(lat).
  Geodetic g = localToGeodetic(o, {0.0, 5.0, -1000.0});
  EXPECT_NEAR(g.lat - o.lat, 0.0089932, 1e-6);
  EXPECT_NEAR(g.lon, o.lon, 1e-12);
  EXPECT_DOUBLE_EQ(g.height, 5.0);
  g = localToGeodetic(o, {1000.0, 0.0, 0.0});
  EXPECT_NEAR(g.lon - o.lon, 0.0089932 / std::cos(o.lat * 3.14159265358979 / 180.0), 1e-6);
}
