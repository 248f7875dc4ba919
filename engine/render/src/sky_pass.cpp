// Sky: the background gradient, drawn inside the scene pass after the opaque geometry and only where the depth
// is still the cleared far value, so covered pixels are never shaded (skipped for other backgrounds).
#include "frame.h"

namespace ct::render {

void recordSky(const FrameContext& f) {
  if (f.settings->background != Background::Sky) return;
  VkCommandBuffer cmd = f.cmd;
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, f.pipelines->sky);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, f.pipelines->modelLayout, 0, 1, &f.frameSet, 0, nullptr);
  vkCmdDraw(cmd, 3, 1, 0, 0);
}

}  // namespace ct::render
