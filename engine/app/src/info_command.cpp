// `citytwin info`: a JSON summary of a model (counts, bounds, extensions, warnings).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "io/gltf_loader.h"

namespace ct::app {

int infoCommand(int argc, char** argv) {
  std::string input;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::puts(
          "usage: citytwin info INPUT\n\n"
          "Prints JSON about INPUT (.gltf or .glb): nodes, meshes, primitives, vertices, triangles,\n"
          "materials, textures, images, instances, bounds (world space, metres), extensions used, warnings.");
      return kExitOk;
    }
    if (a.rfind("--", 0) == 0 || !input.empty()) {
      std::fprintf(stderr, "error: unexpected argument '%s' (see citytwin info --help)\n", a.c_str());
      return kExitBadInput;
    }
    input = a;
  }
  if (input.empty()) {
    std::fprintf(stderr, "error: missing INPUT (see citytwin info --help)\n");
    return kExitBadInput;
  }
  auto scene = io::loadGltf(input);
  if (!scene) {
    std::fprintf(stderr, "error: %s: %s\n", input.c_str(), scene.firstError().c_str());
    return kExitBadInput;
  }
  const scene::Scene& s = scene.value();
  nlohmann::ordered_json j;
  j["file"] = input;
  j["nodes"] = s.nodes.size();
  j["meshes"] = s.meshes.size();
  j["primitives"] = s.primitiveCount();
  j["instances"] = s.instances.size();
  j["vertices"] = s.vertexCount();
  j["triangles"] = s.triangleCount();
  j["materials"] = s.materials.size();
  j["textures"] = s.textures.size();
  j["images"] = s.images.size();
  if (s.bounds.empty()) {
    j["bounds"] = nullptr;
  } else {
    j["bounds"] = {{"min", {s.bounds.min.x, s.bounds.min.y, s.bounds.min.z}},
                   {"max", {s.bounds.max.x, s.bounds.max.y, s.bounds.max.z}}};
  }
  j["extensions_used"] = s.extensionsUsed;
  j["warnings"] = scene.warnings();
  std::puts(j.dump(2).c_str());
  return kExitOk;
}

}  // namespace ct::app
