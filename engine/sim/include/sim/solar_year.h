// Annual sums from the sun's position: hours of darkness (when street lamps burn), the part of them inside a
// local clock window (when they may be dimmed), and clear-sky horizontal irradiation (what rooftop PV sees).
#pragma once
#include <string>

namespace ct::sim {

struct SolarYear {
  double darknessHours = 0;      // hours a year with the sun's centre below the lamp switching angle
  double darkHoursInWindow = 0;  // of those, hours within the local clock window [windowStart, windowEnd)
                                 // (may wrap midnight)
  double horizontalKwhPerM2 = 0; // clear-sky global horizontal irradiation summed over the year, times clearness
  std::string error;             // empty when the sums are valid; else why they are 0 (a bad place or option)
};

struct SolarYearOptions {
  int year = 2026;
  double switchElevationDeg = -0.833;  // lamps on when the sun is below this (sunset/sunrise by default)
  double windowStartHour = 0.0, windowEndHour = 5.0;  // the dimming window, local standard time
  double utcOffsetHours = 0.0;        // local clock = UTC + offset
  double clearness = 0.65;            // fraction of clear-sky irradiation that reaches the ground on average
  double stepMinutes = 10.0;          // integration step
};

// Sums over the year at lat/lon (degrees, WGS84), height (m), with NREL's SPA (sim/sun_position.h). The year runs
// from local midnight of 1 January to the next (UTC + utcOffsetHours). Each step is judged at its middle, by the
// sun's geometric (unrefracted) topocentric elevation against switchElevationDeg; SPA's −0.833° is the sunset of
// the almanacs (refraction and the sun's radius). A window with start == end is empty. Clear-sky GHI from the
// Haurwitz model. For speed SPA runs every kSpaAnchorHours and the steps between take its topocentric declination
// and hour angle interpolated linearly (both change smoothly: the elevation stays within 0.001° of a direct SPA
// call). Bad input (non-finite or out-of-range place, year outside SPA's −2000..6000) gives zeros and an error.
SolarYear solarYear(double latDeg, double lonDeg, double heightM, const SolarYearOptions& options);

// The same sums over [startUnix, endUnix) (UTC seconds) instead of a calendar year; options.year is ignored.
SolarYear solarSums(double latDeg, double lonDeg, double heightM, double startUnix, double endUnix,
                    const SolarYearOptions& options);

// Haurwitz (1945) clear-sky global horizontal irradiance, W/m²: 1098 cos z exp(−0.057 / cos z) for a zenith
// angle z < 90°, else 0.
double haurwitzGhi(double zenithDeg);

// The interval between SPA evaluations inside solarSums (the interpolation is checked against SPA in the tests).
inline constexpr double kSpaAnchorHours = 2.0;

}  // namespace ct::sim
