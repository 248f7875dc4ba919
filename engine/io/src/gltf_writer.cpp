// GLB encoding: JSON chunk (nlohmann) + one BIN chunk holding every attribute, index array and image.
#include "io/gltf_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>

#include <glm/gtc/quaternion.hpp>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include "core/file.h"

namespace ct::io {
namespace {

using nlohmann::json;

class BinBuilder {
 public:
  // Appends bytes as a new bufferView (4-byte aligned) and returns its index.
  int addView(const void* data, size_t size, json& views, int target) {
    while (mBytes.size() % 8) mBytes.push_back(0);  // 8: 64-bit metadata values must be aligned
    json v = {{"buffer", 0}, {"byteOffset", mBytes.size()}, {"byteLength", size}};
    if (target) v["target"] = target;
    views.push_back(v);
    const auto* p = static_cast<const uint8_t*>(data);
    mBytes.insert(mBytes.end(), p, p + size);
    return static_cast<int>(views.size()) - 1;
  }
  // Vertex attributes and indices go to two shared views (one each for all primitives: far less JSON than
  // a view per array); returns the byte offset within the view and sets `view` to the view's index.
  size_t addShared(bool indices, const void* data, size_t size, json& views, int& view) {
    Stream& s = mStreams[indices ? 1 : 0];
    if (s.view < 0) {
      s.view = static_cast<int>(views.size());
      views.push_back({{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 0}, {"target", indices ? 34963 : 34962}});
    }
    while (s.bytes.size() % 4) s.bytes.push_back(0);
    const size_t at = s.bytes.size();
    const auto* p = static_cast<const uint8_t*>(data);
    s.bytes.insert(s.bytes.end(), p, p + size);
    view = s.view;
    return at;
  }
  // Appends the shared streams to the buffer and fills in their views; call once, before bytes().
  void finish(json& views) {
    for (Stream& s : mStreams) {
      if (s.view < 0) continue;
      while (mBytes.size() % 8) mBytes.push_back(0);
      views[s.view]["byteOffset"] = mBytes.size();
      views[s.view]["byteLength"] = s.bytes.size();
      mBytes.insert(mBytes.end(), s.bytes.begin(), s.bytes.end());
      s = Stream{};
    }
  }
  std::vector<uint8_t>& bytes() { return mBytes; }

 private:
  struct Stream {
    std::vector<uint8_t> bytes;
    int view = -1;
  };
  std::vector<uint8_t> mBytes;
  Stream mStreams[2];  // vertex attributes, indices
};

// A texture reference, or null when the slot is empty (the transform is not written).
json textureRef(const scene::TextureRef& t, const char* scaleName = nullptr) {
  if (t.texture < 0) return nullptr;
  json j = {{"index", t.texture}};
  if (t.texCoord != 0) j["texCoord"] = t.texCoord;
  if (scaleName && t.scale != 1.0f) j[scaleName] = t.scale;
  return j;
}

// A float as the double with its shortest decimal form, so that the JSON holds "17.067295", not
// "17.06729507446289" (the same float when read back; city files have hundreds of thousands of bounds).
double shortest(float f) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, f).ptr;
  *end = '\0';
  return std::strtod(buf, nullptr);
}

json materialJson(const scene::Material& m) {
  json j;
  if (!m.name.empty()) j["name"] = m.name;
  const glm::vec4& c = m.baseColorFactor;
  j["pbrMetallicRoughness"] = {{"baseColorFactor", {c.r, c.g, c.b, c.a}},
                               {"metallicFactor", m.metallicFactor},
                               {"roughnessFactor", m.roughnessFactor}};
  if (json t = textureRef(m.baseColor); !t.is_null()) j["pbrMetallicRoughness"]["baseColorTexture"] = t;
  if (json t = textureRef(m.metallicRoughness); !t.is_null())
    j["pbrMetallicRoughness"]["metallicRoughnessTexture"] = t;
  if (json t = textureRef(m.normal, "scale"); !t.is_null()) j["normalTexture"] = t;
  if (json t = textureRef(m.occlusion, "strength"); !t.is_null()) j["occlusionTexture"] = t;
  if (json t = textureRef(m.emissive); !t.is_null()) j["emissiveTexture"] = t;
  float peak = std::max({m.emissiveFactor.r, m.emissiveFactor.g, m.emissiveFactor.b});
  if (peak > 0.0f) {
    glm::vec3 e = peak > 1.0f ? m.emissiveFactor / peak : m.emissiveFactor;
    j["emissiveFactor"] = {e.r, e.g, e.b};
    if (peak > 1.0f) j["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", peak}};
  }
  if (m.alphaMode == scene::AlphaMode::Mask) {
    j["alphaMode"] = "MASK";
    j["alphaCutoff"] = m.alphaCutoff;
  } else if (m.alphaMode == scene::AlphaMode::Blend) {
    j["alphaMode"] = "BLEND";
  }
  if (m.doubleSided) j["doubleSided"] = true;
  if (m.unlit) j["extensions"]["KHR_materials_unlit"] = json::object();
  return j;
}

template <typename F>
int addAttribute(BinBuilder& bin, json& doc, const std::vector<scene::Vertex>& verts, int components, F get) {
  std::vector<float> data(verts.size() * components);
  for (size_t i = 0; i < verts.size(); ++i) get(verts[i], &data[i * components]);
  int view = 0;
  const size_t offset = bin.addShared(false, data.data(), data.size() * sizeof(float), doc["bufferViews"], view);
  static const char* kTypes[] = {"", "SCALAR", "VEC2", "VEC3", "VEC4"};
  json a = {{"bufferView", view}, {"componentType", 5126}, {"count", verts.size()}, {"type", kTypes[components]}};
  if (offset) a["byteOffset"] = offset;
  doc["accessors"].push_back(a);
  return static_cast<int>(doc["accessors"].size()) - 1;
}

bool textured(const scene::Material& m) {
  return m.baseColor.texture >= 0 || m.metallicRoughness.texture >= 0 || m.normal.texture >= 0 ||
         m.occlusion.texture >= 0 || m.emissive.texture >= 0;
}

json primitiveJson(BinBuilder& bin, json& doc, const scene::Scene& scene, const scene::Primitive& p,
                   const GlbWriteOptions& options) {
  const size_t featureCount = scene.features.size();
  json attrs;
  int pos = addAttribute(bin, doc, p.vertices, 3, [](const scene::Vertex& v, float* o) {
    std::memcpy(o, &v.position, 12);
  });
  glm::vec3 lo(0.0f), hi(0.0f);
  if (!p.vertices.empty()) lo = hi = p.vertices[0].position;
  for (const auto& v : p.vertices) {
    lo = glm::min(lo, v.position);
    hi = glm::max(hi, v.position);
  }
  doc["accessors"][pos]["min"] = {shortest(lo.x), shortest(lo.y), shortest(lo.z)};
  doc["accessors"][pos]["max"] = {shortest(hi.x), shortest(hi.y), shortest(hi.z)};
  attrs["POSITION"] = pos;
  attrs["NORMAL"] = addAttribute(bin, doc, p.vertices, 3, [](const scene::Vertex& v, float* o) {
    std::memcpy(o, &v.normal, 12);
  });
  const bool wantUv = options.texcoords || (p.material >= 0 && p.material < int(scene.materials.size()) &&
                                            textured(scene.materials[p.material]));
  if (wantUv)
    attrs["TEXCOORD_0"] = addAttribute(bin, doc, p.vertices, 2, [](const scene::Vertex& v, float* o) {
      std::memcpy(o, &v.uv0, 8);
    });
  if (options.vertexColors)
    attrs["COLOR_0"] = addAttribute(bin, doc, p.vertices, 4, [](const scene::Vertex& v, float* o) {
      std::memcpy(o, &v.color, 16);
    });
  json prim = {{"attributes", attrs}};
  // Feature ids (EXT_mesh_features) when every vertex names a feature of the table.
  bool tagged = options.features && !p.vertices.empty() &&
                std::all_of(p.vertices.begin(), p.vertices.end(), [](const scene::Vertex& v) { return v.feature != 0; });
  if (tagged) {
    prim["attributes"]["_FEATURE_ID_0"] = addAttribute(bin, doc, p.vertices, 1, [](const scene::Vertex& v, float* o) {
      *o = static_cast<float>(v.feature - 1);
    });
    prim["extensions"]["EXT_mesh_features"] = {
        {"featureIds", json::array({{{"featureCount", featureCount}, {"attribute", 0}, {"propertyTable", 0}}})}};
  }
  bool small = p.vertices.size() <= 65535;
  int view = 0;
  size_t offset;
  if (small) {
    std::vector<uint16_t> idx(p.indices.begin(), p.indices.end());
    offset = bin.addShared(true, idx.data(), idx.size() * 2, doc["bufferViews"], view);
  } else {
    offset = bin.addShared(true, p.indices.data(), p.indices.size() * 4, doc["bufferViews"], view);
  }
  json a = {{"bufferView", view}, {"componentType", small ? 5123 : 5125}, {"count", p.indices.size()},
            {"type", "SCALAR"}};
  if (offset) a["byteOffset"] = offset;
  doc["accessors"].push_back(a);
  prim["indices"] = doc["accessors"].size() - 1;
  if (p.material >= 0) prim["material"] = p.material;
  if (p.topology != scene::Topology::Triangles) prim["mode"] = p.topology == scene::Topology::Lines ? 1 : 0;
  return prim;
}

// The feature table as one EXT_structural_metadata property table (class "feature"): STRING, BOOLEAN and
// scalar numeric columns; other column types are not written. Keys become the "id" property (semantic ID).
bool writeMetadata(BinBuilder& bin, json& doc, const scene::FeatureTable& table) {
  const size_t rows = table.size();
  json classProps = json::object(), tableProps = json::object();
  auto stringColumn = [&](const std::string& name, auto get) {
    std::vector<uint8_t> bytes;
    std::vector<uint32_t> offsets{0};
    for (size_t r = 0; r < rows; ++r) {
      std::string v = get(r);
      bytes.insert(bytes.end(), v.begin(), v.end());
      offsets.push_back(static_cast<uint32_t>(bytes.size()));
    }
    int values = bin.addView(bytes.data(), bytes.size(), doc["bufferViews"], 0);
    int offs = bin.addView(offsets.data(), offsets.size() * 4, doc["bufferViews"], 0);
    tableProps[name] = {{"values", values}, {"stringOffsets", offs}};
  };
  stringColumn("id", [&](size_t r) { return table.key(r); });
  classProps["id"] = {{"type", "STRING"}, {"semantic", "ID"}};
  for (const scene::PropertyColumn& c : table.columns()) {
    if (c.name == "id") continue;
    if (c.type == "STRING") {
      stringColumn(c.name, [&](size_t r) {
        const auto* s = std::get_if<std::string>(&c.values[r]);
        return s ? *s : std::string();
      });
      classProps[c.name] = {{"type", "STRING"}};
    } else if (c.type == "INT32" || c.type == "INT64") {
      std::vector<int64_t> v(rows, 0);
      for (size_t r = 0; r < rows; ++r)
        if (const auto* i = std::get_if<int64_t>(&c.values[r])) v[r] = *i;
      tableProps[c.name] = {{"values", bin.addView(v.data(), v.size() * 8, doc["bufferViews"], 0)}};
      classProps[c.name] = {{"type", "SCALAR"}, {"componentType", "INT64"}};
    } else if (c.type == "FLOAT32" || c.type == "FLOAT64") {
      std::vector<double> v(rows, 0.0);
      for (size_t r = 0; r < rows; ++r) {
        if (const auto* d = std::get_if<double>(&c.values[r])) v[r] = *d;
        else if (const auto* i = std::get_if<int64_t>(&c.values[r])) v[r] = static_cast<double>(*i);
      }
      tableProps[c.name] = {{"values", bin.addView(v.data(), v.size() * 8, doc["bufferViews"], 0)}};
      classProps[c.name] = {{"type", "SCALAR"}, {"componentType", "FLOAT64"}};
    }
  }
  doc["extensions"]["EXT_structural_metadata"] = {
      {"schema", {{"id", "citytwin"}, {"classes", {{"feature", {{"properties", classProps}}}}}}},
      {"propertyTables", json::array({{{"class", "feature"}, {"count", rows}, {"properties", tableProps}}})}};
  return true;
}

// Images as PNG in the binary chunk; one sampler per distinct sampler state.
void writeTextures(BinBuilder& bin, json& doc, const scene::Scene& scene, json& images, json& textures,
                   json& samplers) {
  for (const scene::Image& img : scene.images) {
    std::vector<uint8_t> png;
    if (!img.rgba.empty())
      stbi_write_png_to_func(
          [](void* ctx, void* data, int size) {
            auto* out = static_cast<std::vector<uint8_t>*>(ctx);
            out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
          },
          &png, img.width, img.height, 4, img.rgba.data(), img.width * 4);
    json j = {{"bufferView", bin.addView(png.data(), png.size(), doc["bufferViews"], 0)}, {"mimeType", "image/png"}};
    if (!img.name.empty()) j["name"] = img.name;
    images.push_back(j);
  }
  std::vector<scene::Sampler> distinct;
  for (const scene::Texture& t : scene.textures) {
    auto it = std::find(distinct.begin(), distinct.end(), t.sampler);
    if (it == distinct.end()) {
      const scene::Sampler& sm = t.sampler;
      auto wrap = [](scene::Wrap w) {
        return w == scene::Wrap::ClampToEdge ? 33071 : w == scene::Wrap::MirroredRepeat ? 33648 : 10497;
      };
      const int minFilter = !sm.mipmaps ? (sm.minLinear ? 9729 : 9728)
                            : sm.minLinear ? (sm.mipLinear ? 9987 : 9985)
                                           : (sm.mipLinear ? 9986 : 9984);
      samplers.push_back({{"magFilter", sm.magLinear ? 9729 : 9728}, {"minFilter", minFilter},
                          {"wrapS", wrap(sm.wrapS)}, {"wrapT", wrap(sm.wrapT)}});
      it = distinct.insert(distinct.end(), sm);
    }
    json j = {{"sampler", it - distinct.begin()}};
    if (t.image >= 0) j["source"] = t.image;
    textures.push_back(j);
  }
}

void appendChunk(std::vector<uint8_t>& out, const std::vector<uint8_t>& payload, uint32_t type, uint8_t pad) {
  uint32_t len = static_cast<uint32_t>((payload.size() + 3) & ~size_t(3));
  const uint32_t header[2] = {len, type};
  const auto* h = reinterpret_cast<const uint8_t*>(header);
  out.insert(out.end(), h, h + 8);
  out.insert(out.end(), payload.begin(), payload.end());
  out.resize(out.size() + (len - payload.size()), pad);
}

}  // namespace

std::vector<uint8_t> encodeGlb(const scene::Scene& scene, const GlbWriteOptions& options) {
  json doc;
  doc["asset"] = {{"version", "2.0"}, {"generator", "citytwin"}};
  doc["bufferViews"] = json::array();
  doc["accessors"] = json::array();
  BinBuilder bin;
  json meshes = json::array();
  for (const scene::Mesh& m : scene.meshes) {
    json prims = json::array();
    for (const scene::Primitive& p : m.primitives)
      prims.push_back(primitiveJson(bin, doc, scene, p, options));
    json mj = {{"primitives", prims}};
    if (!m.name.empty()) mj["name"] = m.name;
    meshes.push_back(mj);
  }
  json materials = json::array();
  bool emissiveStrength = false, unlit = false;
  for (const scene::Material& m : scene.materials) {
    materials.push_back(materialJson(m));
    emissiveStrength |= materials.back().contains("extensions") &&
                        materials.back()["extensions"].contains("KHR_materials_emissive_strength");
    unlit |= m.unlit;
  }
  json images = json::array(), textures = json::array(), samplers = json::array();
  writeTextures(bin, doc, scene, images, textures, samplers);
  json nodes = json::array(), roots = json::array();
  // Meshes drawn many times (trees, lamps) become one node with EXT_mesh_gpu_instancing: far smaller files
  // and far fewer nodes to parse than a node per copy.
  std::vector<size_t> uses(scene.meshes.size(), 0);
  for (const scene::Instance& inst : scene.instances)
    if (inst.mesh >= 0 && inst.mesh < static_cast<int>(uses.size())) ++uses[inst.mesh];
  std::map<int, std::vector<const scene::Instance*>> instanced;
  bool gpuInstancing = false;
  for (const scene::Instance& inst : scene.instances) {
    if (options.instancingMinCopies > 0 && uses[inst.mesh] >= options.instancingMinCopies) {
      instanced[inst.mesh].push_back(&inst);
      continue;
    }
    json n = {{"mesh", inst.mesh}};
    if (inst.node >= 0 && inst.node < static_cast<int>(scene.nodes.size()) && !scene.nodes[inst.node].name.empty())
      n["name"] = scene.nodes[inst.node].name;
    glm::dmat4 moved(1.0);
    moved[3] = inst.world[3];
    if (inst.world == moved) {  // translated only (buildings): three numbers instead of sixteen
      if (inst.world != glm::dmat4(1.0)) n["translation"] = {inst.world[3].x, inst.world[3].y, inst.world[3].z};
    } else {
      json mat = json::array();
      for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) mat.push_back(inst.world[c][r]);
      n["matrix"] = mat;
    }
    roots.push_back(nodes.size());
    nodes.push_back(n);
  }
  for (const auto& [mesh, list] : instanced) {
    // Per-copy TRS relative to the first copy's position (kept in doubles on the node).
    const glm::dvec3 base(list.front()->world[3]);
    std::vector<float> t, r, sc;
    for (const scene::Instance* inst : list) {
      glm::dmat3 m(inst->world);
      glm::dvec3 scale(glm::length(m[0]), glm::length(m[1]), glm::length(m[2]));
      if (glm::determinant(m) < 0.0) scale.x = -scale.x;
      glm::dmat3 rot(m[0] / scale.x, m[1] / scale.y, m[2] / scale.z);
      glm::dquat q = glm::quat_cast(rot);
      glm::dvec3 at = glm::dvec3(inst->world[3]) - base;
      t.insert(t.end(), {float(at.x), float(at.y), float(at.z)});
      r.insert(r.end(), {float(q.x), float(q.y), float(q.z), float(q.w)});
      sc.insert(sc.end(), {float(scale.x), float(scale.y), float(scale.z)});
    }
    const size_t copies = list.size();  // (C++20 lambdas may not capture structured bindings under clang 14)
    auto accessor = [&](const std::vector<float>& data, int comps) {
      int view = bin.addView(data.data(), data.size() * sizeof(float), doc["bufferViews"], 0);
      doc["accessors"].push_back({{"bufferView", view}, {"componentType", 5126}, {"count", copies},
                                  {"type", comps == 3 ? "VEC3" : "VEC4"}});
      return doc["accessors"].size() - 1;
    };
    json n = {{"mesh", mesh}, {"translation", {base.x, base.y, base.z}}};
    if (!scene.meshes[mesh].name.empty()) n["name"] = scene.meshes[mesh].name + "_instances";
    n["extensions"]["EXT_mesh_gpu_instancing"] = {
        {"attributes", {{"TRANSLATION", accessor(t, 3)}, {"ROTATION", accessor(r, 4)}, {"SCALE", accessor(sc, 3)}}}};
    roots.push_back(nodes.size());
    nodes.push_back(n);
    gpuInstancing = true;
  }
  doc["scene"] = 0;
  doc["scenes"] = json::array({{{"nodes", roots}}});
  doc["nodes"] = nodes;
  doc["meshes"] = meshes;
  if (!materials.empty()) doc["materials"] = materials;
  if (!images.empty()) doc["images"] = images;
  if (!textures.empty()) doc["textures"] = textures;
  if (!samplers.empty()) doc["samplers"] = samplers;
  bool features = options.features && !scene.features.empty() && writeMetadata(bin, doc, scene.features);
  json used = json::array();
  if (gpuInstancing) used.push_back("EXT_mesh_gpu_instancing");
  if (features) {
    used.push_back("EXT_mesh_features");
    used.push_back("EXT_structural_metadata");
  }
  if (emissiveStrength) used.push_back("KHR_materials_emissive_strength");
  if (unlit) used.push_back("KHR_materials_unlit");
  if (!used.empty()) doc["extensionsUsed"] = used;
  bin.finish(doc["bufferViews"]);
  if (bin.bytes().empty()) {
    doc.erase("bufferViews");
    doc.erase("accessors");
  } else {
    doc["buffers"] = json::array({{{"byteLength", bin.bytes().size()}}});
  }

  std::string text = doc.dump();
  std::vector<uint8_t> out(12, 0);
  appendChunk(out, std::vector<uint8_t>(text.begin(), text.end()), 0x4E4F534A, ' ');
  if (!bin.bytes().empty()) appendChunk(out, bin.bytes(), 0x004E4942, 0);
  const uint32_t header[3] = {0x46546C67, 2, static_cast<uint32_t>(out.size())};
  std::memcpy(out.data(), header, 12);
  return out;
}

Result<bool> writeGlb(const scene::Scene& scene, const std::filesystem::path& path, const GlbWriteOptions& options) {
  std::vector<uint8_t> bytes = encodeGlb(scene, options);
  return writeFileAtomic(path, bytes.data(), bytes.size());
}

}  // namespace ct::io
