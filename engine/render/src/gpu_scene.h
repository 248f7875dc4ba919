// The scene on the GPU: one shared vertex and index buffer, textures, samplers and per-material descriptor sets.
#pragma once
#include <map>
#include <memory>
#include <vector>

#include "draw_list.h"
#include "gpu/resources.h"
#include "scene/scene.h"

namespace ct::render {

// The vertex as the GPU reads it: scene::Vertex (76 bytes) packed to 52 — normals and tangents as 16-bit
// signed normalized, colour as 8-bit unsigned normalized; positions, UVs and the feature stay exact.
struct GpuVertex {
  float position[3];
  int16_t normal[4];   // xyz, w unused
  int16_t tangent[4];  // xyz, w = handedness (+-1)
  float uv0[2];
  float uv1[2];
  uint8_t color[4];
  uint32_t feature;
};
static_assert(sizeof(GpuVertex) == 52);
GpuVertex packVertex(const scene::Vertex& v);

class GpuScene {
 public:
  GpuScene(gpu::Context& ctx, const scene::Scene& scene, VkDescriptorSetLayout materialLayout);
  ~GpuScene();

  VkBuffer vertexBuffer() const { return mVertices.handle(); }
  VkBuffer indexBuffer() const { return mIndices.handle(); }
  const std::vector<std::vector<GpuPrimitive>>& meshes() const { return mMeshes; }
  VkDescriptorSet materialSet(int material) const { return mMaterialSets[material]; }
  const scene::Material& material(int index) const { return mMaterials[index]; }
  const std::vector<scene::Material>& materials() const { return mMaterials; }
  uint64_t uploadBytes() const { return mUploadBytes; }

 private:
  bool hasImage(int texture) const;
  void uploadImages();
  VkImageView textureView(int texture, bool srgb, int slot);
  VkSampler sampler(const scene::Sampler& s);

  gpu::Context& mCtx;
  gpu::Buffer mVertices, mIndices, mMaterialData;
  std::vector<std::vector<GpuPrimitive>> mMeshes;
  std::vector<scene::Material> mMaterials;
  std::map<std::pair<int, bool>, gpu::Image> mImages;  // (scene image, sRGB)
  gpu::Image mWhite, mFlatNormal;
  std::vector<std::pair<scene::Sampler, VkSampler>> mSamplers;
  VkDescriptorPool mPool = VK_NULL_HANDLE;
  std::vector<VkDescriptorSet> mMaterialSets;
  const scene::Scene& mScene;
  uint64_t mUploadBytes = 0;
};

}  // namespace ct::render
