// Options shared by the commands that render: size, samples, device, camera, background, AOV.
#include <cstdlib>

#include "args.h"

namespace ct::app {

std::optional<std::string> parseViewOption(const std::string& a, const std::string& val,
                                           render::RenderSettings& settings, int& device) {
  if (a == "--width" || a == "--height") {
    auto n = parsePositive(val, 16384);
    if (!n) return a + ": " + n.firstError();
    (a == "--width" ? settings.width : settings.height) = static_cast<uint32_t>(n.value());
  } else if (a == "--samples") {
    auto n = parsePositive(val, 8);
    if (!n || (n.value() & (n.value() - 1))) return "--samples: expected 1, 2, 4 or 8";
    settings.samples = static_cast<uint32_t>(n.value());
  } else if (a == "--device") {
    char* end = nullptr;
    long d = std::strtol(val.c_str(), &end, 10);
    if (val.empty() || *end || d < 0 || d > 64) return "--device: expected a device index";
    device = static_cast<int>(d);
  } else if (a == "--camera") {
    auto n = parseNumberList(val, 6, 7);
    if (!n) return "--camera: " + n.firstError();
    const auto& c = n.value();
    render::Camera cam;
    cam.eye = {c[0], c[1], c[2]};
    cam.target = {c[3], c[4], c[5]};
    if (c.size() == 7) cam.fovyDegrees = c[6];
    if (cam.fovyDegrees <= 0.0 || cam.fovyDegrees >= 180.0) return "--camera: fovy must be between 0 and 180 degrees";
    if (glm::length(cam.target - cam.eye) <= 0.0) return "--camera: eye and target must differ";
    settings.camera = cam;
  } else if (a == "--background") {
    if (val == "sky") {
      settings.background = render::Background::Sky;
    } else if (val == "transparent") {
      settings.background = render::Background::Transparent;
    } else {
      auto n = parseNumberList(val, 3, 3);
      if (!n) return "--background: expected sky, transparent or r,g,b (" + n.firstError() + ")";
      auto c = n.value();
      bool bytes = c[0] > 1.0 || c[1] > 1.0 || c[2] > 1.0;
      for (double& x : c) {
        if (x < 0.0 || x > 255.0) return "--background: colour components must be in 0..1 or 0..255";
        if (bytes) x /= 255.0;
      }
      settings.background = render::Background::Color;
      settings.backgroundColor = glm::vec3(c[0], c[1], c[2]);
    }
  } else if (a == "--aov") {
    if (val == "color" || val == "colour") settings.aov = render::Aov::Color;
    else if (val == "id") settings.aov = render::Aov::Id;
    else return "--aov: expected color or id, got '" + val + "'";
  } else {
    return std::nullopt;
  }
  return std::string();
}

}  // namespace ct::app
