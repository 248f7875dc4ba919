// `citytwin render`: load, render offscreen, write the PNG.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "args.h"
#include "commands.h"
#include "core/log.h"
#include "export/png.h"
#include "io/gltf_loader.h"
#include "scene/batching.h"
#include "render/renderer.h"

namespace ct::app {
namespace {

const char* kRenderHelp =
    "usage: citytwin render INPUT --out FILE.png [options]\n"
    "\n"
    "Renders INPUT (.gltf or .glb) offscreen with Vulkan and writes a PNG.\n"
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
    "  --focus KEY               without --camera: look at this feature and its surroundings from above,\n"
    "                            from the side where the fewest other features are in the way\n"
    "  --device N                use Vulkan device N (see --verbose for the list)\n"
    "  --verbose                 print devices, load and render timings\n"
    "  --no-batch                draw every node on its own (default: small meshes are merged at load\n"
    "                            into spatial batches, which draws the same pixels much faster)\n"
    "  -h, --help                this help\n";

struct Options {
  std::string input, out;
  std::vector<std::string> highlight, hide;  // feature keys
  std::string focus;
  render::RenderSettings settings;
  int device = -1;
  bool verbose = false;
  bool batch = true;
};

// Fills `o` from argv; returns an error message for bad options.
std::string parse(int argc, char** argv, Options& o, bool& help) {
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      help = true;
      return {};
    }
    if (a == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (a == "--no-batch") {
      o.batch = false;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      if (!o.input.empty()) return "unexpected argument '" + a + "'";
      o.input = a;
      continue;
    }
    auto v = args.value(a);
    if (!v) return v.firstError();
    const std::string& val = v.value();
    if (a == "--out") {
      o.out = val;
    } else if (a == "--focus") {
      if (val.empty()) return "--focus: empty feature key";
      o.focus = val;
    } else if (a == "--highlight" || a == "--hide") {
      std::vector<std::string>& keys = a == "--hide" ? o.hide : o.highlight;
      size_t start = 0;
      while (start <= val.size()) {
        const size_t end = std::min(val.find(',', start), val.size());
        if (end == start) return a + ": empty feature key";
        keys.push_back(val.substr(start, end - start));
        start = end + 1;
      }
    } else if (auto handled = parseViewOption(a, val, o.settings, o.device)) {
      if (!handled->empty()) return *handled;
    } else {
      return "unknown option '" + a + "' (see citytwin render --help)";
    }
  }
  if (o.input.empty()) return "missing INPUT (see citytwin render --help)";
  if (o.out.empty()) return "missing --out FILE.png";
  return {};
}

}  // namespace

int renderCommand(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  Options o;
  bool help = false;
  std::string err = parse(argc, argv, o, help);
  if (help) {
    std::fputs(kRenderHelp, stdout);
    return kExitOk;
  }
  if (!err.empty()) {
    std::fprintf(stderr, "error: %s\n", err.c_str());
    return kExitBadInput;
  }
  if (o.verbose) log::setLevel(log::Level::Info);
  auto t0 = Clock::now();
  auto scene = io::loadGltf(o.input);
  if (!scene) {
    std::fprintf(stderr, "error: %s: %s\n", o.input.c_str(), scene.firstError().c_str());
    return kExitBadInput;
  }
  for (const auto& w : scene.warnings()) std::fprintf(stderr, "warning: %s: %s\n", o.input.c_str(), w.c_str());
  scene::BatchStats batched;
  if (o.batch) batched = scene::batchSmallInstances(scene.value());
  double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (o.verbose && batched.instancesMerged)
    std::fprintf(stderr, "merged %llu small instances into %llu batches\n",
                 static_cast<unsigned long long>(batched.instancesMerged), static_cast<unsigned long long>(batched.batches));

  auto ctx = gpu::Context::create({o.device, false, o.verbose});
  if (!ctx) {
    std::fprintf(stderr, "error: %s\n", ctx.firstError().c_str());
    return kExitFailure;
  }
  int code = kExitOk;
  {
    if (!o.focus.empty() && !o.settings.camera) {
      const int64_t row = scene.value().features.find(o.focus);
      const double aspect = double(std::max(1u, o.settings.width)) / double(std::max(1u, o.settings.height));
      const auto cam = row < 0 ? std::nullopt
                                : render::frameFeature(scene.value().featureBounds(), static_cast<uint32_t>(row), aspect);
      if (!cam) {
        std::fprintf(stderr, "error: %s: no feature '%s' to focus on (citytwin info --features lists them)\n",
                     o.input.c_str(), o.focus.c_str());
        return kExitBadInput;
      }
      o.settings.camera = cam;
    }
    render::Renderer renderer(*ctx.value(), scene.value());
    for (const auto* keys : {&o.highlight, &o.hide})
      for (const std::string& key : *keys) {
        const int64_t row = scene.value().features.find(key);
        if (row < 0) {
          std::fprintf(stderr, "error: %s: no feature '%s' (citytwin info --features lists them)\n", o.input.c_str(),
                       key.c_str());
          return kExitBadInput;
        }
        render::FeatureStyle style;
        style.hidden = keys == &o.hide;
        style.tint = glm::vec4(1.0f, 0.28f, 0.02f, 0.85f);  // linear orange
        renderer.setFeatureStyle(static_cast<uint32_t>(row), style);
      }
    render::RgbaImage image = renderer.render(o.settings);
    auto written = exporter::writePng(o.out, image);
    if (!written) {
      std::fprintf(stderr, "error: %s: %s\n", o.out.c_str(), written.firstError().c_str());
      code = kExitFailure;
    }
    if (o.verbose) {
      const auto& s = renderer.lastStats();
      std::fprintf(stderr, "load %.1f ms, upload %.1f ms, frame %.1f ms (record %.1f ms), %llu triangles, %u draw calls (%u draws)\n",
                   loadMs, renderer.uploadMs(), s.gpuFrameMs, s.cpuRecordMs,
                   static_cast<unsigned long long>(s.trianglesSubmitted), s.drawCalls, s.drawCommands);
    }
  }
  ctx.value().reset();  // destruction can report leaks too
  uint32_t messages = gpu::Context::validationMessageCount();
  if (messages > 0) {
    std::fprintf(stderr, "error: %u Vulkan validation message(s)\n", messages);
    return kExitValidation;
  }
  return code;
}

}  // namespace ct::app
