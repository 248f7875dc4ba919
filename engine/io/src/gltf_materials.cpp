// glTF materials, textures, samplers and images → scene, including KHR_texture_transform,
// KHR_materials_unlit and KHR_materials_emissive_strength.
#include <stb_image.h>
#include <tiny_gltf.h>

#include <cmath>
#include <cstring>

#include "gltf_internal.h"
#include "gltf_values.h"
#include "image_checks.h"
#include "load_budget.h"

namespace ct::io::detail {
namespace {

double number(const tinygltf::Value& v, double fallback) { return v.IsNumber() ? v.GetNumberAsDouble() : fallback; }

glm::vec2 vec2Of(const tinygltf::Value& obj, const char* key, glm::vec2 fallback) {
  const tinygltf::Value& a = member(obj, key);
  if (!a.IsArray() || a.ArrayLen() != 2) return fallback;
  return {static_cast<float>(number(element(a, 0), fallback.x)), static_cast<float>(number(element(a, 1), fallback.y))};
}

template <typename Info>
scene::TextureRef textureRef(const Info& info, int textureCount, Diagnostics& diag, const char* slot) {
  scene::TextureRef ref;
  if (info.index < 0) return ref;
  if (info.index >= textureCount) {
    diag.error(std::string(slot) + " refers to texture " + std::to_string(info.index) + ", which does not exist");
    return ref;
  }
  ref.texture = info.index;
  ref.texCoord = info.texCoord == 1 ? 1 : 0;
  auto it = info.extensions.find("KHR_texture_transform");
  if (it != info.extensions.end() && it->second.IsObject()) {
    const tinygltf::Value& t = it->second;
    glm::vec2 offset = vec2Of(t, "offset", glm::vec2(0.0f));
    glm::vec2 scale = vec2Of(t, "scale", glm::vec2(1.0f));
    float rot = static_cast<float>(number(member(t, "rotation"), 0.0));
    if (member(t, "texCoord").IsNumber()) ref.texCoord = number(member(t, "texCoord"), 0.0) == 1.0 ? 1 : 0;
    float c = std::cos(rot), s = std::sin(rot);
    glm::mat3 T(1.0f), R(1.0f), S(1.0f);
    T[2] = glm::vec3(offset, 1.0f);
    R[0] = glm::vec3(c, -s, 0.0f);
    R[1] = glm::vec3(s, c, 0.0f);
    S[0][0] = scale.x;
    S[1][1] = scale.y;
    ref.transform = T * R * S;
  }
  return ref;
}

scene::Wrap wrapOf(int gl) {
  switch (gl) {
    case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE: return scene::Wrap::ClampToEdge;
    case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT: return scene::Wrap::MirroredRepeat;
    default: return scene::Wrap::Repeat;
  }
}

scene::Sampler samplerOf(const tinygltf::Sampler& s) {
  scene::Sampler out;
  out.magLinear = s.magFilter != TINYGLTF_TEXTURE_FILTER_NEAREST;
  switch (s.minFilter) {
    case TINYGLTF_TEXTURE_FILTER_NEAREST: out.minLinear = false; out.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_LINEAR: out.minLinear = true; out.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST: out.minLinear = false; out.mipLinear = false; break;
    case TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST: out.minLinear = true; out.mipLinear = false; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR: out.minLinear = false; out.mipLinear = true; break;
    default: break;  // LINEAR_MIPMAP_LINEAR or unset: trilinear
  }
  out.wrapS = wrapOf(s.wrapS);
  out.wrapT = wrapOf(s.wrapT);
  return out;
}

}  // namespace

bool decodeImage(tinygltf::Image* image, int index, std::string* err, std::string* warn, int, int,
                 const unsigned char* bytes, int size, void*) {
  image->image.clear();
  image->width = image->height = 0;
  const std::string what = "image " + std::to_string(index);
  auto neutral = [&](const std::string& why) {
    if (warn) *warn += what + " " + why + "; a neutral texture is used\n";
    return true;
  };
  // The size comes from the header, before any pixel is decoded: no side may pass what every Vulkan device
  // can hold, and the decoded pixels must fit the load's memory budget.
  // glTF images are PNG or JPEG; stb would also decode HDR, PSD, GIF, TGA, PIC and PNM (with larger buffers),
  // so nothing else reaches it.
  if (!bytes || size <= 0) return neutral("is empty");
  const bool png = size >= 8 && std::memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0;
  const bool jpeg = size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
  if (!png && !jpeg) return neutral("is neither PNG nor JPEG");
  std::string why;
  if (jpeg && !jpegHuffmanTablesValid(bytes, size_t(size), why)) return neutral(why);
  if (png && !pngChunksValid(bytes, size_t(size), why)) return neutral(why);
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(bytes, size, &w, &h, &comp) || w <= 0 || h <= 0)
    return neutral(std::string("could not be decoded (") +
                   (stbi_failure_reason() ? stbi_failure_reason() : "unknown format") + ")");
  if (w > kMaxImageSide || h > kMaxImageSide)
    return neutral("is " + std::to_string(w) + "x" + std::to_string(h) + ", larger than " +
                   std::to_string(kMaxImageSide) + " pixels on a side");
  // While decoding, stb holds the inflated rows (up to 8 bytes a pixel for 16-bit RGBA) and its 8-bit result
  // next to the copy kept: 16 bytes a pixel must fit; 4 are kept.
  const std::string label = what + " (" + std::to_string(w) + "x" + std::to_string(h) + ")";
  std::string error;
  if (!fitsMemory(uint64_t(w) * uint64_t(h) * 16, label, error) ||
      !chargeMemory(uint64_t(w) * uint64_t(h) * 4, label, error)) {
    if (err) *err += error + "\n";
    return false;
  }
  stbi_uc* pixels = stbi_load_from_memory(bytes, size, &w, &h, &comp, 4);
  if (!pixels || w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide) {
    if (pixels) stbi_image_free(pixels);
    return neutral(std::string("could not be decoded (") +
                   (stbi_failure_reason() ? stbi_failure_reason() : "unknown format") + ")");
  }
  image->width = w;
  image->height = h;
  image->component = 4;
  image->bits = 8;
  image->pixel_type = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
  image->image.assign(pixels, pixels + size_t(w) * size_t(h) * 4);  // the one copy: stb's buffer into the model
  stbi_image_free(pixels);
  return true;
}

void convertMaterials(tinygltf::Model& model, scene::Scene& out, Diagnostics& diag) {
  for (size_t i = 0; i < model.images.size(); ++i) {
    tinygltf::Image& src = model.images[i];
    scene::Image img;
    img.name = src.name.empty() ? src.uri : src.name;
    if (src.width > 0 && src.height > 0 && src.image.size() == size_t(src.width) * src.height * 4) {
      img.width = src.width;
      img.height = src.height;
      img.rgba = std::move(src.image);  // pixels move into the scene (they were copied twice more before)
    } else if (src.image.empty()) {
      diag.warn("image " + std::to_string(i) + (src.uri.empty() ? "" : " '" + src.uri + "'") +
                " is missing or unreadable; a neutral texture is used");
    }
    out.images.push_back(std::move(img));
  }
  for (size_t i = 0; i < model.textures.size(); ++i) {
    const tinygltf::Texture& src = model.textures[i];
    scene::Texture tex;
    if (src.source >= 0 && src.source < static_cast<int>(model.images.size())) tex.image = src.source;
    else if (src.source >= static_cast<int>(model.images.size()))
      diag.error("texture " + std::to_string(i) + " refers to image " + std::to_string(src.source) +
                 ", which does not exist");
    else diag.warn("texture " + std::to_string(i) + " has no image this loader can decode; a neutral texture is used");
    if (src.sampler >= static_cast<int>(model.samplers.size()))
      diag.error("texture " + std::to_string(i) + " refers to a missing sampler");
    else if (src.sampler >= 0) tex.sampler = samplerOf(model.samplers[src.sampler]);
    out.textures.push_back(tex);
  }
  int nTex = static_cast<int>(model.textures.size());
  for (const tinygltf::Material& src : model.materials) {
    scene::Material m;
    m.name = src.name;
    const auto& pbr = src.pbrMetallicRoughness;
    if (pbr.baseColorFactor.size() == 4)
      m.baseColorFactor = glm::vec4(pbr.baseColorFactor[0], pbr.baseColorFactor[1], pbr.baseColorFactor[2],
                                    pbr.baseColorFactor[3]);
    m.metallicFactor = static_cast<float>(pbr.metallicFactor);
    m.roughnessFactor = static_cast<float>(pbr.roughnessFactor);
    if (src.emissiveFactor.size() == 3)
      m.emissiveFactor = glm::vec3(src.emissiveFactor[0], src.emissiveFactor[1], src.emissiveFactor[2]);
    auto strength = src.extensions.find("KHR_materials_emissive_strength");
    if (strength != src.extensions.end())
      m.emissiveFactor *= static_cast<float>(number(member(strength->second, "emissiveStrength"), 1.0));
    m.unlit = src.extensions.count("KHR_materials_unlit") > 0;
    m.alphaMode = src.alphaMode == "BLEND" ? scene::AlphaMode::Blend
                  : src.alphaMode == "MASK" ? scene::AlphaMode::Mask
                                            : scene::AlphaMode::Opaque;
    m.alphaCutoff = static_cast<float>(src.alphaCutoff);
    m.doubleSided = src.doubleSided;
    m.baseColor = textureRef(pbr.baseColorTexture, nTex, diag, "baseColorTexture");
    m.metallicRoughness = textureRef(pbr.metallicRoughnessTexture, nTex, diag, "metallicRoughnessTexture");
    m.normal = textureRef(src.normalTexture, nTex, diag, "normalTexture");
    m.normal.scale = static_cast<float>(src.normalTexture.scale);
    m.occlusion = textureRef(src.occlusionTexture, nTex, diag, "occlusionTexture");
    m.occlusion.scale = static_cast<float>(src.occlusionTexture.strength);
    m.emissive = textureRef(src.emissiveTexture, nTex, diag, "emissiveTexture");
    out.materials.push_back(std::move(m));
  }
}

}  // namespace ct::io::detail
