// The draw list, on the CPU and free of Vulkan: instances culled to the view (or to the lit area for shadows),
// grouped by mesh into instanced draws, sorted (by material, then front to back; blended back to front), and
// numbered into indirect commands. The passes only record what it says.
#pragma once
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "common/shared.h"
#include "scene/scene.h"

namespace ct::render {

// A primitive's range in the shared vertex and index buffers.
struct GpuPrimitive {
  uint32_t firstIndex = 0;
  uint32_t indexCount = 0;
  int32_t vertexOffset = 0;
  scene::Topology topology = scene::Topology::Triangles;
  int material = 0;  // index into the materials (the last one is the glTF default material)
  // Its simplified triangles in the same index buffer, over the same vertices (coarseIndexCount 0: none).
  uint32_t coarseFirstIndex = 0;
  uint32_t coarseIndexCount = 0;
};

// One (instanced) draw: a primitive and its range of per-instance data in DrawList::instances. Its indirect
// command is entry `command` of DrawList::commands.
struct DrawItem {
  const GpuPrimitive* primitive = nullptr;
  uint32_t firstInstance = 0, instanceCount = 1;
  uint32_t command = 0;
  bool mirrored = false;  // negative determinant: front faces wind clockwise
  float distance = 0.0f;  // nearest instance's centre from the eye; orders blended draws back to front
};

// The layout of VkDrawIndexedIndirectCommand (renderer.cpp asserts it), so that this file needs no Vulkan.
struct IndirectCommand {
  uint32_t indexCount = 0, instanceCount = 0, firstIndex = 0;
  int32_t vertexOffset = 0;
  uint32_t firstInstance = 0;
};

struct DrawList {
  std::vector<shader::DrawData> instances;  // per-instance data, transforms relative to the eye
  std::vector<DrawItem> opaque, blended, casters;
  std::vector<IndirectCommand> commands;  // numberCommands() fills it
  scene::Bounds visible;                  // eye-relative bounds of what is in view (the shadow map covers it)
  uint32_t viewInstances = 0;             // instances in view (before shadow casters were added)
  bool coarse = false;                    // draw primitives' coarse triangles where they have them
  void clear();
  // Numbers opaque, blended and casters in that order and writes their indirect commands (coarse ranges when
  // `coarse` is set).
  void numberCommands();
  uint64_t trianglesDrawn() const;
};

class DrawListBuilder {
 public:
  // `meshes`: per scene mesh, its primitives on the GPU; `materials`: what they index. Both outlive the builder.
  DrawListBuilder(const scene::Scene& scene, const std::vector<std::vector<GpuPrimitive>>& meshes,
                  const std::vector<scene::Material>& materials);

  // The instances inside the frustum of `viewProj` (eye-relative), transforms relative to `eye` in doubles.
  // Instances whose middle extent seen from the eye is under `minAngle` (radians; about a pixel) are left out;
  // the id image passes 0 so that it names everything there.
  void buildView(const glm::dvec3& eye, const glm::dmat4& viewProj, double minAngle, DrawList& list) const;
  // Shadow casters: opaque triangle instances whose bounds reach the lit area (light-space x/y in -1..1 of
  // `lightViewProj`, eye-relative) and that are at least `minSize` metres across.
  void buildShadow(const glm::dvec3& eye, const glm::dmat4& lightViewProj, double minSize, DrawList& list) const;

 private:
  struct InstanceInfo {
    scene::Bounds bounds;  // world, doubles
    double size = 0.0;     // the middle of its three extents: what decides whether it covers a pixel
    bool mirrored = false;
    shader::DrawData data{};  // the parts that do not depend on the eye (normal matrix, feature)
  };
  struct Group;
  shader::DrawData drawData(size_t instance, const glm::dvec3& eye) const;

  const scene::Scene& mScene;
  const std::vector<std::vector<GpuPrimitive>>& mMeshes;
  const std::vector<scene::Material>& mMaterials;
  std::vector<InstanceInfo> mInfo;
};

}  // namespace ct::render
