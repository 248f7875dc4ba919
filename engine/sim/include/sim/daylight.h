// Daylight for the renderer from the sun's position: sun direction and colour, sky and ground colours through
// golden hour, civil and nautical twilight to a dark-blue night, a faint moonlight, exposure and the lamps.
#pragma once
#include <glm/glm.hpp>

#include "sim/sun_position.h"

namespace ct::sim {

struct Daylight {
  glm::vec3 sunDirection{0.0f, 1.0f, 0.0f};  // unit, towards the sun: +X east, +Y up, −Z north
  glm::vec3 sunColor{0.0f};                  // linear RGB × intensity; 0 once the sun has set
  glm::vec3 skyZenith{0.0f};
  glm::vec3 skyHorizon{0.0f};
  glm::vec3 groundColor{0.0f};
  // Night stands in for moonlight: a faint cool light from a fixed high direction so that the city stays
  // readable; 0 by day.
  glm::vec3 moonDirection{0.0f, 1.0f, 0.0f};
  glm::vec3 moonColor{0.0f};
  float exposure = 1.0f;     // raised at night so that lamps read bright without washing out
  float nightFactor = 0.0f;  // 0 by day .. 1 from nautical dusk (sun 12° below the horizon) on
  bool lampsOn = false;      // after sunset: the sun's centre below kSunsetElevationDeg
};

// Unit vector towards (azimuth clockwise from north, elevation) in the scene frame:
// (sin az · cos el, sin el, −cos az · cos el).
glm::vec3 directionFromAzEl(double azimuthDeg, double elevationDeg);

// From the sun's geometric (unrefracted) elevation, which is what twilight and sunset are defined on. Every
// output is a continuous function of the elevation; day values (elevation ≥ 10°, sun at the zenith) are the
// renderer's defaults.
Daylight daylight(double azimuthDeg, double geometricElevationDeg);
// The same, with the sun direction aimed at the refracted elevation, where the sun is seen.
Daylight daylight(const SunPosition& sun);

}  // namespace ct::sim
