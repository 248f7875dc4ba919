// Annual darkness and irradiation: polar night and midnight sun, the equator against the sunrise equation, clock
// windows that wrap midnight, Haurwitz by hand, yearly irradiation against hand integrals, and the interpolation
// between SPA anchors against SPA called at every step.
#include "sim/solar_year.h"

#include <cmath>
#include <limits>
#include <numbers>

#include <gtest/gtest.h>

#include "core/time.h"
#include "sim/sun_position.h"

namespace ct::sim {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;

double localMidnight(int y, unsigned m, unsigned d, double utcOffsetHours) {
  return double(daysFromCivil(y, m, d)) * 86400.0 - utcOffsetHours * 3600.0;
}

// Cooper's (1969) declination for day n of the year: a textbook approximation, independent of SPA.
double cooperDeclinationDeg(int n) { return 23.45 * std::sin(2.0 * kPi * (284.0 + n) / 365.0); }

// Hours the sun's centre stays below h0 on a day of declination delta at latitude phi (the sunrise equation).
double darkHoursSunriseEquation(double phiDeg, double deltaDeg, double h0Deg) {
  double cosH = (std::sin(h0Deg * kDeg) - std::sin(phiDeg * kDeg) * std::sin(deltaDeg * kDeg)) /
                (std::cos(phiDeg * kDeg) * std::cos(deltaDeg * kDeg));
  cosH = std::clamp(cosH, -1.0, 1.0);
  return 24.0 - 2.0 * std::acos(cosH) / kDeg / 15.0;
}

// Haurwitz GHI integrated over one day by the hour angle (kWh/m²), written out here independently of the code.
double haurwitzDayKwh(double phiDeg, double deltaDeg) {
  const int n = 2880;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double h = -kPi + (i + 0.5) * 2.0 * kPi / n;
    const double c = std::sin(phiDeg * kDeg) * std::sin(deltaDeg * kDeg) +
                     std::cos(phiDeg * kDeg) * std::cos(deltaDeg * kDeg) * std::cos(h);
    if (c > 0) sum += 1098.0 * c * std::exp(-0.057 / c);
  }
  return sum * 24.0 / n / 1000.0;
}

TEST(SolarYear, HaurwitzByHand) {
  // z = 0: 1098 x exp(-0.057) = 1098 x 0.944594 = 1037.16 W/m² (the brief's 1037.3 rounds e^-0.057 up).
  EXPECT_NEAR(haurwitzGhi(0.0), 1037.16, 0.01);
  // z = 60°: 1098 x 0.5 x exp(-0.114) = 549 x 0.892258 = 489.85 W/m².
  EXPECT_NEAR(haurwitzGhi(60.0), 489.85, 0.01);
  EXPECT_EQ(haurwitzGhi(90.0), 0.0);
  EXPECT_EQ(haurwitzGhi(120.0), 0.0);
  EXPECT_EQ(haurwitzGhi(std::numeric_limits<double>::quiet_NaN()), 0.0);
}

TEST(SolarYear, PolarNightAndMidnightSunAt78North) {
  // Longyearbyen, 78.22°N 15.65°E, CET (+1). In December the sun's highest elevation is 90 - 78.22 - 21.7 =
  // -9.9° on the 1st and -11.7° at the solstice: dark all 31 days = 744 h, and the 0-5 h window 31 x 5 = 155 h.
  SolarYearOptions o;
  o.utcOffsetHours = 1.0;
  SolarYear dec = solarSums(78.22, 15.65, 0.0, localMidnight(2026, 12, 1, 1), localMidnight(2027, 1, 1, 1), o);
  ASSERT_TRUE(dec.error.empty()) << dec.error;
  EXPECT_NEAR(dec.darknessHours, 744.0, 1e-6);
  EXPECT_NEAR(dec.darkHoursInWindow, 155.0, 1e-6);
  EXPECT_EQ(dec.horizontalKwhPerM2, 0.0);
  // In June the sun's lowest elevation is 78.22 + 22 - 90 = +10°: no darkness at all, but sunshine.
  SolarYear jun = solarSums(78.22, 15.65, 0.0, localMidnight(2026, 6, 1, 1), localMidnight(2026, 7, 1, 1), o);
  EXPECT_EQ(jun.darknessHours, 0.0);
  EXPECT_EQ(jun.darkHoursInWindow, 0.0);
  EXPECT_GT(jun.horizontalKwhPerM2, 50.0);
  // Over a whole year high latitudes see more daylight than the equator: the sun lingers near the -0.833° line.
  SolarYear arctic = solarYear(78.22, 15.65, 0.0, o);
  SolarYear equator = solarYear(0.0, 0.0, 0.0, SolarYearOptions{});
  EXPECT_LT(arctic.darknessHours, equator.darknessHours - 100.0);
}

TEST(SolarYear, EquatorNearlyHalfTheYearDark) {
  // By hand: at the equator the sun sets when its hour angle passes 90° + asin(sin 0.833° / cos δ), so each day
  // has 2 x asin(0.01454 / cos δ) / 15 h more light than 12 h: 0.111 h at the equinox, 0.121 h at the solstice.
  // Averaged over the year (mean ≈ 0.116 h): dark = 365 x (12 - 0.116) = 4337.7 h, 42 h under 4380. Summed here
  // day by day with Cooper's declination (good to ~1°, which moves 1 / cos δ by < 0.01%); tolerance 0.2% (9 h).
  double hand = 0.0, handCivil = 0.0;
  for (int n = 1; n <= 365; ++n) {
    hand += darkHoursSunriseEquation(0.0, cooperDeclinationDeg(n), -0.833);
    handCivil += darkHoursSunriseEquation(0.0, cooperDeclinationDeg(n), -6.0);
  }
  EXPECT_NEAR(hand, 4337.7, 1.0);  // the comment's arithmetic
  SolarYear y = solarYear(0.0, 0.0, 0.0, SolarYearOptions{});
  ASSERT_TRUE(y.error.empty()) << y.error;
  EXPECT_NEAR(y.darknessHours, hand, 0.002 * hand);
  // Lamps switched at civil dusk (-6°): 365 x 2 x asin(sin 6° / cos δ) / 15 ≈ 511 h fewer dark hours than 4380.
  SolarYearOptions civil;
  civil.switchElevationDeg = -6.0;
  SolarYear c = solarYear(0.0, 0.0, 0.0, civil);
  EXPECT_NEAR(c.darknessHours, handCivil, 0.002 * handCivil);
}

TEST(SolarYear, ClockWindowsIncludingOneThatWrapsMidnight) {
  // At the equator on the Greenwich meridian the sun rises between ~05:50 and ~06:20 and sets between ~17:50 and
  // ~18:20 (12 h ± the equation of time and 4 min of refraction), so 22:00-05:00 is always dark: 7 h x 365.
  SolarYearOptions o;
  o.windowStartHour = 22.0;
  o.windowEndHour = 5.0;
  SolarYear y = solarYear(0.0, 0.0, 0.0, o);
  EXPECT_NEAR(y.darkHoursInWindow, 7.0 * 365, 1e-6);
  // The same place clock at 90°E with its own zone (+6 h) gives the same.
  o.utcOffsetHours = 6.0;
  EXPECT_NEAR(solarYear(0.0, 90.0, 0.0, o).darkHoursInWindow, 7.0 * 365, 1e-6);
  // ...but read on a UTC clock the window 22-05 UTC is 04:00-11:00 there: dark only from 04:00 to sunrise,
  // about 1.9 h a day (6:05 ± 16 min local solar time) -> ~700 h.
  o.utcOffsetHours = 0.0;
  EXPECT_NEAR(solarYear(0.0, 90.0, 0.0, o).darkHoursInWindow, 365 * 1.9, 365 * 0.15);
  o.windowStartHour = 0.0;  // not wrapping: 5 h x 365
  EXPECT_NEAR(solarYear(0.0, 0.0, 0.0, o).darkHoursInWindow, 5.0 * 365, 1e-6);
  o.windowStartHour = 11.0, o.windowEndHour = 13.0;  // around noon: never dark
  EXPECT_EQ(solarYear(0.0, 0.0, 0.0, o).darkHoursInWindow, 0.0);
  o.windowStartHour = o.windowEndHour = 3.0;  // empty
  EXPECT_EQ(solarYear(0.0, 0.0, 0.0, o).darkHoursInWindow, 0.0);
  o.windowStartHour = 22.0, o.windowEndHour = 24.0;  // 24 reads as midnight: 2 h x 365
  EXPECT_NEAR(solarYear(0.0, 0.0, 0.0, o).darkHoursInWindow, 2.0 * 365, 1e-6);
}

TEST(SolarYear, IrradiationEquatorAbove52NorthAndAgainstHandIntegrals) {
  SolarYearOptions o;  // clearness 0.65
  SolarYear eq = solarYear(0.0, 0.0, 0.0, o);
  SolarYear north = solarYear(52.0, 5.0, 0.0, o);
  EXPECT_GT(eq.horizontalKwhPerM2, north.horizontalKwhPerM2 * 1.4);
  // By hand: the equinox day at the equator integrates Haurwitz over the hour angle to 7.698 kWh/m²; x 365 x 0.65
  // = 1826.4 kWh/m². The real year lies below, since the noon sun stands up to 23.4° off the zenith: summed with
  // Cooper's declination the year is 0.955 of that. Tolerance: 0.94..0.97 of the equinox figure.
  const double equinoxYear = haurwitzDayKwh(0.0, 0.0) * 365 * 0.65;
  EXPECT_NEAR(equinoxYear, 1826.4, 0.5);
  EXPECT_GT(eq.horizontalKwhPerM2, 0.94 * equinoxYear);
  EXPECT_LT(eq.horizontalKwhPerM2, 0.97 * equinoxYear);
  // Day by day with Cooper's declination (~1106 kWh/m² at 52°N, ~1744 at the equator): within 1.5%.
  double handEq = 0.0, handNorth = 0.0;
  for (int n = 1; n <= 365; ++n) {
    handEq += haurwitzDayKwh(0.0, cooperDeclinationDeg(n)) * 0.65;
    handNorth += haurwitzDayKwh(52.0, cooperDeclinationDeg(n)) * 0.65;
  }
  EXPECT_NEAR(eq.horizontalKwhPerM2, handEq, 0.015 * handEq);
  EXPECT_NEAR(north.horizontalKwhPerM2, handNorth, 0.015 * handNorth);
  o.clearness = 1.7;  // clamped to 1
  EXPECT_NEAR(solarYear(0.0, 0.0, 0.0, o).horizontalKwhPerM2, eq.horizontalKwhPerM2 / 0.65, 1e-6);
}

TEST(SolarYear, DayLengthMatchesSpaSunriseAndSunset) {
  struct Case {
    double lat, lon, offset;
    unsigned month, day;
  };
  const Case cases[] = {{52.0, 5.0, 1, 6, 21}, {52.0, 5.0, 1, 12, 21}, {0.0, 0.0, 0, 3, 20},
                        {-33.9, 18.4, 2, 6, 21}, {78.22, 15.65, 1, 3, 20}, {69.65, 18.96, 1, 1, 20}};
  for (const Case& c : cases) {
    const double start = localMidnight(2026, c.month, c.day, c.offset);
    SunInput in;
    in.latitudeDeg = c.lat;
    in.longitudeDeg = c.lon;
    auto times = sunTimes(in, start);
    ASSERT_TRUE(times.ok()) << times.firstError();
    ASSERT_TRUE(times->sunriseUnix && times->sunsetUnix);
    const double spaDark = 24.0 - (*times->sunsetUnix - *times->sunriseUnix) / 3600.0;
    SolarYearOptions o;
    o.stepMinutes = 0.5;  // each of the two crossings is off by at most a quarter of a minute
    SolarYear d = solarSums(c.lat, c.lon, 0.0, start, start + 86400.0, o);
    EXPECT_NEAR(d.darknessHours, spaDark, 1.0 / 60.0) << c.lat << " " << c.month << "/" << c.day;
  }
}

TEST(SolarYear, InterpolationBetweenAnchorsMatchesSpaAtEveryStep) {
  // The same sums taken with a direct SPA call at every 10-minute step's middle (geometric elevation).
  for (double lat : {52.0, 78.22, -45.0}) {
    const double start = localMidnight(2026, 3, 10, 0), end = start + 10 * 86400.0;
    SolarYearOptions o;
    SolarYear fast = solarSums(lat, 10.0, 300.0, start, end, o);
    double dark = 0, window = 0, wh = 0;
    SunInput in;
    in.latitudeDeg = lat;
    in.longitudeDeg = 10.0;
    in.elevationM = 300.0;
    for (double t = start + 300.0; t < end; t += 600.0) {
      in.unixSeconds = t;
      auto p = sunPosition(in);
      ASSERT_TRUE(p.ok());
      const double e = p->geometricElevationDeg;
      if (e < -0.833) {
        dark += 1.0 / 6.0;
        if (std::fmod(t, 86400.0) < 5 * 3600.0) window += 1.0 / 6.0;
      }
      const double cz = std::sin(e * kDeg);
      if (cz > 0) wh += 1098.0 * cz * std::exp(-0.057 / cz) / 6.0;
    }
    EXPECT_NEAR(fast.darknessHours, dark, 1e-6) << lat;
    EXPECT_NEAR(fast.darkHoursInWindow, window, 1e-6) << lat;
    EXPECT_NEAR(fast.horizontalKwhPerM2, wh / 1000.0 * 0.65, 1e-5 * wh / 1000.0) << lat;
  }
}

TEST(SolarYear, BadInputGivesZerosAndAnError) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SolarYear y = solarYear(nan, 0.0, 0.0, SolarYearOptions{});
  EXPECT_FALSE(y.error.empty());
  EXPECT_EQ(y.darknessHours, 0.0);
  EXPECT_FALSE(solarYear(91.0, 0.0, 0.0, SolarYearOptions{}).error.empty());
  SolarYearOptions o;
  o.year = 7000;
  EXPECT_FALSE(solarYear(10.0, 0.0, 0.0, o).error.empty());
  o = SolarYearOptions{};
  o.stepMinutes = nan;
  EXPECT_FALSE(solarYear(10.0, 0.0, 0.0, o).error.empty());
  o.stepMinutes = -5;  // clamped to half a minute: still a valid sum
  EXPECT_TRUE(solarSums(10.0, 0.0, 0.0, 0.0, 86400.0, o).error.empty());
  EXPECT_FALSE(solarSums(10.0, 0.0, 0.0, 86400.0, 0.0, SolarYearOptions{}).error.empty());
}

}  // namespace
}  // namespace ct::sim
