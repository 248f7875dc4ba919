// Graphics pipelines for dynamic rendering (no render pass objects).
#include "gpu/pipeline.h"

namespace ct::gpu {

VkShaderModule createShaderModule(Context& ctx, std::span<const uint32_t> code) {
  VkShaderModuleCreateInfo ci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  ci.codeSize = code.size_bytes();
  ci.pCode = code.data();
  VkShaderModule module;
  check(vkCreateShaderModule(ctx.device(), &ci, nullptr, &module), "vkCreateShaderModule");
  return module;
}

VkPipeline createGraphicsPipeline(Context& ctx, const PipelineDesc& d) {
  VkShaderModule vs = createShaderModule(ctx, d.vertexCode);
  VkShaderModule fs = d.fragmentCode.empty() ? VK_NULL_HANDLE : createShaderModule(ctx, d.fragmentCode);
  VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                               {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vs;
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fs;
  stages[1].pName = "main";
  std::vector<VkSpecializationMapEntry> entries;
  for (uint32_t i = 0; i < d.fragmentConstants.size(); ++i)
    entries.push_back({i, static_cast<uint32_t>(i * sizeof(uint32_t)), sizeof(uint32_t)});
  VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                            d.fragmentConstants.size() * sizeof(uint32_t), d.fragmentConstants.data()};
  if (!entries.empty()) stages[1].pSpecializationInfo = &spec;

  VkVertexInputBindingDescription binding{0, d.vertexInput.stride, VK_VERTEX_INPUT_RATE_VERTEX};
  VkPipelineVertexInputStateCreateInfo vi{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  if (d.vertexInput.stride) {
    vi.vertexBindingDescriptionCount = 1;
    vi.pVertexBindingDescriptions = &binding;
    vi.vertexAttributeDescriptionCount = static_cast<uint32_t>(d.vertexInput.attributes.size());
    vi.pVertexAttributeDescriptions = d.vertexInput.attributes.data();
  }
  VkPipelineInputAssemblyStateCreateInfo ia{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  ia.topology = d.topology;
  VkPipelineViewportStateCreateInfo vp{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  vp.viewportCount = 1;
  vp.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo rs{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  rs.polygonMode = VK_POLYGON_MODE_FILL;
  rs.lineWidth = 1.0f;
  rs.depthBiasEnable = d.depthBias;
  VkPipelineMultisampleStateCreateInfo ms{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  ms.rasterizationSamples = d.samples;
  VkPipelineDepthStencilStateCreateInfo ds{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  ds.depthTestEnable = d.depthTest;
  ds.depthWriteEnable = d.depthWrite;
  ds.depthCompareOp = d.depthCompare;
  std::vector<VkPipelineColorBlendAttachmentState> attachments(d.colorFormats.size());
  for (auto& a : attachments) {
    a.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    a.blendEnable = d.blend;
    a.srcColorBlendFactor = VK_BLEND_FACTOR_ONE;  // shaders output premultiplied colour
    a.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    a.colorBlendOp = VK_BLEND_OP_ADD;
    a.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    a.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    a.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo cb{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  cb.attachmentCount = static_cast<uint32_t>(attachments.size());
  cb.pAttachments = attachments.data();
  std::vector<VkDynamicState> dyn = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR, VK_DYNAMIC_STATE_CULL_MODE,
                                     VK_DYNAMIC_STATE_FRONT_FACE};
  if (d.depthBias) dyn.push_back(VK_DYNAMIC_STATE_DEPTH_BIAS);
  VkPipelineDynamicStateCreateInfo dy{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dy.dynamicStateCount = static_cast<uint32_t>(dyn.size());
  dy.pDynamicStates = dyn.data();
  VkPipelineRenderingCreateInfo ri{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
  ri.colorAttachmentCount = static_cast<uint32_t>(d.colorFormats.size());
  ri.pColorAttachmentFormats = d.colorFormats.data();
  ri.depthAttachmentFormat = d.depthFormat;

  VkGraphicsPipelineCreateInfo pci{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  pci.pNext = &ri;
  pci.stageCount = fs ? 2 : 1;
  pci.pStages = stages;
  pci.pVertexInputState = &vi;
  pci.pInputAssemblyState = &ia;
  pci.pViewportState = &vp;
  pci.pRasterizationState = &rs;
  pci.pMultisampleState = &ms;
  pci.pDepthStencilState = &ds;
  pci.pColorBlendState = &cb;
  pci.pDynamicState = &dy;
  pci.layout = d.layout;
  VkPipeline pipeline;
  check(vkCreateGraphicsPipelines(ctx.device(), VK_NULL_HANDLE, 1, &pci, nullptr, &pipeline), "vkCreateGraphicsPipelines");
  vkDestroyShaderModule(ctx.device(), vs, nullptr);
  if (fs) vkDestroyShaderModule(ctx.device(), fs, nullptr);
  return pipeline;
}

}  // namespace ct::gpu
