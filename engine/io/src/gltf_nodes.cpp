// glTF node tree → draw instances: default scene, matrix/TRS in doubles, cycle checks, EXT_mesh_gpu_instancing.
#include <tiny_gltf.h>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "accessor_reader.h"
#include "gltf_internal.h"
#include "gltf_values.h"
#include "load_budget.h"

namespace ct::io::detail {
namespace {

glm::dmat4 trs(const glm::dvec3& t, const glm::dquat& r, const glm::dvec3& s) {
  glm::dmat4 m = glm::mat4_cast(r);
  m[0] *= s.x;
  m[1] *= s.y;
  m[2] *= s.z;
  m[3] = glm::dvec4(t, 1.0);
  return m;
}

glm::dmat4 localMatrix(const tinygltf::Node& n) {
  if (n.matrix.size() == 16) return glm::make_mat4(n.matrix.data());
  glm::dvec3 t(0.0), s(1.0);
  glm::dquat r(1.0, 0.0, 0.0, 0.0);
  if (n.translation.size() == 3) t = {n.translation[0], n.translation[1], n.translation[2]};
  if (n.rotation.size() == 4) r = glm::normalize(glm::dquat(n.rotation[3], n.rotation[0], n.rotation[1], n.rotation[2]));
  if (n.scale.size() == 3) s = {n.scale[0], n.scale[1], n.scale[2]};
  return trs(t, r, s);
}

// Per-instance local transforms from EXT_mesh_gpu_instancing; empty when the node has none.
std::vector<glm::dmat4> gpuInstances(const tinygltf::Model& model, const tinygltf::Node& node, int nodeIndex,
                                     Diagnostics& diag) {
  std::vector<glm::dmat4> out;
  auto ext = node.extensions.find("EXT_mesh_gpu_instancing");
  if (ext == node.extensions.end()) return out;
  const tinygltf::Value& attrs = member(ext->second, "attributes");
  std::vector<float> t, r, s;
  size_t count = 0;
  bool any = false;
  auto read = [&](const char* name, std::vector<float>& dst, int comps) {
    if (!attrs.IsObject() || !attrs.Has(name)) return;
    const int acc = intMember(attrs, name, -1);
    int got = 0;
    std::string error;
    if (!readAccessorFloat(model, acc, dst, got, error) || got != comps) {
      diag.error("node " + std::to_string(nodeIndex) + " EXT_mesh_gpu_instancing " + name + ": " +
                 (error.empty() ? "wrong accessor type" : error));
      dst.clear();
      return;
    }
    size_t n = dst.size() / comps;
    if (any && n != count) diag.error("node " + std::to_string(nodeIndex) + ": instancing attribute counts differ");
    count = n;
    any = true;
  };
  read("TRANSLATION", t, 3);
  read("ROTATION", r, 4);
  read("SCALE", s, 3);
  if (diag.failed() || !any) return out;
  std::string error;
  if (!chargeMemory(uint64_t(count) * (sizeof(glm::dmat4) + sizeof(scene::Instance)),
                    "node " + std::to_string(nodeIndex) + " EXT_mesh_gpu_instancing", error)) {
    diag.error(error);
    return out;
  }
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    glm::dvec3 tt = t.empty() ? glm::dvec3(0.0) : glm::dvec3(t[i * 3], t[i * 3 + 1], t[i * 3 + 2]);
    glm::dquat rr = r.empty() ? glm::dquat(1, 0, 0, 0)
                              : glm::normalize(glm::dquat(r[i * 4 + 3], r[i * 4], r[i * 4 + 1], r[i * 4 + 2]));
    glm::dvec3 ss = s.empty() ? glm::dvec3(1.0) : glm::dvec3(s[i * 3], s[i * 3 + 1], s[i * 3 + 2]);
    out.push_back(trs(tt, rr, ss));
  }
  return out;
}

// CESIUM_RTC: the model's positions are relative to `center`, given in the tile's Z-up frame; in glTF's
// Y-up world that centre is (x, z, -y).
glm::dmat4 rtcCenter(const tinygltf::Model& model, Diagnostics& diag) {
  auto ext = model.extensions.find("CESIUM_RTC");
  if (ext == model.extensions.end()) return glm::dmat4(1.0);
  const tinygltf::Value& c = member(ext->second, "center");
  if (!c.IsArray() || c.ArrayLen() != 3 || !element(c, 0).IsNumber() || !element(c, 1).IsNumber() ||
      !element(c, 2).IsNumber()) {
    diag.error("CESIUM_RTC center must be an array of 3 numbers");
    return glm::dmat4(1.0);
  }
  glm::dvec3 zUp(element(c, 0).GetNumberAsDouble(), element(c, 1).GetNumberAsDouble(),
                 element(c, 2).GetNumberAsDouble());
  if (!std::isfinite(zUp.x) || !std::isfinite(zUp.y) || !std::isfinite(zUp.z)) {
    diag.error("CESIUM_RTC center is not finite");
    return glm::dmat4(1.0);
  }
  return glm::translate(glm::dmat4(1.0), glm::dvec3(zUp.x, zUp.z, -zUp.y));
}

}  // namespace

void convertNodes(const tinygltf::Model& model, scene::Scene& out, bool nodeFeatures, Diagnostics& diag) {
  const int nodeCount = static_cast<int>(model.nodes.size());
  std::vector<int> roots;
  if (!model.scenes.empty()) {
    int s = model.defaultScene >= 0 ? model.defaultScene : 0;
    if (s >= static_cast<int>(model.scenes.size())) {
      diag.error("default scene " + std::to_string(s) + " does not exist");
      return;
    }
    roots = model.scenes[s].nodes;
  } else {
    std::vector<bool> isChild(nodeCount, false);
    for (const auto& n : model.nodes)
      for (int c : n.children)
        if (c >= 0 && c < nodeCount) isChild[c] = true;
    for (int i = 0; i < nodeCount; ++i)
      if (!isChild[i]) roots.push_back(i);
  }
  // Each node may be reached once: a second visit means a cycle or a node with two parents.
  std::vector<bool> visited(nodeCount, false);
  struct Item {
    int node;
    int parent;
    glm::dmat4 parentWorld;
  };
  std::vector<Item> stack;
  const glm::dmat4 rootWorld = rtcCenter(model, diag);
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, -1, rootWorld});
  while (!stack.empty() && !diag.failed()) {
    Item item = stack.back();
    stack.pop_back();
    if (item.node < 0 || item.node >= nodeCount) {
      diag.error("node " + std::to_string(item.node) + " does not exist");
      return;
    }
    if (visited[item.node]) {
      diag.error("node " + std::to_string(item.node) + " is reached twice (a cycle or two parents)");
      return;
    }
    visited[item.node] = true;
    const tinygltf::Node& src = model.nodes[item.node];
    scene::Node node;
    node.name = src.name;
    node.parent = item.parent;
    node.mesh = src.mesh;
    node.world = item.parentWorld * localMatrix(src);
    int index = static_cast<int>(out.nodes.size());
    if (src.mesh >= static_cast<int>(model.meshes.size()) || src.mesh < -1) {
      diag.error("node " + std::to_string(item.node) + " refers to mesh " + std::to_string(src.mesh) +
                 ", which does not exist");
      return;
    }
    if (src.mesh >= 0) {
      if (nodeFeatures && int64_t(out.features.size()) >= kMaxFeatureRows) {
        diag.error("the model has more than " + std::to_string(kMaxFeatureRows) + " mesh nodes to name as features");
        return;
      }
      uint32_t feature = nodeFeatures ? nodeFeature(src, item.node, out.features) : 0;
      auto instances = gpuInstances(model, src, item.node, diag);
      if (instances.empty()) out.instances.push_back({src.mesh, index, node.world, feature});
      for (const glm::dmat4& local : instances) out.instances.push_back({src.mesh, index, node.world * local, feature});
    }
    for (auto c = src.children.rbegin(); c != src.children.rend(); ++c) stack.push_back({*c, index, node.world});
    out.nodes.push_back(std::move(node));
  }
}

}  // namespace ct::io::detail
