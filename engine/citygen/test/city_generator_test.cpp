// The city generator: exact building count, determinism, sane geometry, and a GLB the loader accepts.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "citygen/city_generator.h"
#include "io/gltf_loader.h"
#include "io/gltf_writer.h"
#include "test_support.h"
#include "../src/mesh_builder.h"

using namespace ct;

namespace {

size_t countPrefix(const scene::Scene& s, const std::string& prefix) {
  size_t n = 0;
  for (const auto& node : s.nodes) n += node.name.rfind(prefix, 0) == 0;
  return n;
}

}  // namespace

TEST(CityGenerator, MakesExactlyTheRequestedBuildings) {
  for (int n : {1, 7, 120, 1000}) {
    citygen::CityParams p;
    p.buildings = n;
    scene::Scene s = citygen::generateCity(p);
    EXPECT_EQ(countPrefix(s, "bldg_"), size_t(n)) << n;
    EXPECT_GT(countPrefix(s, "tree_"), 0u) << n;
  }
}

TEST(CityGenerator, SameSeedSameBytesOtherSeedOtherCity) {
  citygen::CityParams p;
  p.buildings = 300;
  p.seed = 42;
  auto a = io::encodeGlb(citygen::generateCity(p));
  auto b = io::encodeGlb(citygen::generateCity(p));
  EXPECT_EQ(a, b);
  p.seed = 43;
  EXPECT_NE(a, io::encodeGlb(citygen::generateCity(p)));
}

TEST(CityGenerator, BuildingsStandOnTheGroundInsideTheDistrictWithoutOverlapping) {
  citygen::CityParams p;
  p.buildings = 400;
  scene::Scene s = citygen::generateCity(p);
  std::vector<scene::Bounds> footprints;
  std::set<std::string> names;
  double tallest = 0;
  for (const auto& inst : s.instances) {
    const std::string& name = s.nodes[inst.node].name;
    if (name.rfind("bldg_", 0) != 0) continue;
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
    scene::Bounds local;
    for (const auto& prim : s.meshes[inst.mesh].primitives) local.extend(prim.bounds);
    scene::Bounds world = local.transformed(inst.world);
    // On its block's slab: at its feature's base elevation.
    const auto* base = s.features.column("base_elevation");
    ASSERT_NE(base, nullptr);
    EXPECT_NEAR(world.min.y, std::get<double>(base->values[s.features.find(name)]), 2e-3) << name;
    EXPECT_GT(world.max.y, 5.0) << name;
    tallest = std::max(tallest, world.max.y);
    footprints.push_back(world);
  }
  EXPECT_GT(tallest, 60.0);  // a downtown with towers
  for (size_t i = 0; i < footprints.size(); ++i)
    for (size_t j = i + 1; j < footprints.size(); ++j) {
      const auto &a = footprints[i], &b = footprints[j];
      bool overlap = a.min.x < b.max.x - 0.01 && b.min.x < a.max.x - 0.01 && a.min.z < b.max.z - 0.01 &&
                     b.min.z < a.max.z - 0.01;
      EXPECT_FALSE(overlap) << "buildings " << i << " and " << j << " overlap";
    }
}

TEST(CityGenerator, EveryFaceOfABoxPointsOutwards) {
  citygen::MeshBuilder m;
  m.box({-1, 0, -2}, {3, 5, 2}, true);
  scene::Primitive p = m.take(0);
  ASSERT_EQ(p.indices.size(), 36u);
  glm::vec3 centre(1, 2.5f, 0);
  for (size_t t = 0; t < p.indices.size(); t += 3) {
    glm::vec3 a = p.vertices[p.indices[t]].position, b = p.vertices[p.indices[t + 1]].position,
              c = p.vertices[p.indices[t + 2]].position;
    glm::vec3 geometric = glm::cross(b - a, c - a);  // counter-clockwise front face, as glTF says
    EXPECT_GT(glm::dot(geometric, (a + b + c) / 3.0f - centre), 0.0f);
    EXPECT_GT(glm::dot(geometric, p.vertices[p.indices[t]].normal), 0.0f);
  }
}

TEST(CityGenerator, WrittenCityLoadsBack) {
  citygen::CityParams p;
  p.buildings = 50;
  scene::Scene s = citygen::generateCity(p);
  auto file = test::tempDir("citygen") / "city.glb";
  ASSERT_TRUE(io::writeGlb(s, file).ok());
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r.value().instances.size(), s.instances.size());
  EXPECT_EQ(r.value().triangleCount(), s.triangleCount());
  EXPECT_TRUE(r.warnings().empty());
}

TEST(CityGenerator, BundledSampleIsWhatTheGeneratorMakes) {
  // assets/sample_city.glb is generated (tools/update_sample.sh); it must never drift from the generator.
  std::vector<uint8_t> bundled = test::readBytes(test::sourceDir() / "assets" / "sample_city.glb");
  ASSERT_FALSE(bundled.empty());
  citygen::CityParams p;
  p.buildings = 200;
  p.seed = 7;
  citygen::City city = citygen::generateCityWithLamps(p);
  EXPECT_TRUE(bundled == io::encodeGlb(city.scene)) << "assets/sample_city.glb is stale: run tools/update_sample.sh";
  std::vector<uint8_t> lamps = test::readBytes(test::sourceDir() / "assets" / "sample_city_lamps.geojson");
  EXPECT_EQ(std::string(lamps.begin(), lamps.end()), citygen::lampsGeoJson(city.lamps))
      << "assets/sample_city_lamps.geojson is stale: run tools/update_sample.sh";
}

TEST(CityGenerator, BuildingsAreFeaturesWithPropertiesInBothLayouts) {
  citygen::CityParams p;
  p.buildings = 80;
  for (bool merge : {false, true}) {
    p.merge = merge;
    scene::Scene s = citygen::generateCity(p);
    auto file = test::tempDir("citygen_features") / "city.glb";
    ASSERT_TRUE(io::writeGlb(s, file).ok());
    auto r = io::loadGltf(file);
    ASSERT_TRUE(r.ok()) << r.firstError();
    const scene::Scene& back = r.value();
    ASSERT_EQ(back.features.size(), 80u) << merge;  // buildings only: ground and trees are not features
    EXPECT_EQ(back.features.key(0), "bldg_000001");
    EXPECT_EQ(back.features.key(79), "bldg_000080");
    for (const char* column : {"usage", "type", "year_built", "floors", "floor_area", "base_elevation", "height"})
      EXPECT_NE(back.features.column(column), nullptr) << column;
    const auto* height = back.features.column("height");
    const auto* floors = back.features.column("floors");
    for (size_t i = 0; i < 80; ++i) {
      EXPECT_GT(std::get<double>(height->values[i]), 5.0);
      EXPECT_GE(std::get<int64_t>(floors->values[i]), 2);
    }
    // Every building vertex names its building; nothing else names one.
    size_t tagged = 0;
    for (const auto& inst : back.instances)
      for (const auto& prim : back.meshes[inst.mesh].primitives)
        for (const auto& v : prim.vertices) {
          EXPECT_LE(v.feature, 80u);
          tagged += v.feature != 0;
        }
    EXPECT_GT(tagged, 80u * 20);
    EXPECT_EQ(back.triangleCount(), s.triangleCount());
    EXPECT_EQ(countPrefix(back, "bldg_"), merge ? 0u : 80u);
  }
}

TEST(CityGenerator, StreetLampsAlongTheBlocksWithGeoJson) {
  citygen::CityParams p;
  p.buildings = 150;
  citygen::City city = citygen::generateCityWithLamps(p);
  ASSERT_GT(city.lamps.size(), 100u);
  EXPECT_EQ(countPrefix(city.scene, "lamp_"), city.lamps.size());
  std::set<std::string> ids;
  std::vector<scene::Bounds> buildings;
  for (const auto& inst : city.scene.instances)
    if (city.scene.nodes[inst.node].name.rfind("bldg_", 0) == 0) {
      scene::Bounds b;
      for (const auto& prim : city.scene.meshes[inst.mesh].primitives) b.extend(prim.bounds.transformed(inst.world));
      buildings.push_back(b);
    }
  for (const citygen::Lamp& l : city.lamps) {
    EXPECT_TRUE(ids.insert(l.id).second) << l.id;
    EXPECT_TRUE(l.type == "LED" || l.type == "sodium");
    EXPECT_GT(l.wattage, 0.0);
    EXPECT_GT(l.position.y, -15.0);  // on a sidewalk slab, somewhere on the rolling terrain
    EXPECT_LT(l.position.y, 15.0);
    for (const auto& b : buildings)  // never inside a building's footprint
      EXPECT_FALSE(l.position.x > b.min.x && l.position.x < b.max.x && l.position.z > b.min.z && l.position.z < b.max.z)
          << l.id;
    EXPECT_NEAR(l.lat, p.originLat, 0.05);
    EXPECT_NEAR(l.lon, p.originLon, 0.05);
  }
  auto geo = nlohmann::json::parse(citygen::lampsGeoJson(city.lamps));
  ASSERT_EQ(geo["type"], "FeatureCollection");
  ASSERT_EQ(geo["features"].size(), city.lamps.size());
  const auto& f = geo["features"][3];
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_NEAR(f["geometry"]["coordinates"][0].get<double>(), city.lamps[3].lon, 1e-7);  // GeoJSON: lon first
  EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), city.lamps[3].lat, 1e-7);
  EXPECT_EQ(f["properties"]["id"], city.lamps[3].id);
}

TEST(CityGenerator, RiverValleyTerrainAndItsHeightGrid) {
  citygen::CityParams p;
  p.buildings = 400;
  citygen::City city = citygen::generateCityWithLamps(p);
  const citygen::TerrainGrid& g = city.terrain;
  ASSERT_GT(g.cols, 20);
  ASSERT_GT(g.rows, 20);
  ASSERT_EQ(g.heights.size(), size_t(g.cols) * g.rows);
  // A valley: in every column the lowest point is well below the column's highest.
  int valleys = 0;
  for (int c = 0; c < g.cols; ++c) {
    float lo = 1e9f, hi = -1e9f;
    for (int r = 0; r < g.rows; ++r) {
      lo = std::min(lo, g.at(c, r));
      hi = std::max(hi, g.at(c, r));
    }
    valleys += hi - lo > 6.0f;
  }
  EXPECT_EQ(valleys, g.cols);
  // The river has its own mesh (the water surface on the valley floor).
  bool river = false;
  for (const auto& n : city.scene.nodes) river |= n.name == "river";
  EXPECT_TRUE(river);
  // The grid text is an ESRI ASCII grid: six header lines, then rows of cols numbers.
  std::string text = citygen::terrainAsciiGrid(g);
  EXPECT_EQ(text.rfind("ncols " + std::to_string(g.cols) + "\nnrows " + std::to_string(g.rows) + "\n", 0), 0u);
  EXPECT_NE(text.find("cellsize "), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 6 + g.rows);
}

TEST(CityGenerator, FacadesShowWholeWindowBaysAndStoreys) {
  // Walls carry UVs in tiles of 4 bays x 4 storeys: every wall quad spans a whole number of bays (each a
  // few metres wide) and, per mass, whole storeys; the facade textures are in the scene and in the file.
  citygen::CityParams p;
  p.buildings = 150;
  p.seed = 3;
  scene::Scene s = citygen::generateCity(p);
  ASSERT_FALSE(s.images.empty());
  size_t quads = 0;
  for (const scene::Mesh& m : s.meshes) {
    if (m.name.rfind("bldg_", 0) != 0) continue;
    for (const scene::Primitive& prim : m.primitives) {
      if (s.materials[prim.material].baseColor.texture < 0) continue;
      for (size_t q = 0; q + 3 < prim.vertices.size(); q += 4) {
        glm::vec2 lo(1e9f), hi(-1e9f);
        glm::vec3 plo(1e9f), phi(-1e9f);
        for (size_t k = q; k < q + 4; ++k) {
          lo = glm::min(lo, prim.vertices[k].uv0);
          hi = glm::max(hi, prim.vertices[k].uv0);
          plo = glm::min(plo, prim.vertices[k].position);
          phi = glm::max(phi, prim.vertices[k].position);
        }
        const float bays = (hi.x - lo.x) * 4.0f, storeys = (hi.y - lo.y) * 4.0f;
        const float width = std::max(phi.x - plo.x, phi.z - plo.z), height = phi.y - plo.y;
        ASSERT_NEAR(bays, std::round(bays), 1e-3) << m.name;
        ASSERT_GE(std::round(bays), 1.0f);
        EXPECT_TRUE(bays < 1.5f || width / bays > 1.5f) << m.name;  // only a narrow wall gets one narrow bay
        EXPECT_LT(width / bays, 8.0f) << m.name;
        EXPECT_NEAR(storeys, std::round(storeys), 1e-3) << m.name;
        EXPECT_GT(height / storeys, 2.5f) << m.name;  // storeys of about 3-4 m (shop floors up to 4.2 m)
        EXPECT_LT(height / storeys, 4.5f) << m.name;
        ++quads;
      }
    }
  }
  EXPECT_GT(quads, 150u * 4u);
  std::filesystem::path file = test::tempDir("citygen_facades") / "city.glb";
  ASSERT_TRUE(io::writeGlb(s, file).ok());
  auto r = io::loadGltf(file);
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r.value().images.size(), s.images.size());
  EXPECT_EQ(r.value().images[0].rgba, s.images[0].rgba);
}
