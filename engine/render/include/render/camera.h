// Camera in the model's world space (double precision; +Y up) and the matrices the renderer derives from it.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "scene/bounds.h"

namespace ct::render {

struct Camera {
  glm::dvec3 eye{0.0, 0.0, 5.0};
  glm::dvec3 target{0.0};
  double fovyDegrees = 45.0;
};

// Three-quarter view from above (azimuth 45°, elevation 30° by default) that fits the bounds in view.
Camera frameBounds(const scene::Bounds& bounds, double aspect, double fovyDegrees = 45.0, double azimuthDegrees = 45.0,
                   double elevationDegrees = 30.0);
// A view of one feature and its surroundings (about its own size again around it, at least 40 m), from
// above at 50°, from the side (of eight) where the fewest other features stand between it and the eye.
// `features` is Scene::featureBounds(); the camera is empty-handed (nullopt) when the feature has no bounds.
std::optional<Camera> frameFeature(const std::vector<scene::Bounds>& features, uint32_t row, double aspect);

// Rotation-only view (the eye is the origin of render space) and an infinite reverse-Z Vulkan projection.
glm::dmat4 viewRotation(const Camera& camera);
glm::dmat4 projection(const Camera& camera, double aspect, double nearPlane);
// A near plane that keeps depth precision without clipping the bounds.
double nearPlaneFor(const Camera& camera, const scene::Bounds& bounds);

}  // namespace ct::render
