// Culling, grouping and sorting of the draw list (CPU only; tested without a GPU in test/draw_list_test.cpp).
#include "draw_list.h"

#include <algorithm>
#include <map>

#include "geo/frustum.h"

namespace ct::render {

// One group per (mesh, mirrored): its visible instances become one instanced draw per primitive.
struct DrawListBuilder::Group {
  std::vector<shader::DrawData> data;
  double nearest = 1e300;
};

void DrawList::clear() {
  instances.clear();
  opaque.clear();
  blended.clear();
  casters.clear();
  commands.clear();
  visible = {};
  viewInstances = 0;
  coarse = false;
}

void DrawList::numberCommands() {
  commands.clear();
  for (std::vector<DrawItem>* items : {&opaque, &blended, &casters})
    for (DrawItem& d : *items) {
      d.command = static_cast<uint32_t>(commands.size());
      const GpuPrimitive& p = *d.primitive;
      const bool c = coarse && p.coarseIndexCount > 0;
      commands.push_back({c ? p.coarseIndexCount : p.indexCount, d.instanceCount, c ? p.coarseFirstIndex : p.firstIndex,
                          p.vertexOffset, d.firstInstance});
    }
}

uint64_t DrawList::trianglesDrawn() const {
  uint64_t n = 0;
  for (const auto* items : {&opaque, &blended, &casters})
    for (const DrawItem& d : *items)
      if (d.primitive->topology == scene::Topology::Triangles) {
        const GpuPrimitive& p = *d.primitive;
        n += uint64_t((coarse && p.coarseIndexCount > 0 ? p.coarseIndexCount : p.indexCount) / 3) * d.instanceCount;
      }
  return n;
}

DrawListBuilder::DrawListBuilder(const scene::Scene& scene, const std::vector<std::vector<GpuPrimitive>>& meshes,
                                 const std::vector<scene::Material>& materials)
    : mScene(scene), mMeshes(meshes), mMaterials(materials) {
  mInfo.reserve(scene.instances.size());
  for (const scene::Instance& inst : scene.instances) {
    InstanceInfo info;
    for (const scene::Primitive& prim : scene.meshes[inst.mesh].primitives)
      info.bounds.extend(prim.bounds.transformed(inst.world));
    if (!info.bounds.empty()) {
      const glm::dvec3 e = info.bounds.max - info.bounds.min;
      info.size = std::max(std::min(e.x, e.y), std::min(std::max(e.x, e.y), e.z));
    }
    const glm::dmat3 m(inst.world);
    info.mirrored = glm::determinant(m) < 0.0;
    const glm::dmat3 normal = glm::transpose(glm::inverse(m));
    for (int c = 0; c < 3; ++c) info.data.normalCols[c] = glm::vec4(glm::vec3(normal[c]), 0.0f);
    info.data.ids = glm::uvec4(inst.feature, 0u, 0u, 0u);
    mInfo.push_back(info);
  }
}

shader::DrawData DrawListBuilder::drawData(size_t i, const glm::dvec3& eye) const {
  shader::DrawData d = mInfo[i].data;
  glm::dmat4 rel = mScene.instances[i].world;
  rel[3] -= glm::dvec4(eye, 0.0);
  d.model = glm::mat4(rel);
  return d;
}

namespace {

// Turns groups into draw items whose instance ranges are appended to `data`, then sorts them: by material (state
// changes are what cost on CPU devices: one indirect call per run of equal state), then front to back within it
// so that early depth tests skip more hidden fragments; blended draws back to front.
template <typename GroupMap>
void emit(GroupMap& groups, const std::vector<std::vector<GpuPrimitive>>& meshes,
          const std::vector<scene::Material>& materials, std::vector<shader::DrawData>& data,
          std::vector<DrawItem>& opaque, std::vector<DrawItem>* blended, bool shadowCasters) {
  for (auto& [key, g] : groups) {
    const auto first = static_cast<uint32_t>(data.size());
    data.insert(data.end(), g.data.begin(), g.data.end());
    for (const GpuPrimitive& prim : meshes[key.first]) {
      const bool blend = materials[prim.material].alphaMode == scene::AlphaMode::Blend;
      if (shadowCasters && (blend || prim.topology != scene::Topology::Triangles)) continue;
      DrawItem d;
      d.primitive = &prim;
      d.firstInstance = first;
      d.instanceCount = static_cast<uint32_t>(g.data.size());
      d.mirrored = key.second;
      d.distance = static_cast<float>(g.nearest);
      (blend && blended ? *blended : opaque).push_back(d);
    }
  }
  std::sort(opaque.begin(), opaque.end(), [](const DrawItem& a, const DrawItem& b) {
    if (a.primitive->material != b.primitive->material) return a.primitive->material < b.primitive->material;
    if (a.mirrored != b.mirrored) return a.mirrored < b.mirrored;
    return a.distance < b.distance;
  });
  if (blended)
    std::stable_sort(blended->begin(), blended->end(),
                     [](const DrawItem& a, const DrawItem& b) { return a.distance > b.distance; });
}

}  // namespace

void DrawListBuilder::buildView(const glm::dvec3& eye, const glm::dmat4& viewProj, double minAngle,
                                DrawList& list) const {
  const geo::Frustum frustum = geo::Frustum::fromViewProj(viewProj);
  const double sceneRadius = mScene.bounds.radius();
  scene::Bounds visibleLarge;
  std::map<std::pair<int, bool>, Group> groups;
  for (size_t i = 0; i < mScene.instances.size(); ++i) {
    const scene::Bounds& wb = mInfo[i].bounds;
    if (wb.empty()) continue;
    const glm::dvec3 lo = wb.min - eye, hi = wb.max - eye;
    if (!frustum.intersectsBox(lo, hi)) continue;
    if (minAngle > 0.0 && mInfo[i].size < minAngle * glm::length(glm::clamp(glm::dvec3(0.0), lo, hi))) continue;
    // The shadow map is fitted to what is in view; things as large as the scene (a ground plane, a merged road
    // network) would stretch it over everything, so they only count when nothing else does.
    scene::Bounds& fit = glm::length(hi - lo) < 0.5 * sceneRadius ? list.visible : visibleLarge;
    fit.extend(lo);
    fit.extend(hi);
    Group& g = groups[{mScene.instances[i].mesh, mInfo[i].mirrored}];
    g.data.push_back(drawData(i, eye));
    g.nearest = std::min(g.nearest, glm::length(0.5 * (lo + hi)));
  }
  if (list.visible.empty()) list.visible = visibleLarge;
  const size_t before = list.instances.size();
  emit(groups, mMeshes, mMaterials, list.instances, list.opaque, &list.blended, false);
  list.viewInstances += static_cast<uint32_t>(list.instances.size() - before);
}

void DrawListBuilder::buildShadow(const glm::dvec3& eye, const glm::dmat4& lightViewProj, double minSize,
                                  DrawList& list) const {
  std::map<std::pair<int, bool>, Group> groups;
  for (size_t i = 0; i < mScene.instances.size(); ++i) {
    const scene::Bounds& wb = mInfo[i].bounds;
    if (wb.empty() || mInfo[i].size < minSize) continue;
    const scene::Bounds light = scene::Bounds{wb.min - eye, wb.max - eye}.transformed(lightViewProj);
    if (light.max.x < -1.0 || light.min.x > 1.0 || light.max.y < -1.0 || light.min.y > 1.0) continue;
    groups[{mScene.instances[i].mesh, false}].data.push_back(drawData(i, eye));
  }
  emit(groups, mMeshes, mMaterials, list.instances, list.casters, nullptr, true);
}

}  // namespace ct::render
