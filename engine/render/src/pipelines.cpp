// Descriptor layouts and every pipeline of the frame, created once per renderer.
#include <cstddef>

#include <algorithm>

#include "frame.h"
#include "gpu/pipeline.h"
#include "shaders/shaders.h"

namespace ct::render {
namespace {

VkDescriptorSetLayout makeSetLayout(gpu::Context& ctx, std::vector<VkDescriptorSetLayoutBinding> bindings) {
  VkDescriptorSetLayoutCreateInfo ci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  ci.bindingCount = static_cast<uint32_t>(bindings.size());
  ci.pBindings = bindings.data();
  VkDescriptorSetLayout layout;
  gpu::check(vkCreateDescriptorSetLayout(ctx.device(), &ci, nullptr, &layout), "vkCreateDescriptorSetLayout");
  return layout;
}

VkPipelineLayout makeLayout(gpu::Context& ctx, std::vector<VkDescriptorSetLayout> sets, uint32_t pushBytes) {
  VkPushConstantRange range{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, pushBytes};
  VkPipelineLayoutCreateInfo ci{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  ci.setLayoutCount = static_cast<uint32_t>(sets.size());
  ci.pSetLayouts = sets.data();
  ci.pushConstantRangeCount = pushBytes ? 1 : 0;
  ci.pPushConstantRanges = &range;
  VkPipelineLayout layout;
  gpu::check(vkCreatePipelineLayout(ctx.device(), &ci, nullptr, &layout), "vkCreatePipelineLayout");
  return layout;
}

gpu::VertexInput vertexInput() {
  using V = GpuVertex;
  gpu::VertexInput vi;
  vi.stride = sizeof(V);
  vi.attributes = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(V, position)},
      {1, 0, VK_FORMAT_R16G16B16A16_SNORM, offsetof(V, normal)},
      {2, 0, VK_FORMAT_R16G16B16A16_SNORM, offsetof(V, tangent)},
      {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(V, uv0)},
      {4, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(V, uv1)},
      {5, 0, VK_FORMAT_R8G8B8A8_UNORM, offsetof(V, color)},
      {6, 0, VK_FORMAT_R32_UINT, offsetof(V, feature)},
  };
  return vi;
}

constexpr VkPrimitiveTopology kTopologies[3] = {VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST, VK_PRIMITIVE_TOPOLOGY_LINE_LIST,
                                                VK_PRIMITIVE_TOPOLOGY_POINT_LIST};

}  // namespace

void setSampleCount(gpu::Context& ctx, Pipelines& p, VkSampleCountFlagBits samples) {
  // The current set is kept (none at first creation); a set built before for `samples` comes back.
  if (p.sky != VK_NULL_HANDLE) {
    Pipelines::SampleSet& kept = p.spare[p.samples];
    std::copy(&p.model[0][0], &p.model[0][0] + 9, &kept.model[0][0]);
    kept.sky = p.sky;
    kept.halo = p.halo;
  }
  p.samples = samples;
  if (auto it = p.spare.find(samples); it != p.spare.end()) {
    std::copy(&it->second.model[0][0], &it->second.model[0][0] + 9, &p.model[0][0]);
    p.sky = it->second.sky;
    p.halo = it->second.halo;
    p.spare.erase(it);
    return;
  }
  for (int t = 0; t < 3; ++t)
    for (int mode = 0; mode < 3; ++mode) {
      const bool blend = mode == 2;
      gpu::PipelineDesc d;
      d.vertexCode = shaders::get("model.vert");
      d.fragmentCode = shaders::get("model.frag");
      d.layout = p.modelLayout;
      d.vertexInput = vertexInput();
      d.topology = kTopologies[t];
      d.colorFormats = {kHdrFormat};
      d.depthFormat = kDepthFormat;
      d.samples = samples;
      d.blend = blend;
      d.depthWrite = !blend;
      d.fragmentConstants = {mode == 1 ? 1u : 0u};  // ALPHA_MASK
      p.model[t][mode] = gpu::createGraphicsPipeline(ctx, d);
    }
  {
    gpu::PipelineDesc d;
    d.vertexCode = shaders::get("fullscreen.vert");
    d.fragmentCode = shaders::get("sky.frag");
    d.layout = p.modelLayout;
    d.colorFormats = {kHdrFormat};
    d.depthFormat = kDepthFormat;
    d.samples = samples;
    d.depthTest = true;  // at depth 0 (the far clear value): passes only where nothing was drawn
    d.depthCompare = VK_COMPARE_OP_EQUAL;
    d.depthWrite = false;
    p.sky = gpu::createGraphicsPipeline(ctx, d);
  }
  {
    // Halos add light: premultiplied "over" with alpha 0 is src + dst. Depth-tested, never written.
    gpu::PipelineDesc d;
    d.vertexCode = shaders::get("halo.vert");
    d.fragmentCode = shaders::get("halo.frag");
    d.layout = p.modelLayout;
    d.colorFormats = {kHdrFormat};
    d.depthFormat = kDepthFormat;
    d.samples = samples;
    d.blend = true;
    d.depthWrite = false;
    p.halo = gpu::createGraphicsPipeline(ctx, d);
  }
}

Pipelines createPipelines(gpu::Context& ctx, VkSampleCountFlagBits samples) {
  Pipelines p;
  p.samples = samples;
  const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
  p.frameSetLayout = makeSetLayout(ctx, {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, vf, nullptr},
                                         {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
                                         {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
                                         {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, vf, nullptr},
                                         // point lights (halos read them in the vertex stage), cluster ranges, indices
                                         {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, vf, nullptr},
                                         {5, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
                                         {6, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}});
  std::vector<VkDescriptorSetLayoutBinding> material = {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, vf, nullptr}};
  for (uint32_t slot = 1; slot <= 6; ++slot)  // base colour, metallic-roughness, normal, occlusion, emissive, ids
    material.push_back({slot, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr});
  p.materialSetLayout = makeSetLayout(ctx, material);
  p.postSetLayout = makeSetLayout(ctx, {{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}});
  p.modelLayout = makeLayout(ctx, {p.frameSetLayout, p.materialSetLayout}, 0);
  p.postLayout = makeLayout(ctx, {p.postSetLayout}, 32);

  setSampleCount(ctx, p, samples);
  for (int t = 0; t < 3; ++t) {
    gpu::PipelineDesc d;
    d.vertexCode = shaders::get("id.vert");
    d.fragmentCode = shaders::get("id.frag");
    d.layout = p.modelLayout;
    d.vertexInput = vertexInput();
    d.topology = kTopologies[t];
    d.colorFormats = {kIdFormat};
    d.depthFormat = kDepthFormat;
    p.id[t] = gpu::createGraphicsPipeline(ctx, d);
  }
  {
    gpu::PipelineDesc d;
    d.vertexCode = shaders::get("shadow.vert");
    d.layout = p.modelLayout;
    d.vertexInput = vertexInput();
    d.depthFormat = kDepthFormat;
    d.depthCompare = VK_COMPARE_OP_LESS_OR_EQUAL;
    d.depthBias = true;
    p.shadow = gpu::createGraphicsPipeline(ctx, d);
    d.fragmentCode = shaders::get("shadow.frag");
    p.shadowMasked = gpu::createGraphicsPipeline(ctx, d);
  }
  {
    gpu::PipelineDesc d;
    d.vertexCode = shaders::get("fullscreen.vert");
    d.fragmentCode = shaders::get("post.frag");
    d.layout = p.postLayout;
    d.colorFormats = {kOutputFormat};
    d.depthTest = false;
    d.depthWrite = false;
    p.post = gpu::createGraphicsPipeline(ctx, d);
  }
  return p;
}

void destroyPipelines(gpu::Context& ctx, Pipelines& p) {
  VkDevice dev = ctx.device();
  for (auto& [samples, set] : p.spare) {
    for (auto& row : set.model)
      for (VkPipeline& pl : row) vkDestroyPipeline(dev, pl, nullptr);
    vkDestroyPipeline(dev, set.sky, nullptr);
    vkDestroyPipeline(dev, set.halo, nullptr);
  }
  for (auto& row : p.model)
    for (VkPipeline& pl : row) vkDestroyPipeline(dev, pl, nullptr);
  for (VkPipeline& pl : p.id) vkDestroyPipeline(dev, pl, nullptr);
  vkDestroyPipeline(dev, p.shadow, nullptr);
  vkDestroyPipeline(dev, p.shadowMasked, nullptr);
  vkDestroyPipeline(dev, p.sky, nullptr);
  vkDestroyPipeline(dev, p.halo, nullptr);
  vkDestroyPipeline(dev, p.post, nullptr);
  vkDestroyPipelineLayout(dev, p.modelLayout, nullptr);
  vkDestroyPipelineLayout(dev, p.postLayout, nullptr);
  vkDestroyDescriptorSetLayout(dev, p.frameSetLayout, nullptr);
  vkDestroyDescriptorSetLayout(dev, p.materialSetLayout, nullptr);
  vkDestroyDescriptorSetLayout(dev, p.postSetLayout, nullptr);
  p = Pipelines{};
}

}  // namespace ct::render
