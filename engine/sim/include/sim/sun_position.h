// Where the sun stands for a place and an instant: NREL's Solar Position Algorithm (Reda & Andreas,
// NREL/TP-560-34302, revised 2008), within 0.0003° from −2000 to 6000, plus sunrise, transit and sunset.
#pragma once
#include <optional>

#include "core/result.h"
#include "core/time.h"

namespace ct::sim {

// SPA's "sun radius + refraction at the horizon": the geometric elevation of the sun's centre at sunrise/sunset.
inline constexpr double kSunRadiusDeg = 0.26667;
inline constexpr double kHorizonRefractionDeg = 0.5667;
inline constexpr double kSunsetElevationDeg = -(kSunRadiusDeg + kHorizonRefractionDeg);  // −0.83337°

struct SunInput {
  double unixSeconds = 0.0;     // UTC
  double latitudeDeg = 0.0;     // [−90, 90], north positive
  double longitudeDeg = 0.0;    // [−180, 180], east positive
  double elevationM = 0.0;      // observer height above sea level, metres (≥ −6 500 000, as SPA)
  double pressureHpa = 1013.0;  // [0, 5000]; 0 turns refraction off (geometric angles)
  double temperatureC = 15.0;   // (−273, 6000]
  // TT − UT1 in seconds, |ΔT| ≤ 8000; unset: deltaTEstimate() for the instant's year.
  std::optional<double> deltaTSeconds;
  double deltaUt1Seconds = 0.0;  // UT1 − UTC, (−1, 1)
};

struct SunPosition {
  // Topocentric, what the renderer and the CLI use.
  double zenithDeg = 0.0;              // 90 − elevationDeg
  double azimuthDeg = 0.0;             // clockwise from north, [0, 360)
  double elevationDeg = 0.0;           // with refraction (only while the sun is above kSunsetElevationDeg)
  double geometricElevationDeg = 0.0;  // without refraction (SPA's e0)
  double refractionDeg = 0.0;          // elevationDeg − geometricElevationDeg
  double declinationDeg = 0.0;         // topocentric δ'
  double rightAscensionDeg = 0.0;      // topocentric α'
  double hourAngleDeg = 0.0;           // topocentric local hour angle H', [0, 360)
  // Geocentric and intermediate values (the report's Table A5.1 lists them for its test case).
  double julianDay = 0.0;                    // UT
  double julianEphemerisDay = 0.0;           // TT
  double deltaTSeconds = 0.0;                // the ΔT used
  double heliocentricLongitudeDeg = 0.0;     // L, [0, 360)
  double heliocentricLatitudeDeg = 0.0;      // B
  double earthSunDistanceAu = 0.0;           // R
  double nutationLongitudeDeg = 0.0;         // Δψ
  double nutationObliquityDeg = 0.0;         // Δε
  double trueObliquityDeg = 0.0;             // ε
  double apparentSunLongitudeDeg = 0.0;      // λ
  double geocentricRightAscensionDeg = 0.0;  // α, [0, 360)
  double geocentricDeclinationDeg = 0.0;     // δ
  double observerHourAngleDeg = 0.0;         // H (geocentric), [0, 360)
  double equationOfTimeMin = 0.0;            // apparent minus mean solar time, minutes, [−20, 20]
};

// The sun's position; fails (one message naming the field) on a non-finite or out-of-range input, or an
// instant outside SPA's years −2000..6000.
Result<SunPosition> sunPosition(const SunInput& in);

// ΔT (TT − UT) estimated for a decimal year by Espenak & Meeus's polynomials ("Polynomial Expressions for
// Delta T", NASA Five Millennium Canon of Solar Eclipses, 2006). Their 2005–2050 branch overestimates the
// observed ΔT of the 2020s by about 4 s (≈ 0.0000015° of solar longitude per second: irrelevant here).
double deltaTEstimate(double decimalYear);
// Decimal year of a Unix time (2000.0 at 2000-01-01T00:00Z).
double decimalYear(double unixSeconds);

// Sunrise, transit and sunset of one day, as SPA defines them: the geocentric centre of the sun at
// kSunsetElevationDeg (no parallax, standard refraction) and on the meridian. Empty where the sun does not
// rise or set that day (polar day or night).
struct SunTimes {
  std::optional<double> sunriseUnix;
  std::optional<double> transitUnix;
  std::optional<double> sunsetUnix;
};
// Events within [dayStartUnix, dayStartUnix + 86400): pass the local midnight of the day wanted (UTC midnight
// minus the UTC offset). Uses `in`'s place, ΔT and ΔUT1; its time and weather are ignored.
Result<SunTimes> sunTimes(const SunInput& in, double dayStartUnix);
// The local midnight that starts the day holding `t` in its own UTC offset.
double localDayStart(const Instant& t);

}  // namespace ct::sim
