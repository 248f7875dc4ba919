// Point lights (street lamps and the like) that the renderer adds to a frame: binned into view clusters so that
// each pixel pays only for the lights near it, and drawn as glowing halos.
#pragma once
#include <glm/glm.hpp>

namespace ct::render {

struct PointLight {
  glm::dvec3 position{0.0};  // world space, like Camera::eye
  glm::vec3 color{1.0f};     // linear RGB (e.g. kelvinToLinear(3000))
  float intensity = 1.0f;    // scales colour: radiance at 1 m, before the window that ends it at `radius`
  float radius = 25.0f;      // metres; no light at all beyond it (0 or less: the light is ignored)
};

// Linear-RGB colour (max channel 1) of a black body at `kelvin` (1000..40000), after Tanner Helland's fit:
// 2700-3000 K for sodium and warm LED street lamps, 4000-5000 K for cool LED.
glm::vec3 kelvinToLinear(float kelvin);

}  // namespace ct::render
