// NREL's Solar Position Algorithm, step by step as the report (NREL/TP-560-34302, section 3) describes it.
#include "sim/sun_position.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <numbers>
#include <span>
#include <string>
#include <utility>

#include "sun_position_terms.h"

namespace ct::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double wrap360(double deg) {
  double r = std::fmod(deg, 360.0);
  return r < 0.0 ? r + 360.0 : r;
}

double polynomial(std::initializer_list<double> coeffs, double x) {  // c0 + c1·x + c2·x² + …
  double sum = 0.0, power = 1.0;
  for (double c : coeffs) {
    sum += c * power;
    power *= x;
  }
  return sum;
}

// Σ_i (Σ_k A cos(B + C·JME))·JME^i / 1e8 (report eqs. 9-11).
double earthSeries(std::span<const std::span<const spa::PeriodicTerm>> series, double jme) {
  double sum = 0.0, power = 1.0;
  for (auto terms : series) {
    double s = 0.0;
    for (const auto& t : terms) s += t.a * std::cos(t.b + t.c * jme);
    sum += s * power;
    power *= jme;
  }
  return sum / 1e8;
}

struct Nutation {
  double longitudeDeg, obliquityDeg;
};

Nutation nutation(double jce) {
  // Report eqs. 15-19: the moon's and sun's fundamental arguments, degrees.
  const double x[5] = {polynomial({297.85036, 445267.111480, -0.0019142, 1.0 / 189474.0}, jce),
                       polynomial({357.52772, 35999.050340, -0.0001603, -1.0 / 300000.0}, jce),
                       polynomial({134.96298, 477198.867398, 0.0086972, 1.0 / 56250.0}, jce),
                       polynomial({93.27191, 483202.017538, -0.0036825, 1.0 / 327270.0}, jce),
                       polynomial({125.04452, -1934.136261, 0.0020708, 1.0 / 450000.0}, jce)};
  double psi = 0.0, eps = 0.0;
  for (const auto& t : spa::nutationTerms()) {
    double arg = 0.0;
    for (int j = 0; j < 5; ++j) arg += t.y[j] * x[j];
    arg *= kDeg;
    psi += (t.a + t.b * jce) * std::sin(arg);
    eps += (t.c + t.d * jce) * std::cos(arg);
  }
  return {psi / 36000000.0, eps / 36000000.0};
}

std::string checkInput(const SunInput& in) {
  auto bad = [](const char* field, double v, const char* range) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "sun position: %s %g is outside %s", field, v, range);
    return std::string(buf);
  };
  for (auto [name, v] : {std::pair{"time", in.unixSeconds},
                         {"latitude", in.latitudeDeg},
                         {"longitude", in.longitudeDeg},
                         {"elevation", in.elevationM},
                         {"pressure", in.pressureHpa},
                         {"temperature", in.temperatureC},
                         {"delta T", in.deltaTSeconds.value_or(0.0)},
                         {"delta UT1", in.deltaUt1Seconds}})
    if (!std::isfinite(v)) return std::string("sun position: ") + name + " is not a finite number";
  if (std::abs(in.latitudeDeg) > 90.0) return bad("latitude", in.latitudeDeg, "[-90, 90] degrees");
  if (std::abs(in.longitudeDeg) > 180.0) return bad("longitude", in.longitudeDeg, "[-180, 180] degrees");
  if (in.elevationM < -6500000.0) return bad("elevation", in.elevationM, "[-6500000, inf) m");
  if (in.pressureHpa < 0.0 || in.pressureHpa > 5000.0) return bad("pressure", in.pressureHpa, "[0, 5000] hPa");
  if (in.temperatureC <= -273.0 || in.temperatureC > 6000.0)
    return bad("temperature", in.temperatureC, "(-273, 6000] degrees C");
  if (in.deltaTSeconds && std::abs(*in.deltaTSeconds) > 8000.0)
    return bad("delta T", *in.deltaTSeconds, "[-8000, 8000] s");
  if (std::abs(in.deltaUt1Seconds) >= 1.0) return bad("delta UT1", in.deltaUt1Seconds, "(-1, 1) s");
  // SPA's stated validity: the years −2000 to 6000 (proleptic Gregorian).
  if (in.unixSeconds < static_cast<double>(daysFromCivil(-2000, 1, 1)) * 86400.0 ||
      in.unixSeconds >= static_cast<double>(daysFromCivil(6001, 1, 1)) * 86400.0)
    return "sun position: the time lies outside the years -2000 to 6000";
  return {};
}

}  // namespace

double decimalYear(double unixSeconds) {
  // Julian years of 365.25 days from J2000.0 are close enough for ΔT (which changes by < 2 s a year).
  return 2000.0 + (julianDay(unixSeconds) - 2451544.5) / 365.25;
}

double deltaTEstimate(double y) {
  // Espenak & Meeus (2006), with y the decimal year.
  if (y < -500.0 || y >= 2150.0) {
    double u = (y - 1820.0) / 100.0;
    return -20.0 + 32.0 * u * u;
  }
  if (y < 500.0)
    return polynomial({10583.6, -1014.41, 33.78311, -5.952053, -0.1798452, 0.022174192, 0.0090316521}, y / 100.0);
  if (y < 1600.0)
    return polynomial({1574.2, -556.01, 71.23472, 0.319781, -0.8503463, -0.005050998, 0.0083572073},
                      (y - 1000.0) / 100.0);
  if (y < 1700.0) return polynomial({120.0, -0.9808, -0.01532, 1.0 / 7129.0}, y - 1600.0);
  if (y < 1800.0) return polynomial({8.83, 0.1603, -0.0059285, 0.00013336, -1.0 / 1174000.0}, y - 1700.0);
  if (y < 1860.0)
    return polynomial(
        {13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272, -0.0000001699, 0.000000000875}, y - 1800.0);
  if (y < 1900.0) return polynomial({7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0 / 233174.0}, y - 1860.0);
  if (y < 1920.0) return polynomial({-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197}, y - 1900.0);
  if (y < 1941.0) return polynomial({21.20, 0.84493, -0.076100, 0.0020936}, y - 1920.0);
  if (y < 1961.0) return polynomial({29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0}, y - 1950.0);
  if (y < 1986.0) return polynomial({45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0}, y - 1975.0);
  if (y < 2005.0) return polynomial({63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599}, y - 2000.0);
  if (y < 2050.0) return polynomial({62.92, 0.32217, 0.005589}, y - 2000.0);
  double u = (y - 1820.0) / 100.0;
  return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
}

Result<SunPosition> sunPosition(const SunInput& in) {
  if (std::string err = checkInput(in); !err.empty()) return Result<SunPosition>::fail(err);
  SunPosition p;
  p.deltaTSeconds = in.deltaTSeconds ? *in.deltaTSeconds : deltaTEstimate(decimalYear(in.unixSeconds));
  // 3.1 Julian day, ephemeris day, centuries and millennium.
  const double jd = julianDay(in.unixSeconds + in.deltaUt1Seconds);
  const double jde = jd + p.deltaTSeconds / 86400.0;
  const double jc = (jd - 2451545.0) / 36525.0;
  const double jce = (jde - 2451545.0) / 36525.0;
  const double jme = jce / 10.0;
  p.julianDay = jd;
  p.julianEphemerisDay = jde;
  // 3.2 Earth heliocentric longitude, latitude, radius vector.
  p.heliocentricLongitudeDeg = wrap360(earthSeries(spa::longitudeSeries(), jme) / kDeg);
  p.heliocentricLatitudeDeg = earthSeries(spa::latitudeSeries(), jme) / kDeg;
  p.earthSunDistanceAu = earthSeries(spa::radiusSeries(), jme);
  // 3.3 Geocentric longitude and latitude.
  const double theta = wrap360(p.heliocentricLongitudeDeg + 180.0);
  const double beta = -p.heliocentricLatitudeDeg;
  // 3.4 Nutation; 3.5 true obliquity (U = JME/10, arc seconds).
  const Nutation nut = nutation(jce);
  p.nutationLongitudeDeg = nut.longitudeDeg;
  p.nutationObliquityDeg = nut.obliquityDeg;
  const double eps0 =
      polynomial({84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67, -39.05, 7.12, 27.87, 5.79, 2.45}, jme / 10.0);
  p.trueObliquityDeg = eps0 / 3600.0 + nut.obliquityDeg;
  // 3.6 Aberration; 3.7 apparent sun longitude.
  const double aberration = -20.4898 / (3600.0 * p.earthSunDistanceAu);
  p.apparentSunLongitudeDeg = theta + nut.longitudeDeg + aberration;
  // 3.8 Apparent sidereal time at Greenwich.
  const double nu0 =
      wrap360(280.46061837 + 360.98564736629 * (jd - 2451545.0) + 0.000387933 * jc * jc - jc * jc * jc / 38710000.0);
  const double eps = p.trueObliquityDeg * kDeg;
  const double nu = nu0 + nut.longitudeDeg * std::cos(eps);
  // 3.9-3.10 Geocentric right ascension and declination.
  const double lambda = p.apparentSunLongitudeDeg * kDeg, betaR = beta * kDeg;
  p.geocentricRightAscensionDeg =
      wrap360(std::atan2(std::sin(lambda) * std::cos(eps) - std::tan(betaR) * std::sin(eps), std::cos(lambda)) / kDeg);
  const double delta = std::asin(std::sin(betaR) * std::cos(eps) + std::cos(betaR) * std::sin(eps) * std::sin(lambda));
  p.geocentricDeclinationDeg = delta / kDeg;
  // 3.11 Observer local hour angle.
  p.observerHourAngleDeg = wrap360(nu + in.longitudeDeg - p.geocentricRightAscensionDeg);
  // 3.12 Topocentric right ascension and declination (parallax).
  const double xi = 8.794 / (3600.0 * p.earthSunDistanceAu) * kDeg;
  const double phi = in.latitudeDeg * kDeg;
  const double u = std::atan(0.99664719 * std::tan(phi));
  const double x = std::cos(u) + in.elevationM / 6378140.0 * std::cos(phi);
  const double y = 0.99664719 * std::sin(u) + in.elevationM / 6378140.0 * std::sin(phi);
  const double h = p.observerHourAngleDeg * kDeg;
  const double den = std::cos(delta) - x * std::sin(xi) * std::cos(h);
  const double dAlpha = std::atan2(-x * std::sin(xi) * std::sin(h), den);
  const double deltaT = std::atan2((std::sin(delta) - y * std::sin(xi)) * std::cos(dAlpha), den);
  p.rightAscensionDeg = wrap360(p.geocentricRightAscensionDeg + dAlpha / kDeg);
  p.declinationDeg = deltaT / kDeg;
  // 3.13 Topocentric local hour angle.
  const double hp = h - dAlpha;
  p.hourAngleDeg = wrap360(hp / kDeg);
  // 3.14 Topocentric zenith angle: elevation without, then with refraction.
  const double e0 =
      std::asin(std::sin(phi) * std::sin(deltaT) + std::cos(phi) * std::cos(deltaT) * std::cos(hp)) / kDeg;
  double refraction = 0.0;
  if (e0 >= kSunsetElevationDeg)
    refraction = in.pressureHpa / 1010.0 * 283.0 / (273.0 + in.temperatureC) * 1.02 /
                 (60.0 * std::tan((e0 + 10.3 / (e0 + 5.11)) * kDeg));
  p.geometricElevationDeg = e0;
  p.refractionDeg = refraction;
  p.elevationDeg = e0 + refraction;
  p.zenithDeg = 90.0 - p.elevationDeg;
  // 3.15 Topocentric azimuth, eastward from north.
  const double gamma = std::atan2(std::sin(hp), std::cos(hp) * std::sin(phi) - std::tan(deltaT) * std::cos(phi));
  p.azimuthDeg = wrap360(gamma / kDeg + 180.0);
  // Equation of time (report A.1): the sun's mean longitude against its apparent right ascension.
  const double m = wrap360(
      polynomial({280.4664567, 360007.6982779, 0.03032028, 1.0 / 49931.0, -1.0 / 15300.0, -1.0 / 2000000.0}, jme));
  double eot = 4.0 * (m - 0.0057183 - p.geocentricRightAscensionDeg + nut.longitudeDeg * std::cos(eps));
  if (eot < -20.0) eot += 1440.0;
  if (eot > 20.0) eot -= 1440.0;
  p.equationOfTimeMin = eot;
  return Result<SunPosition>::ok(p);
}

}  // namespace ct::sim
