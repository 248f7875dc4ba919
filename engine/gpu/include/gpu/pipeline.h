// Graphics pipeline creation for dynamic rendering; viewport, scissor, cull mode, front face and depth bias are dynamic.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <vector>

#include "gpu/context.h"

namespace ct::gpu {

struct VertexInput {
  uint32_t stride = 0;
  std::vector<VkVertexInputAttributeDescription> attributes;
};

struct PipelineDesc {
  std::span<const uint32_t> vertexCode;
  std::span<const uint32_t> fragmentCode;  // empty: depth-only
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VertexInput vertexInput;  // stride 0: no vertex buffer (fullscreen passes)
  VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  std::vector<VkFormat> colorFormats;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool blend = false;        // premultiplied-by-alpha "over" blending
  bool depthTest = true;
  bool depthWrite = true;
  VkCompareOp depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL;  // reverse-Z
  bool depthBias = false;
  std::vector<uint32_t> fragmentConstants;  // specialization constants 0, 1, ... of the fragment shader
};

VkShaderModule createShaderModule(Context& ctx, std::span<const uint32_t> code);

// One descriptor write of `count` buffers or images (pass exactly one of them) into set/binding.
inline VkWriteDescriptorSet descriptorWrite(VkDescriptorSet set, uint32_t binding, VkDescriptorType type,
                                            const VkDescriptorBufferInfo* buffers, const VkDescriptorImageInfo* images,
                                            uint32_t count = 1) {
  VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  w.dstSet = set;
  w.dstBinding = binding;
  w.descriptorCount = count;
  w.descriptorType = type;
  w.pBufferInfo = buffers;
  w.pImageInfo = images;
  return w;
}
VkPipeline createGraphicsPipeline(Context& ctx, const PipelineDesc& desc);

}  // namespace ct::gpu
