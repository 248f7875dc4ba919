// Uploads a scene::Scene: geometry into shared buffers, images as sRGB or linear textures, materials as UBO ranges.
#include "gpu_scene.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/shared.h"
#include "gpu/pipeline.h"

namespace ct::render {
namespace {

// Colour slots (base colour, emissive) hold sRGB images; the others hold data.
constexpr bool kSrgbSlot[5] = {true, false, false, false, true};

VkSamplerAddressMode addressMode(scene::Wrap w) {
  switch (w) {
    case scene::Wrap::ClampToEdge: return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case scene::Wrap::MirroredRepeat: return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    default: return VK_SAMPLER_ADDRESS_MODE_REPEAT;
  }
}

// Lit windows at night for the facade materials of citygen (palette.cpp: "facade_<style>_<colour>", glass
// where the metallic-roughness texture is smooth): office styles cool white, homes warm, shops bright.
glm::vec4 windowLight(const std::string& name) {
  struct Style {
    const char* prefix;
    glm::vec4 light;
  };
  static const Style kStyles[] = {{"facade_curtain_", {0.50f, 0.56f, 0.66f, 0.35f}},
                                  {"facade_office_", {0.55f, 0.60f, 0.70f, 0.40f}},
                                  {"facade_flats_", {1.00f, 0.66f, 0.36f, 0.55f}},
                                  {"facade_house_", {1.00f, 0.60f, 0.30f, 0.45f}},
                                  {"facade_shop_", {1.60f, 1.30f, 0.85f, 0.85f}}};
  for (const Style& s : kStyles)
    if (name.rfind(s.prefix, 0) == 0) return s.light;
  return glm::vec4(0.0f);
}

void setUvTransform(shader::MaterialData& md, int slot, const scene::TextureRef& ref) {
  const glm::mat3& m = ref.transform;
  md.uvTransform[slot * 2] = glm::vec4(m[0][0], m[1][0], m[2][0], 0.0f);
  md.uvTransform[slot * 2 + 1] = glm::vec4(m[0][1], m[1][1], m[2][1], 0.0f);
}

int16_t snorm16(float x) { return static_cast<int16_t>(std::lround(std::clamp(x, -1.0f, 1.0f) * 32767.0f)); }
uint8_t unorm8(float x) { return static_cast<uint8_t>(std::lround(std::clamp(x, 0.0f, 1.0f) * 255.0f)); }

}  // namespace

GpuVertex packVertex(const scene::Vertex& v) {
  GpuVertex g{};
  for (int k = 0; k < 3; ++k) {
    g.position[k] = v.position[k];
    g.normal[k] = snorm16(v.normal[k]);
    g.tangent[k] = snorm16(v.tangent[k]);
  }
  g.tangent[3] = v.tangent.w < 0.0f ? -32767 : 32767;
  g.uv0[0] = v.uv0.x;
  g.uv0[1] = v.uv0.y;
  g.uv1[0] = v.uv1.x;
  g.uv1[1] = v.uv1.y;
  for (int k = 0; k < 4; ++k) g.color[k] = unorm8(v.color[k]);
  g.feature = v.feature;
  return g;
}

GpuScene::GpuScene(gpu::Context& ctx, const scene::Scene& scene, VkDescriptorSetLayout materialLayout)
    : mCtx(ctx), mScene(scene) {
  // Geometry: every primitive appended to one vertex and one index buffer, written in place.
  size_t vertexCount = 0, indexCount = 0;
  mMeshes.resize(scene.meshes.size());
  int defaultMaterial = static_cast<int>(scene.materials.size());
  for (size_t m = 0; m < scene.meshes.size(); ++m)
    for (const scene::Primitive& p : scene.meshes[m].primitives) {
      GpuPrimitive g;
      g.firstIndex = static_cast<uint32_t>(indexCount);
      g.indexCount = static_cast<uint32_t>(p.indices.size());
      g.vertexOffset = static_cast<int32_t>(vertexCount);
      g.topology = p.topology;
      g.material = p.material >= 0 ? p.material : defaultMaterial;
      vertexCount += p.vertices.size();
      indexCount += p.indices.size();
      mMeshes[m].push_back(g);
    }
  // Coarse triangles after all the full ones, where a primitive has them and they name its own vertices.
  auto coarseUsable = [](const scene::Primitive& p) {
    return !p.coarseIndices.empty() && p.topology == scene::Topology::Triangles &&
           std::all_of(p.coarseIndices.begin(), p.coarseIndices.end(),
                       [&](uint32_t i) { return i < p.vertices.size(); });
  };
  for (size_t m = 0; m < scene.meshes.size(); ++m)
    for (size_t k = 0; k < scene.meshes[m].primitives.size(); ++k) {
      const scene::Primitive& p = scene.meshes[m].primitives[k];
      // Optional: left out rather than letting the 32-bit first index wrap.
      if (!coarseUsable(p) || indexCount + p.coarseIndices.size() > UINT32_MAX) continue;
      mMeshes[m][k].coarseFirstIndex = static_cast<uint32_t>(indexCount);
      mMeshes[m][k].coarseIndexCount = static_cast<uint32_t>(p.coarseIndices.size());
      indexCount += p.coarseIndices.size();
    }
  mVertices =
      gpu::createBuffer(ctx, vertexCount * sizeof(GpuVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, [&](uint8_t* out) {
        for (const scene::Mesh& mesh : scene.meshes)
          for (const scene::Primitive& p : mesh.primitives)
            for (const scene::Vertex& v : p.vertices) {
              const GpuVertex g = packVertex(v);
              std::memcpy(out, &g, sizeof g);
              out += sizeof g;
            }
      });
  mIndices = gpu::createBuffer(ctx, indexCount * sizeof(uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT, [&](uint8_t* out) {
    for (const scene::Mesh& mesh : scene.meshes)
      for (const scene::Primitive& p : mesh.primitives) {
        const size_t bytes = p.indices.size() * sizeof(uint32_t);
        if (bytes) std::memcpy(out, p.indices.data(), bytes);
        out += bytes;
      }
    for (size_t m = 0; m < scene.meshes.size(); ++m)  // exactly those given a coarse range above
      for (size_t k = 0; k < scene.meshes[m].primitives.size(); ++k) {
        if (mMeshes[m][k].coarseIndexCount == 0) continue;
        const std::vector<uint32_t>& coarse = scene.meshes[m].primitives[k].coarseIndices;
        std::memcpy(out, coarse.data(), coarse.size() * sizeof(uint32_t));
        out += coarse.size() * sizeof(uint32_t);
      }
  });
  mUploadBytes = vertexCount * sizeof(GpuVertex) + indexCount * sizeof(uint32_t);

  const uint8_t white[4] = {255, 255, 255, 255}, flat[4] = {128, 128, 255, 255};
  mWhite = gpu::uploadTexture(ctx, white, 1, 1, VK_FORMAT_R8G8B8A8_UNORM, false);
  mFlatNormal = gpu::uploadTexture(ctx, flat, 1, 1, VK_FORMAT_R8G8B8A8_UNORM, false);

  mMaterials = scene.materials;
  mMaterials.push_back(scene::Material{});  // glTF default material
  uploadImages();
  size_t count = mMaterials.size();
  VkDeviceSize align = ctx.properties().limits.minUniformBufferOffsetAlignment;
  VkDeviceSize stride = (sizeof(shader::MaterialData) + align - 1) / align * align;
  std::vector<uint8_t> ubo(stride * count, 0);

  VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, static_cast<uint32_t>(count)},
                                   {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, static_cast<uint32_t>(count * 6)}};
  VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  dpci.maxSets = static_cast<uint32_t>(count);
  dpci.poolSizeCount = 2;
  dpci.pPoolSizes = sizes;
  gpu::check(vkCreateDescriptorPool(ctx.device(), &dpci, nullptr, &mPool), "vkCreateDescriptorPool");
  std::vector<VkDescriptorSetLayout> layouts(count, materialLayout);
  mMaterialSets.resize(count);
  VkDescriptorSetAllocateInfo dsai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  dsai.descriptorPool = mPool;
  dsai.descriptorSetCount = static_cast<uint32_t>(count);
  dsai.pSetLayouts = layouts.data();
  gpu::check(vkAllocateDescriptorSets(ctx.device(), &dsai, mMaterialSets.data()), "vkAllocateDescriptorSets");

  for (size_t i = 0; i < count; ++i) {
    const scene::Material& mat = mMaterials[i];
    shader::MaterialData md{};
    md.baseColorFactor = mat.baseColorFactor;
    md.emissiveCutoff = glm::vec4(mat.emissiveFactor, mat.alphaCutoff);
    md.pbr = glm::vec4(mat.metallicFactor, mat.roughnessFactor, mat.normal.scale, mat.occlusion.scale);
    md.texCoords = glm::ivec4(mat.baseColor.texCoord, mat.metallicRoughness.texCoord, mat.normal.texCoord,
                              mat.occlusion.texCoord);
    const scene::TextureRef* refs[5] = {&mat.baseColor, &mat.metallicRoughness, &mat.normal, &mat.occlusion,
                                        &mat.emissive};
    // Slots without a usable image are not sampled at all: cheaper, and the shader never filters a fallback
    // texel with UVs that were only meant to be used through a transform (quantized texcoords).
    int present = 0;
    for (int s = 0; s < 5; ++s)
      if (hasImage(refs[s]->texture)) present |= 1 << s;
    md.windowLight = windowLight(mat.name);
    md.flags = glm::ivec4(mat.emissive.texCoord, static_cast<int>(mat.alphaMode), mat.unlit ? 1 : 0, present);
    for (int s = 0; s < 5; ++s) setUvTransform(md, s, *refs[s]);
    if (hasImage(mat.featureIds.texture)) {
      const scene::FeatureIdTextureRef& f = mat.featureIds;
      int packed = 1 | (f.texCoord == 1 ? 2 : 0) | static_cast<int>(f.channels.size()) << 2;
      for (size_t c = 0; c < f.channels.size() && c < 4; ++c) packed |= (f.channels[c] & 3) << (8 + 2 * c);
      md.featureIds = glm::ivec4(packed, static_cast<int>(f.rowBase), static_cast<int>(f.firstId),
                                 static_cast<int>(f.nullId));
    }
    std::memcpy(ubo.data() + stride * i, &md, sizeof md);
  }
  mMaterialData = gpu::uploadBuffer(ctx, ubo.data(), ubo.size(), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT);

  for (size_t i = 0; i < count; ++i) {
    const scene::Material& mat = mMaterials[i];
    const scene::TextureRef* refs[5] = {&mat.baseColor, &mat.metallicRoughness, &mat.normal, &mat.occlusion,
                                        &mat.emissive};
    VkDescriptorBufferInfo bi{mMaterialData.handle(), stride * i, sizeof(shader::MaterialData)};
    VkDescriptorImageInfo ii[6];
    for (int s = 0; s < 5; ++s) {
      int tex = refs[s]->texture;
      ii[s].imageView = textureView(tex, kSrgbSlot[s], s);
      ii[s].sampler = sampler(tex >= 0 ? scene.textures[tex].sampler : scene::Sampler{});
      ii[s].imageLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    }
    // Feature ids: data, read texel by texel (nearest, top level only).
    const int idTex = mat.featureIds.texture;
    ii[5].imageView = textureView(idTex, false, 5);
    scene::Sampler nearest = idTex >= 0 ? scene.textures[idTex].sampler : scene::Sampler{};
    nearest.magLinear = nearest.minLinear = nearest.mipmaps = nearest.mipLinear = false;
    ii[5].sampler = sampler(nearest);
    ii[5].imageLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    const VkWriteDescriptorSet w[2] = {
        gpu::descriptorWrite(mMaterialSets[i], 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &bi, nullptr),
        gpu::descriptorWrite(mMaterialSets[i], 1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, nullptr, ii, 6)};
    vkUpdateDescriptorSets(ctx.device(), 2, w, 0, nullptr);
  }
}

GpuScene::~GpuScene() {
  VkDevice dev = mCtx.device();
  VkDescriptorPool pool = mPool;
  auto samplers = mSamplers;
  mCtx.deferDestroy([dev, pool, samplers] {
    vkDestroyDescriptorPool(dev, pool, nullptr);
    for (auto& s : samplers) vkDestroySampler(dev, s.second, nullptr);
  });
}

bool GpuScene::hasImage(int texture) const {
  if (texture < 0 || texture >= static_cast<int>(mScene.textures.size())) return false;
  int image = mScene.textures[texture].image;
  return image >= 0 && image < static_cast<int>(mScene.images.size()) && !mScene.images[image].rgba.empty();
}

// Every image the materials use, as sRGB (colour slots) or linear data, uploaded in one submission.
void GpuScene::uploadImages() {
  std::vector<std::pair<int, bool>> keys;
  for (const scene::Material& mat : mMaterials) {
    const scene::TextureRef* refs[5] = {&mat.baseColor, &mat.metallicRoughness, &mat.normal, &mat.occlusion,
                                        &mat.emissive};
    auto want = [&](int texture, bool srgb) {
      if (!hasImage(texture)) return;
      std::pair<int, bool> key{mScene.textures[texture].image, srgb};
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    };
    for (int s = 0; s < 5; ++s) want(refs[s]->texture, kSrgbSlot[s]);
    want(mat.featureIds.texture, false);
  }
  std::vector<gpu::TextureSource> sources;
  for (const auto& [image, srgb] : keys) {
    const scene::Image& img = mScene.images[image];
    sources.push_back({img.rgba.data(), static_cast<uint32_t>(img.width), static_cast<uint32_t>(img.height),
                       srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM, true});
    mUploadBytes += img.rgba.size();
  }
  std::vector<gpu::Image> uploaded = gpu::uploadTextures(mCtx, sources);
  for (size_t i = 0; i < keys.size(); ++i) mImages.emplace(keys[i], std::move(uploaded[i]));
}

VkImageView GpuScene::textureView(int texture, bool srgb, int slot) {
  if (!hasImage(texture)) return slot == 2 ? mFlatNormal.view() : mWhite.view();
  return mImages.at({mScene.textures[texture].image, srgb}).view();
}

VkSampler GpuScene::sampler(const scene::Sampler& s) {
  for (auto& [key, handle] : mSamplers)
    if (key == s) return handle;
  VkSamplerCreateInfo sci{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  sci.magFilter = s.magLinear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
  sci.minFilter = s.minLinear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
  sci.mipmapMode = s.mipLinear ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST;
  sci.addressModeU = addressMode(s.wrapS);
  sci.addressModeV = addressMode(s.wrapT);
  sci.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  sci.maxLod = s.mipmaps ? VK_LOD_CLAMP_NONE : 0.0f;
  VkPhysicalDeviceFeatures features;
  vkGetPhysicalDeviceFeatures(mCtx.physicalDevice(), &features);
  // Anisotropic filtering only on real GPUs: lavapipe's implementation costs minutes per frame when texture
  // coordinates change by thousands across a pixel, and CPU rendering is for correctness, not texture detail.
  bool cpu = mCtx.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  if (!cpu && features.samplerAnisotropy && s.mipmaps && s.minLinear) {
    sci.anisotropyEnable = VK_TRUE;
    sci.maxAnisotropy = std::min(8.0f, mCtx.properties().limits.maxSamplerAnisotropy);
  }
  VkSampler handle;
  gpu::check(vkCreateSampler(mCtx.device(), &sci, nullptr, &handle), "vkCreateSampler");
  mSamplers.emplace_back(s, handle);
  return handle;
}

}  // namespace ct::render
