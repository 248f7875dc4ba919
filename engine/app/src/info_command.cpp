// `citytwin info`: a JSON summary of a model (counts, bounds, extensions, warnings).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command_line.h"
#include "command_session.h"
#include "commands.h"
#include "twin.h"

namespace ct::app {
namespace {

nlohmann::ordered_json propertyJson(const scene::PropertyValue& v) {
  struct Visitor {
    nlohmann::ordered_json operator()(std::monostate) const { return nullptr; }
    nlohmann::ordered_json operator()(bool b) const { return b; }
    nlohmann::ordered_json operator()(int64_t i) const { return i; }
    nlohmann::ordered_json operator()(double d) const { return d; }
    nlohmann::ordered_json operator()(const std::string& s) const { return s; }
    nlohmann::ordered_json operator()(const std::vector<double>& l) const { return l; }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace

int infoCommand(int argc, char** argv) {
  std::string input;
  bool listFeatures = false;
  uint64_t maxMemory = MemoryBudget::defaultLimit();
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--features") {
      listFeatures = true;
      continue;
    }
    if (a == "--max-memory") {
      if (i + 1 >= argc) return badInput("--max-memory needs a value (see citytwin info --help)");
      if (auto error = parseMaxMemory(argv[++i], maxMemory)) return badInput(*error);
      continue;
    }
    if (a == "-h" || a == "--help") {
      std::puts(
          "usage: citytwin info INPUT [--features]\n\n"
          "Prints JSON about INPUT (.gltf, .glb, .b3dm, or a scene file .json composed as render composes it,\n"
          "then also with its origin, sources (state, rows, bad rows) and layers (features with a value or\n"
          "without, lamps on, buildings in water)): nodes, meshes, primitives, vertices, triangles,\n"
          "materials, textures, images, instances, bounds (world space, metres), extensions used, warnings,\n"
          "and the feature table: its row count and property names and types. Features come from\n"
          "EXT_mesh_features + EXT_structural_metadata, or else one per mesh node (key: node name,\n"
          "properties: the node's extras).\n\n"
          "  --features         also list every feature row, in table order (the order of --aov id), with\n"
          "                     its index, key and property values\n"
          "  --max-memory SIZE  memory budget of the load (e.g. 512M, 4G; default: half the machine's memory,\n"
          "                     at most 16G): a file whose numbers would need more is refused");
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
  // A scene file is composed as render would compose it (without live sources and drawn layer geometry), so
  // that its feature rows are the ones --aov id names.
  TwinOptions options;
  options.batch = false;
  options.printWarnings = false;
  options.maxMemoryBytes = maxMemory;
  options.connectLive = false;
  options.buildGeometry = false;  // the layers' meshes are not counted; their feature rows are
  std::string error;
  const auto twin = Twin::open(input, options, error);
  if (!twin) return badInput(error);
  const scene::Scene& s = twin->scene();
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
  j["features"] = s.features.size();
  nlohmann::ordered_json props = nlohmann::ordered_json::array();
  for (const auto& c : s.features.columns()) props.push_back({{"name", c.name}, {"type", c.type}});
  j["feature_properties"] = props;
  if (listFeatures) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t r = 0; r < s.features.size(); ++r) {
      nlohmann::ordered_json row;
      row["index"] = r;
      row["key"] = s.features.key(r);
      nlohmann::ordered_json values = nlohmann::ordered_json::object();
      for (const auto& c : s.features.columns()) values[c.name] = propertyJson(c.values[r]);
      row["properties"] = values;
      rows.push_back(row);
    }
    j["feature_rows"] = rows;
  }
  if (!twin->spec().layers.empty() || !twin->spec().sources.empty()) {
    const auto& spec = twin->spec();
    if (spec.origin) j["origin"] = {{"lat", spec.origin->lat}, {"lon", spec.origin->lon}, {"height", spec.origin->height}};
    nlohmann::ordered_json sources = nlohmann::ordered_json::array();
    for (const data::SourceStatus& st : twin->sourceStatus()) {
      nlohmann::ordered_json o{{"kind", st.kind}, {"state", st.state}, {"rows", st.rows}, {"bad", st.bad}};
      nlohmann::ordered_json problems = nlohmann::ordered_json::array();
      for (const auto& p : st.problems) problems.push_back(p.text());
      o["problems"] = problems;
      sources.push_back(o);
    }
    j["sources"] = sources;
    nlohmann::ordered_json layersJson = nlohmann::ordered_json::array();
    for (const scene::LayerSpec& l : spec.layers) {
      nlohmann::ordered_json o{{"name", l.name}, {"type", scene::layerTypeName(l.type)}, {"visible", l.visible}};
      if (const layers::LayerStatus* st = twin->layerManager().status(l.name)) {
        if (l.type == scene::LayerType::Color)
          o["features"] = {{"with_value", st->stats.matched}, {"no_data", st->stats.noData()},
                           {"source_keys_matching_no_feature", st->stats.unmatchedKeys}};
        if (l.type == scene::LayerType::Lights) o["lamps_on"] = st->lightsOn;
      }
      for (const FloodState& f : twin->floods())
        if (f.layer == l.name) o["buildings_in_water"] = f.report.inWater;
      layersJson.push_back(o);
    }
    j["layers"] = layersJson;
    j["lamps"] = twin->pointLights().size();
  }
  std::vector<std::string> warnings = twin->warnings();
  for (const std::string& w : twin->layerWarnings()) warnings.push_back(w);
  j["warnings"] = warnings;
  std::puts(j.dump(2).c_str());
  return kExitOk;
}

}  // namespace ct::app
