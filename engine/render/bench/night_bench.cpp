// Night-time cost of street lamps: the generated 10,000-building district at its default camera, by day (no
// point lights) and at night (every lamp a point light with its halo), one 1920x1080 frame each (median of a
// few). Prints {"lights", "visible", "day_ms", "night_ms", "ratio", "binning_ms"}.
// Usage: render_night_bench [buildings] [width height] [day.png night.png]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "citygen/city_generator.h"
#include "export/png.h"
#include "gpu/context.h"
#include "render/renderer.h"

using namespace ct;

namespace {

double medianFrame(render::Renderer& r, const render::RenderSettings& rs, int runs, render::RgbaImage* keep,
                   double* binningMs) {
  std::vector<double> ms, bin;
  render::RgbaImage img = r.render(rs);  // warm: pipelines, targets, buffers
  for (int i = 0; i < runs; ++i) {
    img = r.render(rs);
    ms.push_back(r.lastStats().gpuFrameMs + r.lastStats().cpuRecordMs);
    bin.push_back(r.lastStats().lightBinningMs);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(bin.begin(), bin.end());
  if (keep) *keep = std::move(img);
  if (binningMs) *binningMs = bin[bin.size() / 2];
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  citygen::CityParams params;
  params.buildings = argc > 1 ? std::atoi(argv[1]) : 10000;
  render::RenderSettings rs;
  rs.width = argc > 3 ? std::atoi(argv[2]) : 1920;
  rs.height = argc > 3 ? std::atoi(argv[3]) : 1080;
  const citygen::City city = citygen::generateCityWithLamps(params);
  std::vector<render::PointLight> lights;
  lights.reserve(city.lamps.size());
  for (const citygen::Lamp& lamp : city.lamps) {
    render::PointLight l;
    l.position = lamp.position + glm::dvec3(0.0, 7.4, 0.0);  // the head, 7.5 m up on its arm
    const bool sodium = lamp.type == "sodium";
    l.color = render::kelvinToLinear(sodium ? 2200.0f : 3000.0f);
    l.intensity = static_cast<float>(lamp.wattage) * (sodium ? 0.25f : 0.4f);
    l.radius = 25.0f;
    lights.push_back(l);
  }
  auto ctx = gpu::createContext({});
  if (!ctx.ok()) {
    std::fprintf(stderr, "error: %s\n", ctx.firstError().c_str());
    return 1;
  }
  render::Renderer renderer(*ctx.value(), city.scene);
  render::RgbaImage day, night;
  const double dayMs = medianFrame(renderer, rs, 3, &day, nullptr);
  for (const auto& [name, ms] : renderer.lastStats().passMs) std::fprintf(stderr, "day %s: %.1f ms\n", name, ms);
  rs.lighting = render::nightLighting();
  renderer.setPointLights(lights);
  double binningMs = 0.0;
  const double nightMs = medianFrame(renderer, rs, 3, &night, &binningMs);
  std::printf("{\"lights\": %zu, \"visible\": %u, \"day_ms\": %.1f, \"night_ms\": %.1f, \"ratio\": %.3f, "
              "\"binning_ms\": %.2f, \"references\": %llu}\n",
              lights.size(), renderer.lastStats().lightsVisible, dayMs, nightMs, nightMs / dayMs, binningMs,
              static_cast<unsigned long long>(renderer.lastStats().lightReferences));
  for (const auto& [name, ms] : renderer.lastStats().passMs) std::fprintf(stderr, "night %s: %.1f ms\n", name, ms);
  if (argc > 5) {
    (void)exporter::writePng(argv[4], day);
    (void)exporter::writePng(argv[5], night);
  }
  return 0;
}
