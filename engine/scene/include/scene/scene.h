// CPU scene: meshes in one vertex format, PBR materials, textures, and draw instances with world transforms.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "scene/bounds.h"
#include "scene/feature_table.h"

namespace ct::scene {

// One vertex layout for everything; the loader converts every accessor type into it.
struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};
  glm::vec2 uv0{0.0f};
  glm::vec2 uv1{0.0f};
  glm::vec4 color{1.0f};
  uint32_t feature = 0;  // feature table row + 1 (EXT_mesh_features); 0: the instance's feature, if any
};
static_assert(sizeof(Vertex) == 76, "render::packVertex packs every field of the vertex");

enum class Topology : uint8_t { Triangles, Lines, Points };

struct Primitive {
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;  // always indexed; strips, fans and loops are expanded to lists
  Topology topology = Topology::Triangles;
  int material = -1;  // -1: the glTF default material
  Bounds bounds;      // of positions, in mesh space
  // Simplified triangles over the same vertices for frames drawn while the camera moves (scene/coarse_lod.h);
  // empty: none, the full indices are drawn.
  std::vector<uint32_t> coarseIndices;
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;
};

struct TextureRef {
  int texture = -1;  // index into Scene::textures; -1: none
  int texCoord = 0;  // 0 or 1
  // KHR_texture_transform as a 2x3 affine matrix (columns: x axis, y axis, offset).
  glm::mat3 transform{1.0f};
  float scale = 1.0f;  // normalTexture.scale or occlusionTexture.strength
};

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };

// EXT_mesh_features texture ids: the feature under a texel is rowBase + (id - firstId), where id packs the texel's
// `channels` (first channel = low byte); nullId marks texels without a feature.
struct FeatureIdTextureRef {
  int texture = -1;  // index into Scene::textures; -1: none
  int texCoord = 0;
  std::vector<uint8_t> channels{0};
  uint32_t rowBase = 0;
  int64_t firstId = 0;
  int64_t nullId = -1;
  bool operator==(const FeatureIdTextureRef&) const = default;
};

struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  float metallicFactor = 1.0f;
  float roughnessFactor = 1.0f;
  glm::vec3 emissiveFactor{0.0f};  // already multiplied by KHR_materials_emissive_strength
  float alphaCutoff = 0.5f;
  AlphaMode alphaMode = AlphaMode::Opaque;
  bool doubleSided = false;
  bool unlit = false;
  TextureRef baseColor, metallicRoughness, normal, occlusion, emissive;
  // Set on materials the loader derives for primitives with feature-id textures (drawn by the id image only).
  FeatureIdTextureRef featureIds;
};

enum class Wrap : uint8_t { Repeat, ClampToEdge, MirroredRepeat };

struct Sampler {
  bool magLinear = true;
  bool minLinear = true;
  bool mipmaps = true;
  bool mipLinear = true;
  Wrap wrapS = Wrap::Repeat;
  Wrap wrapT = Wrap::Repeat;
  bool operator==(const Sampler&) const = default;
};

struct Image {
  std::string name;
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // RGBA8, row-major, top row first; empty when the image could not be read
};

struct Texture {
  int image = -1;
  Sampler sampler;
};

// A mesh placed in the world. Transforms are composed in double precision.
struct Instance {
  int mesh = -1;
  int node = -1;
  glm::dmat4 world{1.0};
  uint32_t feature = 0;  // feature table row + 1 for vertices without their own; 0: none
};

struct Node {
  std::string name;
  int parent = -1;
  int mesh = -1;
  glm::dmat4 world{1.0};
};

struct Scene {
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Texture> textures;
  std::vector<Image> images;
  std::vector<Node> nodes;          // nodes of the displayed scene, parents before children
  std::vector<Instance> instances;  // what to draw
  FeatureTable features;
  std::vector<std::string> extensionsUsed;
  Bounds bounds;  // world-space bounds of all instances

  void computeBounds();
  // World bounds of every feature row (its vertices, or instances tagged with it); empty where nothing is.
  std::vector<Bounds> featureBounds() const;
  uint64_t vertexCount() const;
  uint64_t triangleCount() const;  // triangles drawn, counting every instance
  uint64_t primitiveCount() const;
};

}  // namespace ct::scene
