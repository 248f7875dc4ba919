// `citytwin render`: load, render offscreen, write the PNG.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "command_line.h"
#include "command_session.h"
#include "commands.h"
#include "core/log.h"
#include "core/time.h"
#include "export/png.h"
#include "layers/legend.h"
#include "render/renderer.h"
#include "scenario_apply.h"
#include "twin_command.h"

namespace ct::app {
namespace {

const char* kRenderHelp =
    "usage: citytwin render INPUT --out FILE.png [options]\n"
    "\n"
    "Renders INPUT (a scene file .json, or a .gltf/.glb/.b3dm model) offscreen with Vulkan and writes a PNG.\n"
    "A scene file (samples/SCENE_FORMAT.md) brings its models, terrain, data sources and layers.\n"
    "\n"
    "options:\n"
    "  --out FILE.png            where to write the image (required; replaced atomically)\n"
    "  --width W                 image width in pixels (default 1280)\n"
    "  --height H                image height in pixels (default 720)\n"
    "  --camera ex,ey,ez,tx,ty,tz[,fovy]\n"
    "                            eye and target in the model's world space (glTF: metres, +Y up);\n"
    "                            up is +Y; fovy is the vertical field of view in degrees (default 45);\n"
    "                            aspect is W/H. Default: a three-quarter view from above that frames\n"
    "                            the whole model.\n"
    "  --background sky|transparent|r,g,b\n"
    "                            sky (default); transparent: PNG alpha is coverage;\n"
    "                            r,g,b: a solid sRGB colour, components in 0..1 (or 0..255)\n"
    "  --samples N               MSAA samples: 1, 2, 4 or 8 (default 4; limited by the device)\n"
    "  --aov color|id            color (default), or id: the feature under each pixel instead of colour,\n"
    "                            RGB = (feature index + 1) as 24-bit little-endian (R + 256 G + 65536 B),\n"
    "                            0 where there is no feature, alpha 255, no antialiasing; the index is\n"
    "                            the row in `citytwin info --features`\n"
    "  --highlight KEY[,KEY...]  tint these features orange (keys as `citytwin info --features` lists them;\n"
    "                            the option may be repeated)\n"
    "  --hide KEY[,KEY...]       leave these features out (colour, shadows and ids)\n"
    "  --bookmark NAME           without --camera: the scene's named view\n"
    "  --scenario NAME           a scenario saved in the scene (its what-if values, layer settings, time and\n"
    "                            camera), as `citytwin view --scenario` shows it; --camera, --bookmark and\n"
    "                            --time given as well win over the scenario's\n"
    "  --time ISO-8601           render at that instant: the sun (or moon) and sky for the scene's origin,\n"
    "                            the lamps on after sunset (default: the scene's \"time\"; none: daylight)\n"
    "  --layers NAME[,NAME...]   show only these layers of the scene\n"
    "  --legend                  draw a legend for every visible layer (title, units, ramp or classes)\n"
    "  --live-wait SECONDS       connect the scene's live sources (MQTT), apply what arrives for that long,\n"
    "                            print their status to stderr, then render\n"
    "  --focus KEY               without --camera: look at this feature and its surroundings from above,\n"
    "                            from the side where the fewest other features are in the way\n"
    "  --device N                use Vulkan device N (see --verbose for the list)\n"
    "  --verbose                 print devices, load and render timings\n"
    "  --no-batch                draw every node on its own (default: small meshes are merged at load\n"
    "                            into spatial batches, which draws the same pixels much faster)\n"
    "  --max-memory SIZE         memory budget of the load (e.g. 512M, 4G; default: half the machine's\n"
    "                            memory, at most 16G): a file whose numbers would need more is refused\n"
    "  -h, --help                this help\n";

// --highlight/--hide KEY[,KEY...] into `keys`; "" or the error.
std::string parseKeys(const std::string& option, const std::string& val, std::vector<std::string>& keys) {
  size_t start = 0;
  while (start <= val.size()) {
    const size_t end = std::min(val.find(',', start), val.size());
    if (end == start) return option + ": empty feature key";
    keys.push_back(val.substr(start, end - start));
    start = end + 1;
  }
  return {};
}

// A saved scenario on the twin, as the viewer applies it (scenario_apply.h): layer settings, then the time
// (unless --time), then the what-if values over the inputs' defaults, and its camera (unless --camera or
// --bookmark). "" or the one-line error.
std::string applyScenarioForRender(Twin& twin, const std::string& name, ModelCommandOptions& o) {
  const scene::Scenario* found = nullptr;
  std::string known;
  for (const scene::Scenario& s : twin.spec().scenarios) {
    if (s.name == name) found = &s;
    known += (known.empty() ? "" : ", ") + s.name;
  }
  if (!found)
    return o.input + ": --scenario: no scenario named '" + name +
           "' (the scene has: " + (known.empty() ? std::string("none") : known) + ")";
  applyLayerStates(twin, found->layers);
  if (!found->time.empty() && !o.time && twin.time()) {
    if (auto t = parseIso8601(found->time)) twin.setTime(t.value().unixSeconds);
  }
  WhatIf whatIf(twin);
  std::vector<std::string> ignored;
  const auto values = scenarioWhatIf(whatIf, whatIf.defaults(), found->whatif, &ignored);
  for (const std::string& n : ignored)
    std::fprintf(stderr, "warning: %s: scenario '%s': this scene has no what-if '%s' (ignored)\n", o.input.c_str(),
                 name.c_str(), n.c_str());
  std::string error;
  if (!whatIf.apply(values, error)) return o.input + ": scenario '" + name + "': " + error;
  twin.update(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
  if (found->camera && !o.settings.camera) {
    render::Camera c;
    c.eye = {found->camera->eye[0], found->camera->eye[1], found->camera->eye[2]};
    c.target = {found->camera->target[0], found->camera->target[1], found->camera->target[2]};
    c.fovyDegrees = found->camera->fovDeg;
    o.settings.camera = c;
  }
  return {};
}

}  // namespace

int renderCommand(int argc, char** argv) {
  ModelCommandOptions o;
  std::string out, focus;
  std::vector<std::string> highlight, hide;  // feature keys
  bool legend = false;
  double liveWait = 0.0;
  std::string bookmark;
  std::optional<std::string> scenarioName;
  auto ownOption = [&](const std::string& a, ArgReader& args) -> std::optional<std::string> {
    if (a == "--legend") {
      legend = true;
      return std::string();
    }
    if (a != "--out" && a != "--focus" && a != "--highlight" && a != "--hide" && a != "--live-wait" &&
        a != "--bookmark" && a != "--scenario")
      return std::nullopt;
    auto v = args.value(a);
    if (!v) return v.firstError();
    if (a == "--out")
      out = v.value();
    else if (a == "--bookmark")
      bookmark = v.value();
    else if (a == "--scenario")
      scenarioName = v.value();
    else if (a == "--focus")
      focus = v.value();
    else if (a == "--live-wait") {
      auto n = parseNumberList(v.value(), 1, 1);
      if (!n || !(n.value()[0] >= 0.0 && n.value()[0] <= 3600.0))
        return std::string("--live-wait: expected seconds from 0 to 3600");
      liveWait = n.value()[0];
    } else return parseKeys(a, v.value(), a == "--hide" ? hide : highlight);
    if (a == "--focus" && focus.empty()) return std::string("--focus: empty feature key");
    return std::string();
  };
  const ParseOutcome parsed = parseModelCommand(argc, argv, "render", o, ownOption);
  if (parsed.help) {
    std::fputs(kRenderHelp, stdout);
    return kExitOk;
  }
  if (!parsed.error.empty()) return badInput(parsed.error);
  if (out.empty()) return badInput("missing --out FILE.png");
  if (o.verbose) log::setLevel(log::Level::Info);
  std::string error;
  auto twin = Twin::open(o.input, twinOptions(o), error);
  if (!twin) return badInput(error);
  const scene::Scene& scene = twin->scene();
  if (o.verbose && twin->batched().instancesMerged)
    std::fprintf(stderr, "merged %llu small instances into %llu batches\n",
                 static_cast<unsigned long long>(twin->batched().instancesMerged),
                 static_cast<unsigned long long>(twin->batched().batches));
  if (liveWait > 0.0) applyLiveData(*twin, liveWait);
  if (!bookmark.empty()) {
    if (o.settings.camera) return badInput("--bookmark and --camera: give one of them");
    const scene::Bookmark* found = nullptr;
    for (const scene::Bookmark& b : twin->spec().bookmarks)
      if (b.name == bookmark) found = &b;
    if (!found) return badInput(o.input + ": no bookmark named '" + bookmark + "'");
    render::Camera cam;
    cam.eye = {found->eye[0], found->eye[1], found->eye[2]};
    cam.target = {found->target[0], found->target[1], found->target[2]};
    cam.fovyDegrees = found->fovDeg;
    o.settings.camera = cam;
  }
  if (!focus.empty() && !o.settings.camera) {
    const int64_t row = scene.features.find(focus);
    const double aspect = double(std::max(1u, o.settings.width)) / double(std::max(1u, o.settings.height));
    const auto cam = row < 0 ? std::nullopt
                             : render::frameFeature(scene.featureBounds(), static_cast<uint32_t>(row), aspect);
    if (!cam) {
      std::fprintf(stderr, "error: %s: no feature '%s' to focus on (citytwin info --features lists them)\n",
                   o.input.c_str(), focus.c_str());
      return kExitBadInput;
    }
    o.settings.camera = cam;
  }
  if (scenarioName) {
    const std::string bad = applyScenarioForRender(*twin, *scenarioName, o);
    if (!bad.empty()) return badInput(bad);
  }
  o.settings.lighting = twin->lighting();

  auto ctx = openDevice(o.device, o.verbose);
  if (!ctx) return kExitFailure;
  int code = kExitOk;
  {
    render::Renderer renderer(*ctx, scene);
    twin->applyTo(renderer);
    for (const auto* keys : {&highlight, &hide})
      for (const std::string& key : *keys) {
        const int64_t row = scene.features.find(key);
        if (row < 0) {
          std::fprintf(stderr, "error: %s: no feature '%s' (citytwin info --features lists them)\n", o.input.c_str(),
                       key.c_str());
          return kExitBadInput;
        }
        render::FeatureStyle style;
        if (keys == &hide) style.flags = render::kFeatureHidden;
        style.tint = glm::vec4(1.0f, 0.566f, 0.152f, 0.85f);  // orange, sRGB
        renderer.setFeatureStyle(static_cast<uint32_t>(row), style);
      }
    render::RgbaImage image = renderer.render(o.settings);
    if (legend && o.settings.aov == render::Aov::Color) layers::drawLegends(image, twin->legends());
    auto written = exporter::writePng(out, image);
    if (!written) {
      std::fprintf(stderr, "error: %s: %s\n", out.c_str(), written.firstError().c_str());
      code = kExitFailure;
    }
    if (o.verbose) {
      const auto& s = renderer.lastStats();
      std::fprintf(stderr, "load %.1f ms, upload %.1f ms, frame %.1f ms (record %.1f ms), %llu triangles, %u draw calls (%u draws)\n",
                   twin->loadMs(), renderer.uploadMs(), s.gpuFrameMs, s.cpuRecordMs,
                   static_cast<unsigned long long>(s.trianglesSubmitted), s.drawCalls, s.drawCommands);
    }
  }
  return closeDevice(ctx, code);  // destruction can report leaks too
}

}  // namespace ct::app
