// The daylight model: one table of key frames by sun elevation, linearly interpolated, plus sunlight through
// the air mass. Tune the look here.
#include "sim/daylight.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ct::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

struct Key {
  float elevationDeg;
  glm::vec3 skyZenith, skyHorizon, ground;
  float exposure, nightFactor, moon;
};
// Ascending elevation: night below nautical dusk (−12°), civil dusk (−6°), sunset glow (−3° to 3°), golden hour
// (3°), day from 10° up. Night is dark blue with a lighter horizon, so that buildings stand out against it.
// Columns: elevation°, sky zenith, sky horizon, ground (linear RGB), exposure, nightFactor, moonlight share.
constexpr Key kKeys[] = {
    {-90.0f, {0.012f, 0.022f, 0.070f}, {0.040f, 0.055f, 0.100f}, {0.015f, 0.017f, 0.022f}, 2.2f, 1.0f, 1.0f},
    {-12.0f, {0.012f, 0.022f, 0.070f}, {0.040f, 0.055f, 0.100f}, {0.015f, 0.017f, 0.022f}, 2.2f, 1.0f, 1.0f},
    {-6.0f, {0.035f, 0.060f, 0.180f}, {0.200f, 0.160f, 0.220f}, {0.040f, 0.040f, 0.050f}, 1.7f, 0.7f, 0.6f},
    {-3.0f, {0.070f, 0.110f, 0.300f}, {0.550f, 0.350f, 0.300f}, {0.090f, 0.080f, 0.080f}, 1.3f, 0.35f, 0.2f},
    {0.0f, {0.120f, 0.200f, 0.450f}, {0.900f, 0.550f, 0.350f}, {0.180f, 0.150f, 0.130f}, 1.1f, 0.05f, 0.0f},
    {3.0f, {0.170f, 0.300f, 0.620f}, {0.850f, 0.680f, 0.520f}, {0.260f, 0.230f, 0.200f}, 1.0f, 0.0f, 0.0f},
    {10.0f, {0.200f, 0.380f, 0.750f}, {0.680f, 0.780f, 0.900f}, {0.320f, 0.300f, 0.270f}, 1.0f, 0.0f, 0.0f},
    {90.0f, {0.200f, 0.380f, 0.750f}, {0.680f, 0.780f, 0.900f}, {0.320f, 0.300f, 0.270f}, 1.0f, 0.0f, 0.0f},
};

const glm::vec3 kSunDay = glm::vec3(1.0f, 0.95f, 0.88f) * 4.2f;  // sun at the zenith
// Extinction per extra air mass, red to blue: sunlight warms and dims towards the horizon.
const glm::vec3 kExtinction{0.012f, 0.045f, 0.110f};
constexpr float kSunFadeTopDeg = 1.0f;  // the sun's light fades in from sunset up to this elevation
const glm::vec3 kMoonColor{0.55f, 0.65f, 0.90f};
constexpr float kMoonIntensity = 0.12f;
constexpr double kMoonAzimuthDeg = 200.0, kMoonElevationDeg = 55.0;

// Kasten & Young (1989) relative air mass, finite down to the sunset elevation.
double airMass(double elevationDeg) {
  double zenith = 90.0 - std::max(elevationDeg, kSunsetElevationDeg);
  return 1.0 / (std::cos(zenith * kDeg) + 0.50572 * std::pow(96.07995 - zenith, -1.6364));
}

}  // namespace

glm::vec3 directionFromAzEl(double azimuthDeg, double elevationDeg) {
  double az = azimuthDeg * kDeg, el = elevationDeg * kDeg;
  return glm::vec3(glm::dvec3(std::sin(az) * std::cos(el), std::sin(el), -std::cos(az) * std::cos(el)));
}

Daylight daylight(double azimuthDeg, double geometricElevationDeg) {
  if (!std::isfinite(geometricElevationDeg)) geometricElevationDeg = -90.0;  // no sun to speak of: night
  if (!std::isfinite(azimuthDeg)) azimuthDeg = 0.0;
  const float el = static_cast<float>(std::clamp(geometricElevationDeg, -90.0, 90.0));
  const Key* hi = std::upper_bound(std::begin(kKeys), std::end(kKeys), el,
                                   [](float e, const Key& k) { return e < k.elevationDeg; });
  hi = std::clamp(hi, std::begin(kKeys) + 1, std::end(kKeys) - 1);
  const Key& a = hi[-1];
  const Key& b = *hi;
  const float t = std::clamp((el - a.elevationDeg) / (b.elevationDeg - a.elevationDeg), 0.0f, 1.0f);

  Daylight d;
  d.sunDirection = directionFromAzEl(azimuthDeg, geometricElevationDeg);
  d.skyZenith = glm::mix(a.skyZenith, b.skyZenith, t);
  d.skyHorizon = glm::mix(a.skyHorizon, b.skyHorizon, t);
  d.groundColor = glm::mix(a.ground, b.ground, t);
  d.exposure = glm::mix(a.exposure, b.exposure, t);
  d.nightFactor = glm::mix(a.nightFactor, b.nightFactor, t);
  d.moonDirection = directionFromAzEl(kMoonAzimuthDeg, kMoonElevationDeg);
  d.moonColor = kMoonColor * (kMoonIntensity * glm::mix(a.moon, b.moon, t));
  const float extraAirMass = static_cast<float>(std::max(0.0, airMass(geometricElevationDeg) - 1.0));
  const float fade = glm::smoothstep(static_cast<float>(kSunsetElevationDeg), kSunFadeTopDeg, el);
  d.sunColor = kSunDay * glm::exp(-kExtinction * extraAirMass) * fade;
  d.lampsOn = geometricElevationDeg < kSunsetElevationDeg;
  return d;
}

Daylight daylight(const SunPosition& sun) {
  Daylight d = daylight(sun.azimuthDeg, sun.geometricElevationDeg);
  d.sunDirection = directionFromAzEl(sun.azimuthDeg, sun.elevationDeg);
  return d;
}

}  // namespace ct::sim
