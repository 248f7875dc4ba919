// CRS transforms against values written down once from cs2cs and by hand, round trips, unknown CRSs, and the
// local frame against geodetic.h's ECEF/ENU.
#include "geo/crs.h"

#include <thread>

#include <gtest/gtest.h>

namespace ct::geo {
namespace {

// Written down from one run of PROJ 9.1.1's cs2cs (authority axis order: latitude first):
//   printf -- "-6.2088 106.8456 0\n0 105 0\n-10 107.5 0\n" | cs2cs -f "%.6f" EPSG:4326 EPSG:32748
//   704207.168856  9313358.339246
//   500000.000000  10000000.000000   (on zone 48's central meridian at the equator: the false easting and
//                                     the southern hemisphere's false northing, checkable by hand)
//   774071.053387  8893548.721746
struct Known {
  double lon, lat, e, n;
};
constexpr Known kUtm48S[] = {
    {106.8456, -6.2088, 704207.168856, 9313358.339246},
    {105.0, 0.0, 500000.0, 10000000.0},
    {107.5, -10.0, 774071.053387, 8893548.721746},
};

TEST(Crs, Wgs84ToUtm48SMatchesWrittenDownValues) {
  auto t = CrsTransform::create("EPSG:4326", "EPSG:32748");
  ASSERT_TRUE(t) << t.firstError();
  for (const Known& k : kUtm48S) {
    auto p = t->transform({k.lon, k.lat, 0.0});  // x = longitude despite EPSG:4326's latitude-first order
    ASSERT_TRUE(p) << p.firstError();
    EXPECT_NEAR(p.value().x, k.e, 1e-5);
    EXPECT_NEAR(p.value().y, k.n, 1e-5);
  }
}

TEST(Crs, ProjStringAndWktAreAccepted) {
  // The same UTM zone written as a proj string, and EPSG:4326 as WKT: same numbers as above.
  const std::string wkt =
      "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
      "UNIT[\"degree\",0.0174532925199433],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST]]";
  auto t = CrsTransform::create(wkt, "+proj=utm +zone=48 +south +datum=WGS84 +units=m +no_defs");
  ASSERT_TRUE(t) << t.firstError();
  auto p = t->transform({kUtm48S[0].lon, kUtm48S[0].lat, 0.0});
  ASSERT_TRUE(p) << p.firstError();
  EXPECT_NEAR(p.value().x, kUtm48S[0].e, 1e-3);
  EXPECT_NEAR(p.value().y, kUtm48S[0].n, 1e-3);
}

TEST(Crs, RoundTripsToAMicrometre) {
  auto t = CrsTransform::create("EPSG:4326", "EPSG:32748");
  ASSERT_TRUE(t);
  for (double lon = 103.0; lon <= 109.0; lon += 0.75)
    for (double lat = -12.0; lat <= 2.0; lat += 1.3) {
      auto utm = t->transform({lon, lat, 5.0});
      ASSERT_TRUE(utm);
      auto back = t->inverse(utm.value());
      ASSERT_TRUE(back);
      auto again = t->transform(back.value());
      ASSERT_TRUE(again);
      EXPECT_LT(glm::length(again.value() - utm.value()), 1e-6) << lon << " " << lat;
      EXPECT_NEAR(back.value().x, lon, 1e-11);
      EXPECT_NEAR(back.value().y, lat, 1e-11);
    }
}

TEST(Crs, BatchMatchesSinglePoints) {
  auto t = CrsTransform::create("EPSG:4326", "EPSG:32748");
  ASSERT_TRUE(t);
  std::vector<glm::dvec3> pts;
  for (const Known& k : kUtm48S) pts.push_back({k.lon, k.lat, 0.0});
  ASSERT_FALSE(t->transform(pts).failed());
  for (size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NEAR(pts[i].x, kUtm48S[i].e, 1e-5);
    EXPECT_NEAR(pts[i].y, kUtm48S[i].n, 1e-5);
  }
  std::vector<glm::dvec3> bad = {{106.0, -6.0, 0.0}, {106.0, 95.0, 0.0}};  // latitude 95 does not exist
  Diagnostics d = t->transform(bad);
  ASSERT_TRUE(d.failed());
  EXPECT_NE(d.errors[0].find("point 1"), std::string::npos) << d.errors[0];
}

TEST(Crs, UnknownCrsFailsWithAMessage) {
  auto t = CrsTransform::create("EPSG:999999", "EPSG:4326");
  ASSERT_FALSE(t);
  EXPECT_NE(t.firstError().find("EPSG:999999"), std::string::npos) << t.firstError();
  auto u = CrsTransform::create("EPSG:4326", "no such thing");
  ASSERT_FALSE(u);
  EXPECT_NE(u.firstError().find("no such thing"), std::string::npos) << u.firstError();
  EXPECT_FALSE(CrsTransform::create("", "EPSG:4326"));
  auto nan = CrsTransform::create("EPSG:4326", "EPSG:32748");
  ASSERT_TRUE(nan);
  EXPECT_FALSE(nan->transform({std::nan(""), 0.0, 0.0}));
}

TEST(Crs, SharedBetweenThreads) {
  auto t = CrsTransform::create("EPSG:4326", "EPSG:32748");
  ASSERT_TRUE(t);
  const CrsTransform& shared = t.value();
  std::vector<double> worst(4, 0.0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 500; ++k) {
        const Known& known = kUtm48S[(i + k) % 3];
        auto p = shared.transform({known.lon, known.lat, 0.0});
        worst[i] = std::max(worst[i], p ? std::abs(p.value().x - known.e) : 1e9);
      }
    });
  for (auto& th : threads) th.join();
  for (double w : worst) EXPECT_LT(w, 1e-5);
}

TEST(LocalFrame, MatchesGeodeticEnu) {
  const Geodetic origin{-6.16, 106.89, 7.0};
  LocalFrame frame(origin);
  const Geodetic g{-6.15, 106.91, 30.0};
  const glm::dvec3 enu = ecefToEnu(origin, geodeticToEcef(g));
  const glm::dvec3 local = frame.toLocal(g);
  EXPECT_NEAR(local.x, enu.x, 1e-6);
  EXPECT_NEAR(local.y, enu.z, 1e-6);
  EXPECT_NEAR(local.z, -enu.y, 1e-6);
  // About 1.1 km north and 2.2 km east of the origin (a degree of latitude is ~110.6 km here).
  EXPECT_NEAR(-local.z, 0.01 * 110600.0, 10.0);
  EXPECT_NEAR(local.x, 0.02 * 110700.0, 30.0);
  EXPECT_NEAR(glm::length(frame.toLocal(origin)), 0.0, 1e-6);
}

TEST(LocalFrame, RoundTripsToAMicrometre) {
  LocalFrame frame(Geodetic{52.52, 13.40, 35.0});
  for (double x = -5000.0; x <= 5000.0; x += 2500.0)
    for (double z = -5000.0; z <= 5000.0; z += 2500.0) {
      const glm::dvec3 p(x, 12.5, z);
      const glm::dvec3 back = frame.toLocal(frame.toGeodetic(p));
      EXPECT_LT(glm::length(back - p), 1e-6);
    }
}

TEST(LocalFrame, ThroughACrs) {
  // A UTM point to local metres equals going to lon/lat first and then through ECEF/ENU.
  auto toWgs = CrsTransform::create("EPSG:32748", kWgs84Crs);
  ASSERT_TRUE(toWgs);
  LocalFrame frame(Geodetic{-6.2088, 106.8456, 0.0});
  auto local = frame.toLocal(toWgs.value(), kUtm48S[0].e, kUtm48S[0].n, 3.0);
  ASSERT_TRUE(local) << local.firstError();
  EXPECT_NEAR(local.value().x, 0.0, 1e-4);  // the origin itself, to PROJ's round-off
  EXPECT_NEAR(local.value().y, 3.0, 1e-4);
  EXPECT_NEAR(local.value().z, 0.0, 1e-4);
  // 100 m east in UTM is about 100 m east locally (scale factor near 0.9996-1.0004, grid convergence < 1 deg).
  auto east = frame.toLocal(toWgs.value(), kUtm48S[0].e + 100.0, kUtm48S[0].n, 0.0);
  ASSERT_TRUE(east);
  EXPECT_NEAR(east.value().x, 100.0, 0.2);
  EXPECT_NEAR(east.value().z, 0.0, 2.0);
  EXPECT_FALSE(frame.toLocal(toWgs.value(), std::nan(""), 0.0, 0.0));
}

}  // namespace
}  // namespace ct::geo
