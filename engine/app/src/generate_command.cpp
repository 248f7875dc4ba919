// `citytwin generate-city`: writes a procedural district as DIR/city.glb.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <cmath>

#include "args.h"
#include "core/file.h"
#include "citygen/city_generator.h"
#include "citygen/energy.h"
#include "commands.h"
#include "io/gltf_writer.h"

namespace ct::app {
namespace {

const char* kGenerateHelp =
    "usage: citytwin generate-city --out DIR [--buildings N] [--seed S] [--origin LAT,LON] [--merge]\n"
    "\n"
    "Writes DIR/city.glb, DIR/lamps.geojson (street lamps: id, wattage, type; WGS84 lon/lat),\n"
    "DIR/terrain.asc (the terrain as an ESRI ASCII height grid, local metres, north = -Z) and\n"
    "DIR/energy.csv (annual kWh and kWh/m2 per building from floor area, use and year of construction: medians\n"
    "of the City of Seattle's 2016 building energy benchmarking by use and era) and\n"
    "DIR/zones.geojson (flood-risk zones along the river: high over the valley floor, medium over the banks)\n"
    "DIR/scene.json (a scene file binding them: energy colours, street lights, a river flood, the zones)\n"
    "and DIR/city.json (origin and counts). Terrain: rolling ground cut by a meandering river valley.\n"
    "The district is deterministic: a street grid with lamps, parks\n"
    "with trees and N buildings (towers downtown, slabs, L-shapes, mid-rise blocks and pitched-roof houses\n"
    "towards the edge).\n"
    "Each building is one node named bldg_NNNNNN and one feature (EXT_mesh_features ids on its vertices,\n"
    "EXT_structural_metadata properties: id, usage, type, year_built, floors, floor_area, base_elevation,\n"
    "height). Y is up, units are metres.\n"
    "\n"
    "  --out DIR        output folder (created if missing)\n"
    "  --buildings N    number of buildings, 1 to 2000000 (default 250)\n"
    "  --seed S         random seed, 1 to 2^31 (default 1); the same seed gives the same bytes\n"
    "  --origin LAT,LON where the district's origin lies (default 22.5431,114.0579: central Shenzhen)\n"
    "  --merge          all buildings in one node (a primitive per material) instead of a node each;\n"
    "                   the same buildings and features, for comparing draw costs\n";

// The district as a scene: energy use per building, the lamps as lights, the river rising 9.8 m above the
// lowest ground (over the valley floor into the lowest blocks), the flood-risk zones; a summer evening.
std::string districtScene(const citygen::CityParams& params, const citygen::City& city) {
  float lowest = 0.0f;
  for (size_t i = 0; i < city.terrain.heights.size(); ++i)
    lowest = i ? std::min(lowest, city.terrain.heights[i]) : city.terrain.heights[i];
  char buf[2048];
  std::snprintf(buf, sizeof buf, R"({
  "citytwin": 1,
  "origin": {"lat": %.8f, "lon": %.8f, "height": 0},
  "models": [{"path": "city.glb"}],
  "terrain": {"path": "terrain.asc", "draw": false},
  "sources": [
    {"name": "energy", "type": "csv", "path": "energy.csv", "key": "id"},
    {"name": "lamps", "type": "geojson", "path": "lamps.geojson", "key": "id"},
    {"name": "zones", "type": "geojson", "path": "zones.geojson", "key": "id"}
  ],
  "layers": [
    {"name": "Energy use", "type": "color", "source": "energy", "field": "kwh_per_m2", "ramp": "viridis",
     "domain": [50, 300], "no_data": "#808080", "units": "kWh/m² a year", "opacity": 0.85},
    {"name": "Street lights", "type": "lights", "source": "lamps"},
    {"name": "River flood", "type": "flood", "level": %.2f, "units": "m"},
    {"name": "Flood zones", "type": "zones", "source": "zones", "field": "risk", "opacity": 0.45}
  ],
  "time": "2024-06-21T21:30:00+08:00"
}
)",
                params.originLat, params.originLon, double(lowest) + 9.8);
  return buf;
}

}  // namespace

int generateCityCommand(int argc, char** argv) {
  citygen::CityParams params;
  std::string out;
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      std::fputs(kGenerateHelp, stdout);
      return kExitOk;
    }
    if (a == "--merge") {
      params.merge = true;
      continue;
    }
    if (a != "--out" && a != "--buildings" && a != "--seed" && a != "--origin") {
      std::fprintf(stderr, "error: unknown option '%s' (see citytwin generate-city --help)\n", a.c_str());
      return kExitBadInput;
    }
    auto v = args.value(a);
    if (!v) {
      std::fprintf(stderr, "error: %s\n", v.firstError().c_str());
      return kExitBadInput;
    }
    if (a == "--out") {
      out = v.value();
      continue;
    }
    if (a == "--origin") {
      auto ll = parseNumberList(v.value(), 2, 2);
      if (!ll || std::abs(ll.value()[0]) > 85.0 || std::abs(ll.value()[1]) > 180.0) {
        std::fprintf(stderr, "error: --origin: expected lat,lon in degrees (|lat| <= 85)\n");
        return kExitBadInput;
      }
      params.originLat = ll.value()[0];
      params.originLon = ll.value()[1];
      continue;
    }
    auto n = parsePositive(v.value(), a == "--buildings" ? 2000000 : 2147483648L);
    if (!n) {
      std::fprintf(stderr, "error: %s: %s\n", a.c_str(), n.firstError().c_str());
      return kExitBadInput;
    }
    if (a == "--buildings") params.buildings = static_cast<int>(n.value());
    else params.seed = static_cast<uint64_t>(n.value());
  }
  if (out.empty()) {
    std::fprintf(stderr, "error: missing --out DIR (see citytwin generate-city --help)\n");
    return kExitBadInput;
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "error: %s: cannot create folder: %s\n", out.c_str(), ec.message().c_str());
    return kExitFailure;
  }
  auto t0 = std::chrono::steady_clock::now();
  citygen::City generated = citygen::generateCityWithLamps(params);
  const scene::Scene& city = generated.scene;
  const std::filesystem::path dir(out);
  std::filesystem::path file = dir / "city.glb";
  std::string lamps = citygen::lampsGeoJson(generated.lamps);
  char meta[512];
  std::snprintf(meta, sizeof meta,
                "{\n  \"generator\": \"citytwin generate-city\",\n  \"buildings\": %d,\n  \"seed\": %llu,\n"
                "  \"lamps\": %zu,\n  \"origin\": {\"lat\": %.8f, \"lon\": %.8f},\n"
                "  \"frame\": \"local metres: +X east, +Y up, -Z north, origin at the given lat/lon\"\n}\n",
                params.buildings, static_cast<unsigned long long>(params.seed), generated.lamps.size(), params.originLat,
                params.originLon);
  std::string metaText(meta);
  std::string grid = citygen::terrainAsciiGrid(generated.terrain);
  std::string energy = citygen::energyCsv(city.features, params.seed);
  std::string zones = citygen::zonesGeoJson(generated.zones);
  std::string sceneJson = districtScene(params, generated);
  for (auto [path, written] : {std::pair{file, io::writeGlb(city, file)},
                               std::pair{dir / "lamps.geojson", writeFileAtomic(dir / "lamps.geojson", lamps.data(), lamps.size())},
                               std::pair{dir / "city.json", writeFileAtomic(dir / "city.json", metaText.data(), metaText.size())},
                               std::pair{dir / "terrain.asc", writeFileAtomic(dir / "terrain.asc", grid.data(), grid.size())},
                               std::pair{dir / "energy.csv", writeFileAtomic(dir / "energy.csv", energy.data(), energy.size())},
                               std::pair{dir / "zones.geojson", writeFileAtomic(dir / "zones.geojson", zones.data(), zones.size())},
                               std::pair{dir / "scene.json", writeFileAtomic(dir / "scene.json", sceneJson.data(), sceneJson.size())}})
    if (!written) {
      std::fprintf(stderr, "error: %s: %s\n", path.c_str(), written.firstError().c_str());
      return kExitFailure;
    }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("wrote %s: %d buildings, %zu lamps, %zu nodes, %llu triangles (%.0f ms); lamps.geojson, terrain.asc, energy.csv, zones.geojson, scene.json, city.json\n",
              file.c_str(), params.buildings, generated.lamps.size(), city.nodes.size(),
              static_cast<unsigned long long>(city.triangleCount()), ms);
  return kExitOk;
}

}  // namespace ct::app
