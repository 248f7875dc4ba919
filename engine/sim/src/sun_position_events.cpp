// Sunrise, transit and sunset by root finding on SPA's own geocentric elevation and hour angle: the events as
// the report defines them (sun centre at −0.8333°, no parallax), without its three-day interpolation.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

#include "sim/sun_position.h"

namespace ct::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
// Samples 10 minutes apart: between two samples the sun moves at most 2.5° in hour angle, so only a sun that
// grazes the horizon for less than 10 minutes (near a polar day's first or last day) can slip between them.
constexpr double kStepSeconds = 600.0;

// The time in (a, b] at which f changes sign (f(a) and f(b) differ in sign), to a millisecond.
double bisect(const std::function<double(double)>& f, double a, double fa, double b) {
  for (int i = 0; i < 64 && b - a > 1e-3; ++i) {
    double m = 0.5 * (a + b), fm = f(m);
    if ((fm < 0.0) == (fa < 0.0)) {
      a = m;
      fa = fm;
    } else {
      b = m;
    }
  }
  return 0.5 * (a + b);
}

}  // namespace

double localDayStart(const Instant& t) {
  double offset = t.offsetMinutes * 60.0;
  return std::floor((t.unixSeconds + offset) / 86400.0) * 86400.0 - offset;
}

Result<SunTimes> sunTimes(const SunInput& in, double dayStartUnix) {
  SunInput probe = in;
  probe.pressureHpa = 0.0;  // the events use the geocentric angles only; weather is irrelevant
  probe.temperatureC = 15.0;
  probe.unixSeconds = dayStartUnix;
  if (auto check = sunPosition(probe); !check) return Result<SunTimes>::fail(check.firstError());
  probe.unixSeconds = dayStartUnix + 86400.0;
  if (auto check = sunPosition(probe); !check) return Result<SunTimes>::fail(check.firstError());

  const double phi = in.latitudeDeg * kDeg;
  auto geo = [&](double t) {
    probe.unixSeconds = t;
    return sunPosition(probe).value();
  };
  auto elevation = [&](double t) {  // geocentric, unrefracted, minus the sunset elevation
    SunPosition p = geo(t);
    double d = p.geocentricDeclinationDeg * kDeg, h = p.observerHourAngleDeg * kDeg;
    return std::asin(std::sin(phi) * std::sin(d) + std::cos(phi) * std::cos(d) * std::cos(h)) / kDeg -
           kSunsetElevationDeg;
  };
  auto hourAngle = [&](double t) {  // (−180, 180]
    double h = geo(t).observerHourAngleDeg;
    return h > 180.0 ? h - 360.0 : h;
  };

  SunTimes out;
  const double end = dayStartUnix + 86400.0;
  double t0 = dayStartUnix, e0 = elevation(t0), h0 = hourAngle(t0);
  while (t0 < end) {
    double t1 = std::min(t0 + kStepSeconds, end), e1 = elevation(t1), h1 = hourAngle(t1);
    if (!out.sunriseUnix && e0 < 0.0 && e1 >= 0.0) out.sunriseUnix = bisect(elevation, t0, e0, t1);
    if (!out.sunsetUnix && e0 >= 0.0 && e1 < 0.0) out.sunsetUnix = bisect(elevation, t0, e0, t1);
    if (!out.transitUnix && h0 < 0.0 && h1 >= 0.0 && h1 - h0 < 90.0) out.transitUnix = bisect(hourAngle, t0, h0, t1);
    t0 = t1;
    e0 = e1;
    h0 = h1;
  }
  // A root found in the last step may lie exactly at `end`, which belongs to the next day.
  for (auto* t : {&out.sunriseUnix, &out.transitUnix, &out.sunsetUnix})
    if (*t && **t >= end) t->reset();
  return Result<SunTimes>::ok(out);
}

}  // namespace ct::sim
