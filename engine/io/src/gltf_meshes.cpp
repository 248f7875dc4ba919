// glTF meshes → scene meshes: attribute decoding, default morph weights, index checks, normals and tangents.
#include <tiny_gltf.h>

#include "accessor_reader.h"
#include "gltf_internal.h"
#include "load_budget.h"
#include "scene/mesh_ops.h"

namespace ct::io::detail {
namespace {

using scene::Vertex;

// Reads attribute `name` into `count` vertices through `apply`. Missing attributes are fine (returns false).
template <typename Apply>
bool readAttribute(const tinygltf::Model& model, const std::map<std::string, int>& attrs, const std::string& name,
                   size_t count, int minComponents, Diagnostics& diag, const std::string& where, Apply apply) {
  auto it = attrs.find(name);
  if (it == attrs.end()) return false;
  std::vector<float> data;
  int comps = 0;
  std::string error;
  if (!readAccessorFloat(model, it->second, data, comps, error)) {
    diag.error(where + " " + name + ": " + error);
    return false;
  }
  if (comps < minComponents || data.size() / comps != count) {
    diag.error(where + " " + name + " has " + std::to_string(data.size() / std::max(comps, 1)) +
               " elements of " + std::to_string(comps) + " components; expected " + std::to_string(count));
    return false;
  }
  for (size_t i = 0; i < count; ++i) apply(i, &data[i * comps], comps);
  return true;
}

void applyMorphTargets(const tinygltf::Model& model, const tinygltf::Primitive& prim, const std::vector<double>& weights,
                       std::vector<Vertex>& verts, Diagnostics& diag, const std::string& where) {
  // Each target with a weight touches every vertex (and decodes its accessors): bounded, so that thousands of
  // targets over one big accessor cannot stall the load.
  constexpr uint64_t kMaxMorphUpdates = 1ull << 27;
  uint64_t active = 0;
  for (size_t t = 0; t < prim.targets.size() && t < weights.size(); ++t) active += weights[t] != 0.0;
  if (active * verts.size() > kMaxMorphUpdates)
    return diag.error(where + " has " + std::to_string(active) + " weighted morph targets over " +
                      std::to_string(verts.size()) + " vertices: more than " + std::to_string(kMaxMorphUpdates) +
                      " vertex updates");
  for (size_t t = 0; t < prim.targets.size() && t < weights.size(); ++t) {
    float w = static_cast<float>(weights[t]);
    if (w == 0.0f) continue;
    const auto& target = prim.targets[t];
    readAttribute(model, target, "POSITION", verts.size(), 3, diag, where + " target", [&](size_t i, const float* v, int) {
      verts[i].position += w * glm::vec3(v[0], v[1], v[2]);
    });
    readAttribute(model, target, "NORMAL", verts.size(), 3, diag, where + " target", [&](size_t i, const float* v, int) {
      verts[i].normal += w * glm::vec3(v[0], v[1], v[2]);
    });
  }
}

// A copy of the primitive's material that carries its feature id texture (primitives with such textures are
// few: one copy each).
int materialWithFeatureIds(scene::Scene& out, int material, const scene::FeatureIdTextureRef& ids) {
  scene::Material derived = material >= 0 ? out.materials[material] : scene::Material{};
  derived.featureIds = ids;
  out.materials.push_back(derived);
  return static_cast<int>(out.materials.size()) - 1;
}

bool convertPrimitive(const tinygltf::Model& model, const tinygltf::Mesh& mesh, const tinygltf::Primitive& src,
                      const std::string& where, scene::Primitive& dst, scene::Scene& out, FeatureContext& features,
                      Diagnostics& diag) {
  if (src.mode < 0 || src.mode > 6) {
    diag.error(where + " has invalid mode " + std::to_string(src.mode));
    return false;
  }
  auto posIt = src.attributes.find("POSITION");
  if (posIt == src.attributes.end()) {
    diag.warn(where + " has no POSITION and is skipped");
    return false;
  }
  if (posIt->second < 0 || posIt->second >= static_cast<int>(model.accessors.size())) {
    diag.error(where + " POSITION refers to accessor " + std::to_string(posIt->second) + ", which does not exist");
    return false;
  }
  // Positions first: their accessor's bytes are checked before any vertex is allocated from its count.
  std::vector<float> positions;
  int positionComponents = 0;
  std::string error;
  if (!readAccessorFloat(model, posIt->second, positions, positionComponents, error) || positionComponents != 3) {
    diag.error(where + " POSITION: " + (error.empty() ? "must be VEC3" : error));
    return false;
  }
  const size_t count = positions.size() / 3;
  if (!chargeMemory(uint64_t(count) * sizeof(Vertex), where + " vertices", error)) {
    diag.error(error);
    return false;
  }
  std::vector<Vertex>& verts = dst.vertices;
  verts.assign(count, Vertex{});
  for (size_t i = 0; i < count; ++i) verts[i].position = {positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]};
  positions = {};
  bool hasNormals = readAttribute(model, src.attributes, "NORMAL", count, 3, diag, where,
                                  [&](size_t i, const float* v, int) { verts[i].normal = {v[0], v[1], v[2]}; });
  bool hasTangents = readAttribute(model, src.attributes, "TANGENT", count, 4, diag, where, [&](size_t i, const float* v, int) {
    verts[i].tangent = {v[0], v[1], v[2], v[3] < 0.0f ? -1.0f : 1.0f};
  });
  bool hasUv0 = readAttribute(model, src.attributes, "TEXCOORD_0", count, 2, diag, where,
                              [&](size_t i, const float* v, int) { verts[i].uv0 = {v[0], v[1]}; });
  bool hasUv1 = readAttribute(model, src.attributes, "TEXCOORD_1", count, 2, diag, where,
                              [&](size_t i, const float* v, int) { verts[i].uv1 = {v[0], v[1]}; });
  readAttribute(model, src.attributes, "COLOR_0", count, 3, diag, where, [&](size_t i, const float* v, int n) {
    verts[i].color = {v[0], v[1], v[2], n >= 4 ? v[3] : 1.0f};
  });
  if (diag.failed()) return false;
  scene::FeatureIdTextureRef idTexture;
  readFeatureIds(model, src, verts, out, features, diag, where, idTexture);
  if (diag.failed()) return false;
  if (!mesh.weights.empty()) applyMorphTargets(model, src, mesh.weights, verts, diag, where);
  if (hasNormals)
    for (Vertex& v : verts) {
      float len = glm::length(v.normal);
      v.normal = len > 0.0f ? v.normal / len : glm::vec3(0.0f, 1.0f, 0.0f);
    }

  std::vector<uint32_t> indices;
  if (src.indices >= 0) {
    if (!readAccessorUint(model, src.indices, indices, error)) {
      diag.error(where + " indices: " + error);
      return false;
    }
    for (uint32_t idx : indices)
      if (idx >= count) {
        diag.error(where + " index " + std::to_string(idx) + " is out of range (" + std::to_string(count) +
                   " vertices)");
        return false;
      }
  } else {
    indices.resize(count);
    for (size_t i = 0; i < count; ++i) indices[i] = static_cast<uint32_t>(i);
  }
  auto mode = static_cast<scene::GltfMode>(src.mode);
  // Strips and fans triple their indices, and a primitive without normals gets a vertex per index: both are
  // charged before they are made.
  const uint64_t expanded = scene::expandedCount(mode, indices.size());
  const bool flat = scene::topologyFor(mode) == scene::Topology::Triangles && !hasNormals;
  if (!chargeMemory(expanded * (sizeof(uint32_t) + (flat ? sizeof(Vertex) : 0)), where + " indices", error)) {
    diag.error(error);
    return false;
  }
  dst.indices = scene::expandToList(mode, indices);
  indices = {};
  dst.topology = scene::topologyFor(mode);
  dst.material = src.material;
  if (src.material >= static_cast<int>(model.materials.size()) || src.material < -1) {
    diag.error(where + " refers to material " + std::to_string(src.material) + ", which does not exist");
    return false;
  }
  if (dst.topology == scene::Topology::Triangles) {
    if (!hasNormals) scene::makeFlatNormals(dst);
    if (!hasTangents) {
      int uvSet = 0;
      if (src.material >= 0) uvSet = model.materials[src.material].normalTexture.texCoord == 1 ? 1 : 0;
      if ((uvSet == 0 && hasUv0) || (uvSet == 1 && hasUv1)) scene::generateTangents(dst, uvSet);
    }
  }
  if (idTexture.texture >= 0) dst.material = materialWithFeatureIds(out, dst.material, idTexture);
  scene::computeBounds(dst);
  return true;
}

}  // namespace

void convertMeshes(const tinygltf::Model& model, scene::Scene& out, FeatureContext& features, Diagnostics& diag) {
  out.meshes.resize(model.meshes.size());
  for (size_t m = 0; m < model.meshes.size() && !diag.failed(); ++m) {
    const tinygltf::Mesh& src = model.meshes[m];
    out.meshes[m].name = src.name;
    for (size_t p = 0; p < src.primitives.size(); ++p) {
      std::string where = "mesh " + std::to_string(m) + " primitive " + std::to_string(p);
      scene::Primitive prim;
      if (convertPrimitive(model, src, src.primitives[p], where, prim, out, features, diag))
        out.meshes[m].primitives.push_back(std::move(prim));
      if (diag.failed()) return;
    }
  }
}

}  // namespace ct::io::detail
