// `citytwin bench`: renders N offscreen frames of a model and prints one JSON object of timings and counts.
// It measures; it never fails on time.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command_line.h"
#include "command_session.h"
#include "commands.h"
#include "layers/color_ramp.h"
#include "render/renderer.h"
#include "scene/coarse_lod.h"
#include "sim/flood.h"
#include "twin_command.h"

namespace ct::app {
namespace {

const char* kBenchHelp =
    "usage: citytwin bench INPUT [--frames N] [--width W] [--height H] [--camera ex,ey,ez,tx,ty,tz[,fovy]]\n"
    "                      [--samples N] [--aov color|id] [--device N] [--no-batch] [--verbose]\n"
    "                      [--max-memory SIZE] [--time ISO-8601] [--layers NAME,...] [--updates N] [--moving]\n"
    "\n"
    "--moving renders as the viewer does while the camera moves: no sun shadows, no point lights, instances\n"
    "under 3 pixels left out, one sample (give --width/--height at the viewer's reduced scale).\n"
    "\n"
    "INPUT is a scene file (.json) or a model. With a scene: lights (lamps lit at --time), lights_visible,\n"
    "light_binning_ms, flood.LAYER.level_ms_median (a new level over the terrain, with connectivity), and with\n"
    "--updates N: N feature value changes through the layers' fast path (rows without geometry are added when\n"
    "the scene has fewer than N features), handed to the renderer and uploaded with the next frame:\n"
    "update_ms = updates.apply_ms + updates.hand_to_renderer_ms + updates.frame_upload_ms (medians of 5).\n"
    "\n"
    "Loads INPUT, renders N frames offscreen (default 20, 1920x1080) and prints one JSON object:\n"
    "device, load_ms, upload_ms, first_frame_ms, frame_ms_median, frame_ms_p95 (frames after the first),\n"
    "triangles_submitted (the scene's), triangles_drawn (after culling, shadow casters included),\n"
    "pass_ms (GPU time per pass of the last frame, from timestamp queries), draw_calls (indirect multi-draw calls), "
    "draw_commands (the instanced draws they issue),\n"
    "instances (after merging), instances_visible, features, gpu_memory_mb (device memory this process\n"
    "allocated), peak_rss_mb. Frame times are\n"
    "submit to completion including readback; load_ms includes merging small instances into batches\n"
    "(--no-batch: draw every node on its own). Options as for `citytwin render`.\n";

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(std::min<double>(v.size() - 1, std::ceil(q * v.size()) - 1));
  return v[i];
}

}  // namespace

int benchCommand(int argc, char** argv) {
  ModelCommandOptions o;
  o.settings.width = 1920;
  o.settings.height = 1080;
  long frames = 20;
  long updates = 0;
  bool moving = false;
  auto ownOption = [&](const std::string& a, ArgReader& args) -> std::optional<std::string> {
    if (a == "--moving") {
      moving = true;
      return std::string();
    }
    if (a != "--frames" && a != "--updates") return std::nullopt;
    auto v = args.value(a);
    if (!v) return v.firstError();
    auto n = parsePositive(v.value(), a == "--frames" ? 100000 : 16777215);
    if (!n) return a + ": " + n.firstError();
    (a == "--frames" ? frames : updates) = n.value();
    return std::string();
  };
  const ParseOutcome parsed = parseModelCommand(argc, argv, "bench", o, ownOption);
  if (parsed.help) {
    std::fputs(kBenchHelp, stdout);
    return kExitOk;
  }
  if (!parsed.error.empty()) return badInput(parsed.error);
  std::string error;
  TwinOptions to = twinOptions(o);
  to.connectLive = false;
  auto twin = Twin::open(o.input, to, error);
  if (!twin) return badInput(error);
  // --updates N beyond the scene's features: rows without geometry are added so that N distinct rows change.
  size_t syntheticRows = 0;
  for (size_t k = twin->scene().features.size(); k < size_t(updates); ++k, ++syntheticRows)
    twin->scene().features.add("bench_row_" + std::to_string(k));
  if (syntheticRows) twin->update(0.0);
  auto ctx = openDevice(o.device, o.verbose);
  if (!ctx) return kExitFailure;
  render::RenderSettings settings = o.settings;
  settings.lighting = twin->lighting();
  nlohmann::ordered_json j;
  if (moving) {  // the viewer's reduced frames (viewer.cpp renderView), coarse levels of detail built as it does
    const scene::CoarseLodStats lods = scene::buildCoarseLods(twin->scene());
    j["coarse_lod"] = {{"primitives", lods.primitives},
                       {"triangles_full", lods.trianglesBefore},
                       {"triangles_coarse", lods.trianglesAfter},
                       {"build_ms", lods.milliseconds}};
    settings.coarse = true;
    settings.samples = 1;
    settings.shadows = false;
    settings.pointLights = false;
    settings.minPixels = 3.0;
  }
  {
    render::Renderer renderer(*ctx, twin->scene());
    twin->applyTo(renderer);
    std::vector<double> times;
    double first = 0.0;
    for (long i = 0; i < frames; ++i) {
      auto t = std::chrono::steady_clock::now();
      renderer.render(settings);
      (i == 0 ? first : times.emplace_back()) = msSince(t);
    }
    const render::FrameStats s = renderer.lastStats();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    j["file"] = o.input;
    j["device"] = gpu::deviceInfo(*ctx).name + " (" + gpu::deviceInfo(*ctx).type + ")";
    j["width"] = settings.width;
    j["height"] = settings.height;
    j["frames"] = frames;
    if (twin->time()) j["time"] = formatIso8601(*twin->time());
    if (twin->sun()) j["sun_elevation_deg"] = twin->sun()->elevationDeg;
    j["load_ms"] = twin->loadMs();
    j["upload_ms"] = renderer.uploadMs();
    j["first_frame_ms"] = first;
    j["frame_ms_median"] = times.empty() ? first : percentile(times, 0.5);
    j["frame_ms_p95"] = times.empty() ? first : percentile(times, 0.95);
    j["triangles_submitted"] = s.trianglesSubmitted;
    j["triangles_drawn"] = s.trianglesDrawn;
    for (const auto& [name, ms] : s.passMs) j["pass_ms"][name] = ms;
    j["draw_calls"] = s.drawCalls;
    j["draw_commands"] = s.drawCommands;
    j["instances"] = twin->scene().instances.size();
    j["instances_visible"] = s.itemsVisible;
    j["instances_merged"] = twin->batched().instancesMerged;
    j["features"] = twin->scene().features.size() - syntheticRows;
    j["layers"] = twin->spec().layers.size();
    j["lights"] = twin->pointLights().size();
    j["lights_visible"] = s.lightsVisible;
    j["light_references"] = s.lightReferences;
    j["light_binning_ms"] = s.lightBinningMs;
    j["frame_upload_ms"] = s.uploadMs;
    // A new flood level on each flood layer over its terrain (what a level slider costs), median of 5.
    for (const FloodState& f : twin->floods()) {
      if (f.fromRaster || !twin->terrain()) continue;
      std::vector<double> ms;
      std::vector<sim::Seed> seeds;
      const geo::Raster& terrain = *twin->terrain();
      for (int r = 0; r < terrain.rows; ++r)
        for (int c = 0; c < terrain.cols; ++c)
          if (f.extent.wet(c, r)) seeds.push_back(sim::Seed::cell(c, r));
      for (int i = 0; i < 5; ++i) {
        auto t = std::chrono::steady_clock::now();
        auto e = sim::floodFromLevel(terrain, f.level + 0.25 * (i + 1), seeds);
        ms.push_back(msSince(t));
      }
      j["flood"][f.layer] = {{"cells", size_t(terrain.cols) * terrain.rows}, {"level_ms_median", percentile(ms, 0.5)},
                             {"in_water", f.report.inWater}, {"buildings", f.report.buildings}};
    }
    if (updates > 0) {
      // N feature value changes through the layers' fast path, handed to the renderer and uploaded with a frame.
      layers::FeatureVisuals& visuals = twin->layerManager().visuals();
      const size_t rows = visuals.size();
      std::vector<uint32_t> rowIds(static_cast<size_t>(updates));
      std::vector<float> values(static_cast<size_t>(updates));
      for (size_t i = 0; i < rowIds.size(); ++i) {
        rowIds[i] = uint32_t(i % rows);
        values[i] = float((i * 2654435761u) % 1000u) / 1000.0f;
      }
      auto ramp = layers::Ramp::named("viridis", 0.0, 1.0);
      std::vector<double> applyMs, handMs, uploadMs;
      for (int rep = 0; rep < 5; ++rep) {
        for (float& v : values) v = 1.0f - v;  // every row really changes
        auto t = std::chrono::steady_clock::now();
        visuals.applyValues(rowIds, values, ramp.value(), 1.0f, 0);
        applyMs.push_back(msSince(t));
        t = std::chrono::steady_clock::now();
        twin->applyTo(renderer);
        handMs.push_back(msSince(t));
        renderer.render(settings);
        uploadMs.push_back(renderer.lastStats().uploadMs);
      }
      const double a = percentile(applyMs, 0.5), h = percentile(handMs, 0.5), u = percentile(uploadMs, 0.5);
      j["updates"] = {{"changes", updates}, {"rows", rows}, {"synthetic_rows", syntheticRows},
                      {"apply_ms", a}, {"hand_to_renderer_ms", h}, {"frame_upload_ms", u}};
      j["update_ms"] = a + h + u;
    }
    j["gpu_memory_mb"] = static_cast<double>(gpu::allocatedBytes(*ctx)) / (1024.0 * 1024.0);
    j["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  }
  std::puts(j.dump().c_str());
  return closeDevice(ctx, kExitOk);
}

}  // namespace ct::app
