// Annual darkness and irradiation sums (sim/solar_year.h): SPA at anchors, the steps between interpolated.
#include "sim/solar_year.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/time.h"
#include "sim/sun_position.h"

namespace ct::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kMinStepMinutes = 0.5, kMaxStepMinutes = 120.0;
constexpr double kMaxSpanSeconds = 10.0 * 366.0 * 86400.0;  // ten years: beyond, the caller has made a mistake

double haurwitzFromCos(double cosZ) { return cosZ > 0.0 ? 1098.0 * cosZ * std::exp(-0.057 / cosZ) : 0.0; }

// Local clock hour in [0, 24).
double wrapHour(double h) {
  double r = std::fmod(h, 24.0);
  return r < 0.0 ? r + 24.0 : r;
}

SolarYear failed(std::string why) {
  SolarYear y;
  y.error = "solar year: " + std::move(why);
  return y;
}

// SPA's topocentric declination and hour angle at one instant (the only SPA outputs the steps need).
struct Anchor {
  double declinationRad, hourAngleDeg;  // hour angle unwrapped: increases monotonically from anchor to anchor
};

}  // namespace

double haurwitzGhi(double zenithDeg) {
  if (!std::isfinite(zenithDeg) || zenithDeg >= 90.0 || zenithDeg <= -90.0) return 0.0;
  return haurwitzFromCos(std::cos(zenithDeg * kDeg));
}

SolarYear solarSums(double latDeg, double lonDeg, double heightM, double startUnix, double endUnix,
                    const SolarYearOptions& o) {
  for (double v : {latDeg, lonDeg, heightM, startUnix, endUnix, o.switchElevationDeg, o.windowStartHour,
                   o.windowEndHour, o.utcOffsetHours, o.clearness, o.stepMinutes})
    if (!std::isfinite(v)) return failed("a place, time or option is not a finite number");
  if (std::abs(latDeg) > 90.0 || std::abs(lonDeg) > 180.0) return failed("latitude or longitude out of range");
  if (!(endUnix > startUnix) || endUnix - startUnix > kMaxSpanSeconds)
    return failed("the period is empty or over ten years");
  if (std::abs(o.utcOffsetHours) > 24.0) return failed("the UTC offset is over 24 hours");

  const double stepMinutes = std::clamp(o.stepMinutes, kMinStepMinutes, kMaxStepMinutes);
  const double span = endUnix - startUnix;
  const long steps = std::max(1L, std::lround(span / (stepMinutes * 60.0)));
  const double dt = span / double(steps);  // a whole number of equal steps covers the period exactly

  // Anchors every kSpaAnchorHours from startUnix, one past the end.
  const double anchorSeconds = kSpaAnchorHours * 3600.0;
  const size_t anchorCount = size_t(std::ceil(span / anchorSeconds)) + 1;
  std::vector<Anchor> anchors;
  anchors.reserve(anchorCount);
  SunInput in;
  in.latitudeDeg = latDeg;
  in.longitudeDeg = lonDeg;
  in.elevationM = heightM;
  for (size_t k = 0; k < anchorCount; ++k) {
    in.unixSeconds = startUnix + double(k) * anchorSeconds;
    Result<SunPosition> p = sunPosition(in);
    if (!p) return failed(p.firstError());
    double h = p->hourAngleDeg;
    // The hour angle turns ~15° an hour: add whole turns so that it grows from one anchor to the next.
    if (!anchors.empty()) h += 360.0 * std::ceil((anchors.back().hourAngleDeg - h) / 360.0);
    anchors.push_back({p->declinationDeg * kDeg, h});
  }

  const double sinPhi = std::sin(latDeg * kDeg), cosPhi = std::cos(latDeg * kDeg);
  const double sinSwitch = std::sin(std::clamp(o.switchElevationDeg, -90.0, 90.0) * kDeg);
  const double windowStart = wrapHour(o.windowStartHour), windowEnd = wrapHour(o.windowEndHour);
  const bool wraps = windowStart > windowEnd;
  const double clearness = std::clamp(o.clearness, 0.0, 1.0);
  const double stepHours = dt / 3600.0;

  double darkSteps = 0, windowSteps = 0, whSum = 0;
  for (long i = 0; i < steps; ++i) {
    const double offset = (double(i) + 0.5) * dt;  // seconds since startUnix, the step's middle
    const double a = offset / anchorSeconds;
    const size_t k = std::min(size_t(a), anchorCount - 2);
    const double f = a - double(k);
    const Anchor& lo = anchors[k];
    const Anchor& hi = anchors[k + 1];
    const double decl = lo.declinationRad + f * (hi.declinationRad - lo.declinationRad);
    const double hour = (lo.hourAngleDeg + f * (hi.hourAngleDeg - lo.hourAngleDeg)) * kDeg;
    // SPA eq. 41: the topocentric elevation without refraction, as its sine.
    const double sinE = sinPhi * std::sin(decl) + cosPhi * std::cos(decl) * std::cos(hour);
    if (sinE < sinSwitch) {
      darkSteps += 1;
      const double clock = wrapHour((startUnix + offset) / 3600.0 + o.utcOffsetHours);
      const bool inWindow = wraps ? (clock >= windowStart || clock < windowEnd)
                                  : (clock >= windowStart && clock < windowEnd);
      if (inWindow) windowSteps += 1;
    }
    whSum += haurwitzFromCos(sinE);
  }
  SolarYear y;
  y.darknessHours = darkSteps * stepHours;
  y.darkHoursInWindow = windowSteps * stepHours;
  y.horizontalKwhPerM2 = whSum * stepHours / 1000.0 * clearness;
  return y;
}

SolarYear solarYear(double latDeg, double lonDeg, double heightM, const SolarYearOptions& o) {
  if (o.year < -2000 || o.year > 5999) return failed("the year is outside SPA's -2000 to 6000");
  if (!std::isfinite(o.utcOffsetHours)) return failed("the UTC offset is not a finite number");
  const double shift = o.utcOffsetHours * 3600.0;  // local midnight is UTC midnight minus the offset
  const double start = double(daysFromCivil(o.year, 1, 1)) * 86400.0 - shift;
  const double end = double(daysFromCivil(o.year + 1, 1, 1)) * 86400.0 - shift;
  return solarSums(latDeg, lonDeg, heightM, start, end, o);
}

}  // namespace ct::sim
